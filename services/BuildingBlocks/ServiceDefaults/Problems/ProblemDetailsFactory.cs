using Microsoft.AspNetCore.Mvc;

namespace ServiceDefaults.Problems;

/// <summary>Builds a problem with the members every answer carries: type, status, title, detail, code.</summary>
public static class ProblemDetailsFactory
{
    public static ProblemDetails Create(int status, string code, string title, string detail,
        IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = ProblemTypes.For(status),
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }
}
