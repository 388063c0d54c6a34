using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Mediator;
using Microsoft.Extensions.Options;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;
using Plans.Api.RegisterMetrics.Refresh;
using SharedKernel.Errors;

namespace Plans.Api.RegisterMetrics.Reconciliation;

/// <summary>What a reconciliation found and did.</summary>
/// <param name="Register">The register reconciled.</param>
/// <param name="ObservationsRecorded">Automatic figures recorded or updated because a metric changed.</param>
public sealed record ReconcileReport(string Register, int ObservationsRecorded)
{
    /// <summary>How many of each thing the register listed (enterprises: <c>qualifications</c>, <c>designations</c>, <c>enterprises</c>).</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Listed { get; init; } = [];
}

/// <summary>
/// Reconciles a register's copy with its owner's API, one pass at a time per register and process:
/// reads the register, then applies it in one command. The read is no part of the command's
/// transaction, since it may take a while and the database must not wait for it. A register no
/// source serves is a 404 before any gate is made for it: one gate per source, never per name asked for.
/// </summary>
public sealed class RegisterReconciliation(RegisterSources sources)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <param name="register">The register as a caller names it, in any case.</param>
    public async Task<ReconcileReport> RunAsync(ISender sender, string register, CancellationToken ct)
    {
        register = sources.Find(register)?.Register ?? throw new NotFoundException("Register", register);
        var gate = gates.GetOrAdd(register, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var snapshot = await sender.Send(new ReadRegister(register), ct);
            return await sender.Send(new ReconcileRegister(register, snapshot), ct);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// Reads a register from its owner's API: 404 for a register no source serves, 409 for one not
/// connected yet or with no owner's API configured, 503 when it cannot be read.
/// </summary>
public sealed record ReadRegister(string Register) : IQuery<IRegisterSnapshot>;

internal sealed class ReadRegisterHandler(RegisterSources sources, IHttpClientFactory http, IOptionsMonitor<RegisterOptions> options,
    TimeProvider clock)
    : IQueryHandler<ReadRegister, IRegisterSnapshot>
{
    public const string NotConfigured = "registerNotConfigured";
    public const string NotConnected = "registerNotConnected";

    public async ValueTask<IRegisterSnapshot> Handle(ReadRegister query, CancellationToken ct)
    {
        var source = sources.Find(query.Register) ?? throw new NotFoundException("Register", query.Register);
        var copy = source.Copy ?? throw new ConflictException(NotConnected,
            $"The {source.Title} is not connected yet: its metrics are known, but this service keeps no copy of it.");
        var settings = options.Get(source.Register);
        if (!settings.IsConfigured)
        {
            throw new ConflictException(NotConfigured,
                $"No {source.Title} is configured ({RegisterOptions.SectionOf(source.Register)}:BaseUrl); the metrics follow the events alone.");
        }

        var api = new RegisterApiClient(source, http.CreateClient(RegisterApiClient.HttpClientName(source.Register)), settings);
        return await copy.ReadAsync(api, clock.GetUtcNow(), ct);
    }
}

/// <summary>
/// Replaces a register's copy with a snapshot of it, so that a consumer that missed stream history
/// (the stream is capped) is still right; then replaces the register's counters with the rebuilt
/// copy's contributions and refreshes every indicator bound to its metrics. Rows changed by an event
/// newer than the snapshot are newer than it, and are kept. Set-based, in one transaction, holding
/// the register's lock so that no batch of its events interleaves.
/// </summary>
public sealed record ReconcileRegister(string Register, IRegisterSnapshot Snapshot) : ICommand<ReconcileReport>;

internal sealed partial class ReconcileRegisterHandler(PlansDbContext db, RegisterSources sources, RegisterLocks locks, MetricCounters counters,
    MetricRefresher refresher, ILogger<ReconcileRegisterHandler> logger) : ICommandHandler<ReconcileRegister, ReconcileReport>
{
    public async ValueTask<ReconcileReport> Handle(ReconcileRegister command, CancellationToken ct)
    {
        var source = sources.Find(command.Register) ?? throw new NotFoundException("Register", command.Register);
        var copy = source.Copy ?? throw new ConflictException(ReadRegisterHandler.NotConnected, $"The {source.Title} is not connected yet.");
        await locks.ForWholeRegisterAsync(source.Register, ct);
        var rebuilt = await copy.RebuildAsync(db, command.Snapshot, ct);
        await counters.ReplaceAsync(source.Register, rebuilt.Contributions, ct);
        var recorded = await refresher.RefreshAllAsync(source.Register, ct);
        LogReconciled(source.Register, string.Join(", ", rebuilt.Listed.Select(l => $"{l.Value} {l.Key}")), recorded);
        return new ReconcileReport(source.Register, recorded) { Listed = rebuilt.Listed.ToDictionary(l => l.Key, l => (object)l.Value) };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled the {Register} register ({Listed}); {Recorded} figures recorded")]
    private partial void LogReconciled(string register, string listed, int recorded);
}
