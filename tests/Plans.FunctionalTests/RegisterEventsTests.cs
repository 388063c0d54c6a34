using System.Net;

namespace Plans.FunctionalTests;

/// <summary>
/// The enterprise register's events, played onto the service's stream, become automatic observations
/// of the indicators bound to its metrics, in the district plan and the municipal plan alike.
/// Counts are read before and after each change, as the classes' tests share one register.
/// </summary>
public sealed class RegisterEventsTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly EnterpriseStream stream = new(factory);

    /// <summary>Creates a Jinghai and a municipal plan bound to qualified HighTech and records their current counts.</summary>
    private async Task<(string Jinghai, decimal JinghaiBefore, string Tianjin, decimal TianjinBefore)> PlansAsync()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118");
        var tianjin = await client.CreateBoundPlanAsync("120000");
        // A new date for the statement refreshes every plan, the new ones included.
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var jinghaiBefore = (await client.ActualAsync(jinghai))!.Value;
        var tianjinBefore = (await client.ActualAsync(tianjin))!.Value;
        return (jinghai, jinghaiBefore, tianjin, tianjinBefore);
    }

    [Fact]
    public async Task A_grant_in_Jinghai_shows_in_the_Jinghai_plan_and_in_the_municipal_plan()
    {
        var (jinghai, jinghaiBefore, tianjin, tianjinBefore) = await PlansAsync();

        stream.RegisterAndGrant("120118");

        await client.ActualBecomesAsync(jinghai, jinghaiBefore + 1);
        await client.ActualBecomesAsync(tianjin, tianjinBefore + 1);
        var progress = await client.ProgressOfAsync(jinghai);
        progress["actual"]!["year"]!.GetValue<int>().Should().Be(2026);
        progress["actual"]!["origin"]!.GetValue<string>().Should().Be("metric");
        progress["actual"]!["source"]!.GetValue<string>().Should().Be("register:enterprises");
        progress["actual"]!["status"]!.GetValue<string>().Should().Be("automatic", "a register's figure needs no approval");
        progress["metricStatus"]!.GetValue<string>().Should().Be("live");
        var latest = (await client.ObservationsAsync(jinghai)).MaxBy(o => o!["id"]!.GetValue<long>())!;
        latest["recordedBy"]!.GetValue<string>().Should().Be("register:enterprises");
        latest["note"]!.GetValue<string>().Should().StartWith("enterprises.qualified.HighTech in 120118 from the enterprise register (authoritative for 120000 since 2026-");
    }

    [Fact]
    public async Task A_revocation_drops_both_plans_back()
    {
        var (jinghai, jinghaiBefore, tianjin, tianjinBefore) = await PlansAsync();
        var grant = stream.RegisterAndGrant("120118");
        await client.ActualBecomesAsync(tianjin, tianjinBefore + 1);

        stream.Publish(stream.Revoked(grant));

        await client.ActualBecomesAsync(jinghai, jinghaiBefore);
        await client.ActualBecomesAsync(tianjin, tianjinBefore);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_has_one_effect()
    {
        var dongli = await client.CreateBoundPlanAsync("120110");
        var (jinghai, jinghaiBefore, _, _) = await PlansAsync();
        var dongliBefore = (await client.ActualAsync(dongli))!.Value;
        var creditCode = EnterpriseStream.NewCreditCode();
        var grant = stream.Granted(EnterpriseStream.NewQualificationId(), creditCode, "HighTech", "120118");

        stream.Publish(grant);
        stream.Publish(grant);
        // The publisher's relay may also publish the same change again under a new event id.
        stream.Publish(grant with { Id = Guid.CreateVersion7() });
        var marker = stream.RegisterAndGrant("120118");
        // The stream is read in order: once a later grant in Dongli shows, everything before it has been applied.
        stream.RegisterAndGrant("120110");
        await client.ActualBecomesAsync(dongli, dongliBefore + 1);

        (await client.ActualAsync(jinghai)).Should().Be(jinghaiBefore + 2, "the grant counted once and the marker {0} once", marker.CreditCode);
        var metricObservations = (await client.ObservationsAsync(jinghai)).Where(o => o!["origin"]!.GetValue<string>() == "metric").ToList();
        metricObservations.Should().ContainSingle("one automatic figure per year is updated in place")
            .Which!["value"]!.GetValue<decimal>().Should().Be(jinghaiBefore + 2);
    }

    [Fact]
    public async Task A_stale_grant_after_its_revocation_does_not_bring_it_back()
    {
        var dongli = await client.CreateBoundPlanAsync("120110");
        var (jinghai, jinghaiBefore, tianjin, tianjinBefore) = await PlansAsync();
        var dongliBefore = (await client.ActualAsync(dongli))!.Value;
        var grant = stream.RegisterAndGrant("120118");
        await client.ActualBecomesAsync(tianjin, tianjinBefore + 1);
        stream.Publish(stream.Revoked(grant));
        await client.ActualBecomesAsync(tianjin, tianjinBefore);

        stream.Publish(grant with { Id = Guid.CreateVersion7() });
        // The stream is read in order: once a later grant in Dongli shows, the stale one has been applied.
        stream.RegisterAndGrant("120110");
        await client.ActualBecomesAsync(dongli, dongliBefore + 1);

        (await client.ActualAsync(jinghai)).Should().Be(jinghaiBefore, "observations {0}", (await client.ObservationsAsync(jinghai)).ToJsonString());
        (await client.ActualAsync(tianjin)).Should().Be(tianjinBefore + 1, "the Dongli grant alone is new");
    }

    [Fact]
    public async Task An_enterprise_that_moves_takes_its_count_with_it()
    {
        var dongli = await client.CreateBoundPlanAsync("120110");
        var (jinghai, jinghaiBefore, tianjin, tianjinBefore) = await PlansAsync();
        var grant = stream.RegisterAndGrant("120118");
        await client.ActualBecomesAsync(jinghai, jinghaiBefore + 1);
        var dongliBefore = (await client.ActualAsync(dongli))!.Value;

        stream.Publish(stream.Moved(grant.CreditCode, "120110"));

        await client.ActualBecomesAsync(jinghai, jinghaiBefore);
        await client.ActualBecomesAsync(dongli, dongliBefore + 1);
        (await client.ActualAsync(tianjin)).Should().Be(tianjinBefore + 1, "it is still in Tianjin");
    }

    [Fact]
    public async Task A_zone_plan_counts_the_zone_and_the_municipality_counts_the_enterprise_once()
    {
        var (_, _, tianjin, tianjinBefore) = await PlansAsync();
        var zone = await client.CreateBoundPlanAsync("12Z01");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var zoneBefore = (await client.ActualAsync(zone))!.Value;

        stream.RegisterAndGrant("120116", zone: "12Z01");

        await client.ActualBecomesAsync(zone, zoneBefore + 1);
        await client.ActualBecomesAsync(tianjin, tianjinBefore + 1);
    }

    [Fact]
    public async Task A_running_total_of_grants_adds_the_grants_since_the_baseline_to_it()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118", "T1-06", indicator:
            RegisterApi.CumulativeIndicator("T1-06", "enterprises.granted.Eagle", 84));
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var before = (await client.ActualAsync(jinghai, "T1-06"))!.Value;
        before.Should().BeGreaterThanOrEqualTo(84, "the baseline is the total to the end of 2020");

        stream.RegisterAndGrant("120118", "Eagle", grantedOn: new DateOnly(2024, 5, 1));
        stream.RegisterAndGrant("120118", "Eagle", grantedOn: new DateOnly(2020, 5, 1)); // in the baseline already

        await client.ActualBecomesAsync(jinghai, before + 1, "T1-06");
    }

    [Fact]
    public async Task A_running_total_too_large_to_store_is_skipped_without_failing_the_other_indicators()
    {
        const decimal top = 9_999_999_999_999_999m;
        var jizhou = await client.CreateBoundPlanAsync("120119", "T1-06", indicator: new
        {
            code = "T1-06", name = "累计认定雏鹰企业", unit = "家", measure = "cumulative", direction = "increase",
            baseline = new { year = 2020, value = top }, targets = new[] { new { year = 2025, value = top + 0.5m } },
            metric = "enterprises.granted.Eagle",
        });
        var marker = await client.CreateBoundPlanAsync("120119", "E1", "enterprises.qualified.Eagle");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        var markerBefore = (await client.ActualAsync(marker, "E1"))!.Value;

        stream.RegisterAndGrant("120119", "Eagle", grantedOn: new DateOnly(2024, 5, 1));

        await client.ActualBecomesAsync(marker, markerBefore + 1, "E1");
        (await client.ActualAsync(jizhou, "T1-06")).Should().BeLessThanOrEqualTo(top, "the baseline plus a grant does not fit an observation");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
    }

    [Fact]
    public async Task Archived_plans_are_left_alone()
    {
        var (jinghai, jinghaiBefore, _, _) = await PlansAsync();
        var archived = await client.CreateBoundPlanAsync("120118");
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
        (await (await client.PostAsync($"/api/v1/plans/{archived}/archive", null)).Content.ReadAsStringAsync()).Should().Contain("archived");
        var archivedObservations = (await client.ObservationsAsync(archived)).Count;

        stream.RegisterAndGrant("120118");
        await client.ActualBecomesAsync(jinghai, jinghaiBefore + 1);
        await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());

        (await client.ObservationsAsync(archived)).Should().HaveCount(archivedObservations);
    }
}

/// <summary>Without an authoritative register nothing is recorded: an empty register never reports 0 against a real baseline.</summary>
public sealed class RegisterWithoutAuthorityTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly EnterpriseStream stream = new(factory);

    [Fact]
    public async Task A_grant_records_nothing_where_the_register_is_not_authoritative_and_progress_says_it_awaits_authority()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118");
        var tianjin = await client.CreateBoundPlanAsync("120000");
        var manual = await client.CreateBoundPlanAsync("120000", indicator: Api.Indicator("T1", metric: null!));

        (await client.ProgressOfAsync(jinghai))["metricStatus"]!.GetValue<string>().Should().Be("awaitingAuthority");
        stream.RegisterAndGrant("120118");
        // Jinghai alone is marked: its plan goes live (with the grant, once applied); the municipal plan waits.
        await client.SetAuthorityAsync("120118", true, "2026-01-01");
        await client.ActualBecomesAsync(jinghai, 1);

        var municipal = await client.ProgressOfAsync(tianjin);
        municipal["actual"].Should().BeNull();
        municipal["metricStatus"]!.GetValue<string>().Should().Be("awaitingAuthority");
        (await client.ObservationsAsync(tianjin)).Should().BeEmpty();
        (await client.ProgressOfAsync(jinghai))["metricStatus"]!.GetValue<string>().Should().Be("live");
        (await client.ProgressOfAsync(manual))["metricStatus"]!.GetValue<string>().Should().Be("unbound");
    }

    [Fact]
    public async Task A_manual_actual_says_so()
    {
        var plan = await client.CreateBoundPlanAsync("120101");
        var response = await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators/T1/observations", new { year = 2025, value = 9000 });
        await response.JsonAsync(HttpStatusCode.Created);

        var progress = await client.ProgressOfAsync(plan, latest: true);
        progress["actual"]!["source"]!.GetValue<string>().Should().Be("manual");
        progress["actual"]!["origin"]!.GetValue<string>().Should().Be("manual");
    }
}
