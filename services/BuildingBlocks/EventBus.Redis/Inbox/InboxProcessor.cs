using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using EventBus.Redis.Streams;
using EventBus.Redis.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Persistence;

namespace EventBus.Redis.Inbox;

/// <summary>What became of one entry of a batch.</summary>
internal enum InboxOutcome
{
    /// <summary>Its effect committed with its inbox row.</summary>
    Applied,
    /// <summary>Applied before (by this or another replica): nothing done.</summary>
    Duplicate,
    /// <summary>Its handlers or its payload failed; rolled back, left for a retry.</summary>
    Failed,
}

/// <param name="Activity">The event's process activity, still running (not current): the consumer stops it once the
/// entry is acknowledged, so that the acknowledgement shows inside it.</param>
internal sealed record InboxResult(StreamEntry Entry, InboxOutcome Outcome, TimeSpan Duration, Activity? Activity, Exception? Error = null);

/// <summary>
/// Applies events once. A batch (what one read of the streams returned) is applied in one fresh
/// scope and one database transaction: each event not yet in the inbox gets a savepoint, its
/// handlers and its inbox row; a failing event is rolled back to its savepoint alone, while the
/// others stay. Then the batch observers complete (<see cref="IEventBatchObserver"/>) and the
/// transaction commits. When the batch as a whole fails (an observer, the commit), its events are
/// applied again one at a time, so one bad batch costs no good event more than a retry.
/// </summary>
internal sealed partial class InboxProcessor(IServiceScopeFactory scopes, IOptions<EventBusSubscriptions> subscriptions, TimeProvider clock,
    ILogger<InboxProcessor> logger)
{
    private static readonly MethodInfo DispatchMethod = typeof(InboxProcessor).GetMethod(nameof(DispatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>> Dispatchers = new();

    /// <summary>True when this service handles events of the envelope's type.</summary>
    public bool Handles(EventEnvelope envelope) => subscriptions.Value.EventTypes.ContainsKey(envelope.Type);

    /// <summary>Applies the entries (each with an envelope of a handled type), in order; one result per entry.</summary>
    public async Task<IReadOnlyList<InboxResult>> ApplyAsync(IReadOnlyList<StreamEntry> entries, string group, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyBatchAsync(entries, group, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (entries.Count == 1)
            {
                return [new InboxResult(entries[0], InboxOutcome.Failed, TimeSpan.Zero, null, e)];
            }

            LogBatchFailed(logger, e, entries.Count);
        }

        var results = new List<InboxResult>(entries.Count);
        foreach (var entry in entries)
        {
            results.AddRange(await ApplyAsync([entry], group, cancellationToken));
        }

        return results;
    }

    /// <summary>Applies the batch; throws when the batch as a whole failed and nothing of it committed.</summary>
    private async Task<IReadOnlyList<InboxResult>> ApplyBatchAsync(IReadOnlyList<StreamEntry> entries, string group, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var ids = entries.Select(e => e.Envelope!.Id).Distinct().ToList();
        var seen = (await db.Set<InboxMessage>().Where(m => ids.Contains(m.EventId)).Select(m => m.EventId).ToListAsync(cancellationToken))
            .ToHashSet();
        var results = new InboxResult[entries.Count];
        var pending = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!seen.Add(entries[i].Envelope!.Id))
            {
                results[i] = new InboxResult(entries[i], InboxOutcome.Duplicate, TimeSpan.Zero, null);
            }
            else
            {
                pending.Add(i);
            }
        }

        if (pending.Count == 0)
        {
            return results;
        }

        var observers = scope.ServiceProvider.GetServices<IEventBatchObserver>().ToList();
        // Each event has a savepoint of ours; EF's own around every SaveChanges would only double the round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var i in pending)
            {
                results[i] = await ApplyOneAsync(scope.ServiceProvider, db, transaction, observers, entries[i], group, cancellationToken);
            }

            if (results.Any(r => r.Outcome == InboxOutcome.Applied))
            {
                foreach (var observer in observers)
                {
                    await observer.CompletedAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return results;
        }
        catch (Exception e)
        {
            foreach (var activity in results.Select(r => r?.Activity))
            {
                activity.Failed(e);
                activity?.Dispose();
            }

            throw;
        }
    }

    /// <remarks>
    /// The event's activity is current while its handlers run. An async method's change to
    /// <see cref="Activity.Current"/> does not flow back to its caller, so the next event's activity
    /// is not this one's child.
    /// </remarks>
    private async Task<InboxResult> ApplyOneAsync(IServiceProvider services, DbContext db, IDbContextTransaction transaction,
        IReadOnlyList<IEventBatchObserver> observers, StreamEntry entry, string group, CancellationToken cancellationToken)
    {
        var activity = EventBusTelemetry.StartProcess(entry.Stream, group, entry.Id, entry.Envelope!);
        var envelope = entry.Envelope!;
        var started = Stopwatch.GetTimestamp();
        IntegrationEvent @event;
        var eventType = subscriptions.Value.EventTypes[envelope.Type];
        try
        {
            @event = envelope.Unwrap(eventType);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            activity.Failed(e);
            return new InboxResult(entry, InboxOutcome.Failed, Stopwatch.GetElapsedTime(started), activity, e);
        }

        // Savepoint names are SQL identifiers; an event appears once in a batch, so its id keeps them unique.
        var savepoint = $"event_{envelope.Id:N}";
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            var dispatch = Dispatchers.GetOrAdd(eventType, t => DispatchMethod.MakeGenericMethod(t)
                .CreateDelegate<Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>>());
            await dispatch(services, @event, cancellationToken);
            db.Set<InboxMessage>().Add(new InboxMessage(envelope.Id, envelope.Type, envelope.Source, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            // What the failed event left tracked must not be saved with the next one; what earlier events saved is in the database.
            db.ChangeTracker.Clear();
            foreach (var observer in observers)
            {
                observer.EventRolledBack();
            }

            if (e is DbUpdateException update && UniqueViolation.IsUniqueViolation(update)
                && await db.Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.Id, cancellationToken))
            {
                // Another replica applied it first; its effect stands and ours is rolled back.
                return new InboxResult(entry, InboxOutcome.Duplicate, Stopwatch.GetElapsedTime(started), activity);
            }

            activity.Failed(e);
            return new InboxResult(entry, InboxOutcome.Failed, Stopwatch.GetElapsedTime(started), activity, e);
        }

        foreach (var observer in observers)
        {
            observer.EventApplied();
        }

        return new InboxResult(entry, InboxOutcome.Applied, Stopwatch.GetElapsedTime(started), activity);
    }

    private static async Task DispatchAsync<TEvent>(IServiceProvider services, IntegrationEvent @event, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)@event, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "A batch of {Count} events failed as a whole and was rolled back; applying its events one at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
