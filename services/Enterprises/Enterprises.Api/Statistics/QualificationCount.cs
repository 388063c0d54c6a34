using Enterprises.Api.Domain;

namespace Enterprises.Api.Statistics;

/// <summary>The length of the period a <see cref="QualificationCount"/> covers.</summary>
public enum CountSpan
{
    Year,
    Month,
    Day,
}

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
    public CountSpan Span { get; init; }

    /// <summary>The period: yyyy for a year, yyyyMM for a month, yyyyMMdd for a day.</summary>
    public int Period { get; init; }

    public string RegionCode { get; init; } = null!;

    /// <summary>The functional zone, or empty for none (part of the key, which holds no null).</summary>
    public string ZoneCode { get; init; } = null!;

    public QualificationType Type { get; init; }

    public int Granted { get; init; }

    public int Held { get; init; }

    public static int YearOf(DateOnly day) => day.Year;

    public static int MonthOf(DateOnly day) => (day.Year * 100) + day.Month;

    public static int DayOf(DateOnly day) => (MonthOf(day) * 100) + day.Day;
}

/// <summary>Whether the counts have been built, and under which version of what they hold.</summary>
public sealed class QualificationCountsState
{
    public const int SingleId = 1;

    public int Id { get; init; } = SingleId;

    public string Signature { get; set; } = null!;
}
