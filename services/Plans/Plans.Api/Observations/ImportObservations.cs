using System.Security.Claims;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Persistence.Csv;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Plans;
using ServiceDefaults.Csv;

namespace Plans.Api.Observations;

/// <summary>
/// POST /api/v1/plans/{code}/observations/import: each row records a figure through the same
/// <see cref="CreateObservation"/> command as the API, so every rule of a single figure (the indicator exists,
/// the year lies within the plan, a locked year refuses, a unit reports only its own) refuses a row alike.
/// A row is idempotent by plan, indicator, year and source: when the latest figure from that source for the
/// indicator and year already has its value, it changes nothing. A dry run sends the same commands and undoes them.
/// </summary>
public sealed record ImportObservations(string PlanCode, string Csv, bool DryRun, ClaimsPrincipal Caller) : ICommand<ImportReport>;

internal sealed class ImportObservationsHandler(PlansDbContext db, ISender sender) : ICommandHandler<ImportObservations, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportObservations command, CancellationToken cancellationToken)
    {
        var plan = await PlanLookup.FindAsync(db, command.PlanCode, command.Caller, Access.Write, cancellationToken);
        var rejected = new List<ImportRejection>();
        var rows = ObservationCsv.Read(command.Csv, rejected);
        var indicators = await db.Indicators.Where(i => i.PlanCode == plan.Code).Select(i => new { i.Code, i.Id })
            .ToDictionaryAsync(i => i.Code, i => i.Id, cancellationToken);
        return await CsvImport.RunAsync(db, command.DryRun, rows, rejected,
            keyOf: row => $"{row.Indicator} {row.Year} {row.Source}",
            repeated: (_, first) => $"Row {first} already gives this indicator's figure for this year from this source.",
            import: async (row, ct) =>
            {
                var source = string.IsNullOrWhiteSpace(row.Source) ? null : row.Source.Trim();
                var current = indicators.TryGetValue(row.Indicator, out var id) && row.Year is { } year
                    ? await db.Observations.Where(o => o.IndicatorId == id && o.Year == year && o.Source == source)
                        .OrderByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id).Select(o => (decimal?)o.Value).FirstOrDefaultAsync(ct)
                    : null;
                if (current is not null && current == row.Value)
                {
                    return ImportOutcome.Unchanged;
                }

                await sender.Send(new CreateObservation(plan.Code, row.Indicator, row.Year, row.Value, row.Note, command.Caller, source), ct);
                return current is null ? ImportOutcome.Created : ImportOutcome.Updated;
            },
            cancellationToken);
    }
}

/// <summary>The current figure of each indicator and year of a plan (the latest recorded), for the CSV export.</summary>
public sealed record ExportObservations(string PlanCode, ClaimsPrincipal Caller) : IQuery<IAsyncEnumerable<(string Indicator, Observation Figure)>>;

internal sealed class ExportObservationsHandler(PlansDbContext db) : IQueryHandler<ExportObservations, IAsyncEnumerable<(string, Observation)>>
{
    public async ValueTask<IAsyncEnumerable<(string, Observation)>> Handle(ExportObservations query, CancellationToken ct)
    {
        var plan = await PlanLookup.FindAsync(db, query.PlanCode, query.Caller, Access.Read, ct);
        var codes = await db.Indicators.AsNoTracking().Where(i => i.PlanCode == plan.Code).ToDictionaryAsync(i => i.Id, i => i.Code, ct);
        var ids = codes.Keys.ToList();
        return Current(db.Observations.AsNoTracking().Where(o => ids.Contains(o.IndicatorId))
            .OrderBy(o => o.IndicatorId).ThenBy(o => o.Year).ThenByDescending(o => o.RecordedAt).ThenByDescending(o => o.Id)
            .AsAsyncEnumerable(), codes);
    }

    /// <summary>The first of each indicator and year in that order, the latest recorded: read as a stream, the corrections skipped.</summary>
    private static async IAsyncEnumerable<(string, Observation)> Current(IAsyncEnumerable<Observation> figures, IReadOnlyDictionary<long, string> codes)
    {
        (long Indicator, int Year)? previous = null;
        await foreach (var figure in figures)
        {
            if (previous != (figure.IndicatorId, figure.Year))
            {
                previous = (figure.IndicatorId, figure.Year);
                yield return (codes[figure.IndicatorId], figure);
            }
        }
    }
}
