using SharedKernel.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Metrics;
using ServiceDefaults.Problems;

namespace Plans.Api.Registers;

/// <summary>What a reconciliation found and did.</summary>
/// <param name="Qualifications">Qualifications the register holds (every status).</param>
/// <param name="Enterprises">Enterprises holding them.</param>
/// <param name="ObservationsRecorded">Automatic observations recorded because a metric changed.</param>
public sealed record ReconcileReport(int Qualifications, int Enterprises, int ObservationsRecorded);

/// <summary>One reconciliation at a time per process: a second waits for the first.</summary>
public sealed class ReconciliationGate
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// Rebuilds the local copy of the enterprise register from the Enterprises API, so that a consumer
/// that missed stream history (the stream is capped) is still right, then refreshes every metric.
/// The copy is replaced in one transaction; rows changed by an event newer than the start of the
/// pass are newer than the snapshot and are kept.
/// </summary>
public sealed partial class EnterpriseRegisterReconciler(PlansDbContext db, EnterpriseRegisterClient client, MetricRefresher metrics,
    ReconciliationGate gate, TimeProvider clock, IOptions<EnterpriseRegisterOptions> options, ILogger<EnterpriseRegisterReconciler> logger)
{
    public const string NotConfigured = "registerNotConfigured";

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken ct)
    {
        if (!options.Value.IsConfigured)
        {
            throw new ConflictException(NotConfigured,
                $"No enterprise register is configured ({EnterpriseRegisterOptions.Section}:BaseUrl); the metrics follow the events alone.");
        }

        await gate.Semaphore.WaitAsync(ct);
        try
        {
            var snapshotAt = clock.GetUtcNow();
            var register = await client.GetQualificationsAsync(ct);
            var statuses = register.ToDictionary(q => q.Id, q => StatusOf(q));
            var holders = register.GroupBy(q => q.CreditCode).ToDictionary(g => g.Key, g => g.First());

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var enterprises = await db.RegisteredEnterprises.ToDictionaryAsync(e => e.CreditCode, ct);
            foreach (var (creditCode, holder) in holders)
            {
                if (enterprises.TryGetValue(creditCode, out var enterprise))
                {
                    enterprise.Apply(holder.RegionCode, holder.ZoneCode, snapshotAt);
                }
                else
                {
                    db.RegisteredEnterprises.Add(new RegisteredEnterprise(creditCode, holder.RegionCode, holder.ZoneCode, snapshotAt));
                }
            }

            db.RegisteredEnterprises.RemoveRange(enterprises.Values.Where(e => !holders.ContainsKey(e.CreditCode) && e.LastEventAt <= snapshotAt));

            var qualifications = await db.RegisteredQualifications.ToDictionaryAsync(q => q.Id, ct);
            foreach (var q in register)
            {
                if (qualifications.TryGetValue(q.Id, out var row))
                {
                    row.Apply(q.CreditCode, q.Type, q.GrantedOn, q.ExpiresOn, statuses[q.Id], snapshotAt);
                }
                else
                {
                    db.RegisteredQualifications.Add(new RegisteredQualification(q.Id, q.CreditCode, q.Type, q.GrantedOn, q.ExpiresOn,
                        statuses[q.Id], snapshotAt));
                }
            }

            db.RegisteredQualifications.RemoveRange(qualifications.Values.Where(q => !statuses.ContainsKey(q.Id) && q.LastEventAt <= snapshotAt));

            await db.SaveChangesAsync(ct);
            var recorded = await metrics.RefreshAsync(null, ct);
            await transaction.CommitAsync(ct);
            LogReconciled(register.Count, holders.Count, recorded);
            return new ReconcileReport(register.Count, holders.Count, recorded);
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    private static QualificationStatus StatusOf(RegisterQualification q) => q.Status?.ToLowerInvariant() switch
    {
        "valid" => QualificationStatus.Valid,
        "expired" => QualificationStatus.Expired,
        "revoked" => QualificationStatus.Revoked,
        _ => throw new RegisterUnavailableException($"The register lists qualification {q.Id} with an unknown status '{q.Status}'."),
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciled the enterprise register: {Qualifications} qualifications of {Enterprises} enterprises, {Recorded} observations recorded")]
    private partial void LogReconciled(int qualifications, int enterprises, int recorded);
}
