using Enterprises.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.RegisterMetrics.Refresh;

namespace Plans.FunctionalTests;

/// <summary>
/// TechSme entries are valid to 31 December of their year and the next year's arrive through the
/// year: the bound indicator counts the enterprises holding an entry valid in this or the previous
/// calendar year, so it does not fall to nothing on 1 January. "Today" is the Beijing date: at 00:30
/// on 1 January in Beijing it is still 31 December in UTC, and the figure is already next year's.
/// </summary>
public sealed class TechSmeYearEndTests(TechSmeYearEndTests.Factory factory) : IClassFixture<TechSmeYearEndTests.Factory>
{
    /// <summary>A service of its own: the test moves its clock.</summary>
    public sealed class Factory : PlansApiFactory;

    private readonly HttpClient client = factory.CreateClient();
    private readonly EnterpriseStream stream = new(factory);

    [Fact]
    public async Task The_TechSme_figure_keeps_last_years_entries_across_the_year_end_and_drops_them_a_year_later()
    {
        // 2026-12-31 10:00 in Beijing.
        factory.Clock.Advance(new DateTimeOffset(2026, 12, 31, 2, 0, 0, TimeSpan.Zero) - factory.Clock.GetUtcNow());
        var dongli = await client.CreateBoundPlanAsync("120110", metric: "enterprises.qualified.TechSme");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var before = (await client.ActualAsync(dongli))!.Value;
        var (thisYear, lastYear) = (EnterpriseStream.NewCreditCode("120110"), EnterpriseStream.NewCreditCode("120110"));
        stream.Publish(stream.Registered(thisYear, "120110"));
        stream.Publish(stream.Registered(lastYear, "120110"));
        stream.Publish(new QualificationGranted(EnterpriseStream.NewQualificationId(), thisYear, "TechSme", "120110", null,
            new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31)) { OccurredAt = stream.Next() });
        var old = new QualificationGranted(EnterpriseStream.NewQualificationId(), lastYear, "TechSme", "120110", null,
            new DateOnly(2025, 4, 1), new DateOnly(2025, 12, 31)) { OccurredAt = stream.Next() };
        stream.Publish(old);
        stream.Publish(new QualificationExpired(old.QualificationId, lastYear, "TechSme", "120110", null, old.GrantedOn, old.ExpiresOn,
            new DateOnly(2026, 1, 1)) { OccurredAt = stream.Next() });
        await client.ActualBecomesAsync(dongli, before + 2);

        // 2027-01-01 00:30 in Beijing, still 2026-12-31 in UTC: the figure is 2027's, and 2025's entry no longer counts.
        factory.Clock.Advance(TimeSpan.FromHours(14.5));
        await RefreshAsync();
        var progress = await client.ProgressOfAsync(dongli);
        progress["actual"]!["year"]!.GetValue<int>().Should().Be(2027);
        progress["actual"]!["value"]!.GetValue<decimal>().Should().Be(before + 1, "2026's entry still counts on 1 January");

        // 2027-07-01: this year's batch has brought the other enterprise back.
        factory.Clock.Advance(TimeSpan.FromDays(181));
        stream.Publish(new QualificationGranted(EnterpriseStream.NewQualificationId(), lastYear, "TechSme", "120110", null,
            new DateOnly(2027, 5, 1), new DateOnly(2027, 12, 31)) { OccurredAt = stream.Next() });
        await client.ActualBecomesAsync(dongli, before + 2);

        // 2028-01-01: 2026's entry falls out; 2027's holds.
        factory.Clock.Advance(TimeSpan.FromDays(184));
        await RefreshAsync();
        (await client.ActualAsync(dongli)).Should().Be(before + 1);
    }

    private async Task RefreshAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MetricRefresher>().RefreshAllAsync(null, default);
    }
}
