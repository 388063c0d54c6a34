using Enterprises.Api.CultivationPool;
using Enterprises.Api.Eligibility;

namespace Enterprises.UnitTests.CultivationPool;

public class ReportlessCountsTests
{
    /// <summary>What the pool counts as missing for an enterprise without reports, evaluated afresh by the rules in force.</summary>
    private static int Evaluated(DateOnly foundedOn, int year) =>
        RuleSetRegistry.Default.InForce(EligibilityType.HighTech, year)!.Evaluate(new EnterpriseFacts(foundedOn), [], year)
            .Criteria.Count(c => c.Passed != true);

    [Fact]
    public void Every_day_and_year_counts_what_the_rules_evaluate_on_the_first_ask_and_on_the_next()
    {
        var days = Enumerable.Range(0, new DateOnly(2028, 1, 1).DayNumber - new DateOnly(2012, 1, 1).DayNumber)
            .Select(n => new DateOnly(2012, 1, 1).AddDays(n)).ToList();
        var counts = new HashSet<int>();
        for (var year = 2016; year <= 2031; year++)
        {
            foreach (var day in days)
            {
                var expected = Evaluated(day, year);
                counts.Add(expected);
                ReportlessCounts.MissingCount(day, year).Should().Be(expected, "{0} in {1}, first ask", day, year);
                ReportlessCounts.MissingCount(day, year).Should().Be(expected, "{0} in {1}, asked again", day, year);
            }
        }

        counts.Should().HaveCountGreaterThan(1, "the founding date decides some criteria, so the days differ");
    }

    [Theory]
    [InlineData("1899-12-31", 2020)]
    [InlineData("2100-01-01", 2020)]
    [InlineData("2019-12-31", 2200)]
    public void A_date_or_year_outside_the_table_is_evaluated_each_time(string foundedOn, int year)
    {
        var day = DateOnly.Parse(foundedOn);

        ReportlessCounts.MissingCount(day, year).Should().Be(Evaluated(day, year));
        ReportlessCounts.MissingCount(day, year).Should().Be(Evaluated(day, year));
    }

    [Fact]
    public void Threads_asking_at_once_all_get_the_evaluated_counts()
    {
        var days = Enumerable.Range(0, 3000).Select(n => new DateOnly(1990, 1, 1).AddDays(n)).ToList();

        var answers = days.AsParallel().WithDegreeOfParallelism(4).Select(day => (day, ReportlessCounts.MissingCount(day, 2025))).ToList()
            .Concat(days.AsParallel().WithDegreeOfParallelism(4).Select(day => (day, ReportlessCounts.MissingCount(day, 2025))).ToList());

        answers.Should().OnlyContain(answer => answer.Item2 == Evaluated(answer.day, 2025));
    }
}
