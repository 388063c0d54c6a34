using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Eligibility;
using Microsoft.EntityFrameworkCore;
using Persistence;
using Persistence.Data;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// Writes the precomputed pool (<see cref="PoolEntry"/>) of given enterprises: reads them, the HighTech
/// qualifications they hold today and their annual reports, a batch at a time (one query each, the batch's codes as
/// one parameter), evaluates the rules in force for each year kept, and replaces their rows. On PostgreSQL the rows
/// are copied (binary COPY); on SQLite they are inserted as multi-row statements (<see cref="BulkSql"/>). Both go
/// through the context's connection, so they commit or roll back with the transaction of the write that caused them.
/// </summary>
internal static class CultivationPoolWriter
{
    public const int BatchSize = 1000;

    private static readonly List<ReportFigures> NoReports = [];

    /// <summary>The first application year the pool holds: the first of the HighTech rules held.</summary>
    public static int FirstYear { get; } = RuleSetRegistry.Default.Earliest(EligibilityType.HighTech)!.EffectiveFrom.Year;

    /// <summary>The last application year the pool holds: next year, the last the endpoint accepts.</summary>
    public static int LastYear(DateOnly today) => today.Year + 1;

    /// <summary>
    /// What the rows depend on besides the register: the version of this evaluation and the HighTech rule sets. A pool
    /// built under another signature is rebuilt at start-up.
    /// </summary>
    public static string Signature { get; } = "pool-1:" + string.Join(",", RuleSetRegistry.Default.All
        .Where(r => r.Type == EligibilityType.HighTech).Select(r => $"{r.Id}.{r.Version}"));

    /// <summary>Replaces the rows of <paramref name="codes"/> for the years <paramref name="from"/> to <paramref name="through"/>.</summary>
    public static Task RefreshAsync(EnterprisesDbContext db, IEnumerable<string> codes, int from, int through, DateOnly today,
        CancellationToken ct) => RefreshAsync(db, codes, [], from, through, today, ct);

    /// <summary>
    /// Replaces the rows of <paramref name="codes"/>, and writes those of <paramref name="added"/>, enterprises the
    /// transaction has just added, from what they say alone: an enterprise that did not exist has no pool row,
    /// qualification or report yet (each refers to it), so nothing of theirs is deleted or read. The import adds its new
    /// enterprises by COPY so; a refresh would read them back.
    /// </summary>
    public static async Task RefreshAsync(EnterprisesDbContext db, IEnumerable<string> codes, IReadOnlyCollection<Enterprise> added, int from,
        int through, DateOnly today, CancellationToken ct)
    {
        await DerivedTables.LockAsync(db, exclusive: false, ct);
        foreach (var batch in codes.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var list = batch.ToList();
            await db.CultivationPool.Where(p => EF.Parameter(list).Contains(p.CreditCode) && p.Year >= from && p.Year <= through).ExecuteDeleteAsync(ct);
            await WriteAsync(db, list, from, through, today, ct);
        }

        await InsertAsync(db, added.SelectMany(e => Rows(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.FoundedOn, NoReports, from, through))
            .ToList(), ct);
    }

    /// <summary>Writes the rows of <paramref name="codes"/> (at most a batch) for the years given, where none are held.</summary>
    public static async Task WriteAsync(EnterprisesDbContext db, List<string> codes, int from, int through, DateOnly today, CancellationToken ct)
    {
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => EF.Parameter(codes).Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.FoundedOn }).ToListAsync(ct);
        var held = (await db.Qualifications.AsNoTracking().Where(Qualification.HeldOn(today))
                .Where(q => EF.Parameter(codes).Contains(q.CreditCode) && q.Type == QualificationType.HighTech)
                .Select(q => q.CreditCode).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var earliest = EligibilityInputs.EarliestReportYear(from);
        var reports = (await db.AnnualReports.AsNoTracking()
                .Where(r => EF.Parameter(codes).Contains(r.CreditCode) && r.Year >= earliest && r.Year < through)
                .ToListAsync(ct))
            .ToLookup(r => r.CreditCode, EligibilityInputs.FiguresOf);

        var rows = enterprises.Where(e => !held.Contains(e.CreditCode))
            .SelectMany(e => Rows(e.CreditCode, e.Name, e.RegionCode, e.ZoneCode, e.FoundedOn, reports[e.CreditCode].ToList(), from, through))
            .ToList();
        await InsertAsync(db, rows, ct);
    }

    /// <summary>The rows of one enterprise holding no valid HighTech qualification, by its annual reports' figures.</summary>
    private static IEnumerable<PoolEntry> Rows(string code, string name, string region, string? zone, DateOnly foundedOn, List<ReportFigures> figures,
        int from, int through)
    {
        for (var year = from; year <= through; year++)
        {
            var missing = figures.Count == 0 ? ReportlessCounts.MissingCount(foundedOn, year) : Evaluate(foundedOn, figures, year);
            if (missing <= CultivationPoolSelector.MaxMaxMissing)
            {
                yield return new PoolEntry { CreditCode = code, Year = year, MissingCount = missing, Name = name, RegionCode = region, ZoneCode = zone };
            }
        }
    }

    /// <summary>How many criteria the pool counts as missing: every one not passed, an undetermined one included.</summary>
    public static int MissingCount(EligibilityEvaluation evaluation) => evaluation.Criteria.Count(c => c.Passed != true);

    internal static int Evaluate(DateOnly foundedOn, List<ReportFigures> figures, int year) =>
        MissingCount(RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)!.Evaluate(new EnterpriseFacts(foundedOn), figures, year));

    private static async Task InsertAsync(EnterprisesDbContext db, List<PoolEntry> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await (db.Database.IsPostgres() ? PostgresCopy.CopyAsync(db, rows, ct) : BulkSql.InsertAsync(db, rows, ct));
    }
}
