using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ServiceDefaults.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ServiceDefaults.OpenApi;

/// <summary>
/// Documents every status an operation can answer, from what the endpoint is: 400 always; 401 always (a
/// public operation still refuses a token that is sent but not valid); 403 where a scope is required;
/// 404 with path parameters; 412, and 428 where required, with If-Match; 413, 415 and 422 with a body;
/// 429 always, from the gateway; and whatever else the endpoint declares (<c>.ProducesProblem(409)</c>
/// where the domain can refuse, 503 where a dependency can be down). Each is an
/// <c>application/problem+json</c> body, unless the endpoint declares another body for the status (the
/// token endpoint's OAuth 2 error object); a body the handler reads itself has no 415 or 422. Every response carries X-Request-Id; successes carry ETag where
/// the endpoint sets one and Location when they create; 429 and 503 carry Retry-After, 401 WWW-Authenticate.
/// </summary>
internal sealed class ProblemResponsesOperationFilter(IOptions<RequestLimitsOptions> limits) : IOperationFilter
{
    public const string ProblemMediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null);
        var ifMatch = metadata.OfType<IfMatchMetadata>().LastOrDefault();
        var bodyTypes = BodyMediaTypes(operation);
        operation.Responses ??= [];

        var statuses = new Dictionary<int, string>
        {
            [400] = "The request could not be read: malformed JSON, a wrong type, an unknown field or enum value, a bad query parameter or header (`code`: invalidJson, invalidParameter, invalidHeader, bodyRequired).",
            [401] = secured
                ? "No bearer token, or one that is expired, malformed or not issued for this API."
                : "A bearer token was sent but is not valid (expired, malformed, from an untrusted issuer). This operation needs none: send none, or a valid one.",
            [429] = "Too many requests from this client or address (the gateway's rate limit): wait `Retry-After` seconds.",
        };
        if (secured)
        {
            statuses[403] = "The token lacks the scope, or the resource lies outside the token's region.";
        }

        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
        {
            statuses[404] = "A resource named in the path does not exist, or is not visible to the caller.";
        }

        if (ifMatch is not null)
        {
            statuses[412] = "If-Match does not name the current ETag: the resource changed since it was read. Read it again and reapply the change.";
            if (ifMatch.Required)
            {
                statuses[428] = "If-Match is missing: send the ETag of your last read.";
            }
        }

        if (bodyTypes.Count > 0)
        {
            var maxBytes = limits.Value.MaxBodyBytesOf(new EndpointMetadataCollection(metadata));
            statuses[413] = $"The body is larger than {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.";
        }

        if (bodyTypes.Count > 0 && !metadata.OfType<HandlerReadBodyMetadata>().Any())
        {
            statuses[415] = $"The body is not {string.Join(" or ", bodyTypes)}{(bodyTypes.Any(t => t.EndsWith("json", StringComparison.Ordinal)) ? ", or is JSON in another charset than UTF-8" : "")}.";
            statuses[422] = "The request was read but breaks a rule: `errors` names each field with its messages (`code`: validationFailed, idempotencyKeyReused, or the rule's own).";
        }

        foreach (var (status, text) in statuses)
        {
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse { Description = text });
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
        foreach (var (key, response) in operation.Responses.ToList())
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            var status = int.Parse(key, CultureInfo.InvariantCulture);
            if (status >= 400 && DeclaredErrorBody(metadata, status) is null)
            {
                concrete.Description = statuses.GetValueOrDefault(status) ?? DeclaredDescription(status, concrete.Description);
                concrete.Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = problem } };
            }

            AddHeaders(concrete, status, metadata, context.Document);
        }

        operation.Responses = Sorted(operation.Responses);
    }

    /// <summary>A body other than problem details the endpoint declares for an error status.</summary>
    private static Type? DeclaredErrorBody(IList<object> metadata, int status) =>
        metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
            .Where(p => p.StatusCode == status && p.Type is not null && p.Type != typeof(void)
                && !typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(p.Type))
            .Select(p => p.Type)
            .LastOrDefault();

    private static List<string> BodyMediaTypes(OpenApiOperation operation) =>
        operation.RequestBody?.Content?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];

    /// <summary>What a status the endpoint declares itself means, where its declaration says no more than the status.</summary>
    private static string DeclaredDescription(int status, string? declared) => status switch
    {
        409 when declared is null or "Conflict" =>
            "The resource's state forbids the change, or it already exists: `code` says which (alreadyExists, planPublished, planArchived …).",
        403 when declared is null or "Forbidden" =>
            "A token was sent that does not reach the resource: it lacks the scope, or the resource lies outside the token's region.",
        503 when declared is null or "Service Unavailable" => "A service or store this operation needs cannot be reached; retry later.",
        _ => declared ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };

    private static void AddHeaders(OpenApiResponse response, int status, IList<object> metadata, OpenApiDocument document)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        var names = new List<string> { ContractHeaders.RequestId };
        if (status is >= 200 and < 300 && metadata.OfType<ETagMetadata>().Any())
        {
            names.Add(ContractHeaders.ETag);
        }

        names.AddRange(status switch
        {
            201 => [ContractHeaders.Location],
            401 => [ContractHeaders.WwwAuthenticate],
            429 or 503 => [ContractHeaders.RetryAfter],
            _ => [],
        });
        foreach (var name in names)
        {
            response.Headers[name] = ContractHeaders.Reference(name, document);
        }
    }

    private static OpenApiResponses Sorted(OpenApiResponses responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (key, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sorted[key] = response;
        }

        return sorted;
    }
}
