using Microsoft.EntityFrameworkCore;
using SharedKernel.Domain;

namespace Plans.Api.Common;

internal static class ExpectedVersion
{
    /// <summary>
    /// Saves the entity only while it still has the version the caller's If-Match was checked
    /// against: a change another request made since then makes SaveChanges fail as a concurrency
    /// conflict (412), instead of being overwritten. Without an expected version nothing is checked.
    /// </summary>
    public static void Expect<T>(this DbContext db, T entity, long? expected) where T : VersionedEntity
    {
        if (expected is { } version)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        }
    }
}
