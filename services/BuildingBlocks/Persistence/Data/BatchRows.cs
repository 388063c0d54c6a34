using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Persistence;

/// <summary>
/// The rows of one table of a copy that a batch of events reads by a key column (an enterprise's
/// qualifications by its credit code, a platform by its id), as the batch sees them. A batch is saved
/// once, after its last event, and a query reads only what is saved: so the rows read are kept with
/// those the batch adds, and a key is read from the database once per batch, or for many keys in one
/// query ahead (<see cref="LoadAsync"/>). A row is found under the key it holds now, so a row an event
/// moves (an assignment to another person) is found under its new key.
/// </summary>
public sealed class BatchRows<TKey, TRow>(DbContext db, Expression<Func<TRow, TKey>> key)
    where TKey : notnull where TRow : class
{
    private readonly Func<TRow, TKey> keyOf = key.Compile();
    private readonly HashSet<TKey> loaded = [];
    private readonly HashSet<TRow> rows = new(ReferenceEqualityComparer.Instance);

    /// <summary>Reads the rows of the keys not read yet, in one query.</summary>
    public async Task LoadAsync(IEnumerable<TKey> keys, CancellationToken ct)
    {
        var missing = keys.Where(loaded.Add).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // A tracked row comes back as the instance the batch holds, with the batch's changes.
        rows.UnionWith(await db.Set<TRow>().Where(In(missing)).ToListAsync(ct));
    }

    /// <summary>The rows holding <paramref name="value"/>, as the batch left them.</summary>
    public async Task<List<TRow>> WhereAsync(TKey value, CancellationToken ct)
    {
        await LoadAsync([value], ct);
        var comparer = EqualityComparer<TKey>.Default;
        return rows.Where(r => comparer.Equals(keyOf(r), value)).ToList();
    }

    /// <summary>The one row holding <paramref name="value"/> (of a key column that is unique), or none.</summary>
    public async Task<TRow?> FindAsync(TKey value, CancellationToken ct) => (await WhereAsync(value, ct)).SingleOrDefault();

    /// <summary>A new row of the copy: tracked for the batch's save, and found by the batch's next events.</summary>
    public void Add(TRow row)
    {
        db.Add(row);
        rows.Add(row);
    }

    /// <summary><c>keys.Contains(key(row))</c>, with the keys a parameter of the query rather than constants in its text.</summary>
    private Expression<Func<TRow, bool>> In(List<TKey> keys)
    {
        Expression<Func<List<TKey>>> captured = () => keys;
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], captured.Body, key.Body);
        return Expression.Lambda<Func<TRow, bool>>(contains, key.Parameters);
    }
}
