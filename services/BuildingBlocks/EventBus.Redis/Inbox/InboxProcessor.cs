using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using EventBus.Redis.Streams;
using EventBus.Redis.Telemetry;
using Microsoft.EntityFrameworkCore;
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
/// scope and one database transaction: the batch's loaders read ahead
/// (<see cref="IEventBatchLoader"/>), each event not yet in the inbox gets its handlers and its
/// inbox row, the batch is saved once, then the batch observers complete
/// (<see cref="IEventBatchObserver"/>) and the transaction commits. When an event's handlers fail,
/// nothing of the batch commits: that event fails alone (it stays pending for a retry) and the
/// others are applied again as a batch without it. When the batch fails otherwise (its save, an
/// observer, the commit), its events are applied again one at a time, each in a transaction of its
/// own. An event alone that breaks a unique key another transaction committed first is applied again at once (see
/// <see cref="FailedAsync"/>). One save and no savepoint per batch: round trips per event would cost more than applying a
/// batch again in the rare case that one of its events fails.
/// </summary>
internal sealed partial class InboxProcessor(IServiceScopeFactory scopes, IOptions<EventBusSubscriptions> subscriptions, TimeProvider clock,
    ILogger<InboxProcessor> logger)
{
    private static readonly MethodInfo DispatchMethod = typeof(InboxProcessor).GetMethod(nameof(DispatchAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>> Dispatchers = new();

    /// <summary>True when this service handles events of the envelope's type.</summary>
    public bool Handles(EventEnvelope envelope) => subscriptions.Value.EventTypes.ContainsKey(envelope.Type);

    /// <summary>Applies the entries (each with an envelope of a handled type); one result per entry, in their order.</summary>
    public async Task<IReadOnlyList<InboxResult>> ApplyAsync(IReadOnlyList<StreamEntry> entries, string group, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyBatchAsync(entries, group, cancellationToken);
        }
        catch (EventFailedException failed) when (!cancellationToken.IsCancellationRequested)
        {
            var others = entries.Where(e => e != failed.Entry).ToList();
            var results = others.Count > 0 ? [.. await ApplyAsync(others, group, cancellationToken)] : new List<InboxResult>();
            results.Insert(entries.ToList().IndexOf(failed.Entry),
                await FailedAsync(failed.Entry, failed.InnerException!, failed.Duration, group, cancellationToken));
            return results;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (entries.Count == 1)
            {
                return [await FailedAsync(entries[0], e, TimeSpan.Zero, group, cancellationToken)];
            }

            LogBatchFailed(logger, e, entries.Count);
        }

        var oneByOne = new List<InboxResult>(entries.Count);
        foreach (var entry in entries)
        {
            oneByOne.AddRange(await ApplyAsync([entry], group, cancellationToken));
        }

        return oneByOne;
    }

    /// <summary>Applies the batch; throws when anything of it failed, and then nothing of it committed.</summary>
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
        // The batch is the unit that commits or rolls back; EF's savepoint around every SaveChanges would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Where the work the events share (reading ahead, the save, the observers) shows in traces: in the event's own
        // activity when the batch is one event, else in an activity of the batch that links to each event's publisher.
        var alone = pending.Count == 1 ? StartProcess(entries[pending[0]], group) : null;
        using var shared = pending.Count == 1 ? null : EventBusTelemetry.StartProcessBatch(group, pending.Select(i => entries[i].Envelope!).ToList());
        try
        {
            var events = pending.Select(i => Unwrap(entries[i])).ToList();
            foreach (var loader in scope.ServiceProvider.GetServices<IEventBatchLoader>())
            {
                await loader.LoadAsync(events, cancellationToken);
            }

            for (var p = 0; p < pending.Count; p++)
            {
                results[pending[p]] = await ApplyOneAsync(scope.ServiceProvider, db, entries[pending[p]], events[p], alone ?? StartProcess(entries[pending[p]], group),
                    cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var observer in observers)
            {
                await observer.CompletedAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return results;
        }
        catch (Exception e)
        {
            shared.Failed(e);
            foreach (var activity in results.Select(r => r?.Activity).Append(alone).Distinct())
            {
                activity.Failed(e);
                activity?.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The entry's event, or an <see cref="EventFailedException"/> naming the entry when its payload is not one (its
    /// activity shows the failure once the entry is applied alone).
    /// </summary>
    private IntegrationEvent Unwrap(StreamEntry entry)
    {
        try
        {
            return entry.Envelope!.Unwrap(subscriptions.Value.EventTypes[entry.Envelope.Type]);
        }
        catch (Exception e)
        {
            throw new EventFailedException(entry, TimeSpan.Zero, e);
        }
    }

    /// <remarks>
    /// The event's activity is current while its handlers run. An async method's change to
    /// <see cref="Activity.Current"/> does not flow back to its caller, so the next event's activity
    /// is not this one's child. Nothing is saved here: the batch is, after its last event.
    /// </remarks>
    private async Task<InboxResult> ApplyOneAsync(IServiceProvider services, DbContext db, StreamEntry entry, IntegrationEvent @event,
        Activity? activity, CancellationToken cancellationToken)
    {
        var envelope = entry.Envelope!;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var dispatch = Dispatchers.GetOrAdd(@event.GetType(), t => DispatchMethod.MakeGenericMethod(t)
                .CreateDelegate<Func<IServiceProvider, IntegrationEvent, CancellationToken, Task>>());
            await dispatch(services, @event, cancellationToken);
            db.Set<InboxMessage>().Add(new InboxMessage(envelope.Id, envelope.Type, envelope.Source, clock.GetUtcNow()));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            activity.Failed(e);
            activity?.Dispose();
            throw new EventFailedException(entry, Stopwatch.GetElapsedTime(started), e);
        }

        return new InboxResult(entry, InboxOutcome.Applied, Stopwatch.GetElapsedTime(started), activity);
    }

    private static Activity? StartProcess(StreamEntry entry, string group) =>
        EventBusTelemetry.StartProcess(entry.Stream, group, entry.Id, entry.Envelope!);

    /// <summary>
    /// What became of an event applied alone that failed. A unique key it broke is a row another transaction committed
    /// first: the event's own inbox row when another replica applied it (a duplicate; its effect stands), or a row the
    /// event's handlers would have added too, when a replica applying another event of the same thing (a grant and the
    /// registration before it) won the race. Then the event is applied again at once, once, and reads that row: left
    /// for the retry after <see cref="RedisEventBusOptions.RetryAfter"/>, it would wait for nothing.
    /// </summary>
    private async Task<InboxResult> FailedAsync(StreamEntry entry, Exception error, TimeSpan duration, string group, CancellationToken cancellationToken,
        bool again = false)
    {
        if (error is DbUpdateException update && UniqueViolation.IsUniqueViolation(update))
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var id = entry.Envelope!.Id;
                if (await scope.ServiceProvider.GetRequiredService<DbContext>().Set<InboxMessage>().AnyAsync(m => m.EventId == id, cancellationToken))
                {
                    return new InboxResult(entry, InboxOutcome.Duplicate, duration, null);
                }
            }

            if (!again)
            {
                LogRaceLost(logger, entry.Envelope.Type, entry.Envelope.Id, entry.Id);
                try
                {
                    return (await ApplyBatchAsync([entry], group, cancellationToken))[0];
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    return await FailedAsync(entry, e is EventFailedException failed ? failed.InnerException! : e, duration, group, cancellationToken,
                        again: true);
                }
            }
        }

        return new InboxResult(entry, InboxOutcome.Failed, duration, null, error);
    }

    private static async Task DispatchAsync<TEvent>(IServiceProvider services, IntegrationEvent @event, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        foreach (var handler in services.GetServices<IIntegrationEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)@event, cancellationToken);
        }
    }

    /// <summary>An event's handlers (or its payload, or its save) failed in a batch, which committed nothing.</summary>
    private sealed class EventFailedException(StreamEntry entry, TimeSpan duration, Exception error)
        : Exception($"Applying the event of entry {entry.Id} failed.", error)
    {
        public StreamEntry Entry => entry;
        public TimeSpan Duration => duration;
    }

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "A batch of {Count} events failed as a whole and was rolled back; applying its events one at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Information,
        Message = "Event {Type} {EventId} (entry {EntryId}) met a row another transaction committed first; applying it again")]
    private static partial void LogRaceLost(ILogger logger, string type, Guid eventId, string entryId);
}
