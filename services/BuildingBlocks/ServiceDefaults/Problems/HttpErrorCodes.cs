using SharedKernel.Errors;

namespace ServiceDefaults.Problems;

/// <summary>
/// Codes of problems only the HTTP layer produces (a request line or header section too large, a
/// header value no hop can carry, a token that cannot be read), beside the domain's
/// <see cref="ErrorCodes"/>. Published like those: never renamed.
/// </summary>
public static class HttpErrorCodes
{
    public const string InvalidToken = "invalidToken";
    public const string InvalidHeader = "invalidHeader";
    public const string UriTooLong = "uriTooLong";
    public const string HeadersTooLarge = "headersTooLarge";
    public const string RequestTimeout = "requestTimeout";

    /// <summary>The code of a status produced without a more specific one (by routing, the server, the proxy).</summary>
    public static string ForStatus(int status) => status switch
    {
        408 => RequestTimeout,
        414 => UriTooLong,
        431 => HeadersTooLarge,
        _ => ErrorCodes.ForStatus(status),
    };
}
