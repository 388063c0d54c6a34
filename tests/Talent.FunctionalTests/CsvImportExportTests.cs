using System.Net;
using System.Text.Json.Nodes;

namespace Talent.FunctionalTests;

public class CsvImportExportTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private const string Header = "documentType,idNumber,nationality,name,phone,gender,birthYear,education,title,field,employerCreditCode,regionCode,zoneCode";
    private readonly HttpClient clerk = factory.CreateClient();
    private readonly HttpClient officer = factory.Officers();

    private async Task<JsonNode> ImportAsync(string csv, bool dryRun = false) =>
        await (await clerk.PostRawAsync($"/api/v1/talents/import?dryRun={dryRun.ToString().ToLowerInvariant()}", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

    private async Task<JsonNode?> FindAsync(string idNumber) =>
        (await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber })).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().SingleOrDefault();

    [Fact]
    public async Task Good_rows_are_applied_through_the_commands_and_bad_rows_reported_without_their_numbers()
    {
        var (existing, fresh, duplicate, passport) = (Suite.IdNumber(), Suite.IdNumber(), Suite.IdNumber(), Suite.Passport());
        var wrongCheck = Suite.Remember(IdentityNumbers.WithWrongCheck(IdentityNumbers.New()));
        await clerk.RegisterAsync(Api.Person(existing, regionCode: "120110"));
        var csv = string.Join("\n",
            Header,
            $"residentIdentityCard,{fresh},,李娜,{Suite.Phone()},,,master,研究员,生物医药,,120113,",
            $"residentIdentityCard,{wrongCheck},,王芳,,,,,,,,120113,",
            $"residentIdentityCard,{existing},CN,张伟,,,,doctorate,教授级高工,新材料,,120110,",
            $"passport,{passport},GB,Oliver Brown,+447700900123,male,1979,doctorate,,人工智能,,120116,12Z01",
            $"residentIdentityCard,{duplicate},,赵强,,,,,,,,120101,",
            $"residentIdentityCard,{duplicate},,赵强,,,,,,,,120101,",
            $"residentIdentityCard,{Suite.IdNumber()},,钱伟,,unknown,,,,,,120101,",
            "residentIdentityCard,too,few");

        var report = await ImportAsync(csv);

        report["created"]!.GetValue<int>().Should().Be(3);
        report["updated"]!.GetValue<int>().Should().Be(1);
        var rejected = report["rejected"]!.AsArray();
        rejected.Select(r => r!["row"]!.GetValue<int>()).Should().Equal(3, 7, 8, 9);
        rejected.Select(r => r!["code"]!.GetValue<string>()).Should().Equal("validationFailed", "duplicateRow", "validationFailed", "invalidRow");
        rejected[0]!["message"]!.GetValue<string>().Should().Contain("idNumber").And.Contain("check character");
        rejected[1]!["message"]!.GetValue<string>().Should().Contain("row 6");
        report.ToJsonString().Should().NotContain(wrongCheck[..10]).And.NotContain(duplicate[..10]);
        (await FindAsync(fresh))!["field"]!.GetValue<string>().Should().Be("生物医药");
        (await FindAsync(existing))!["title"]!.GetValue<string>().Should().Be("教授级高工");
        (await FindAsync(passport))!["phone"]!.GetValue<string>().Should().Be("+447700900123");
        (await FindAsync(wrongCheck)).Should().BeNull();
    }

    [Fact]
    public async Task A_dry_run_reports_the_same_and_writes_nothing()
    {
        var idNumber = Suite.IdNumber();
        var outbox = (await factory.OutboxAsync()).Count;

        var report = await ImportAsync($"{Header}\nresidentIdentityCard,{idNumber},,孙丽,,,,,,,,120113,\n", dryRun: true);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["dryRun"]!.GetValue<bool>().Should().BeTrue();
        (await FindAsync(idNumber)).Should().BeNull();
        (await factory.OutboxAsync()).Count.Should().Be(outbox);
    }

    [Fact]
    public async Task An_export_with_personal_data_imports_back_unchanged()
    {
        var marker = "往返" + Guid.NewGuid().ToString("N")[..6];
        var id = (await clerk.RegisterAsync(Api.Person(name: "=" + marker)))["id"]!.GetValue<Guid>();
        var before = await (await officer.GetAsync($"/api/v1/talents/{id}")).Content.ReadAsStringAsync();

        var export = await (await officer.GetAsync($"/api/v1/talents?format=csv&includePersonalData=true&q={marker}")).Content.ReadAsStringAsync();
        var report = await ImportAsync(export.TrimStart('\uFEFF'));

        report["unchanged"]!.GetValue<int>().Should().Be(1);
        report["rejected"]!.AsArray().Should().BeEmpty();
        (await (await officer.GetAsync($"/api/v1/talents/{id}")).Content.ReadAsStringAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_file_without_a_header_is_refused_without_repeating_its_first_row()
    {
        var idNumber = Suite.IdNumber();

        var response = await clerk.PostRawAsync("/api/v1/talents/import", $"residentIdentityCard,{idNumber},,周杰,,,,,,,,120101,\n", "text/csv");

        var text = await response.Content.ReadAsStringAsync();
        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed")).ErrorsFor("header").Should().ContainSingle();
        text.Should().NotContain(idNumber[..10]);
    }

    [Fact]
    public async Task A_regional_client_imports_rows_of_its_district_only()
    {
        var dongli = factory.As(TalentApiFactory.Clerk, region: "120110");
        var csv = $"{Header}\nresidentIdentityCard,{Suite.IdNumber()},,吴敏,,,,,,,,120110,\nresidentIdentityCard,{Suite.IdNumber()},,郑涛,,,,,,,,120118,\n";

        var report = await (await dongli.PostRawAsync("/api/v1/talents/import", csv, "text/csv")).JsonAsync(HttpStatusCode.OK);

        report["created"]!.GetValue<int>().Should().Be(1);
        report["rejected"]![0]!["code"]!.GetValue<string>().Should().Be("forbidden");
    }
}
