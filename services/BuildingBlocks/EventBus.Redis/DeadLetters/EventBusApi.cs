using SharedKernel.Errors;
using SharedKernel.Access;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EventBus.Redis.Outbox;
using EventBus.Redis.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDefaults.Auth;
using ServiceDefaults.Problems;

namespace EventBus.Redis.DeadLetters;

/// <summary>A page of dead letters, oldest first; pass the last <c>id</c> as <c>after</c> for the next.</summary>
public sealed record DeadLetterPage([property: MaxLength(EventBusApi.MaxLimit)] IReadOnlyList<DeadLetter> Items, long TotalCount);

/// <summary>Where a replayed dead letter went.</summary>
public sealed record ReplayResult(string Stream, string EntryId);

/// <summary>The state of this service's events.</summary>
/// <param name="OutboxPending">Events committed but not yet on the stream.</param>
/// <param name="OldestPendingSince">When the oldest of those happened; null when none wait.</param>
/// <param name="DeadLetters">Entries set aside after too many failed deliveries.</param>
public sealed record EventBusStatus(int OutboxPending, DateTimeOffset? OldestPendingSince, long DeadLetters);

internal static class EventBusApi
{
    public const int MaxLimit = 500;

    /// <summary>At <c>/api/v1/events/{service}/…</c>, the path the gateway routes to the service unchanged.</summary>
    public static RouteGroupBuilder MapEventBusEndpoints(this IEndpointRouteBuilder app, string serviceName)
    {
        var group = app.MapGroup($"/api/v1/events/{serviceName}").WithTags("Events").RequireAuthorization(Scopes.Admin);
        group.MapGet("/status", GetStatus).WithName("GetEventBusStatus")
            .WithSummary("Outbox backlog and dead-letter count of this service (admin)");
        group.MapGet("/dead-letters", ListDeadLetters).WithName("ListDeadLetters")
            .WithSummary("Events this service failed to apply too often, oldest first (admin)");
        group.MapGet("/dead-letters/{id}", GetDeadLetter).WithName("GetDeadLetter").WithSummary("One dead letter (admin)");
        group.MapPost("/dead-letters/{id}/replay", Replay).WithName("ReplayDeadLetter")
            .WithSummary("Put a dead letter back on its stream to be applied again (admin)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/dead-letters/{id}", Discard).WithName("DiscardDeadLetter").WithSummary("Drop a dead letter (admin)");
        return group;
    }

    private static async Task<Ok<EventBusStatus>> GetStatus(DbContext db, DeadLetterQueue deadLetters, CancellationToken ct)
    {
        var pending = db.Set<OutboxMessage>().Where(m => m.PublishedAt == null);
        var count = await pending.CountAsync(ct);
        var oldest = count == 0 ? (DateTimeOffset?)null : await pending.OrderBy(m => m.Id).Select(m => m.OccurredAt).FirstAsync(ct);
        return TypedResults.Ok(new EventBusStatus(count, oldest, await RedisAsync(deadLetters.CountAsync)));
    }

    /// <param name="after">Entry id to continue after (the last id of the previous page).</param>
    /// <param name="limit">At most this many (1–500, default 100).</param>
    private static async Task<Ok<DeadLetterPage>> ListDeadLetters(DeadLetterQueue deadLetters, string? after, int? limit)
    {
        if (after is not null)
        {
            EnsureEntryId(after, nameof(after));
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"limit must be between 1 and {MaxLimit}.");
        }

        var (items, total) = await RedisAsync(() => deadLetters.ListAsync(after ?? "-", limit ?? 100));
        return TypedResults.Ok(new DeadLetterPage(items, total));
    }

    private static async Task<Ok<DeadLetter>> GetDeadLetter(string id, DeadLetterQueue deadLetters) =>
        TypedResults.Ok(await FindAsync(deadLetters, id));

    private static async Task<Ok<ReplayResult>> Replay(string id, DeadLetterQueue deadLetters)
    {
        var letter = await FindAsync(deadLetters, id);
        if (!DeadLetterQueue.IsReadable(letter))
        {
            throw new ConflictException("deadLetterUnreadable",
                "This entry has no readable event (id, type and a JSON payload), so replaying it would fail again; discard it instead.");
        }

        return TypedResults.Ok(new ReplayResult(letter.Stream, await RedisAsync(() => deadLetters.ReplayAsync(letter))));
    }

    private static async Task<NoContent> Discard(string id, DeadLetterQueue deadLetters)
    {
        await FindAsync(deadLetters, id);
        await RedisAsync(() => deadLetters.DiscardAsync(id));
        return TypedResults.NoContent();
    }

    private static async Task<DeadLetter> FindAsync(DeadLetterQueue deadLetters, string id)
    {
        EnsureEntryId(id, nameof(id));
        return await RedisAsync(() => deadLetters.FindAsync(id)) ?? throw new NotFoundException("Dead letter", id);
    }

    private static void EnsureEntryId(string id, string parameter)
    {
        // Redis refuses ids past 64 bits with an error of its own: refuse them here, as a 400.
        if (id.Split('-') is not [var time, var sequence]
            || !ulong.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !ulong.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"{parameter} must be a stream entry id such as 1700000000000-0.");
        }
    }

    /// <summary>Runs a Redis call, answering 503 while Redis cannot be reached.</summary>
    private static async Task<T> RedisAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RedisUnavailableException e)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "Event bus unavailable", e.Message);
        }
    }
}
