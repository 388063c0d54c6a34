using System.ComponentModel.DataAnnotations;

namespace Gateway.Tokens;

/// <summary>The <c>TokenIssuer</c> section: the gateway's own OAuth2 client-credentials issuer.</summary>
public sealed class TokenIssuerOptions
{
    public const string Section = "TokenIssuer";

    /// <summary>The issuer URL written into tokens and discovery (the gateway's public base URL).</summary>
    [Required]
    public string Issuer { get; set; } = "http://localhost:8080";

    /// <summary>Access token lifetime; short, since clients fetch a new one with their credentials.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// An RSA private key (PKCS#8 PEM) to sign with, for replicas that must share one key. When set,
    /// the key folder is not used; rotate it with <see cref="PublishedKeyPems"/>.
    /// </summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>
    /// Keys (PEM, private or public) published in the JWKS and accepted beside the signing key, never
    /// signed with: a rotation publishes the next key here first, on every replica; then signs with
    /// it and keeps the previous one here until the tokens it signed have expired (one token
    /// lifetime); then drops it. Only with <see cref="SigningKeyPem"/>.
    /// </summary>
    [MaxLength(4)]
    public List<string> PublishedKeyPems { get; set; } = [];

    /// <summary>Where the signing keys are kept (generated on first run) when no key is configured.</summary>
    [Required]
    public string KeyDirectory { get; set; } = "data/keys";

    /// <summary>A key older than this is replaced at start-up; the previous one stays in the JWKS.</summary>
    public TimeSpan KeyRotation { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The clients allowed to ask for tokens.</summary>
    public List<ClientRegistration> Clients { get; set; } = [];
}

/// <summary>A client allowed the client-credentials grant.</summary>
public sealed class ClientRegistration
{
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>
    /// <c>sha256:</c> and the hex SHA-256 of the secret. Secrets are long random strings, not
    /// passwords, so a plain digest is enough; the secret itself is never stored.
    /// </summary>
    [Required]
    public string SecretHash { get; set; } = "";

    /// <summary>
    /// The scopes the client may hold: plans.read, plans.write, …, talent.pii, admin; or <c>*</c> for
    /// every scope and <c>*.read</c> for every read scope, so that configuration need not repeat the list.
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The scopes <see cref="Scopes"/> grants, patterns expanded.</summary>
    public IReadOnlyList<string> GrantedScopes => Scopes.SelectMany(Expand).Distinct().ToList();

    /// <summary>The known scopes an entry names: itself, or those its <c>*</c> pattern matches (none when unknown).</summary>
    public static IEnumerable<string> Expand(string entry) => entry switch
    {
        "*" => SharedKernel.Access.Scopes.All,
        ['*', .. var suffix] => SharedKernel.Access.Scopes.All.Where(s => s.EndsWith(suffix, StringComparison.Ordinal)),
        _ => SharedKernel.Access.Scopes.All.Where(s => s == entry),
    };

    /// <summary>Optional region code: the client writes only in this region and those below it.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Optional unit (a 牵头/责任单位 such as 区科技局, as plans name it): the client reports figures and task
    /// progress only where a plan names this unit. Sent as the <c>unit</c> claim.
    /// </summary>
    public string? Unit { get; set; }
}
