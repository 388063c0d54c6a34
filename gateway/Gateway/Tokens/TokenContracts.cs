using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Gateway.Tokens;

/// <summary>
/// A client-credentials grant (RFC 6749 §4.4), as form fields. The client authenticates with
/// client_id and client_secret here, or with HTTP Basic (client_secret_basic) instead.
/// </summary>
public sealed record TokenRequest
{
    public const int MaxFieldLength = 1000;

    /// <summary>Always client_credentials.</summary>
    [JsonPropertyName("grant_type")]
    [Required]
    [MaxLength(MaxFieldLength)]
    public required string GrantType { get; init; }

    /// <summary>The client's id, unless sent with HTTP Basic.</summary>
    [JsonPropertyName("client_id")]
    [MaxLength(MaxFieldLength)]
    public string? ClientId { get; init; }

    /// <summary>The client's secret, unless sent with HTTP Basic.</summary>
    [JsonPropertyName("client_secret")]
    [MaxLength(MaxFieldLength)]
    public string? ClientSecret { get; init; }

    /// <summary>The scopes wanted, separated by spaces (plans.read enterprises.write …); all the client may hold when absent.</summary>
    [JsonPropertyName("scope")]
    [MaxLength(MaxFieldLength)]
    public string? Scope { get; init; }

    /// <summary>An example body for the document: the local administrator deploy/run.sh configures.</summary>
    public static TokenRequest Example => new()
    {
        GrantType = "client_credentials", ClientId = "local-admin", ClientSecret = "0f3c…(printed by deploy/run.sh)", Scope = "plans.write enterprises.write",
    };

    public static TokenRequest From(IFormCollection form) => new()
    {
        GrantType = form["grant_type"].ToString(),
        ClientId = NullIfEmpty(form["client_id"].ToString()),
        ClientSecret = NullIfEmpty(form["client_secret"].ToString()),
        Scope = NullIfEmpty(form["scope"].ToString()),
    };

    /// <summary>Whether every field is within its documented length.</summary>
    [JsonIgnore]
    public bool IsWithinLimits =>
        new[] { GrantType, ClientId, ClientSecret, Scope }.All(value => (value?.Length ?? 0) <= MaxFieldLength);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>An access token (RFC 6749 §5.1).</summary>
/// <param name="AccessToken">The bearer token (a JWT signed RS256) to send as Authorization: Bearer ….</param>
/// <param name="TokenType">Always Bearer.</param>
/// <param name="ExpiresIn">Seconds until it expires; ask for a new one then.</param>
/// <param name="Scope">The scopes it carries, separated by spaces.</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token"), MaxLength(TokenResponse.MaxTokenLength)] string AccessToken,
    [property: JsonPropertyName("token_type"), MaxLength(10)] string TokenType,
    [property: JsonPropertyName("expires_in"), Range(1, 86400)] int ExpiresIn,
    [property: JsonPropertyName("scope"), MaxLength(TokenRequest.MaxFieldLength)] string Scope)
{
    public const int MaxTokenLength = 8192;
}

/// <summary>Why no token was issued (RFC 6749 §5.2): what OAuth client libraries read.</summary>
/// <param name="Error">invalid_request, invalid_client, unsupported_grant_type or invalid_scope.</param>
/// <param name="ErrorDescription">What went wrong, for a person to read.</param>
public sealed record OAuthError(
    [property: JsonPropertyName("error"), MaxLength(30)] string Error,
    [property: JsonPropertyName("error_description"), MaxLength(1000)] string ErrorDescription);
