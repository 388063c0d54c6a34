using Microsoft.OpenApi;

namespace ServiceDefaults.OpenApi;

/// <summary>The response headers the document names, defined once under <c>components.headers</c> and referenced by each response.</summary>
internal static class ContractHeaders
{
    public const string RequestId = "X-Request-Id";
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string WwwAuthenticate = "WWW-Authenticate";

    public static IReadOnlyDictionary<string, OpenApiHeader> Definitions { get; } = new Dictionary<string, OpenApiHeader>
    {
        [RequestId] = Header("The request's correlation id: the caller's X-Request-Id when usable, else one the gateway generated. Quote it when reporting a problem.",
            128, "^[A-Za-z0-9._:-]{1,128}$"),
        [ETag] = Header("The resource's version as a strong entity tag, e.g. \"3\". Send it back in If-Match to change the resource.", 22, "^\"[0-9]{1,20}\"$"),
        [Location] = Header("The path of the resource created.", 2000, null),
        [RetryAfter] = Header("Seconds to wait before retrying.", 10, "^[0-9]{1,10}$"),
        [WwwAuthenticate] = Header("The Bearer challenge (RFC 6750): error=\"invalid_token\" when a token was sent but is not valid.", 200, null),
    };

    public static OpenApiHeaderReference Reference(string name, OpenApiDocument document) => new(name, document);

    private static OpenApiHeader Header(string description, int maxLength, string? pattern) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength, Pattern = pattern },
    };
}
