using SharedKernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Http;

/// <summary>
/// Strong entity tags made from a resource's version number, and the If-Match check that
/// guards every update (RFC 9110 §13.1.1): 428 when the header is missing, 412 when stale.
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    public static void RequireMatch(HttpRequest request, long currentVersion)
    {
        var current = For(currentVersion);
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            throw new PreconditionRequiredException();
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter,
                "If-Match must hold one or more quoted entity tags, such as \"3\".",
                new Dictionary<string, string[]> { ["If-Match"] = ["Not a valid entity tag list."] });
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (!tag.IsWeak && tag.Tag == current)))
        {
            return;
        }

        throw new PreconditionFailedException(current);
    }

    /// <summary>For actions where If-Match is optional (status changes, deletes): checked only when sent.</summary>
    public static void RequireMatchIfPresent(HttpRequest request, long currentVersion)
    {
        if (request.Headers.IfMatch.Count > 0)
        {
            RequireMatch(request, currentVersion);
        }
    }

    public static void Set(HttpResponse response, long version) =>
        response.Headers.ETag = For(version);
}
