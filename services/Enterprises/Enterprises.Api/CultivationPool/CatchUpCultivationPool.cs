using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Messaging;
using SharedKernel.Time;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// Brings the precomputed pool up to date with what no write reports: built whole when it has never been built or
/// was built under other rules (<see cref="CultivationPoolWriter.Signature"/>); the years the calendar has brought
/// into range (next year, from 1 January) added; and the holders whose HighTech qualification ended since the day it
/// last looked (the day after its last day, before or without the expiry pass) moved back into it. Sent at start-up
/// and hourly; a second run finds nothing to do.
/// </summary>
public sealed record CatchUpCultivationPool : ICommand<PoolCatchUp>
{
    /// <summary>Build the pool whole in any case: after the register was loaded past the service (a COPY straight into its tables).</summary>
    public bool Rebuild { get; init; }
}

/// <summary>What a catch-up did.</summary>
/// <param name="Rebuilt">Whether the pool was built whole.</param>
/// <param name="YearsAdded">Application years added for every enterprise.</param>
/// <param name="Refreshed">Enterprises whose rows were rewritten because a qualification's validity changed with the day.</param>
/// <param name="AsOf">The day the pool reflects.</param>
public sealed record PoolCatchUp(bool Rebuilt, int YearsAdded, int Refreshed, DateOnly AsOf);

internal sealed partial class CatchUpCultivationPoolHandler(EnterprisesDbContext db, TimeProvider clock, ILogger<CatchUpCultivationPoolHandler> logger)
    : ICommandHandler<CatchUpCultivationPool, PoolCatchUp>
{
    public async ValueTask<PoolCatchUp> Handle(CatchUpCultivationPool command, CancellationToken cancellationToken)
    {
        await DerivedTables.LockAsync(db, exclusive: true, cancellationToken);
        var today = clock.Today();
        var last = CultivationPoolWriter.LastYear(today);
        var state = await db.CultivationPoolState.SingleOrDefaultAsync(cancellationToken);
        if (command.Rebuild || state is null || state.Signature != CultivationPoolWriter.Signature)
        {
            await db.CultivationPool.ExecuteDeleteAsync(cancellationToken);
            await BuildAsync(CultivationPoolWriter.FirstYear, last, today, cancellationToken);
            if (state is null)
            {
                db.CultivationPoolState.Add(new PoolState { Signature = CultivationPoolWriter.Signature, ThroughYear = last, HeldAsOf = today });
            }
            else
            {
                (state.Signature, state.ThroughYear, state.HeldAsOf) = (CultivationPoolWriter.Signature, last, today);
            }

            await db.SaveChangesAsync(cancellationToken);
            LogRebuilt(logger, CultivationPoolWriter.FirstYear, last, today);
            return new PoolCatchUp(true, 0, 0, today);
        }

        var added = Math.Max(0, last - state.ThroughYear);
        if (added > 0)
        {
            await db.CultivationPool.Where(p => p.Year > state.ThroughYear).ExecuteDeleteAsync(cancellationToken);
            await BuildAsync(state.ThroughYear + 1, last, today, cancellationToken);
        }

        var refreshed = 0;
        if (state.HeldAsOf < today)
        {
            var since = state.HeldAsOf;
            var changed = await db.Qualifications.AsNoTracking()
                .Where(q => q.Type == QualificationType.HighTech && q.Status == QualificationStatus.Valid
                    && ((q.ExpiresOn >= since && q.ExpiresOn < today) || (q.GrantedOn > since && q.GrantedOn <= today)))
                .Select(q => q.CreditCode).Distinct().ToListAsync(cancellationToken);
            await CultivationPoolWriter.RefreshAsync(db, changed, CultivationPoolWriter.FirstYear, last, today, cancellationToken);
            refreshed = changed.Count;
        }

        (state.ThroughYear, state.HeldAsOf) = (Math.Max(state.ThroughYear, last), today);
        await db.SaveChangesAsync(cancellationToken);
        LogCaughtUp(logger, added, refreshed, today);
        return new PoolCatchUp(false, added, refreshed, today);
    }

    /// <summary>Writes the rows of every enterprise for the years given, a batch of enterprises at a time in credit-code order.</summary>
    private async Task BuildAsync(int from, int through, DateOnly today, CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var batch = await db.Enterprises.AsNoTracking()
                .Where(e => after == null || string.Compare(e.CreditCode, after) > 0)
                .OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(CultivationPoolWriter.BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            await CultivationPoolWriter.WriteAsync(db, batch, from, through, today, ct);
            after = batch[^1];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cultivation pool built for {First}–{Last} as of {Today}")]
    private static partial void LogRebuilt(ILogger logger, int first, int last, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cultivation pool caught up: {Years} years added, {Refreshed} enterprises refreshed as of {Today}")]
    private static partial void LogCaughtUp(ILogger logger, int years, int refreshed, DateOnly today);
}

public static class CultivationPoolExtensions
{
    /// <summary>The pool's upkeep: rows rewritten with every write, built at start-up, caught up every <c>CultivationPool:Interval</c>.</summary>
    public static IHostApplicationBuilder AddCultivationPool(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDerivedTable<CultivationPoolTracker>();
        builder.Services.AddSingleton(GetCultivationPoolHandler.Facts()).AddSingleton(GetCultivationPoolHandler.Pages())
            .AddSingleton(GetCultivationPoolHandler.Counts());
        builder.Services.AddStartupCommand<CatchUpCultivationPool>("Building the cultivation pool");
        return builder.AddPeriodicCommand<CatchUpCultivationPool>("CultivationPool");
    }
}
