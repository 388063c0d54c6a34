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

    private readonly IReadOnlyDictionary<string, Func<T, object?>> compiled = fields.ToDictionary(f => f.Key, f => f.Value.Compile());

    /// <summary>A sort term: the field, its direction, its key as typed (not boxed) and the key of an item.</summary>
    internal sealed record Term(string Name, bool Descending, LambdaExpression Key, Func<T, object?> Value);

    public IQueryable<T> Apply(IQueryable<T> query, string? sort)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var (name, descending) in Terms(sort))
        {
            var key = fields[name];
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

    /// <summary>The same order for items already in memory (a catalogue that needs no database).</summary>
    public IEnumerable<T> Apply(IEnumerable<T> items, string? sort)
    {
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (name, descending) in Terms(sort))
        {
            var key = compiled[name];
            ordered = (ordered, descending) switch
            {
                (null, false) => items.OrderBy(key, OrdinalComparer.Instance),
                (null, true) => items.OrderByDescending(key, OrdinalComparer.Instance),
                (_, false) => ordered.ThenBy(key, OrdinalComparer.Instance),
                (_, true) => ordered.ThenByDescending(key, OrdinalComparer.Instance),
            };
        }

        return ordered!;
    }

    /// <summary>The terms of <c>sort</c> with their keys (for keyset paging); a refused sort is a 400.</summary>
    internal List<Term> Resolve(string? sort) => Terms(sort).Select(t => TermOf(t.Name, t.Descending)).ToList();

    /// <summary>A field, ascending.</summary>
    internal Term Ascending(string name) => TermOf(name, false);

    private Term TermOf(string name, bool descending)
    {
        var key = fields[name];
        // The key without the box (object) the dictionary's type puts around value types.
        var body = key.Body is UnaryExpression { NodeType: ExpressionType.Convert } box ? box.Operand : key.Body;
        return new Term(name, descending, Expression.Lambda(body, key.Parameters), compiled[name]);
    }

    /// <summary>The terms of <c>sort</c>, each a known field named once; a refused sort is a 400.</summary>
    private List<(string Name, bool Descending)> Terms(string? sort)
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

        var parsed = new List<(string, bool)>(terms.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            var name = term.TrimStart('-', '+');
            if (!fields.ContainsKey(name))
            {
                throw Refused($"Cannot sort by '{Shown(name)}'.", $"Sortable fields: {string.Join(", ", fields.Keys)}.");
            }

            if (!seen.Add(name))
            {
                throw Refused($"'{name}' appears more than once in sort.", $"'{name}' appears more than once; name each field once, ascending or descending.");
            }

            parsed.Add((name, term.StartsWith('-')));
        }

        return parsed;
    }

    private static BadRequestException Refused(string detail, string message) =>
        new(ErrorCodes.InvalidParameter, detail, new Dictionary<string, string[]> { ["sort"] = [message] });

    /// <summary>An unknown name as the caller sent it, cut short so a long one is not echoed whole.</summary>
    private static string Shown(string name) => name.Length <= 64 ? name : name[..64] + "…";

    /// <summary>Text in ordinal order, as the databases compare it (binary collation); anything else by its own comparison.</summary>
    private sealed class OrdinalComparer : IComparer<object?>
    {
        public static readonly OrdinalComparer Instance = new();

        public int Compare(object? x, object? y) =>
            x is string a && y is string b ? string.CompareOrdinal(a, b) : Comparer<object?>.Default.Compare(x, y);
    }
}
