using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;

namespace Plans.Api.Units;

/// <summary>How far each indicator's figure for a year has gone (see <see cref="FigureState"/>).</summary>
internal static class YearFigures
{
    /// <summary>
    /// One row per indicator and status reached, on the index of (indicator, year): corrections of a figure
    /// add no rows to read, whatever their number.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, FigureState>> StatesAsync(PlansDbContext db, IReadOnlyCollection<long> indicatorIds,
        int year, CancellationToken ct)
    {
        var reached = await db.Observations.AsNoTracking()
            .Where(o => indicatorIds.Contains(o.IndicatorId) && o.Year == year)
            .Select(o => new { o.IndicatorId, o.Status })
            .Distinct()
            .ToListAsync(ct);
        return reached.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => g.Select(r => StateOf(r.Status)).Max());
    }

    public static bool IsApproved(FigureState state) => state is FigureState.Approved or FigureState.Automatic;

    private static FigureState StateOf(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Draft => FigureState.Draft,
        ApprovalStatus.Submitted => FigureState.Submitted,
        ApprovalStatus.Approved => FigureState.Approved,
        _ => FigureState.Automatic,
    };
}
