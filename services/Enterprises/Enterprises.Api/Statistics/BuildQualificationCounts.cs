using Enterprises.Api.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Messaging;

namespace Enterprises.Api.Statistics;

/// <summary>
/// Builds the <see cref="QualificationCount"/> rows whole from the register, when they have never been built or were built
/// under another version of what they hold (<see cref="Signature"/>), or in any case when <see cref="Rebuild"/> is set:
/// after the register was loaded past the service (a COPY straight into its tables). Sent at start-up; a second run finds
/// nothing to do.
/// </summary>
public sealed record BuildQualificationCounts : ICommand<CountsBuilt>
{
    /// <summary>What the rows hold: the version of how they are counted.</summary>
    public const string Signature = "counts-1";

    public bool Rebuild { get; init; }
}

/// <summary>What a build did.</summary>
/// <param name="Built">Whether the rows were built (false: they were built already).</param>
/// <param name="Qualifications">The qualifications counted.</param>
/// <param name="Rows">The rows written.</param>
public sealed record CountsBuilt(bool Built, int Qualifications, int Rows);

internal sealed partial class BuildQualificationCountsHandler(EnterprisesDbContext db, ILogger<BuildQualificationCountsHandler> logger)
    : ICommandHandler<BuildQualificationCounts, CountsBuilt>
{
    public async ValueTask<CountsBuilt> Handle(BuildQualificationCounts command, CancellationToken cancellationToken)
    {
        await DerivedTables.LockAsync(db, exclusive: true, cancellationToken);
        var state = await db.QualificationCountsState.SingleOrDefaultAsync(cancellationToken);
        if (!command.Rebuild && state?.Signature == BuildQualificationCounts.Signature)
        {
            return new CountsBuilt(false, 0, 0);
        }

        await db.QualificationCounts.ExecuteDeleteAsync(cancellationToken);
        var deltas = new CountDeltas();
        var counted = 0;
        await foreach (var qualification in CountedQualification.Of(db, db.Qualifications.AsNoTracking()).AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            deltas.Add(qualification, 1);
            counted++;
        }

        var rows = await deltas.WriteAsync(db, cancellationToken);
        if (state is null)
        {
            db.QualificationCountsState.Add(new QualificationCountsState { Signature = BuildQualificationCounts.Signature });
        }
        else
        {
            state.Signature = BuildQualificationCounts.Signature;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogBuilt(logger, counted, rows);
        return new CountsBuilt(true, counted, rows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Qualification counts built: {Qualifications} qualifications in {Rows} rows")]
    private static partial void LogBuilt(ILogger logger, int qualifications, int rows);
}

public static class QualificationCountsExtensions
{
    /// <summary>The statistics' counts: kept with every write, built at start-up when never built.</summary>
    public static IHostApplicationBuilder AddQualificationCounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDerivedTable<QualificationCountsTracker>();
        builder.Services.AddSingleton(GetStatisticsHandler.Queries());
        builder.Services.AddStartupCommand<BuildQualificationCounts>("Building the qualification counts");
        return builder;
    }
}
