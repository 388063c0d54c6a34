using Microsoft.EntityFrameworkCore;
using Persistence.Data;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Copies;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// Replaces the copy of the enterprise register with a snapshot, set-based: qualifications and
/// designations as every copy's tables are (<see cref="CopyTable"/>), and the enterprises the lists
/// name upserted. Nothing is
/// tracked row by row, so a register of 100,000 enterprises rebuilds in seconds.
/// </summary>
internal static class EnterpriseCopyRebuild
{
    public static async Task<RebuiltCopy> RunAsync(PlansDbContext db, EnterpriseSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var qualifications = await CopyTable.ReplaceAsync<RegisteredQualification, long>(db, at,
            snapshot.Qualifications.Select(q => new RegisteredQualification(q.Id, q.CreditCode, q.Type, q.GrantedOn, q.ExpiresOn,
                snapshot.Statuses[q.Id], at)), ct);
        var designations = await CopyTable.ReplaceAsync<RegisteredDesignation, long>(db, at,
            snapshot.Designations.Select(d => new RegisteredDesignation(d.Id, d.CreditCode, d.Kind, d.Board, d.Since, d.EndedOn, d.Withdrawn, at)),
            ct);
        var enterprises = await PlaceAsync(db, snapshot, ct);

        var listed = new Dictionary<string, int>
        {
            ["qualifications"] = snapshot.Qualifications.Count,
            ["designations"] = snapshot.Designations.Count,
            ["enterprises"] = snapshot.Qualifications.Select(q => q.CreditCode).Concat(snapshot.Designations.Select(d => d.CreditCode))
                .Distinct(StringComparer.Ordinal).Count(),
        };
        var byHolder = qualifications.ToLookup(q => q.CreditCode);
        var designatedBy = designations.ToLookup(d => d.CreditCode);
        var contributions = byHolder.Select(g => g.Key).Concat(designatedBy.Select(g => g.Key)).Distinct(StringComparer.Ordinal)
            .SelectMany(code => EnterpriseContributions.Of(enterprises.GetValueOrDefault(code), byHolder[code], designatedBy[code]));
        return new RebuiltCopy(listed, contributions);
    }

    /// <summary>
    /// Places every enterprise the lists name where they say (unless an event moved it after the snapshot), with
    /// the latest revenue the qualification list gives its holders; enterprises the lists do not name hold
    /// nothing and are left as they are. Returns every enterprise of the copy, by credit code.
    /// </summary>
    private static async Task<Dictionary<string, RegisteredEnterprise>> PlaceAsync(PlansDbContext db, EnterpriseSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var enterprises = await db.Set<RegisteredEnterprise>().AsNoTracking().ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, ct);
        var revenues = snapshot.Qualifications.GroupBy(q => q.CreditCode)
            .ToDictionary(g => g.Key, g => (Year: g.First().HolderRevenueYear, Wan: g.First().HolderRevenueWan), StringComparer.Ordinal);
        var places = snapshot.Qualifications.Select(q => (q.CreditCode, q.RegionCode, q.ZoneCode))
            .Concat(snapshot.Designations.Select(d => (d.CreditCode, d.RegionCode, d.ZoneCode)))
            .DistinctBy(p => p.CreditCode, StringComparer.Ordinal);
        var placed = new List<RegisteredEnterprise>();
        foreach (var (creditCode, regionCode, zoneCode) in places)
        {
            var existing = enterprises.GetValueOrDefault(creditCode);
            var enterprise = existing is not null && existing.LastEventAt > at
                ? new RegisteredEnterprise(creditCode, existing.RegionCode, existing.ZoneCode, existing.LastEventAt)
                : new RegisteredEnterprise(creditCode, regionCode, zoneCode, at);
            if (existing is { RevenueReportedAt: { } reportedAt } && (reportedAt > at || !revenues.ContainsKey(creditCode)))
            {
                // News of a report after the snapshot, or an enterprise the qualification list does not give a revenue for.
                enterprise.ApplyRevenue(existing.RevenueYear!.Value, existing.RevenueWan!.Value, reportedAt);
            }
            else if (revenues.GetValueOrDefault(creditCode) is { Year: { } year, Wan: { } wan })
            {
                enterprise.ApplyRevenue(year, wan, at);
            }

            enterprises[creditCode] = enterprise;
            placed.Add(enterprise);
        }

        await BulkSql.UpsertAsync<RegisteredEnterprise>(db, [nameof(RegisteredEnterprise.CreditCode)],
            [nameof(RegisteredEnterprise.RegionCode), nameof(RegisteredEnterprise.ZoneCode), nameof(RegisteredEnterprise.LastEventAt),
                nameof(RegisteredEnterprise.RevenueYear), nameof(RegisteredEnterprise.RevenueWan), nameof(RegisteredEnterprise.RevenueReportedAt)],
            addUp: false,
            placed.Select(e => new object?[] { e.CreditCode, e.RegionCode, e.ZoneCode, e.LastEventAt, e.RevenueYear, e.RevenueWan, e.RevenueReportedAt }),
            ct);
        return enterprises;
    }
}
