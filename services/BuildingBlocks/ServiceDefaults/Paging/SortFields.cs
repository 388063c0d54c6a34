using System.Linq.Expressions;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace ServiceDefaults.Paging;

/// <summary>The fields of a resource a list can be sorted by, and its default order.</summary>
public sealed class SortFields<T>(string defaultField, IReadOnlyDictionary<string, Expression<Func<T, object?>>> fields)
{
    /// <summary>
    /// The most terms one <c>sort</c> takes. Each term is one more ORDER BY key and one more level of
    /// the query's expression tree: ~1,700 of them overflowed the stack in EF Core and killed the process.
    /// </summary>
    public const int MaxTerms = 5;

    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        // A blank sort, or one of commas only (sort=,,), keeps the default order.
        var terms = sort?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } given
            ? given
            : [defaultField];
        if (terms.Length > MaxTerms)
        {
            throw Refused($"At most {MaxTerms} sort terms are accepted; {terms.Length} were sent.",
                $"At most {MaxTerms} terms, such as sort=-year,code.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        IOrderedQueryable<T>? ordered = null;
        foreach (var term in terms)
        {
            var descending = term.StartsWith('-');
            var name = term.TrimStart('-', '+');
            if (!fields.TryGetValue(name, out var key))
            {
                throw Refused($"Cannot sort by '{Shown(name)}'.", $"Sortable fields: {string.Join(", ", fields.Keys)}.");
            }

            if (!seen.Add(name))
            {
                throw Refused($"'{name}' appears more than once in sort.", $"'{name}' appears more than once; name each field once, ascending or descending.");
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

    private static BadRequestException Refused(string detail, string message) =>
        new(ErrorCodes.InvalidParameter, detail, new Dictionary<string, string[]> { ["sort"] = [message] });

    /// <summary>An unknown name as the caller sent it, cut short so a long one is not echoed whole.</summary>
    private static string Shown(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
