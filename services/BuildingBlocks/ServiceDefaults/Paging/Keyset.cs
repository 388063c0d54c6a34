using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace ServiceDefaults.Paging;

/// <summary>
/// Pages a list by keyset: ordered by the caller's sort and then by a unique key, so that every order is total,
/// and a page reached by cursor starts with a condition on the sort keys (after the last item of the page before)
/// that an index on those keys answers with a range scan: its cost does not grow with its depth. A page asked by
/// number is read as before (skip and take), and carries a cursor for the pages after it.
/// Sort keys of a type the databases cannot compare as a range (an enumeration stored as text, a nullable
/// value) page by number only: a sort that names one issues no cursor and refuses one.
/// <para>
/// A database that compares rows (PostgreSQL's <c>(k1, k2) &gt; (v1, v2)</c>) gives <see cref="Page(IQueryable{T}, ListQuery, string, KeysetDialect)"/> its
/// <see cref="RowComparison"/> in its <see cref="KeysetDialect"/>: the position of a sort whose keys all run one way is
/// then one comparison, which an index on the keys answers as the exact start of its range. Without it the position is
/// spelled key by key and led by <c>k1 ≥ v1</c>, so on a lead key that many items share (sort=regionCode) the index
/// starts at the key's first item.
/// </para>
/// <para>
/// On PostgreSQL the page's size is written into the statement as a literal (<see cref="KeysetDialect.Count"/>), and a
/// first page has no offset: the statement of a first page or a page by cursor then holds no parameter that decides
/// its plan, so PostgreSQL plans a prepared one once (a generic plan) instead of on every execution. With the limit and
/// offset as parameters it planned each time, because the generic plan, not knowing the limit, joined every current
/// qualification (40 ms at 200,000 enterprises); planning took about half of the server's time of a list request.
/// </para>
/// </summary>
/// <param name="fields">The sortable fields.</param>
/// <param name="uniqueField">A field whose value no two items share (the key), appended to every sort that lacks it.</param>
public sealed class Keyset<T>(SortFields<T> fields, string uniqueField)
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo GuidCompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    /// <summary>Sorts kept resolved, at most: one order can be written in many ways (spaces, signs), and a caller chooses them.</summary>
    private const int KeptSorts = 64;

    /// <summary>The sorts resolved so far, by the text sent: each was resolved (its fields found, their keys built) once, not on every request.</summary>
    private readonly ConcurrentDictionary<string, Sorting> sorts = new(StringComparer.Ordinal);

    /// <summary>The page's query: ordered, positioned after the cursor or at the page's offset, with one item more than the page to tell whether another follows.</summary>
    public IQueryable<T> Page(IQueryable<T> query, ListQuery list, string scope, KeysetDialect dialect)
    {
        var position = Position(list, scope);
        return Page(query, position.Shape, dialect, QueryParameters.Holding(position.Values));
    }

    /// <summary>
    /// Where the page starts: its shape (the sort, the size, and whether it starts at the first item, at an offset, after
    /// a cursor or past every item) and the values it reads (<see cref="PositionValues"/>). A cursor or paging
    /// parameters that are not valid for the list are refused.
    /// </summary>
    public KeysetPosition Position(ListQuery list, string scope)
    {
        list.Paging.EnsureValid();
        var (terms, signature) = SortOf(list.Sort);
        var size = list.Paging.Size;
        if (list.Cursor is not null)
        {
            if (list.Page is not null)
            {
                throw Cursors.Refused("Send either page or cursor, not both.");
            }

            if (!terms.All(t => Keyable(t.Key.ReturnType)))
            {
                throw Cursors.Refused($"A list sorted by {string.Join(", ", terms.Where(t => !Keyable(t.Key.ReturnType)).Select(t => t.Name))} pages by number only.");
            }

            var values = Cursors.Decode(list.Cursor, signature, scope, terms.Select(t => t.Key.ReturnType).ToList());
            var after = new Dictionary<string, object?>(values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                after[PositionValues.Key(i)] = values[i];
            }

            var bound = terms is [{ } key] && key.Name == uniqueField && values[0] is { } value ? new KeyBound(value, key.Descending) : null;
            return new KeysetPosition(new PageShape(signature, size, PageStart.AfterCursor), after, bound);
        }

        // Far past the last page the offset leaves int's range: such a page is empty, like any page past the last.
        var offset = list.Paging.Offset;
        return offset switch
        {
            0 => new KeysetPosition(new PageShape(signature, size, PageStart.First), PositionValues.None),
            > int.MaxValue => new KeysetPosition(new PageShape(signature, size, PageStart.PastTheEnd), PositionValues.None),
            _ => new KeysetPosition(new PageShape(signature, size, PageStart.AtOffset),
                new Dictionary<string, object?> { [PositionValues.Offset] = (int)offset }),
        };
    }

    /// <summary>The page's query of the shape <see cref="Position"/> gave, its values read from <paramref name="parameters"/>.</summary>
    public IQueryable<T> Page(IQueryable<T> query, PageShape shape, KeysetDialect dialect, QueryParameters parameters)
    {
        var terms = SortOf(shape.Sort).Terms;
        return shape.Start switch
        {
            PageStart.AfterCursor => dialect.Take(Order(query.Where(After(terms, parameters, dialect.Rows)), terms), shape.Size + 1),
            PageStart.PastTheEnd => query.Where(_ => false),
            PageStart.AtOffset => dialect.Take(Skip(Order(query, terms), parameters.Of<int>(PositionValues.Offset)), shape.Size + 1),
            _ => dialect.Take(Order(query, terms), shape.Size + 1),
        };
    }

    /// <summary>The page from the items <see cref="Page(IQueryable{T}, ListQuery, string, KeysetDialect)"/> read, with the cursor of the next page when there is one.</summary>
    public CursorPage<TResult> ToPage<TResult>(IReadOnlyList<T> read, ListQuery list, string scope, int? totalCount, Func<T, TResult> project) =>
        ToPage(read, item => item, list, scope, totalCount, project);

    /// <summary>The page from rows read as a projection of the items <see cref="Page(IQueryable{T}, ListQuery, string, KeysetDialect)"/> selects, each row with its item.</summary>
    public CursorPage<TResult> ToPage<TRow, TResult>(IReadOnlyList<TRow> read, Func<TRow, T> item, ListQuery list, string scope, int? totalCount,
        Func<TRow, TResult> project)
    {
        var size = list.Paging.Size;
        var items = read.Take(size).Select(project).ToList();
        string? next = null;
        var (terms, signature) = SortOf(list.Sort);
        if (read.Count > size && terms.All(t => Keyable(t.Key.ReturnType)))
        {
            var last = item(read[size - 1]);
            next = Cursors.Encode(signature, scope, terms.Select(t => t.Value(last)).ToList());
        }

        return new CursorPage<TResult>(items, list.Cursor is null ? list.Paging.PageNumber : null, size, totalCount, next);
    }

    /// <summary>The order of <paramref name="sort"/>: its terms, then the unique field unless named, and its signature.</summary>
    private Sorting SortOf(string? sort)
    {
        var text = sort ?? string.Empty;
        if (sorts.TryGetValue(text, out var known))
        {
            return known;
        }

        var resolved = fields.Resolve(sort);
        IReadOnlyList<SortFields<T>.Term> terms = resolved.Any(t => t.Name == uniqueField) ? resolved : [.. resolved, fields.Ascending(uniqueField)];
        var sorting = new Sorting(terms, string.Join(',', terms.Select(t => (t.Descending ? "-" : "") + t.Name)));
        if (sorts.Count < KeptSorts)
        {
            sorts.TryAdd(text, sorting);
        }

        return sorting;
    }

    /// <summary>A sort resolved: its terms and its signature (the terms as one text, which a cursor carries).</summary>
    private sealed record Sorting(IReadOnlyList<SortFields<T>.Term> Terms, string Signature);

    private static IQueryable<T> Order(IQueryable<T> query, IReadOnlyList<SortFields<T>.Term> terms)
    {
        IOrderedQueryable<T>? ordered = null;
        foreach (var term in terms)
        {
            ordered = OrderBy(ordered ?? query, term, ordered is null);
        }

        return ordered!;
    }

    private static IOrderedQueryable<T> OrderBy(IQueryable<T> query, SortFields<T>.Term term, bool first)
    {
        var method = (first, term.Descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        var ordering = Orderings.GetOrAdd((method, term.Key.ReturnType), static key => typeof(Queryable).GetMethods()
            .Single(m => m.Name == key.Method && m.GetParameters().Length == 2).MakeGenericMethod(typeof(T), key.Type));
        var call = Expression.Call(ordering, query.Expression, Expression.Quote(term.Key));
        return (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
    }

    /// <summary>
    /// The ordering methods by name and key type, found once: looking each up by name among Queryable's methods and
    /// instantiating it on every request was about 1% of an enterprise list's CPU. The sortable fields bound the keys.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Method, Type Type), MethodInfo> Orderings = new();

    /// <summary>
    /// Items after the position: the row of keys after the row of values where the database compares rows and the keys
    /// all run one way; else (k1 &gt; v1) or (k1 = v1 and k2 &gt; v2) or …, each comparison reversed for a descending
    /// key, led by k1 ≥ v1, which says the same and gives an index on k1 the start of its range.
    /// </summary>
    private static Expression<Func<T, bool>> After(IReadOnlyList<SortFields<T>.Term> terms, QueryParameters values, RowComparison? rows)
    {
        var item = Expression.Parameter(typeof(T), "item");
        var keys = terms.Select(t => new ParameterReplacer(t.Key.Parameters[0], item).Visit(t.Key.Body)).ToList();
        var parameters = terms.Select((t, i) => values.Of(PositionValues.Key(i), t.Key.ReturnType)).ToList();
        if (rows is not null && terms.Count > 1 && terms.All(t => t.Descending == terms[0].Descending)
            && rows(keys, parameters, terms[0].Descending) is { } row)
        {
            return Expression.Lambda<Func<T, bool>>(row, item);
        }

        Expression? any = null;
        for (var i = 0; i < terms.Count; i++)
        {
            Expression step = Compare(keys[i], parameters[i], terms[i].Descending ? ExpressionType.LessThan : ExpressionType.GreaterThan);
            for (var j = i - 1; j >= 0; j--)
            {
                step = Expression.AndAlso(Expression.Equal(keys[j], parameters[j]), step);
            }

            any = any is null ? step : Expression.OrElse(any, step);
        }

        if (terms.Count > 1)
        {
            var lead = Compare(keys[0], parameters[0], terms[0].Descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
            any = Expression.AndAlso(lead, any!);
        }

        return Expression.Lambda<Func<T, bool>>(any!, item);
    }

    private static Expression Compare(Expression key, Expression value, ExpressionType comparison)
    {
        if (key.Type == typeof(string))
        {
            // string.Compare(a, b) > 0 is how EF Core writes a > b for text.
            return Expression.MakeBinary(comparison, Expression.Call(StringCompare, key, value), Expression.Constant(0));
        }

        if (key.Type == typeof(Guid))
        {
            // a.CompareTo(b) > 0 is how EF Core writes a > b for a key that has no C# operator.
            return Expression.MakeBinary(comparison, Expression.Call(key, GuidCompareTo, value), Expression.Constant(0));
        }

        return Expression.MakeBinary(comparison, key, value);
    }

    private static IQueryable<T> Skip(IQueryable<T> query, Expression count) =>
        query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(T)], query.Expression, count));

    /// <summary>
    /// Types both databases order as they compare: text, numbers, dates and times, and GUIDs (PostgreSQL's uuid
    /// compares byte by byte, SQLite's text by its hex digits: the same order).
    /// </summary>
    private static bool Keyable(Type type) => type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(decimal)
        || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);
}

/// <summary>
/// The condition that the row of <paramref name="keys"/> comes after the row of <paramref name="values"/> in ascending
/// order (before it, when <paramref name="descending"/>), as one comparison of rows; null where it cannot be written.
/// </summary>
public delegate Expression? RowComparison(IReadOnlyList<Expression> keys, IReadOnlyList<Expression> values, bool descending);

/// <summary>What a database's query provider offers <see cref="Keyset{T}"/> beyond plain LINQ.</summary>
/// <param name="Rows">Its comparison of rows, or null where it has none.</param>
/// <param name="Count">
/// The count of a <c>Take</c> as the database is best given it. PostgreSQL plans a statement once only when its limit is a
/// literal, and SQLite, which plans a statement with the limit bound to it, prepares a statement kept prepared again at
/// every run whose limit is a parameter (Persistence's <c>SqliteStatementCache</c>); EF Core makes a parameter of a
/// constant count, so the count is wrapped in a function the model maps to its argument (Persistence's
/// <c>KeysetDialects.Literal</c>), a statement for each page size.
/// </param>
public sealed record KeysetDialect(RowComparison? Rows, Func<int, Expression> Count)
{
    /// <summary>The first <paramref name="count"/> items of <paramref name="query"/>, the count as <see cref="Count"/> gives it.</summary>
    public IQueryable<T> Take<T>(IQueryable<T> query, int count) =>
        query.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)], query.Expression, Count(count)));
}

/// <summary>The unique key's bound of a page by cursor (<see cref="KeysetPosition.UniqueKeyBound"/>).</summary>
/// <param name="Value">The key of the last item of the page before.</param>
/// <param name="Descending">Whether the page's keys come before the value rather than after it.</param>
public sealed record KeyBound(object Value, bool Descending);
