using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>An enterprise's designations through their lifecycle, with the events each step writes to the outbox.</summary>
public class DesignationsApiTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static string Url(string code, JsonNode? designation = null) =>
        designation is null ? $"/api/v1/enterprises/{code}/designations" : $"/api/v1/enterprises/{code}/designations/{designation["id"]}";

    [Fact]
    public async Task Adds_a_listing_with_location_etag_summary_and_DesignationAdded_event()
    {
        var code = await client.CreateEnterpriseAsync("120116", "12Z01");

        var response = await client.PostJsonAsync(Url(code), new
        {
            kind = "Listed", board = "star", since = "2021-07-22", notes = " 科创板首发 ", documentReference = "上证公告〔2021〕88号",
        });

        var added = await response.JsonAsync(HttpStatusCode.Created);
        var id = added["id"]!.GetValue<long>();
        response.Headers.Location!.ToString().Should().Be($"{Url(code)}/{id}");
        response.ETag().Should().Be("\"1\"");
        added["kind"]!.GetValue<string>().Should().Be("Listed");
        added["board"]!.GetValue<string>().Should().Be("star");
        added["since"]!.GetValue<string>().Should().Be("2021-07-22");
        added["endedOn"].Should().BeNull();
        added["status"]!.GetValue<string>().Should().Be("current");
        added["withdrawn"]!.GetValue<bool>().Should().BeFalse();
        added["notes"]!.GetValue<string>().Should().Be("科创板首发");
        added["documentReference"]!.GetValue<string>().Should().Be("上证公告〔2021〕88号");
        var read = await client.GetAsync($"{Url(code)}/{id}");
        (await read.JsonAsync(HttpStatusCode.OK))["board"]!.GetValue<string>().Should().Be("star");
        read.ETag().Should().Be("\"1\"");
        var summary = (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["designations"]!.AsArray();
        summary.Should().ContainSingle().Which!.ToJsonString().Should().Be($$"""{"id":{{id}},"kind":"Listed","board":"star","since":"2021-07-22"}""");
        var payload = (await factory.OutboxAsync("DesignationAdded", code)).Should().ContainSingle().Subject;
        payload["designationId"]!.GetValue<long>().Should().Be(id);
        payload["kind"]!.GetValue<string>().Should().Be("Listed");
        payload["board"]!.GetValue<string>().Should().Be("star");
        payload["since"]!.GetValue<string>().Should().Be("2021-07-22");
        payload["regionCode"]!.GetValue<string>().Should().Be("120116");
        payload["zoneCode"]!.GetValue<string>().Should().Be("12Z01");
        payload["id"]!.GetValue<Guid>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_unicorn_has_no_board_in_the_answer_or_the_event()
    {
        var code = await client.CreateEnterpriseAsync("120110", null);

        var unicorn = await client.DesignateAsync(code, "Unicorn", "2024-03-01");

        unicorn["board"].Should().BeNull();
        var payload = (await factory.OutboxAsync("DesignationAdded", code)).Should().ContainSingle().Subject;
        payload["kind"]!.GetValue<string>().Should().Be("Unicorn");
        payload["board"].Should().BeNull();
        payload["zoneCode"].Should().BeNull();
        payload["regionCode"]!.GetValue<string>().Should().Be("120110");
    }

    [Fact]
    public async Task Listing_ends_the_reserve_list_designation_on_the_listing_day_and_publishes_both_events()
    {
        var code = await client.CreateEnterpriseAsync();
        var reserve = await client.DesignateAsync(code, "ListingReserve", "2020-03-01");

        var listed = await client.DesignateAsync(code, "Listed", "2022-08-18", "chinext");

        var ended = await client.GetAsync(Url(code, reserve));
        var endedBody = await ended.JsonAsync(HttpStatusCode.OK);
        endedBody["status"]!.GetValue<string>().Should().Be("ended");
        endedBody["endedOn"]!.GetValue<string>().Should().Be("2022-08-18");
        endedBody["endReason"]!.GetValue<string>().Should().Be("已上市（创业板）");
        ended.ETag().Should().Be("\"2\"");
        var endedEvent = (await factory.OutboxAsync("DesignationEnded", code)).Should().ContainSingle().Subject;
        endedEvent["designationId"]!.GetValue<long>().Should().Be(reserve["id"]!.GetValue<long>());
        endedEvent["kind"]!.GetValue<string>().Should().Be("ListingReserve");
        endedEvent["board"].Should().BeNull();
        endedEvent["since"]!.GetValue<string>().Should().Be("2020-03-01");
        endedEvent["endedOn"]!.GetValue<string>().Should().Be("2022-08-18");
        endedEvent["withdrawn"]!.GetValue<bool>().Should().BeFalse();
        endedEvent["reason"]!.GetValue<string>().Should().Be("已上市（创业板）");
        (await factory.OutboxAsync("DesignationAdded", code)).Select(p => p!["kind"]!.GetValue<string>()).Should().Equal("ListingReserve", "Listed");
        var summary = (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["designations"]!.AsArray();
        summary.Should().ContainSingle().Which!["id"]!.GetValue<long>().Should().Be(listed["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_reserve_list_is_refused_while_listed_and_the_refusal_publishes_nothing()
    {
        var code = await client.CreateEnterpriseAsync();
        await client.DesignateAsync(code, "Listed", "2022-08-18", "sseMain");
        var before = await factory.OutboxCountAsync();

        await (await client.PostJsonAsync(Url(code), new { kind = "ListingReserve", since = "2024-01-01" }))
            .ProblemAsync(HttpStatusCode.Conflict, "designationSuperseded");

        (await factory.OutboxCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_second_current_unicorn_is_409_naming_the_first_and_publishes_nothing()
    {
        var code = await client.CreateEnterpriseAsync();
        await client.DesignateAsync(code, "Unicorn", "2023-05-01");
        var before = await factory.OutboxCountAsync();

        var problem = await (await client.PostJsonAsync(Url(code), new { kind = "Unicorn", since = "2026-01-01" }))
            .ProblemAsync(HttpStatusCode.Conflict, "designationOverlaps");

        problem["detail"]!.GetValue<string>().Should().Contain("since 2023-05-01");
        (await factory.OutboxCountAsync()).Should().Be(before);
        var unicorns = await (await client.GetAsync($"{Url(code)}?kind=Unicorn&count=true")).JsonAsync(HttpStatusCode.OK);
        unicorns["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Ending_a_designation_records_the_day_and_reason_once_and_publishes_DesignationEnded()
    {
        var code = await client.CreateEnterpriseAsync("120118", null);
        var listed = await client.DesignateAsync(code, "Listed", "2019-01-10", "hkex");
        var url = Url(code, listed);

        var response = await client.PostJsonAsync($"{url}/end", new { endedOn = "2026-06-30", reason = "私有化退市" });
        var again = await client.PostJsonAsync($"{url}/end", new { reason = "again" });

        var ended = await response.JsonAsync(HttpStatusCode.OK);
        response.ETag().Should().Be("\"2\"");
        ended["status"]!.GetValue<string>().Should().Be("ended");
        ended["endedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        ended["endReason"]!.GetValue<string>().Should().Be("私有化退市");
        await again.ProblemAsync(HttpStatusCode.Conflict, "designationNotCurrent");
        var payload = (await factory.OutboxAsync("DesignationEnded", code)).Should().ContainSingle().Subject;
        payload["designationId"]!.GetValue<long>().Should().Be(listed["id"]!.GetValue<long>());
        payload["kind"]!.GetValue<string>().Should().Be("Listed");
        payload["board"]!.GetValue<string>().Should().Be("hkex");
        payload["since"]!.GetValue<string>().Should().Be("2019-01-10");
        payload["endedOn"]!.GetValue<string>().Should().Be("2026-06-30");
        payload["withdrawn"]!.GetValue<bool>().Should().BeFalse();
        payload["reason"]!.GetValue<string>().Should().Be("私有化退市");
        payload["regionCode"]!.GetValue<string>().Should().Be("120118");
        (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["designations"]!.AsArray().Should().BeEmpty();
        await client.DesignateAsync(code, "Listed", "2026-06-30", "star");
    }

    [Fact]
    public async Task Without_endedOn_a_designation_ends_today()
    {
        var code = await client.CreateEnterpriseAsync();
        var reserve = await client.DesignateAsync(code, "ListingReserve", "2024-01-01");

        var ended = await (await client.PostJsonAsync($"{Url(code, reserve)}/end", new { reason = "出库" })).JsonAsync(HttpStatusCode.OK);

        ended["endedOn"]!.GetValue<string>().Should().Be("2026-11-22");
    }

    [Theory]
    [InlineData("2023-12-31", "before 'since'")]
    [InlineData("2026-11-23", "future")]
    public async Task The_end_lies_between_since_and_today(string endedOn, string message)
    {
        var code = await client.CreateEnterpriseAsync();
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2024-01-01");

        var problem = await (await client.PostJsonAsync($"{Url(code, unicorn)}/end", new { endedOn, reason = "估值下降" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("endedOn").Should().ContainSingle().Which.Should().Contain(message);
        (await factory.OutboxAsync("DesignationEnded", code)).Should().BeEmpty();
        (await client.GetAsync(Url(code, unicorn))).ETag().Should().Be("\"1\"");
    }

    [Fact]
    public async Task Withdrawing_counts_the_designation_nowhere_publishes_a_withdrawn_end_and_happens_once()
    {
        var code = await client.CreateEnterpriseAsync();
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2025-02-01");
        var url = Url(code, unicorn);

        var response = await client.PostJsonAsync($"{url}/withdraw", new { reason = "误录：应为潜在独角兽" });
        var twice = await client.PostJsonAsync($"{url}/withdraw", new { reason = "again" });
        var end = await client.PostJsonAsync($"{url}/end", new { reason = "估值下降" });

        var withdrawn = await response.JsonAsync(HttpStatusCode.OK);
        response.ETag().Should().Be("\"2\"");
        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["withdrawn"]!.GetValue<bool>().Should().BeTrue();
        withdrawn["withdrawnOn"]!.GetValue<string>().Should().Be("2026-11-22");
        withdrawn["withdrawalReason"]!.GetValue<string>().Should().Be("误录：应为潜在独角兽");
        withdrawn["endedOn"].Should().BeNull();
        await twice.ProblemAsync(HttpStatusCode.Conflict, "designationWithdrawn");
        await end.ProblemAsync(HttpStatusCode.Conflict, "designationNotCurrent");
        var payload = (await factory.OutboxAsync("DesignationEnded", code)).Should().ContainSingle().Subject;
        payload["withdrawn"]!.GetValue<bool>().Should().BeTrue();
        payload["endedOn"]!.GetValue<string>().Should().Be("2026-11-22");
        payload["since"]!.GetValue<string>().Should().Be("2025-02-01");
        payload["reason"]!.GetValue<string>().Should().Be("误录：应为潜在独角兽");
        (await (await client.GetAsync($"/api/v1/enterprises/{code}")).JsonAsync(HttpStatusCode.OK))["designations"]!.AsArray().Should().BeEmpty();
        await client.DesignateAsync(code, "Unicorn", "2025-02-01");
    }

    [Fact]
    public async Task An_ended_designation_may_be_withdrawn_too()
    {
        var code = await client.CreateEnterpriseAsync();
        var reserve = await client.DesignateAsync(code, "ListingReserve", "2021-01-01");
        await (await client.PostJsonAsync($"{Url(code, reserve)}/end", new { endedOn = "2022-01-01", reason = "出库" })).JsonAsync(HttpStatusCode.OK);

        var withdrawn = await (await client.PostJsonAsync($"{Url(code, reserve)}/withdraw", new { reason = "名单录入错误" })).JsonAsync(HttpStatusCode.OK);

        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["endedOn"]!.GetValue<string>().Should().Be("2022-01-01");
        (await factory.OutboxAsync("DesignationEnded", code)).Select(p => p!["withdrawn"]!.GetValue<bool>()).Should().Equal(false, true);
    }

    [Fact]
    public async Task An_enterprise_lists_its_designations_by_kind_and_status()
    {
        var code = await client.CreateEnterpriseAsync();
        var reserve = await client.DesignateAsync(code, "ListingReserve", "2020-03-01");
        await client.DesignateAsync(code, "Listed", "2022-08-18", "bse");
        var potential = await client.DesignateAsync(code, "PotentialUnicorn", "2023-01-01");
        await (await client.PostJsonAsync($"{Url(code, potential)}/withdraw", new { reason = "误录" })).JsonAsync(HttpStatusCode.OK);

        async Task<string[]> KindsAsync(string query) =>
            (await (await client.GetAsync($"{Url(code)}?{query}")).JsonAsync(HttpStatusCode.OK))["items"].Strings("kind");

        (await KindsAsync("")).Should().Equal("ListingReserve", "Listed", "PotentialUnicorn");
        (await KindsAsync("status=current")).Should().Equal("Listed");
        (await KindsAsync("status=ended")).Should().Equal("ListingReserve");
        (await KindsAsync("status=withdrawn")).Should().Equal("PotentialUnicorn");
        (await KindsAsync("kind=listingreserve")).Should().Equal("ListingReserve");
        (await KindsAsync("sort=-since&pageSize=2")).Should().Equal("PotentialUnicorn", "Listed");
        (await KindsAsync("sort=-id&page=3&pageSize=1")).Should().Equal("ListingReserve");
        reserve["status"]!.GetValue<string>().Should().Be("current", "the answer showed it as it was when added");
    }

    [Fact]
    public async Task Designations_are_audited()
    {
        var code = await client.CreateEnterpriseAsync();
        var unicorn = await client.DesignateAsync(code, "Unicorn", "2026-02-01");
        await (await client.PostJsonAsync($"{Url(code, unicorn)}/end", new { endedOn = "2026-10-01", reason = "估值下降" })).JsonAsync(HttpStatusCode.OK);

        var trail = await (await client.GetAsync($"/api/v1/audit/enterprises?resourceType=Designation&resourceKey={code}/Unicorn/2026-02-01")).JsonAsync(HttpStatusCode.OK);

        var records = trail["items"]!.AsArray();
        records.Select(r => r!["action"]!.GetValue<string>()).Should().Equal("update", "create");
        records[0]!["changes"]!["endedOn"]!["after"]!.GetValue<string>().Should().Be("2026-10-01");
        records[1]!["changes"]!["since"]!["after"]!.GetValue<string>().Should().Be("2026-02-01");
    }

    /// <summary>
    /// The list reads an enterprise's holdings as a row for each pair of a qualification and a designation: each summary
    /// shows once, a page counts enterprises, not rows, and a list and a single enterprise answer alike.
    /// </summary>
    [Fact]
    public async Task An_enterprise_with_several_holdings_lists_each_once_and_counts_once_on_a_page()
    {
        var industry = "并列持有" + Guid.NewGuid().ToString("N")[..8];
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add(await client.CreateEnterpriseAsync("120116", null, industry));
        }

        codes.Sort(StringComparer.Ordinal);
        var (many, none, one) = (codes[0], codes[1], codes[2]);
        var grants = new[] { await client.GrantAsync(many, "HighTech", "2025-06-01"), await client.GrantAsync(many, "TechSme", "2026-03-01") };
        var designations = new[] { await client.DesignateAsync(many, "ListingReserve", "2024-05-01"), await client.DesignateAsync(many, "PotentialUnicorn", "2025-01-15") };
        var single = await client.GrantAsync(one, "HighTech", "2025-06-01");

        var page = await (await client.GetAsync($"/api/v1/enterprises?industry={industry}")).JsonAsync(HttpStatusCode.OK);

        page["items"].Strings("creditCode").Should().Equal(many, none, one);
        var items = page["items"]!.AsArray();
        items[0]!["qualifications"].Strings("type").Should().Equal("TechSme", "HighTech");
        items[0]!["qualifications"]!.AsArray().Select(q => q!["id"]!.GetValue<long>()).Should().BeEquivalentTo(grants.Select(g => g["id"]!.GetValue<long>()));
        items[0]!["designations"].Strings("kind").Should().Equal("ListingReserve", "PotentialUnicorn");
        items[0]!["designations"]!.AsArray().Select(d => d!["id"]!.GetValue<long>()).Should().Equal(designations.Select(d => d["id"]!.GetValue<long>()));
        items[1]!["qualifications"]!.AsArray().Should().BeEmpty();
        items[1]!["designations"]!.AsArray().Should().BeEmpty();
        items[2]!["qualifications"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<long>().Should().Be(single["id"]!.GetValue<long>());
        items[2]!["designations"]!.AsArray().Should().BeEmpty();
        foreach (var item in items)
        {
            var alone = await (await client.GetAsync($"/api/v1/enterprises/{item!["creditCode"]}")).JsonAsync(HttpStatusCode.OK);
            alone["qualifications"]!.ToJsonString().Should().Be(item["qualifications"]!.ToJsonString());
            alone["designations"]!.ToJsonString().Should().Be(item["designations"]!.ToJsonString());
        }

        var first = await (await client.GetAsync($"/api/v1/enterprises?industry={industry}&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        first["items"].Strings("creditCode").Should().Equal(many);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await (await client.GetAsync($"/api/v1/enterprises?industry={industry}&pageSize=1&cursor={Uri.EscapeDataString(cursor)}")).JsonAsync(HttpStatusCode.OK);
        second["items"].Strings("creditCode").Should().Equal(none);
    }
}
