namespace ServiceDefaults.Auth;

/// <summary>
/// The <c>Auth</c> section: which OpenID Connect issuers' tokens this service accepts. By default the
/// gateway's; an external issuer (Keycloak, …) is added or substituted by configuration alone.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<IssuerOptions> Issuers { get; set; } = [];
}

public sealed class IssuerOptions
{
    /// <summary>Base URL of the issuer; its discovery document is at /.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience its tokens must carry.</summary>
    public string Audience { get; set; } = SharedKernel.Access.Scopes.Audience;

    /// <summary>
    /// Whether discovery must be fetched over HTTPS. Null: required except for a loopback authority,
    /// the local gateway.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>
    /// The claim of this issuer's tokens that names the caller's unit (a 牵头/责任单位 such as 区科技局), read as
    /// the <c>unit</c> claim. The gateway's tokens carry <c>unit</c> itself; an external issuer may call it otherwise.
    /// </summary>
    public string UnitClaim { get; set; } = Caller.UnitClaim;
}
