using static Plans.Api.RegisterMetrics.Sources.Enterprises.EnterpriseMetricKeys;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// What an enterprise of the copy, with its qualifications and designations, contributes to the
/// counters: the one definition of the enterprise metrics, used by the event handler (before and
/// after each change) and by the rebuild (for the whole copy).
/// </summary>
/// <remarks>
/// The register forbids overlapping valid grants of a type and grants dated in the future, so an
/// enterprise holds a valid qualification of a type today exactly when the latest end of its
/// qualifications of that type that were not revoked is today or later: one contribution dated by
/// that end (<c>MaxEnd</c>) per enterprise and type, and time passing needs no event. Likewise one
/// per enterprise and designation kind, dated by the last day it holds (the day before it ended, or
/// never ending); designations begin on the day they are recorded.
/// </remarks>
public static class EnterpriseContributions
{
    public static IEnumerable<Contribution> Of(RegisteredEnterprise? enterprise, IEnumerable<RegisteredQualification> qualifications,
        IEnumerable<RegisteredDesignation> designations) =>
        enterprise is null ? [] : OfQualifications(enterprise, qualifications).Concat(OfDesignations(enterprise, designations));

    /// <summary>
    /// Per type held (not revoked): <c>qualified</c> dated by MaxEnd, the revenue bands the latest report reaches,
    /// likewise; per qualification not revoked: <c>granted</c> dated by its grant; per type held: <c>entered</c> dated by the
    /// first grant, so an enterprise counts once in any window however often it is granted again.
    /// </summary>
    public static IEnumerable<Contribution> OfQualifications(RegisteredEnterprise enterprise, IEnumerable<RegisteredQualification> qualifications)
    {
        var (district, zone) = (enterprise.RegionCode, enterprise.ZoneCode ?? "");
        foreach (var ofType in qualifications.Where(q => q.Status != QualificationStatus.Revoked).GroupBy(q => q.Type))
        {
            var maxEnd = ofType.Max(q => q.ExpiresOn);
            yield return new Contribution(Qualified(ofType.Key), district, zone, maxEnd);
            foreach (var band in RevenueBands.Where(b => enterprise.RevenueWan >= b))
            {
                yield return new Contribution(QualifiedWithRevenue(ofType.Key, band), district, zone, maxEnd);
            }

            yield return new Contribution(Entered(ofType.Key), district, zone, ofType.Min(q => q.GrantedOn));
            foreach (var q in ofType)
            {
                yield return new Contribution(Granted(q.Type), district, zone, q.GrantedOn);
            }
        }
    }

    /// <summary>Per kind held (not withdrawn): <c>designated</c> dated by the last day it holds.</summary>
    public static IEnumerable<Contribution> OfDesignations(RegisteredEnterprise enterprise, IEnumerable<RegisteredDesignation> designations)
    {
        var (district, zone) = (enterprise.RegionCode, enterprise.ZoneCode ?? "");
        return designations.Where(d => !d.Withdrawn).GroupBy(d => d.Kind)
            .Select(ofKind => new Contribution(Designated(ofKind.Key), district, zone,
                ofKind.Max(d => d.EndedOn is { } ended ? ended.AddDays(-1) : DateOnly.MaxValue)));
    }
}
