using TestSupport;
using System.Net;

namespace Enterprises.FunctionalTests;

/// <summary>One parameter, one answer: a value a read cannot take is 400 invalidParameter naming the parameter, on every endpoint that has it.</summary>
public class QueryParameterTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/enterprises/{code}/eligibility?type=HighTech&year=1999", "year")]
    [InlineData("/api/v1/enterprises/cultivation-pool?year=1999", "year")]
    [InlineData("/api/v1/enterprises/{code}/eligibility?type=HighTech&year=2028", "year")]
    [InlineData("/api/v1/enterprises/cultivation-pool?year=2028", "year")]
    [InlineData("/api/v1/enterprises/{code}/eligibility?type=HighTech&year=twenty", "year")]
    [InlineData("/api/v1/enterprises/cultivation-pool?year=twenty", "year")]
    [InlineData("/api/v1/enterprises/{code}/eligibility?type=Unicorn", "type")]
    [InlineData("/api/v1/enterprises/statistics?type=Unicorn", "type")]
    [InlineData("/api/v1/enterprises/{code}/qualifications?type=Unicorn", "type")]
    [InlineData("/api/v1/qualifications?type=Unicorn", "type")]
    [InlineData("/api/v1/enterprises?qualification=Unicorn", "qualification")]
    [InlineData("/api/v1/enterprises/{code}/qualifications?status=lapsed", "status")]
    [InlineData("/api/v1/qualifications?status=lapsed", "status")]
    [InlineData("/api/v1/enterprises?regionCode=999999", "regionCode")]
    [InlineData("/api/v1/enterprises/cultivation-pool?regionCode=999999", "regionCode")]
    [InlineData("/api/v1/qualifications?regionCode=999999", "regionCode")]
    [InlineData("/api/v1/enterprises/statistics?asOf=2025-02-30", "asOf")]
    [InlineData("/api/v1/enterprises/statistics?metric=granted&asOf=2025-12-31", "asOf")]
    [InlineData("/api/v1/enterprises/statistics?groupBy=industry", "groupBy")]
    [InlineData("/api/v1/enterprises/statistics?metric=revenue", "metric")]
    [InlineData("/api/v1/enterprises?format=xlsx", "format")]
    [InlineData("/api/v1/enterprises?format=xlsx&regionCode=120116", "format")]
    [InlineData("/api/v1/enterprises/{code}/designations?kind=Dragon", "kind")]
    [InlineData("/api/v1/enterprises/{code}/designations?status=lapsed", "status")]
    [InlineData("/api/v1/enterprises/{code}/designations?sort=board", "sort")]
    [InlineData("/api/v1/designations?kind=Dragon", "kind")]
    [InlineData("/api/v1/enterprises/{code}/annual-reports?pageSize=0", "pageSize")]
    [InlineData("/api/v1/enterprises/cultivation-pool?page=0", "page")]
    public async Task A_value_a_read_cannot_take_is_400_naming_the_parameter(string url, string parameter)
    {
        var code = await client.CreateEnterpriseAsync();

        var problem = await (await client.GetAsync(url.Replace("{code}", code))).ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem.ErrorsFor(parameter).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Every_bad_parameter_of_a_read_is_named_at_once()
    {
        var problem = await (await client.GetAsync("/api/v1/enterprises/statistics?metric=revenue&type=Unicorn&groupBy=industry"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["metric", "type", "groupBy"]);
    }

    [Fact]
    public async Task Parameters_are_checked_before_the_enterprise_is_looked_up()
    {
        await (await client.GetAsync($"/api/v1/enterprises/{CreditCodes.New()}/eligibility?type=HighTech&year=1999"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalidParameter");
        await (await client.GetAsync($"/api/v1/enterprises/{CreditCodes.New()}/eligibility?type=HighTech&year=2025"))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");
    }
}
