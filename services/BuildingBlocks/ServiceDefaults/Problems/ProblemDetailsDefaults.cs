using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Problems;

/// <summary>What every problem details response carries, whoever produced it.</summary>
public static class ProblemDetailsDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Type ??= ProblemTypes.For(status);
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.TryAdd("code", HttpErrorCodes.ForStatus(status));
        problem.Extensions.Remove("traceId");
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        if (status >= 500 && status != 503)
        {
            // Never show internals; the request id finds the logged exception.
            problem.Title = "An unexpected error occurred";
            problem.Detail = "The error has been logged. Quote the requestId when reporting it.";
            problem.Extensions.Remove("exception");
        }
    }
}
