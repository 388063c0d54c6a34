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

    public static void RequireMatch(HttpRequest request, long currentVersion) => IfMatch.From(request).Require(currentVersion);

    /// <summary>For actions where If-Match is optional (status changes, deletes): checked only when sent.</summary>
    public static void RequireMatchIfPresent(HttpRequest request, long currentVersion) =>
        IfMatch.From(request).RequireIfPresent(currentVersion);

    public static void Set(HttpResponse response, long version) =>
        response.Headers.ETag = For(version);
}
