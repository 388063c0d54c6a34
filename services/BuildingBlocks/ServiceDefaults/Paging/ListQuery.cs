using System.ComponentModel.DataAnnotations;

namespace ServiceDefaults.Paging;

/// <summary>
/// The paging parameters of a list that pages by keyset cursor as well as by page number: <c>cursor</c>
/// (the <c>nextCursor</c> of the page before) or <c>page</c>, with <c>pageSize</c>, <c>sort</c> and <c>count</c>.
/// </summary>
public sealed record ListQuery(int? Page, int? PageSize, string? Sort, string? Cursor, bool? Count)
{
    public PageQuery Paging => new(Page, PageSize, Sort);

    /// <summary>
    /// Whether the page carries <c>totalCount</c>: when asked (<c>count=true</c>), and by default for a page asked
    /// by number, so a caller that pages by number keeps its contract. A page reached by cursor, or the first page
    /// of a list asked without <c>page</c>, counts nothing unless asked: a count reads every match.
    /// </summary>
    public bool Counts => Count ?? (Page is not null && Cursor is null);
}

/// <summary>One page of a list that pages by keyset cursor.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">The page number, from 1; null on a page reached by cursor.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="TotalCount">How many items match the filters, on all pages: only with count=true, or on a page asked by number; else null.</param>
/// <param name="NextCursor">Pass as ?cursor= (with the same filters and sort) for the next page; null on the last page, and where the last item's sort keys are too long for a cursor (a sort by a name of over about 50 characters): page by number there. Also sent as the Link header (rel="next").</param>
public sealed record CursorPage<T>(
    [property: MaxLength(PageQuery.MaxPageSize)] IReadOnlyList<T> Items,
    int? Page,
    int PageSize,
    int? TotalCount,
    [property: MaxLength(Cursors.MaxLength)] string? NextCursor);
