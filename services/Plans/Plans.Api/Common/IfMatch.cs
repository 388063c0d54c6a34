using ServiceDefaults.Http;

namespace Plans.Api.Common;

/// <summary>
/// The If-Match precondition, checked by an endpoint against the version it read, and the version
/// its command then expects to find (see <see cref="ExpectedVersion"/>), so that a change made by
/// another request between the read and the write is refused as well.
/// </summary>
internal static class IfMatch
{
    /// <summary>Updates: If-Match is required (428), and must match (412).</summary>
    public static long Required(HttpRequest request, long current)
    {
        ETags.RequireMatch(request, current);
        return current;
    }

    /// <summary>Whether the caller sent If-Match, which status changes and deletes honour when sent.</summary>
    public static bool IsPresent(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>Status changes and deletes: checked only when sent; null (nothing expected) otherwise.</summary>
    public static long? IfPresent(HttpRequest request, long current)
    {
        ETags.RequireMatchIfPresent(request, current);
        return IsPresent(request) ? current : null;
    }
}
