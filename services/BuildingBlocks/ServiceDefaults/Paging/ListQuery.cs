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
    /// The most matches a page asked by number counts when <c>count</c> is not given: up to this many it carries
    /// <c>totalCount</c>, so a caller that pages by number through a list of that size keeps its contract; past it the
    /// count stops and <c>totalCount</c> is null, so no page reads every match of a register of a million rows (at
    /// 1,000,000 enterprises a full count took 138 ms on PostgreSQL).
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// How the page counts its matches: every one when asked (<c>count=true</c>); by default, on a page asked by number,
    /// up to <see cref="CountLimit"/>; on a page reached by cursor, or the first page of a list asked without <c>page</c>,
    /// none unless asked.
    /// </summary>
    public Counting Counting => Count switch
    {
        true => Counting.Every,
        null when Page is not null && Cursor is null => Counting.UpToLimit,
        _ => Counting.None,
    };

    /// <summary>
    /// What a page that read <paramref name="read"/> items (its size and one more, at most) shows of the matches: at least
    /// those before it and on it, and all of them when it is the last page (it read none past its size). A page by cursor
    /// shows only what it read; a page past the last, nothing.
    /// </summary>
    public (long AtLeast, bool All) Seen(int read) =>
        Cursor is not null ? (read, false)
        : read == 0 && Paging.PageNumber > 1 ? (0, false)
        : (Paging.Offset + read, read <= Paging.Size);
}

/// <summary>How a page counts the matches of its list (<see cref="ListQuery.Counting"/>).</summary>
public enum Counting
{
    None,
    UpToLimit,
    Every,
}

/// <summary>One page of a list that pages by keyset cursor.</summary>
/// <param name="Items">The items on this page.</param>
/// <param name="Page">The page number, from 1; null on a page reached by cursor.</param>
/// <param name="PageSize">The page size asked for.</param>
/// <param name="TotalCount">How many items match the filters, on all pages: with count=true; on a page asked by number (without count) when they are at most 10,000; else null.</param>
/// <param name="NextCursor">Pass as ?cursor= (with the same filters and sort) for the next page; null on the last page, and where the last item's sort keys are too long for a cursor (a sort by a name of over about 50 characters): page by number there. Also sent as the Link header (rel="next").</param>
public sealed record CursorPage<T>(
    [property: MaxLength(PageQuery.MaxPageSize)] IReadOnlyList<T> Items,
    int? Page,
    int PageSize,
    int? TotalCount,
    [property: MaxLength(Cursors.MaxLength)] string? NextCursor);
