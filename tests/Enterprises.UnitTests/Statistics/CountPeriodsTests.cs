using Enterprises.Api.Statistics;

namespace Enterprises.UnitTests.Statistics;

/// <summary>
/// The ranges of periods a count reads hold each day they should exactly once, at one length (its year, its month or
/// itself), and no other day: a count adds each grant to its year, its month and its day, so a day held twice would be
/// counted twice and a day missed not at all.
/// </summary>
public class CountPeriodsTests
{
    public static TheoryData<string, string> Windows => new()
    {
        { "2026-03-01", "2026-03-01" }, { "2026-03-02", "2026-03-30" }, { "2026-01-31", "2026-02-01" }, { "2026-03-02", "2026-06-30" },
        { "2026-12-31", "2027-01-01" }, { "2024-02-29", "2026-11-22" }, { "2020-01-01", "2026-12-31" }, { "0001-01-01", "0001-01-01" },
        { "0001-01-01", "0001-02-03" }, { "9999-12-30", "9999-12-31" }, { "0001-01-01", "9999-12-31" },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void A_window_holds_each_of_its_days_once_and_no_other(string from, string to)
    {
        var (first, last) = (DateOnly.Parse(from), DateOnly.Parse(to));
        var ranges = QualificationCount.Within(first, last);

        ranges.Should().HaveCountLessThanOrEqualTo(QualificationCount.MostRanges);
        foreach (var day in DaysAround(first, last))
        {
            Held(ranges, day).Should().Be(day >= first && day <= last ? 1 : 0, $"{day:yyyy-MM-dd} in {from}..{to}");
        }
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-03-31")]
    [InlineData("2026-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void The_days_up_to_one_are_each_held_once(string through)
    {
        var last = DateOnly.Parse(through);
        var ranges = QualificationCount.Through(last);

        ranges.Should().HaveCountLessThanOrEqualTo(QualificationCount.MostRanges);
        foreach (var day in DaysAround(DateOnly.MinValue, last))
        {
            Held(ranges, day).Should().Be(day <= last ? 1 : 0, $"{day:yyyy-MM-dd} through {through}");
        }
    }

    /// <summary>How many of the ranges hold the day's year, month or day.</summary>
    private static int Held((int First, int Last)[] ranges, DateOnly day) =>
        new[] { QualificationCount.YearOf(day), QualificationCount.MonthOf(day), QualificationCount.DayOf(day) }
            .Sum(period => ranges.Count(r => period >= r.First && period <= r.Last));

    /// <summary>Every day within 400 days of either end, and the first of every month between them.</summary>
    private static IEnumerable<DateOnly> DaysAround(DateOnly first, DateOnly last)
    {
        var near = new[] { first, last }.SelectMany(end => Enumerable.Range(-400, 801)
            .Select(offset => end.DayNumber + offset)
            .Where(n => n >= DateOnly.MinValue.DayNumber && n <= DateOnly.MaxValue.DayNumber)
            .Select(DateOnly.FromDayNumber));
        var months = Enumerable.Range(0, ((last.Year - first.Year) * 12) + last.Month - first.Month + 1)
            .Select(i => new DateOnly(first.Year, first.Month, 1).AddMonths(i));
        return near.Concat(months).Distinct();
    }
}
