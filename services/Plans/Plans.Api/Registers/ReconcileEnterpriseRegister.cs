using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Metrics;
using SharedKernel.Errors;

namespace Plans.Api.Registers;

/// <summary>What a reconciliation found and did.</summary>
/// <param name="Qualifications">Qualifications the register holds (every status).</param>
/// <param name="Enterprises">Enterprises holding them.</param>
/// <param name="ObservationsRecorded">Automatic observations recorded because a metric changed.</param>
public sealed record ReconcileReport(int Qualifications, int Enterprises, int ObservationsRecorded);

/// <summary>The enterprise register as read at <paramref name="TakenAt"/>: every qualification, with its status.</summary>
public sealed record RegisterSnapshot(IReadOnlyList<RegisterQualification> Qualifications,
    IReadOnlyDictionary<long, QualificationStatus> Statuses, DateTimeOffset TakenAt);

/// <summary>
/// Reconciles the local copy of the enterprise register with the Enterprises API, one pass at a time
/// per process: reads the register, then applies it in one command. The read is no part of the
/// command's transaction, since it may take a while and the database must not wait for it.
/// </summary>
public sealed class EnterpriseRegisterReconciliation
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<ReconcileReport> RunAsync(ISender sender, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var snapshot = await sender.Send(new ReadEnterpriseRegister(), ct);
            return await sender.Send(new ReconcileEnterpriseRegister(snapshot), ct);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Reads every qualification of the Enterprises API: 409 when no register is configured, 503 when it cannot be read.</summary>
public sealed record ReadEnterpriseRegister : IQuery<RegisterSnapshot>;

internal sealed class ReadEnterpriseRegisterHandler(EnterpriseRegisterClient client, TimeProvider clock,
    IOptions<EnterpriseRegisterOptions> options) : IQueryHandler<ReadEnterpriseRegister, RegisterSnapshot>
{
    public const string NotConfigured = "registerNotConfigured";

    public async ValueTask<RegisterSnapshot> Handle(ReadEnterpriseRegister query, CancellationToken ct)
    {
        if (!options.Value.IsConfigured)
        {
            throw new ConflictException(NotConfigured,
                $"No enterprise register is configured ({EnterpriseRegisterOptions.Section}:BaseUrl); the metrics follow the events alone.");
        }

        var takenAt = clock.GetUtcNow();
        var register = await client.GetQualificationsAsync(ct);
        return new RegisterSnapshot(register, register.ToDictionary(q => q.Id, StatusOf), takenAt);
    }

    private static QualificationStatus StatusOf(RegisterQualification q) => q.Status?.ToLowerInvariant() switch
    {
        "valid" => QualificationStatus.Valid,
        "expired" => QualificationStatus.Expired,
        "revoked" => QualificationStatus.Revoked,
        _ => throw new RegisterUnavailableException($"The register lists qualification {q.Id} with an unknown status '{q.Status}'."),
    };
}

/// <summary>
/// Replaces the local copy of the enterprise register with a snapshot of it, so that a consumer that
/// missed stream history (the stream is capped) is still right, then refreshes every metric. Rows
/// changed by an event newer than the snapshot are newer than it, and are kept.
/// </summary>
public sealed record ReconcileEnterpriseRegister(RegisterSnapshot Snapshot) : ICommand<ReconcileReport>;

internal sealed partial class ReconcileEnterpriseRegisterHandler(PlansDbContext db, MetricRefresher metrics,
    ILogger<ReconcileEnterpriseRegisterHandler> logger) : ICommandHandler<ReconcileEnterpriseRegister, ReconcileReport>
{
    public async ValueTask<ReconcileReport> Handle(ReconcileEnterpriseRegister command, CancellationToken ct)
    {
        var (register, statuses, snapshotAt) = command.Snapshot;
        var holders = register.GroupBy(q => q.CreditCode).ToDictionary(g => g.Key, g => g.First());
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
        LogReconciled(register.Count, holders.Count, recorded);
        return new ReconcileReport(register.Count, holders.Count, recorded);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciled the enterprise register: {Qualifications} qualifications of {Enterprises} enterprises, {Recorded} observations recorded")]
    private partial void LogReconciled(int qualifications, int enterprises, int recorded);
}
