using System.Net;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The cultivation pool rows of the enterprises an import or a request registers: written from what they say, as a
/// rebuild evaluates them, without reading anything of theirs back (on PostgreSQL the import writes them beside its COPY).
/// </summary>
public class ImportPoolTests(EnterprisesWithStatements factory) : IClassFixture<EnterprisesWithStatements>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task New_enterprises_get_the_rows_a_rebuild_finds_and_on_PostgreSQL_nothing_of_theirs_is_read_back()
    {
        var reported = await CultivationPoolUpkeepTests.EnterpriseAsync(client, "120111", null, 2023, 2024, 2025);
        string[] founded = ["1998-02-01", "2015-03-18", "2024-12-31", "2025-01-01", "2026-06-30"];
        var codes = founded.Select(_ => CreditCodes.New("120111")).ToList();
        var csv = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn\n"
            + string.Concat(codes.Select((code, i) => $"{code},天津池内{i}科技有限公司,,120111,{(i % 2 == 0 ? "12Z01" : "")},新材料,{founded[i]}\n"));
        factory.Statements.Clear();

        var report = await (await client.PostRawAsync("/api/v1/enterprises/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(codes.Count);
        var imported = factory.Statements.ToList();
        var written = await CultivationPoolUpkeepTests.RowsAsync(factory);
        written.Should().Contain(r => r.StartsWith(reported, StringComparison.Ordinal), "the enterprise with reports is in the pool");
        (await client.PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CultivationPoolUpkeepTests.RowsAsync(factory)).Should().Equal(written, "the import wrote the rows a rebuild evaluates from the register");
        if (EnterprisesApiFactory.PostgresServer is not null)
        {
            // An enterprise that did not exist has no report, qualification or pool row to read; its rows follow from the file.
            imported.Should().NotContain(s => s.Contains("\"AnnualReports\"") || s.Contains("\"Qualifications\"") || s.Contains("\"CultivationPool\""));
        }
    }

    [Fact]
    public async Task A_registered_enterprise_gets_the_rows_a_rebuild_finds_and_nothing_of_its_is_read_back()
    {
        factory.Statements.Clear();

        await client.CreateEnterpriseAsync("120112", null);

        var registered = factory.Statements.ToList();
        var written = await CultivationPoolUpkeepTests.RowsAsync(factory);
        registered.Should().Contain(s => s.Contains("INSERT INTO \"Enterprises\"") || s.Contains("COPY"), "the registration was seen");
        registered.Should().NotContain(s => s.Contains("\"AnnualReports\"") || s.Contains("\"Qualifications\"") || s.Contains("DELETE"),
            "an enterprise that did not exist has no report, qualification or pool row to read or delete");
        (await client.PostAsync("/api/v1/enterprises/cultivation-pool/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await CultivationPoolUpkeepTests.RowsAsync(factory)).Should().Equal(written, "the rows are those a rebuild evaluates from the register");
    }
}
