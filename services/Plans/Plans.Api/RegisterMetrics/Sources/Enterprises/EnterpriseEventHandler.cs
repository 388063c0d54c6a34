using Enterprises.Contracts;
using EventBus;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// Keeps the local copy of the enterprise register from its events and reports each change's
/// contributions before and after to the counters. Runs in the batch's transaction, saved with the
/// batch's inbox rows, which record the events as applied. An event reads one enterprise and
/// the part of its holdings it changes (its qualifications, or its designations; both when it
/// moves), through the batch's reads (<see cref="EnterpriseBatch"/>): its cost does not depend on the
/// register's size.
/// </summary>
public sealed class EnterpriseEventHandler(EnterpriseBatch batch, CounterChanges counters, RegisterLocks locks) :
    IIntegrationEventHandler<EnterpriseRegistered>,
    IIntegrationEventHandler<EnterpriseUpdated>,
    IIntegrationEventHandler<QualificationGranted>,
    IIntegrationEventHandler<QualificationRevoked>,
    IIntegrationEventHandler<QualificationExpired>,
    IIntegrationEventHandler<DesignationAdded>,
    IIntegrationEventHandler<DesignationEnded>,
    IIntegrationEventHandler<AnnualReportFiled>
{
    public Task HandleAsync(EnterpriseRegistered e, CancellationToken ct) =>
        ChangeAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt, Holdings.None, _ => false, ct);

    public Task HandleAsync(EnterpriseUpdated e, CancellationToken ct) =>
        ChangeAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt, Holdings.None, _ => false, ct);

    public Task HandleAsync(QualificationGranted e, CancellationToken ct) =>
        Qualification(e.QualificationId, e.CreditCode, e.Type, e.RegionCode, e.ZoneCode, e.GrantedOn, e.ExpiresOn, QualificationStatus.Valid,
            e.OccurredAt, ct);

    public Task HandleAsync(QualificationRevoked e, CancellationToken ct) =>
        Qualification(e.QualificationId, e.CreditCode, e.Type, e.RegionCode, e.ZoneCode, e.GrantedOn, e.ExpiresOn, QualificationStatus.Revoked,
            e.OccurredAt, ct);

    public Task HandleAsync(QualificationExpired e, CancellationToken ct) =>
        Qualification(e.QualificationId, e.CreditCode, e.Type, e.RegionCode, e.ZoneCode, e.GrantedOn, e.ExpiresOn, QualificationStatus.Expired,
            e.OccurredAt, ct);

    public Task HandleAsync(DesignationAdded e, CancellationToken ct) =>
        Designation(e.DesignationId, e.CreditCode, e.Kind, e.Board, e.Since, endedOn: null, withdrawn: false, e.RegionCode, e.ZoneCode, e.OccurredAt, ct);

    public Task HandleAsync(DesignationEnded e, CancellationToken ct) =>
        Designation(e.DesignationId, e.CreditCode, e.Kind, e.Board, e.Since, e.EndedOn, e.Withdrawn, e.RegionCode, e.ZoneCode, e.OccurredAt, ct);

    public Task HandleAsync(AnnualReportFiled e, CancellationToken ct) =>
        ChangeAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt, Holdings.Qualifications,
            copy => copy.Enterprise.ApplyRevenue(e.Year, e.RevenueWan, e.OccurredAt), ct);

    private Task Qualification(long id, string creditCode, string type, string regionCode, string? zoneCode, DateOnly grantedOn,
        DateOnly expiresOn, QualificationStatus status, DateTimeOffset occurredAt, CancellationToken ct) =>
        ChangeAsync(creditCode, regionCode, zoneCode, occurredAt, Holdings.Qualifications, copy =>
        {
            if (copy.Qualifications.Find(q => q.Id == id) is { } row)
            {
                return row.Apply(type, grantedOn, expiresOn, status, occurredAt);
            }

            var added = new RegisteredQualification(id, creditCode, type, grantedOn, expiresOn, status, occurredAt);
            batch.Qualifications.Add(added);
            copy.Qualifications.Add(added);
            return true;
        }, ct);

    private Task Designation(long id, string creditCode, string kind, string? board, DateOnly since, DateOnly? endedOn, bool withdrawn,
        string regionCode, string? zoneCode, DateTimeOffset occurredAt, CancellationToken ct) =>
        ChangeAsync(creditCode, regionCode, zoneCode, occurredAt, Holdings.Designations, copy =>
        {
            if (copy.Designations.Find(d => d.Id == id) is { } row)
            {
                return row.Apply(kind, board, since, endedOn, withdrawn, occurredAt);
            }

            var added = new RegisteredDesignation(id, creditCode, kind, board, since, endedOn, withdrawn, occurredAt);
            batch.Designations.Add(added);
            copy.Designations.Add(added);
            return true;
        }, ct);

    /// <summary>
    /// Places the enterprise as the event says (unless older news), applies the event's own change to the
    /// holdings it names, and reports the contributions of what was read, before and after.
    /// </summary>
    private async Task ChangeAsync(string creditCode, string regionCode, string? zoneCode, DateTimeOffset occurredAt, Holdings holdings,
        Func<EnterpriseSlice, bool> change, CancellationToken ct)
    {
        await locks.ForEventAsync(EnterprisesSource.Name, ct);
        var enterprise = await batch.Enterprises.FindAsync(creditCode, ct);
        if (enterprise is null)
        {
            enterprise = new RegisteredEnterprise(creditCode, regionCode, zoneCode, occurredAt);
            batch.Enterprises.Add(enterprise);
        }
        else if (occurredAt >= enterprise.LastEventAt && (regionCode != enterprise.RegionCode || zoneCode != enterprise.ZoneCode))
        {
            // A move takes every count of the enterprise along.
            holdings = Holdings.Qualifications | Holdings.Designations;
        }

        var slice = new EnterpriseSlice(enterprise, holdings,
            holdings.HasFlag(Holdings.Qualifications) ? await batch.Qualifications.WhereAsync(creditCode, ct) : [],
            holdings.HasFlag(Holdings.Designations) ? await batch.Designations.WhereAsync(creditCode, ct) : []);
        var before = slice.Contributions();
        var moved = enterprise.Apply(regionCode, zoneCode, occurredAt);
        if (change(slice) | moved)
        {
            counters.Replace(before, slice.Contributions());
        }
    }

    [Flags]
    private enum Holdings
    {
        None = 0,
        Qualifications = 1,
        Designations = 2,
    }

    /// <summary>An enterprise and the part of its holdings an event reads: what is not read does not change.</summary>
    private sealed record EnterpriseSlice(RegisteredEnterprise Enterprise, Holdings Read, List<RegisteredQualification> Qualifications,
        List<RegisteredDesignation> Designations)
    {
        public List<Contribution> Contributions() =>
        [
            .. Read.HasFlag(Holdings.Qualifications) ? EnterpriseContributions.OfQualifications(Enterprise, Qualifications) : [],
            .. Read.HasFlag(Holdings.Designations) ? EnterpriseContributions.OfDesignations(Enterprise, Designations) : [],
        ];
    }
}
