using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ServiceDefaults.Paging;

/// <summary>The RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header of a page that has a next one.</summary>
public static class NextLink
{
    /// <summary>
    /// Sets the header to this request's path and query with <c>cursor</c> in place of <c>page</c> and any earlier
    /// cursor, and answers the page.
    /// </summary>
    public static Ok<CursorPage<T>> Set<T>(HttpContext http, CursorPage<T> page)
    {
        if (page.NextCursor is { } cursor)
        {
            http.Response.Headers.Link = Header(http, cursor);
        }

        return TypedResults.Ok(page);
    }

    /// <summary>
    /// The header's value for the page after <paramref name="cursor"/>: this request's path and query with <c>cursor</c> in
    /// place of <c>page</c> and any earlier cursor (a relative reference: it resolves against the address the caller used,
    /// through the gateway or not).
    /// </summary>
    public static string Header(HttpContext http, string cursor)
    {
        var query = new QueryBuilder(http.Request.Query
            .Where(p => p.Key is not ("cursor" or "page"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))))
        {
            { "cursor", cursor },
        };
        return $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
    }
}
