using SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Http;

/// <summary>
/// Refuses a NUL character (<c>%00</c>) in any query value with a 400 that names the parameter:
/// PostgreSQL refuses NUL in text, and no value of this API has a use for it. The same rule as
/// <see cref="Json.NoNulStringConverter"/> for bodies, so no endpoint checks it itself (the server
/// already refuses %00 in a path).
/// </summary>
internal sealed class NulCharacterMiddleware(RequestDelegate next)
{
    private const string Message = "NUL characters are not allowed.";

    public Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in context.Request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                errors[key.Replace("\0", "", StringComparison.Ordinal)] = [Message];
            }
        }

        return errors.Count == 0
            ? next(context)
            : throw new BadRequestException(ErrorCodes.InvalidParameter,
                $"{string.Join(", ", errors.Keys.Select(k => $"'{k}'"))} contains a NUL character.", errors);
    }
}
