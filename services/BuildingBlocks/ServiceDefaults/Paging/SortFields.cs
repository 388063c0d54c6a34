using System.Linq.Expressions;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Paging;

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
