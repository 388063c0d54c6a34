using ServiceDefaults.Hosting;
using ServiceDefaults.ServiceClients;

namespace Plans.Api.RegisterMetrics.Reconciliation;

/// <summary>
/// The <c>Registers:{Register}</c> section (<c>Registers:Enterprises</c>): where a register's owner
/// serves it, for reconciliation. Without a <see cref="BaseUrl"/> the copy lives on the events alone
/// and reconciliation is off. Named options, one per register.
/// </summary>
public sealed class RegisterOptions
{
    public static string SectionOf(string register) => $"Registers:{char.ToUpperInvariant(register[0])}{register[1..]}";

    /// <summary>Base address of the owner's API (or the gateway), e.g. <c>http://localhost:8080</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Token endpoint for the client-credentials grant; without it the register is called without a token.</summary>
    /// <remarks>This and <see cref="ClientId"/>, <see cref="ClientSecret"/> and <see cref="Scope"/> are who the register client calls as (<see cref="ClientCredentialsOptions"/>).</remarks>
    public string? TokenUrl { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Scope requested with the token; the register's read scope (<c>enterprises.read</c>) when not set.</summary>
    public string? Scope { get; set; }

    /// <summary>Reconcile once when the service starts.</summary>
    public bool ReconcileOnStartup { get; set; } = true;

    /// <summary>
    /// How long the start-up pass keeps retrying an unreachable register before it gives up until the next start or request:
    /// zero to a day.
    /// </summary>
    public TimeSpan StartupRetryFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First pause between start-up attempts, positive and at most a day; it doubles up to a minute.</summary>
    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    internal static bool IsValid(RegisterOptions o) =>
        !o.IsConfigured || (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    /// <summary>
    /// The start-up pass can wait for its pauses (<see cref="Waits"/>) and add its retry time to today: a pause past the
    /// runtime's longest wait, or a negative one, threw out of the pass when it first retried.
    /// </summary>
    internal static bool HasWaits(RegisterOptions o) =>
        Waits.IsWait(o.StartupRetryDelay) && o.StartupRetryFor >= TimeSpan.Zero && o.StartupRetryFor <= TimeSpan.FromDays(1);

    /// <summary>The client credentials the register client calls with.</summary>
    internal void CopyTo(ClientCredentialsOptions credentials, string register)
    {
        credentials.TokenUrl = TokenUrl;
        credentials.ClientId = ClientId;
        credentials.ClientSecret = ClientSecret;
        credentials.Scope = Scope ?? $"{register}.read";
    }
}
