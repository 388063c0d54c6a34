using System.Net;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The qualification register filtered by a region, on PostgreSQL, reads the qualifications within the first and the last
/// credit code of the region's enterprises, read first and written into the page's statement and its count's; SQLite reads
/// no range. The range is the region's enterprises' own (an enterprise that moved into the district keeps the credit code
/// its first district gave it), read on every request.
/// </summary>
public class QualificationRegisterRangeTests(CursorRegisterFactory factory) : IClassFixture<CursorRegisterFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task The_register_of_a_district_reads_the_qualifications_within_its_enterprises_credit_codes()
    {
        var moved = factory.Enterprises[9].Code;
        var read = await client.GetAsync($"/api/v1/enterprises/{moved}");
        await (await client.PatchAsync($"/api/v1/enterprises/{moved}", new { regionCode = "120118" }, read.ETag())).JsonAsync(HttpStatusCode.OK);
        var district = factory.Enterprises.Where(e => e.Region == "120118" || e.Code == moved).Select(e => e.Code).Order(StringComparer.Ordinal).ToList();

        var walked = await client.WalkAsync("/api/v1/qualifications?type=HighTech&regionCode=120118&pageSize=2");
        factory.Statements.Clear();
        var page = await (await client.GetAsync("/api/v1/qualifications?type=HighTech&regionCode=120118&pageSize=2&count=true"))
            .JsonAsync(HttpStatusCode.OK);

        walked.Select(q => q["creditCode"]!.GetValue<string>()).Should().BeEquivalentTo(
            factory.Enterprises.Where((e, i) => i % 3 == 0 && (e.Region == "120118" || e.Code == moved)).Select(e => e.Code));
        walked.Should().OnlyContain(q => q!["regionCode"]!.GetValue<string>() == "120118");
        page["totalCount"]!.GetValue<int>().Should().Be(4);
        DistrictRange.ShouldBeReadWithin(factory.Statements.Where(sql => sql.Contains("FROM \"Qualifications\"", StringComparison.Ordinal)).ToList(),
            district);
    }
}
