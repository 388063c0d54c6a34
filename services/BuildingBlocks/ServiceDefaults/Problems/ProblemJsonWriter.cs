using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the caller's <c>Accept</c>
/// says. The framework's writer declines when Accept excludes JSON (<c>text/csv</c>, <c>text/html</c>),
/// which turned a 404 into a 500 with an empty body; an error has one representation, and a caller
/// that asked for CSV still needs to learn what went wrong.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, MediaType,
            context.HttpContext.RequestAborted));
    }
}
