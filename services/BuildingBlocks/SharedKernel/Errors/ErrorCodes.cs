namespace SharedKernel.Errors;

/// <summary>
/// Stable machine codes carried in the <c>code</c> member of every problem details response.
/// Clients branch on these, so a code once published is never renamed.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidJson = "invalidJson";
    public const string InvalidParameter = "invalidParameter";
    public const string BodyRequired = "bodyRequired";
    public const string ValidationFailed = "validationFailed";
    public const string NotFound = "notFound";
    public const string Conflict = "conflict";
    public const string AlreadyExists = "alreadyExists";
    public const string PreconditionFailed = "preconditionFailed";
    public const string PreconditionRequired = "preconditionRequired";
    public const string PayloadTooLarge = "payloadTooLarge";
    public const string UnsupportedMediaType = "unsupportedMediaType";
    public const string MethodNotAllowed = "methodNotAllowed";
    public const string IdempotencyKeyReused = "idempotencyKeyReused";
    public const string RateLimited = "rateLimited";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string ServiceUnavailable = "serviceUnavailable";
    public const string InternalError = "internalError";

    /// <summary>The code used when a status is produced without a more specific one.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidParameter,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => ValidationFailed,
        428 => PreconditionRequired,
        429 => RateLimited,
        503 => ServiceUnavailable,
        _ => status >= 500 ? InternalError : "error",
    };
}
