using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;

namespace Platforms.Api.Platforms;

/// <summary>
/// Platforms as the API shows them: with the register's names of their enterprise hosts and the
/// counts of their active tenants, read for a whole page in two queries.
/// </summary>
internal sealed class PlatformViews(PlatformsDbContext db, PlatformCatalog catalog)
{
    public async Task<PlatformResponse> OfAsync(Platform platform, CancellationToken ct) => (await OfAsync([platform], ct))[0];

    public async Task<List<PlatformResponse>> OfAsync(IReadOnlyList<Platform> platforms, CancellationToken ct)
    {
        var codes = platforms.Select(p => p.HostCreditCode).OfType<string>().Distinct().ToList();
        var names = codes.Count == 0
            ? new Dictionary<string, string>()
            : await db.KnownEnterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
                .ToDictionaryAsync(e => e.CreditCode, e => e.Name, ct);
        var hosting = platforms.Where(p => catalog.Get(p.Type).TakesTenants).Select(p => p.Id).ToList();
        var tenants = hosting.Count == 0
            ? new Dictionary<Guid, int>()
            : await db.Tenants.Where(t => hosting.Contains(t.PlatformId) && t.GraduatedOn == null)
                .GroupBy(t => t.PlatformId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return platforms.Select(p => Response(p, p.HostCreditCode is { } code ? names.GetValueOrDefault(code) : p.HostName,
            hosting.Contains(p.Id) ? tenants.GetValueOrDefault(p.Id) : null)).ToList();
    }

    private PlatformResponse Response(Platform p, string? hostName, int? activeTenants) => new(p.Id, p.Name, p.NameEn, p.Type,
        catalog.Get(p.Type).Name, p.Level, p.DesignationList, p.RegionCode, p.ZoneCode,
        p.AbroadCountry is null ? null : new LocationAbroad { Country = p.AbroadCountry, City = p.AbroadCity },
        p.HostKind, p.HostCreditCode, hostName, p.Field, p.ApprovedOn, p.DocumentNumber, p.Status, p.StatusSince, activeTenants,
        p.CreatedAt, p.UpdatedAt);
}
