namespace ServiceDefaults.Paging;

/// <summary>What decides a page's query (<see cref="Keyset{T}.Position"/>): one statement for each.</summary>
/// <param name="Sort">The sort's terms, the unique key last (creditCode or -name,creditCode).</param>
/// <param name="Size">The page's size (its query reads one item more).</param>
/// <param name="Start">Where the page starts.</param>
public sealed record PageShape(string Sort, int Size, PageStart Start);

/// <summary>Where a page starts.</summary>
public enum PageStart
{
    First,
    AtOffset,
    AfterCursor,
    PastTheEnd,
}

/// <summary>A page's shape and the values its query reads, by name (<see cref="PositionValues"/>).</summary>
/// <param name="UniqueKeyBound">
/// Where a page by cursor of a list sorted by the unique key alone starts: every item on it has a key after
/// <see cref="KeyBound.Value"/> (before it, descending). A filter on the records that share the key (an enterprise's
/// qualifications) can repeat the bound, so the database starts its scan of them there: PostgreSQL carries no range
/// across a join, and otherwise reads them from the first to the cursor on every page. Null for a first page, a
/// page by number and any other sort.
/// </param>
public sealed record KeysetPosition(PageShape Shape, IReadOnlyDictionary<string, object?> Values, KeyBound? UniqueKeyBound = null)
{
    /// <summary>The filters' values (<paramref name="filters"/>, given) with the position's, for the page's query.</summary>
    public Dictionary<string, object?> With(Dictionary<string, object?> filters)
    {
        foreach (var (name, value) in Values)
        {
            filters[name] = value;
        }

        return filters;
    }
}

/// <summary>The names of the values a page's query reads: the offset of a page by number, or the keys of the item a cursor follows.</summary>
public static class PositionValues
{
    public const string Offset = "offset";

    private static readonly string[] Keys = [.. Enumerable.Range(0, SortFields<object>.MaxTerms + 1).Select(i => "after" + i)];

    public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>The name of the cursor's key at <paramref name="index"/> in the sort.</summary>
    public static string Key(int index) => Keys[index];
}

/// <summary>A value inside a query's expression (<see cref="QueryParameters.Holding"/>): the provider reads it as a parameter.</summary>
internal sealed class HeldValue<TValue>(TValue value)
{
    public readonly TValue Value = value;
}
