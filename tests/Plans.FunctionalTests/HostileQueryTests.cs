using System.Net;

namespace Plans.FunctionalTests;

/// <summary>
/// Every list parameter is bounded: sort terms, page numbers and sizes, filter values. Over a bound
/// is a 400 that names the parameter; none reaches the database, and none can stop the process.
/// </summary>
public class HostileQueryTests(PlansApiFactory factory) : IClassFixture<PlansApiFactory>
{
    private readonly HttpClient admin = factory.CreateClient();

    public static TheoryData<string> Lists =>
    [
        "/api/v1/plans", "/api/v1/regions", "/api/v1/audit/plans", "/api/v1/plans/{plan}/indicators", "/api/v1/plans/{plan}/tasks",
        "/api/v1/plans/{plan}/indicators/I1/observations",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_sort_of_thousands_of_terms_is_a_400_and_the_service_keeps_answering(string list)
    {
        var url = await UrlAsync(list);
        var field = list.EndsWith("audit", StringComparison.Ordinal) ? "id" : list.Contains("observations", StringComparison.Ordinal) ? "year" : "code";
        // As many terms as fit in the 8 KB request line: 1,700 of "id", about 1,500 of "code".
        var terms = (8000 - url.Length) / (field.Length + 1);

        var problem = await (await admin.GetAsync($"{url}?sort={HostileInputs.RepeatedSort(field, terms)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("sort").Should().ContainSingle();
        (await admin.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.OK, "the process survived");
    }

    [Theory]
    [InlineData("code,code", "appears more than once")]
    [InlineData("code,-code", "appears more than once")]
    [InlineData("title,-code,+title", "appears more than once")]
    [InlineData("code,title,periodStart,issuedOn,createdAt,updatedAt", "At most 5")]
    [InlineData("nosuchfield", "Sortable fields")]
    public async Task A_sort_with_repeated_too_many_or_unknown_terms_is_a_400(string sort, string message)
    {
        var problem = await (await admin.GetAsync($"/api/v1/plans?sort={sort}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("sort").Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task Five_distinct_sort_terms_are_taken()
    {
        await (await admin.GetAsync("/api/v1/plans?sort=-periodStart,title,issuedOn,createdAt,code")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_sort_field_of_thousands_of_characters_is_not_echoed_whole()
    {
        var name = new string('z', 200);

        var problem = await (await admin.GetAsync($"/api/v1/plans?sort={name}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem["detail"]!.GetValue<string>().Length.Should().BeLessThan(120);
    }

    [Theory]
    [InlineData("page=-1", "page")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=1e9", "pageSize")]
    [InlineData("pageSize=99999999999", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("page=%EF%BC%91", "page")]
    public async Task Paging_out_of_range_or_not_a_number_is_a_400_naming_the_parameter(string query, string parameter)
    {
        foreach (var list in new[] { "/api/v1/plans", "/api/v1/regions", "/api/v1/audit/plans" })
        {
            var problem = await (await admin.GetAsync($"{list}?{query}")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

            problem.ErrorsFor(parameter).Should().NotBeEmpty($"{list}?{query} names {parameter}");
        }
    }

    [Fact]
    public async Task The_last_representable_page_is_an_empty_page()
    {
        var page = await (await admin.GetAsync("/api/v1/plans?page=2147483647&pageSize=500")).JsonAsync(HttpStatusCode.OK);

        page["items"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("q")]
    [InlineData("regionCode")]
    [InlineData("status")]
    [InlineData("unknownFilter")]
    [InlineData("sort")]
    public async Task A_query_value_over_256_characters_is_a_400_naming_the_parameter(string parameter)
    {
        var problem = await (await admin.GetAsync($"/api/v1/plans?{parameter}={new string('x', 257)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().ContainSingle().Which.Should().Contain("256");
        await (await admin.GetAsync($"/api/v1/plans?q={new string('x', 256)}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nul_in_a_query_value_is_still_a_400()
    {
        var problem = await (await admin.GetAsync("/api/v1/plans?q=a%00b")).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor("q").Should().Equal("NUL characters are not allowed.");
    }

    private async Task<string> UrlAsync(string list)
    {
        if (!list.Contains("{plan}", StringComparison.Ordinal))
        {
            return list;
        }

        var plan = await admin.CreatePlanAsync();
        await (await admin.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        return list.Replace("{plan}", plan, StringComparison.Ordinal);
    }
}
