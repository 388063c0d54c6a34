using Enterprises.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Enterprises.Api.Platforms;

/// <summary>A platform the enterprise hosts now (under construction, active or suspended; revoked ones are left out).</summary>
/// <param name="Id">The platform's id at the Platforms service (GET /api/v1/platforms/{id}).</param>
/// <param name="Type">The platform type's key (Incubator, KeyLab …).</param>
/// <param name="Level">national, municipal or district.</param>
/// <param name="Status">underConstruction, active or suspended.</param>
public sealed record HostedPlatformSummary(Guid Id, string Name, string Type, string Level, string Status)
{
    /// <summary>The platforms <paramref name="creditCode"/> hosts now, by name.</summary>
    public static async Task<List<HostedPlatformSummary>> OfAsync(EnterprisesDbContext db, string creditCode, CancellationToken ct) =>
        await db.HostedPlatforms.AsNoTracking().Where(p => p.HostCreditCode == creditCode && p.Status != "revoked")
            .OrderBy(p => p.Name).Select(p => new HostedPlatformSummary(p.PlatformId, p.Name, p.Type, p.Level, p.Status)).ToListAsync(ct);
}
