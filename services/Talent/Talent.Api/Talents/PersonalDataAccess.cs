using System.Security.Claims;
using ServiceDefaults.Auth;
using ServiceDefaults.Problems;
using SharedKernel.Access;
using SharedKernel.Errors;

namespace Talent.Api.Talents;

/// <summary>
/// What a request may ask about personal data. A filter by identity number or phone is a question
/// only talent.pii may ask (403 without it), and even then never in a URL, which proxies, access logs
/// and browser histories keep (400: the look-up takes it in a body).
/// </summary>
internal static class PersonalDataAccess
{
    public static readonly IReadOnlyList<string> Fields = ["idNumber", "phone"];

    /// <summary>Refuses a query string that names a personal-data field, without repeating its value.</summary>
    public static void EnsureNotInUrl(HttpRequest request, ClaimsPrincipal caller)
    {
        var named = request.Query.Keys.Where(key => Fields.Contains(key.Trim(), StringComparer.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
        {
            return;
        }

        EnsureMaySee(caller, $"Filtering by {string.Join(" or ", named.Select(n => n.Trim()))}");
        throw new BadRequestException(ErrorCodes.InvalidParameter,
            "Identity numbers and phones are never sent in a URL, which proxies and access logs keep; send them in the body of POST /api/v1/talents/lookup.",
            named.ToDictionary(n => n.Trim(), _ => new[] { "Send it in the body of POST /api/v1/talents/lookup." }));
    }

    /// <summary>403 unless the caller holds talent.pii.</summary>
    public static void EnsureMaySee(ClaimsPrincipal caller, string what)
    {
        if (!caller.HasScope(Scopes.TalentPii))
        {
            throw new ForbiddenException("Personal data needs talent.pii", $"{what} needs the talent.pii scope.");
        }
    }
}
