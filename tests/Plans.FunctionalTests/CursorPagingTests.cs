using System.Net;

namespace Plans.FunctionalTests;

/// <summary>
/// A database of its own for the cursor tests: seven plans (four of Dongli, four published), the first of them with five
/// indicators, five tasks due in two years, four observations of one indicator and three reviews.
/// </summary>
public sealed class CursorPlansFactory : PlansApiFactory, IAsyncLifetime
{
    public List<string> Plans { get; } = [];

    public string Plan => Plans[0];

    public async Task InitializeAsync()
    {
        var client = CreateClient();
        for (var i = 0; i < 7; i++)
        {
            var code = await client.CreatePlanAsync(Api.UniqueCode("CUR"), i < 4 ? "120110" : "120000", i < 4 ? "district" : "municipal");
            Plans.Add(code);
            if (i % 2 == 1)
            {
                await client.PublishAsync(code);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            await (await client.PostJsonAsync($"/api/v1/plans/{Plan}/indicators", Api.Indicator($"I{i}"))).JsonAsync(HttpStatusCode.Created);
            await (await client.PostJsonAsync($"/api/v1/plans/{Plan}/tasks", new
            {
                code = $"三.(一).{i + 1}", title = "推动科技成果转化", leadUnits = new[] { i % 2 == 0 ? "区科技局" : "区发改委" }, dueYear = 2022 + i % 2,
            })).JsonAsync(HttpStatusCode.Created);
        }

        for (var year = 2021; year < 2025; year++)
        {
            await (await client.PostJsonAsync($"/api/v1/plans/{Plan}/indicators/I0/observations", new { year, value = 8000 + year }))
                .JsonAsync(HttpStatusCode.Created);
        }

        await client.PublishAsync(Plan);
        foreach (var asOf in new[] { "2023-06-30", "2022-12-31", "2023-06-30" })
        {
            await (await client.PostJsonAsync($"/api/v1/plans/{Plan}/reviews", new { title = "中期评估", asOf })).JsonAsync(HttpStatusCode.Created);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Keyset pages of the plan, indicator, task, observation and review lists and of the audit trail: nextCursor, the Link header, count=true.</summary>
public class CursorPagingTests(CursorPlansFactory factory) : IClassFixture<CursorPlansFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task A_cursor_walk_lists_every_plan_once_in_code_order()
    {
        (await client.WalksEveryItemOnceAsync("/api/v1/plans?q=十四五", "code")).Should().Equal(factory.Plans.Order(StringComparer.Ordinal));
        (await client.WalksEveryItemOnceAsync("/api/v1/plans?regionCode=120110&sort=-periodStart,title", "code"))
            .Should().BeEquivalentTo(factory.Plans.Take(4));
    }

    [Fact]
    public async Task An_anonymous_walk_lists_the_published_plans_only_and_a_cursor_read_with_plans_read_is_not_its()
    {
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        (await anonymous.WalksEveryItemOnceAsync("/api/v1/plans?q=十四五", "code", 1))
            .Should().Equal(factory.Plans.Where((_, i) => i % 2 == 1 || i == 0).Order(StringComparer.Ordinal));
        var cursor = await client.FirstCursorAsync("/api/v1/plans?q=十四五&pageSize=1");
        await (await anonymous.GetAsync($"/api/v1/plans?q=十四五&pageSize=1&cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }

    [Theory]
    [InlineData("indicators", "code", "")]
    [InlineData("indicators", "code", "sort=-name")]
    [InlineData("tasks", "code", "")]
    [InlineData("tasks", "code", "sort=-title")]
    [InlineData("tasks", "code", "unit=区科技局")]
    [InlineData("indicators/I0/observations", "id", "")]
    [InlineData("indicators/I0/observations", "id", "sort=-year")]
    [InlineData("reviews", "id", "")]
    [InlineData("reviews", "id", "sort=-asOf")]
    public async Task A_plans_lists_page_by_cursor(string list, string key, string query) =>
        (await client.WalksEveryItemOnceAsync($"/api/v1/plans/{factory.Plan}/{list}?{query}", key)).Should().NotBeEmpty();

    [Fact]
    public async Task Tasks_walk_in_document_order_and_ties_in_their_order_of_entry()
    {
        var walked = await client.WalksEveryItemOnceAsync($"/api/v1/plans/{factory.Plan}/tasks", "code");
        walked.Should().Equal(Enumerable.Range(1, 5).Select(i => $"三.(一).{i}"));

        var byTitle = await client.WalksEveryItemOnceAsync($"/api/v1/plans/{factory.Plan}/tasks?sort=title", "code");
        byTitle.Should().Equal(walked, "the titles tie, and ties are in the order of entry");
    }

    [Theory]
    [InlineData("/api/v1/plans?sort=issuedOn")]
    [InlineData("/api/v1/plans/{0}/tasks?sort=-dueYear")]
    public async Task A_sort_by_a_key_that_may_be_missing_pages_by_number_only(string list)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, list, factory.Plan);
        var page = await (await client.GetAsync($"{url}&pageSize=1")).JsonAsync(HttpStatusCode.OK);
        page["nextCursor"].Should().BeNull();
        (await (await client.GetAsync($"{url}&page=2&pageSize=1")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Should().ContainSingle();

        var cursor = await client.FirstCursorAsync($"{url.Split('?')[0]}?pageSize=1");
        var problem = await (await client.GetAsync($"{url}&cursor={Uri.EscapeDataString(cursor)}")).ProblemAsync(HttpStatusCode.BadRequest,
            "invalidParameter");
        problem.ErrorsFor("cursor").Should().ContainSingle().Which.Should().Contain("number only");
    }

    [Fact]
    public async Task Count_true_gives_the_count_and_without_it_none_is_made()
    {
        await client.CountsWhenAskedAsync("/api/v1/plans?regionCode=120110", 4);
        await client.CountsWhenAskedAsync($"/api/v1/plans/{factory.Plan}/indicators", 5);
        await client.CountsWhenAskedAsync($"/api/v1/plans/{factory.Plan}/tasks?unit=区发改委", 2);
        await client.CountsWhenAskedAsync($"/api/v1/plans/{factory.Plan}/indicators/I0/observations", 4);
        await client.CountsWhenAskedAsync($"/api/v1/plans/{factory.Plan}/reviews", 3);
    }

    [Fact]
    public async Task The_audit_trail_pages_by_cursor_newest_first_and_counts_when_asked()
    {
        var trail = await client.WalksEveryItemOnceAsync("/api/v1/audit/plans", "id", 7);
        trail.Select(long.Parse).Should().BeInDescendingOrder();
        trail.Should().HaveCountGreaterThanOrEqualTo(21, "seven plans, five indicators, five tasks and four observations were written");

        var plan = $"/api/v1/audit/plans?resourceType=Plan&resourceKey={factory.Plan}";
        await client.WalksEveryItemOnceAsync(plan, "id", 1);
        var history = (await client.AllAsync(plan)).Select(r => r["action"]!.GetValue<string>()).ToList();
        history.Should().StartWith("update", "the plan was published last").And.EndWith("create");
        var indicators = await client.AllAsync("/api/v1/audit/plans?resourceType=Indicator");
        indicators.Should().HaveCountGreaterThanOrEqualTo(5);
        await client.CountsWhenAskedAsync("/api/v1/audit/plans?resourceType=Indicator", indicators.Count);
    }

    [Fact]
    public async Task A_cursor_of_the_audit_trail_is_refused_with_other_filters_another_time_window_or_another_sort()
    {
        await client.RefusesBadCursorsAsync("/api/v1/audit/plans", "resourceType=Plan", "resourceType=Indicator", "id");
        var from = Uri.EscapeDataString(DateTimeOffset.UnixEpoch.ToString("O"));
        var cursor = await client.FirstCursorAsync($"/api/v1/audit/plans?from={from}&pageSize=1");
        await (await client.GetAsync($"/api/v1/audit/plans?pageSize=1&cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        (await client.GetAsync($"/api/v1/audit/plans?from={from}&pageSize=1&cursor={Uri.EscapeDataString(cursor)}"))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_forged_and_foreign_cursors_are_400_naming_the_cursor()
    {
        await client.RefusesBadCursorsAsync("/api/v1/plans", "regionCode=120110", "regionCode=120000", "title");
        await client.RefusesBadCursorsAsync($"/api/v1/plans/{factory.Plan}/indicators", "municipalOutlineIndicator=false", "municipalOutlineIndicator=true", "name");
        await client.RefusesBadCursorsAsync($"/api/v1/plans/{factory.Plan}/tasks", "unit=区科技局", "unit=区发改委", "dueYear");
        await client.RefusesBadCursorsAsync($"/api/v1/plans/{factory.Plan}/reviews", "count=false", null, "asOf");

        var cursor = await client.FirstCursorAsync($"/api/v1/plans/{factory.Plan}/indicators?pageSize=1");
        await (await client.GetAsync($"/api/v1/plans/{factory.Plans[1]}/indicators?cursor={Uri.EscapeDataString(cursor)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
    }
}
