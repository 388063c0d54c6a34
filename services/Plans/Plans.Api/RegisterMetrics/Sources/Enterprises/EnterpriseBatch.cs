using Enterprises.Contracts;
using EventBus;
using Persistence;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// The enterprise copy as one batch of the register's events reads it: the enterprises the batch names,
/// with their qualifications and designations, read ahead in one query each (after the register's lock,
/// as a handler reads), and kept with what the batch adds until its save.
/// </summary>
public sealed class EnterpriseBatch(PlansDbContext db, RegisterLocks locks) : IEventBatchLoader
{
    public BatchRows<string, RegisteredEnterprise> Enterprises { get; } = new(db, e => e.CreditCode);
    public BatchRows<string, RegisteredQualification> Qualifications { get; } = new(db, q => q.CreditCode);
    public BatchRows<string, RegisteredDesignation> Designations { get; } = new(db, d => d.CreditCode);

    public async Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var codes = events.Select(CreditCodeOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            return;
        }

        await locks.ForEventAsync(EnterprisesSource.Name, cancellationToken);
        await Enterprises.LoadAsync(codes, cancellationToken);
        await Qualifications.LoadAsync(codes, cancellationToken);
        await Designations.LoadAsync(codes, cancellationToken);
    }

    private static string? CreditCodeOf(IntegrationEvent e) => e switch
    {
        EnterpriseRegistered r => r.CreditCode,
        EnterpriseUpdated u => u.CreditCode,
        QualificationGranted g => g.CreditCode,
        QualificationRevoked r => r.CreditCode,
        QualificationExpired x => x.CreditCode,
        DesignationAdded a => a.CreditCode,
        DesignationEnded d => d.CreditCode,
        AnnualReportFiled f => f.CreditCode,
        _ => null,
    };
}
