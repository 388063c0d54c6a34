using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServiceDefaults.Paging;

namespace Persistence;

public static class QueryableExtensions
{
    /// <summary>
    /// A page by keyset cursor or by number (<see cref="Keyset{T}"/>), with its cursor onwards, counted as
    /// <see cref="ListQuery.Counting"/> says. <paramref name="scope"/> holds the filters as the query applies them, so a cursor
    /// sent with other filters is refused. <paramref name="database"/> is the query's, whose row comparison a cursor uses.
    /// </summary>
    public static async Task<CursorPage<TResult>> ToCursorPageAsync<T, TResult>(this IQueryable<T> query, DatabaseFacade database,
        Keyset<T> keyset, ListQuery list, string scope, Func<T, TResult> project, CancellationToken cancellationToken)
    {
        var dialect = KeysetDialects.Of(database);
        var read = await keyset.Page(query, list, scope, dialect).ToListAsync(cancellationToken);
        return keyset.ToPage(read, list, scope, await query.TotalCountAsync(list, read.Count, dialect, cancellationToken), project);
    }

    /// <summary>
    /// The <c>totalCount</c> of a page of <paramref name="query"/>'s matches that read <paramref name="read"/> items, as
    /// <see cref="ListQuery.Counting"/> says: every match; or up to <see cref="ListQuery.CountLimit"/>, null past it, which
    /// reads at most that many rows (<c>COUNT(*)</c> over the query with a <c>LIMIT</c> as <see cref="KeysetDialect.Count"/>
    /// gives it: a literal on PostgreSQL, which then keeps one plan of it); or null. What the page shows
    /// (<see cref="ListQuery.Seen"/>) is not counted again: the last page knows every match, and a page past the limit
    /// knows that there are more.
    /// </summary>
    public static Task<int?> TotalCountAsync<T>(this IQueryable<T> query, ListQuery list, int read, KeysetDialect dialect,
        CancellationToken cancellationToken) =>
        TotalCountAsync((every, ct) => query.ToCount(every, dialect).CountAsync(ct), list, read, cancellationToken);

    /// <summary>
    /// <see cref="TotalCountAsync{T}(IQueryable{T}, ListQuery, int, KeysetDialect, CancellationToken)"/> of the matches that
    /// <paramref name="count"/> counts, called only when they are counted: every one of them (true), or up to one past
    /// <see cref="ListQuery.CountLimit"/> (false) (<see cref="ToCount{T}"/>), as a count compiled with the list's pages does
    /// (<see cref="CompiledQueries{TContext, TShape, TResult}.CountAsync"/>).
    /// </summary>
    public static async Task<int?> TotalCountAsync(Func<bool, CancellationToken, Task<int>> count, ListQuery list, int read,
        CancellationToken cancellationToken)
    {
        if (list.Counting == Counting.None)
        {
            return null;
        }

        var every = list.Counting == Counting.Every;
        var limit = every ? int.MaxValue : ListQuery.CountLimit;
        var (atLeast, all) = list.Seen(read);
        if (atLeast > limit)
        {
            return null;
        }

        if (all)
        {
            return (int)atLeast;
        }

        var counted = await count(every, cancellationToken);
        return counted <= limit ? counted : null;
    }

    /// <summary>
    /// The matches a count reads: every one, or up to one past <see cref="ListQuery.CountLimit"/>, a <c>LIMIT</c> as
    /// <see cref="KeysetDialect.Count"/> gives it (a literal on PostgreSQL, which then keeps one plan of it).
    /// </summary>
    public static IQueryable<T> ToCount<T>(this IQueryable<T> query, bool every, KeysetDialect dialect) =>
        every ? query : dialect.Take(query, ListQuery.CountLimit + 1);
}
