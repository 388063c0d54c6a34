using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServiceDefaults.Json;
using SharedKernel.Errors;
using static ServiceDefaults.Problems.ProblemDetailsFactory;

namespace ServiceDefaults.Problems;

/// <summary>
/// The one place where exceptions become problem details. Anything not recognised here
/// falls through to the default handler, which answers a bare 500 without internals.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, IEnumerable<IProblemMapper> mappers)
    : IExceptionHandler
{
    /// <summary>When a client may try again after a 503: a store or service that cannot be reached.</summary>
    private const string UnavailableRetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiException api => Create(api.Status, api.Code, api.Title, api.Message, api.Errors),
            DomainException domain => FromDomain(domain),
            BadHttpRequestException bad => FromBadHttpRequest(context, bad),
            JsonException json => FromJson(json),
            _ => mappers.Select(m => m.Map(exception)).FirstOrDefault(p => p is not null),
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == 401)
        {
            context.Response.Headers.WWWAuthenticate = exception is InvalidTokenException ? "Bearer error=\"invalid_token\"" : "Bearer";
        }

        if (problem.Status == 503)
        {
            context.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>Each kind of domain error has its status here, and only here.</summary>
    private static ProblemDetails FromDomain(DomainException domain) => domain switch
    {
        NotFoundException => Create(404, domain.Code, domain.Title, domain.Message),
        ConflictException => Create(409, domain.Code, domain.Title, domain.Message),
        ForbiddenException => Create(403, domain.Code, domain.Title, domain.Message),
        AuthenticationRequiredException => Create(401, domain.Code, domain.Title, domain.Message),
        RuleViolationException rule => Create(422, domain.Code, domain.Title, domain.Message, rule.Errors),
        UnavailableException => Create(503, domain.Code, domain.Title, domain.Message),
        _ => Create(422, domain.Code, domain.Title, domain.Message),
    };

    private static ProblemDetails FromBadHttpRequest(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        return bad.StatusCode switch
        {
            408 => Create(408, HttpErrorCodes.RequestTimeout, "Request timeout",
                "The request body arrived too slowly or not at all; send it at once, as its Content-Length says."),
            413 => Create(413, ErrorCodes.PayloadTooLarge, "Request body too large", bad.Message),
            415 => Create(415, ErrorCodes.UnsupportedMediaType, "Unsupported media type",
                "Send the body as application/json."),
            _ when ExpectsBody(context.Request) && (HasNoBody(context.Request) || MissingBody().IsMatch(bad.Message)) =>
                Create(400, ErrorCodes.BodyRequired, "The request could not be read", "A JSON request body is required."),
            _ => FromBindingFailure(bad),
        };
    }

    private static ProblemDetails FromBindingFailure(BadHttpRequestException bad)
    {
        // Minimal APIs report a query or route value of the wrong type as
        // 'Failed to bind parameter "int page" from "abc".', and a missing one as 'Required parameter
        // "int year" was not provided from query string.' Name the parameter as the caller wrote it.
        if (MissingParameter().Match(bad.Message) is { Success: true } missing)
        {
            var required = JsonNamingPolicy.CamelCase.ConvertName(missing.Groups["name"].Value);
            return Create(400, ErrorCodes.InvalidParameter, "The request could not be read", $"The parameter '{required}' is required.",
                new Dictionary<string, string[]> { [required] = ["A value is required."] });
        }

        var match = BindFailure().Match(bad.Message);
        if (!match.Success)
        {
            return Create(400, ErrorCodes.InvalidParameter, "The request could not be read", bad.Message);
        }

        var name = JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
        var value = match.Groups["value"].Value;
        return Create(400, ErrorCodes.InvalidParameter, "The request could not be read",
            $"The value '{value}' is not valid for parameter '{name}'.",
            new Dictionary<string, string[]> { [name] = [$"'{value}' is not a valid value."] });
    }

    private static ProblemDetails FromJson(JsonException json)
    {
        var field = json is FieldJsonException { Field: { } member } ? member : JsonPath.ToFieldName(json.Path);
        // Only our own converters' messages are shown; the serializer's name internal .NET types.
        var message = json switch
        {
            FieldJsonException => json.Message,
            _ when json.Message.Contains("could not be mapped", StringComparison.Ordinal) => "Unknown field: it is not part of this resource.",
            _ when json.Message.StartsWith("Duplicate propert", StringComparison.Ordinal) =>
                "A member appears more than once (names are case-insensitive); send each once.",
            _ => "The value is missing, malformed or of the wrong type.",
        };
        var position = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
        return Create(400, ErrorCodes.InvalidJson, "The request body is not valid",
            $"The JSON body could not be read at '{json.Path ?? "$"}'{position}.",
            new Dictionary<string, string[]> { [field] = [message] });
    }

    private static bool ExpectsBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    private static bool HasNoBody(HttpRequest request) =>
        request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any());

    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" was not provided from (?!body)")]
    private static partial Regex MissingParameter();

    [GeneratedRegex("^(Required parameter \"[^\"]*\" was not provided from body|Implicit body inferred for parameter \"[^\"]*\" but no body was provided)")]
    private static partial Regex MissingBody();
}
