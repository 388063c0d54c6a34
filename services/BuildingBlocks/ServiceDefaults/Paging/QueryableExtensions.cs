using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Problems;

namespace ServiceDefaults.Paging;

public static class QueryableExtensions
{
    /// <summary>
    /// Applies <c>sort</c> (<c>field</c>, <c>-field</c>, comma-separated) using only the sortable
    /// fields a resource declares, then pages and counts. An unknown field is a 400 that names
    /// the fields that can be sorted on.
    /// </summary>
    public static async Task<PagedList<TResult>> ToPagedListAsync<T, TResult>(this IQueryable<T> query, PageQuery paging,
        SortFields<T> sortFields, Func<T, TResult> project, CancellationToken cancellationToken)
    {
        paging.EnsureValid();
        var sorted = sortFields.Apply(query, paging.Sort);
        var total = await query.CountAsync(cancellationToken);
        // Far past the last page the offset leaves int's range: such a page is empty, like any page past the last.
        var offset = (long)(paging.PageNumber - 1) * paging.Size;
        var items = offset > int.MaxValue
            ? []
            : await sorted.Skip((int)offset).Take(paging.Size).ToListAsync(cancellationToken);
        return new PagedList<TResult>(items.Select(project).ToList(), paging.PageNumber, paging.Size, total);
    }
}

/// <summary>The fields of a resource a list can be sorted by, and its default order.</summary>
public sealed class SortFields<T>(string defaultField, IReadOnlyDictionary<string, Expression<Func<T, object?>>> fields)
{
    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        // A blank sort, or one of commas only (sort=,,), keeps the default order.
        var terms = sort?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } given
            ? given
            : [defaultField];
        IOrderedQueryable<T>? ordered = null;
        foreach (var term in terms)
        {
            var descending = term.StartsWith('-');
            var name = term.TrimStart('-', '+');
            if (!fields.TryGetValue(name, out var key))
            {
                throw new BadRequestException(ErrorCodes.InvalidParameter, $"Cannot sort by '{name}'.",
                    new Dictionary<string, string[]> { ["sort"] = [$"Sortable fields: {string.Join(", ", fields.Keys)}."] });
            }

            ordered = (ordered, descending) switch
            {
                (null, false) => query.OrderBy(key),
                (null, true) => query.OrderByDescending(key),
                (_, false) => ordered.ThenBy(key),
                (_, true) => ordered.ThenByDescending(key),
            };
        }

        return ordered!;
    }
}
