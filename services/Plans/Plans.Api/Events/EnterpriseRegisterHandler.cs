using Enterprises.Contracts;
using EventBus;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Metrics;

namespace Plans.Api.Events;

/// <summary>
/// Keeps the local copy of the enterprise register from its events, then refreshes the metrics of
/// the plans where the enterprise was or is. Runs inside the consumer's transaction, which also
/// records the event as applied. News older than a row's last change is ignored, so a stale
/// redelivery (a grant after its revocation) cannot undo a later change.
/// </summary>
public sealed class EnterpriseRegisterHandler(PlansDbContext db, MetricRefresher metrics) :
    IIntegrationEventHandler<EnterpriseRegistered>,
    IIntegrationEventHandler<EnterpriseUpdated>,
    IIntegrationEventHandler<QualificationGranted>,
    IIntegrationEventHandler<QualificationRevoked>,
    IIntegrationEventHandler<QualificationExpired>
{
    public Task HandleAsync(EnterpriseRegistered e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt, qualification: null, ct);

    public Task HandleAsync(EnterpriseUpdated e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt, qualification: null, ct);

    public Task HandleAsync(QualificationGranted e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt,
            new QualificationState(e.QualificationId, e.Type, e.GrantedOn, e.ExpiresOn, QualificationStatus.Valid), ct);

    public Task HandleAsync(QualificationRevoked e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt,
            new QualificationState(e.QualificationId, e.Type, e.GrantedOn, e.ExpiresOn, QualificationStatus.Revoked), ct);

    public Task HandleAsync(QualificationExpired e, CancellationToken ct) =>
        ApplyAsync(e.CreditCode, e.RegionCode, e.ZoneCode, e.OccurredAt,
            new QualificationState(e.QualificationId, e.Type, e.GrantedOn, e.ExpiresOn, QualificationStatus.Expired), ct);

    private async Task ApplyAsync(string creditCode, string regionCode, string? zoneCode, DateTimeOffset occurredAt,
        QualificationState? qualification, CancellationToken ct)
    {
        // Plans where the enterprise was and where it is now both change.
        var touched = new HashSet<string>(StringComparer.Ordinal) { regionCode };
        if (zoneCode is not null)
        {
            touched.Add(zoneCode);
        }

        var placed = false;
        var enterprise = await db.RegisteredEnterprises.FindAsync([creditCode], ct);
        if (enterprise is null)
        {
            db.RegisteredEnterprises.Add(new RegisteredEnterprise(creditCode, regionCode, zoneCode, occurredAt));
            placed = true;
        }
        else
        {
            touched.Add(enterprise.RegionCode);
            if (enterprise.ZoneCode is not null)
            {
                touched.Add(enterprise.ZoneCode);
            }

            placed = enterprise.Apply(regionCode, zoneCode, occurredAt);
        }

        var counted = false;
        if (qualification is { } q)
        {
            var row = await db.RegisteredQualifications.FindAsync([q.Id], ct);
            if (row is null)
            {
                db.RegisteredQualifications.Add(new RegisteredQualification(q.Id, creditCode, q.Type, q.GrantedOn, q.ExpiresOn,
                    q.Status, occurredAt));
                counted = true;
            }
            else
            {
                counted = row.Apply(creditCode, q.Type, q.GrantedOn, q.ExpiresOn, q.Status, occurredAt);
            }
        }

        // Saved even when no count moves: a newer LastEventAt is what keeps older news out later.
        await db.SaveChangesAsync(ct);

        // Registering, renaming or moving an enterprise that holds no qualification moves no count,
        // and most register events are of that kind: only then is the refresh, a count per bound
        // indicator of every plan around, worth its queries.
        if (counted || (placed && await db.RegisteredQualifications.AnyAsync(r => r.CreditCode == creditCode, ct)))
        {
            await metrics.RefreshAsync(touched, ct);
        }
    }

    private sealed record QualificationState(long Id, string Type, DateOnly GrantedOn, DateOnly ExpiresOn, QualificationStatus Status);
}
