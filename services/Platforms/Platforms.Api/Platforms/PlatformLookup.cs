using System.Security.Claims;
using Enterprises.Directory;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using ServiceDefaults.Auth;
using SharedKernel.Errors;

namespace Platforms.Api.Platforms;

/// <summary>Finds the platform named in a path (not found when absent), checks a caller may change it, and names hosts.</summary>
internal static class PlatformLookup
{
    public static async Task<Platform> FindAsync(PlatformsDbContext db, Guid id, CancellationToken ct) =>
        await db.Platforms.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Platform", id.ToString());

    /// <summary>With its status history, for changes checked against it.</summary>
    public static async Task<Platform> FindWithHistoryAsync(PlatformsDbContext db, Guid id, CancellationToken ct) =>
        await db.Platforms.Include(p => p.History).SingleOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException("Platform", id.ToString());

    /// <summary>
    /// The platform, its row locked until the transaction ends, so that writes checked against its
    /// other records (an admission against its tenants, an evaluation against its record) run one after
    /// the other. The lock is an update that changes nothing, so the ETag and the audit trail stay as they
    /// are; PostgreSQL holds it on the row, and SQLite's write transactions are serialised already.
    /// </summary>
    public static async Task<Platform> FindLockedAsync(PlatformsDbContext db, Guid id, CancellationToken ct)
    {
        await db.Platforms.Where(p => p.Id == id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Version, p => p.Version), ct);
        return await FindAsync(db, id, ct);
    }

    /// <summary>A caller confined to a region changes only platforms of that region or below it, or of its zone.</summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode, string? zoneCode) =>
        user.EnsureMayWriteIn("platforms", regionCode, zoneCode);

    public static void EnsureWritable(ClaimsPrincipal user, Platform platform) => EnsureWritable(user, platform.RegionCode, platform.ZoneCode);

    /// <summary>
    /// The name of the host the details give: a university's, institute's or hospital's as given; an
    /// enterprise's as the register has it. An enterprise the register does not hold is refused (422),
    /// and a register that cannot be asked makes the write wait for it (503).
    /// </summary>
    public static async Task<string> HostNameAsync(EnterpriseDirectory directory, PlatformHost host, CancellationToken ct)
    {
        if (host.CreditCode is not { } code)
        {
            return host.Name!;
        }

        var enterprise = await directory.FindAsync(code, ct)
            ?? throw new RuleViolationException("hostCreditCode", $"Enterprise '{code}' is not on the enterprise register; register it there first.");
        return enterprise.Name;
    }
}
