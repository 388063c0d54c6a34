using Microsoft.EntityFrameworkCore;
using Persistence.Data;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Copies;

/// <summary>How a rebuild replaces one table of a register's copy with what the register lists.</summary>
public static class CopyTable
{
    /// <summary>
    /// Deletes the rows no event changed after the snapshot taken <paramref name="at"/> and inserts the listed
    /// rows in their place, every mapped column, in multi-row statements (nothing is tracked row by row); a listed
    /// row an event changed since is kept as it is. Returns the table as rebuilt.
    /// </summary>
    public static async Task<List<T>> ReplaceAsync<T, TId>(DbContext db, DateTimeOffset at, IEnumerable<T> listed, CancellationToken ct)
        where T : CopiedRow<TId> where TId : notnull
    {
        var kept = await db.Set<T>().AsNoTracking().Where(r => r.LastEventAt > at).ToListAsync(ct);
        await db.Set<T>().Where(r => r.LastEventAt <= at).ExecuteDeleteAsync(ct);
        var keptIds = kept.Select(r => r.Id).ToHashSet();
        var fresh = listed.Where(r => !keptIds.Contains(r.Id)).ToList();
        await BulkSql.InsertAsync(db, fresh, ct);
        return [.. kept, .. fresh];
    }
}
