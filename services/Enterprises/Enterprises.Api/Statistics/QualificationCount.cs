using Enterprises.Api.Domain;

namespace Enterprises.Api.Statistics;

/// <summary>
/// What the qualifications of one group (a district, a zone or none, a type) changed in one period: how many were
/// granted in it, and by how many the qualifications held grew in it (each adds one on the day it is granted and takes
/// one away on the first day it no longer holds: the day after its last, or the day it was revoked). The statistics
/// add up the periods before a day, so a count on any day reads the years before its year, the months before its month
/// and the days of its month up to it: about fifty rows a group, whatever the size of the register. Kept by every write
/// (<see cref="QualificationCountsTracker"/>), built whole at start-up when never built (<see cref="BuildQualificationCounts"/>).
/// </summary>
public sealed class QualificationCount
{
    /// <summary>
    /// The period, its length in its number: a year is yyyy, a month 100,000,000 + yyyyMM, a day 200,000,000 + yyyyMMdd,
    /// so the periods of each length are a range of their own for any date, and a count on a day reads three ranges of
    /// one column, whose statistics the database then estimates right (with the length a column of its own, it estimated
    /// 26 rows of 1,671 and sorted them to group them, at three times the cost).
    /// </summary>
    public int Period { get; init; }

    public string RegionCode { get; init; } = null!;

    /// <summary>The functional zone, or empty for none (part of the key, which holds no null).</summary>
    public string ZoneCode { get; init; } = null!;

    public QualificationType Type { get; init; }

    public int Granted { get; init; }

    public int Held { get; init; }

    public static int YearOf(DateOnly day) => day.Year;

    public static int MonthOf(DateOnly day) => 100_000_000 + (day.Year * 100) + day.Month;

    public static int DayOf(DateOnly day) => 200_000_000 + (day.Year * 10_000) + (day.Month * 100) + day.Day;

    /// <summary>The most ranges of periods a count reads (<see cref="Through"/>, <see cref="Within"/>).</summary>
    public const int MostRanges = 5;

    /// <summary>
    /// The periods that together hold every day up to <paramref name="day"/> once: the years before its year, the months of
    /// its year before its month, the days of its month up to it. Ranges of <see cref="Period"/>, first and last included;
    /// an empty one's first is after its last.
    /// </summary>
    public static (int First, int Last)[] Through(DateOnly day) =>
        [(YearOf(DateOnly.MinValue), YearOf(day) - 1), (MonthOf(new DateOnly(day.Year, 1, 1)), MonthOf(day) - 1), (DayOf(FirstOfMonth(day)), DayOf(day))];

    /// <summary>
    /// The periods that together hold every day from <paramref name="first"/> to <paramref name="last"/> once: the days of
    /// the first month from the first day, the months after it in its year, the years between, the months of the last
    /// year before the last month, and the days of that month up to the last day (fewer within one year or month).
    /// </summary>
    public static (int First, int Last)[] Within(DateOnly first, DateOnly last)
    {
        if (first.Year == last.Year && first.Month == last.Month)
        {
            return [(DayOf(first), DayOf(last))];
        }

        var firstMonthsDays = (DayOf(first), DayOf(LastOfMonth(first)));
        var lastMonthsDays = (DayOf(FirstOfMonth(last)), DayOf(last));
        return first.Year == last.Year
            ? [firstMonthsDays, (MonthOf(first) + 1, MonthOf(last) - 1), lastMonthsDays]
            : [firstMonthsDays, (MonthOf(first) + 1, MonthOf(new DateOnly(first.Year, 12, 1))), (YearOf(first) + 1, YearOf(last) - 1),
                (MonthOf(new DateOnly(last.Year, 1, 1)), MonthOf(last) - 1), lastMonthsDays];
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private static DateOnly LastOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}

/// <summary>Whether the counts have been built, and under which version of what they hold.</summary>
public sealed class QualificationCountsState
{
    public const int SingleId = 1;

    public int Id { get; init; } = SingleId;

    public string Signature { get; set; } = null!;
}
