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
}

/// <summary>Whether the counts have been built, and under which version of what they hold.</summary>
public sealed class QualificationCountsState
{
    public const int SingleId = 1;

    public int Id { get; init; } = SingleId;

    public string Signature { get; set; } = null!;
}
