namespace ServiceDefaults.ServiceClients;

/// <summary>
/// Who a service is when it calls another: an OAuth2 client of the token endpoint (the gateway's
/// <c>/connect/token</c>, or any OpenID Connect issuer). Without a <see cref="TokenUrl"/> the calls
/// go out without a token.
/// </summary>
public sealed class ClientCredentialsOptions
{
    /// <summary>The token endpoint for the client-credentials grant.</summary>
    public string? TokenUrl { get; set; }

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for, space-separated; none when empty.</summary>
    public string? Scope { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TokenUrl);

    /// <summary>Nothing configured, or an absolute http(s) token URL with a client id and secret.</summary>
    public bool IsValid =>
        !IsConfigured
        || (Uri.TryCreate(TokenUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret));
}

/// <summary>
/// The token endpoint refused the client or answered something other than a token. An
/// <see cref="HttpRequestException"/>, as the call it was for could not be made.
/// </summary>
public sealed class TokenRequestException(string message, Exception? inner = null) : HttpRequestException(message, inner);
