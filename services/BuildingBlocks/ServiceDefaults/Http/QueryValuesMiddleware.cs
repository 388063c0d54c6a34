using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Http;

/// <summary>
/// Bounds every query parameter once, for every list and filter of every service: a value longer
/// than <see cref="RequestLimitsOptions.MaxQueryValueLength"/> (a 7,000-character title search is a
/// costly LIKE and no filter's value is that long) or holding a NUL character (PostgreSQL refuses NUL
/// in text, and no value of this API has a use for it) is a 400 that names the parameter. Bodies
/// follow the same NUL rule through <see cref="Json.NoNulStringConverter"/>.
/// </summary>
internal sealed class QueryValuesMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue)
        {
            return next(context);
        }

        var max = options.Value.MaxQueryValueLength;
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in context.Request.Query)
        {
            var name = Shown(key.Replace("\0", "", StringComparison.Ordinal));
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                errors[name] = ["NUL characters are not allowed."];
            }
            else if (key.Length > max || values.Any(v => v?.Length > max))
            {
                errors[name] = [$"At most {max} characters are accepted."];
            }
        }

        return errors.Count == 0
            ? next(context)
            : throw new BadRequestException(ErrorCodes.InvalidParameter,
                $"{string.Join(", ", errors.Keys.Select(k => $"'{k}'"))} cannot be taken as sent.", errors);
    }

    /// <summary>A parameter name as the caller sent it, cut short so a long one is not echoed whole.</summary>
    private static string Shown(string key) => key.Length <= 64 ? key : key[..64] + "…";
}
