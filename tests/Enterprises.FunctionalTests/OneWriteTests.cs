using TestSupport;
using System.Net;
using System.Text.Json.Nodes;

namespace Enterprises.FunctionalTests;

/// <summary>
/// A write exists once: an enterprise sent through the API and through the CSV import is stored,
/// published and audited the same way, and is refused with the same code and words.
/// </summary>
public class OneWriteTests(EnterprisesApiFactory factory) : IClassFixture<EnterprisesApiFactory>
{
    private const string Header = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn";
    private readonly HttpClient client = factory.CreateClient();

    private static async Task<JsonNode> ImportAsync(HttpClient client, string rows) =>
        await (await client.PostRawAsync("/api/v1/enterprises/import", $"{Header}\n{rows}\n", "text/csv")).JsonAsync(HttpStatusCode.OK);

    private static JsonNode Rejection(JsonNode report) => report["rejected"]!.AsArray().Should().ContainSingle().Subject!;

    /// <summary>The node as JSON text without the members that name the enterprise or the moment (event ids and times).</summary>
    private static string Without(JsonNode node, params string[] members)
    {
        var copy = node.DeepClone().AsObject();
        foreach (var member in members)
        {
            copy.Remove(member);
        }

        return copy.ToJsonString();
    }

    private async Task<(string Stored, string ETag)> StoredAsync(string code)
    {
        var response = await client.GetAsync($"/api/v1/enterprises/{code}");
        return (Without(await response.JsonAsync(HttpStatusCode.OK), "creditCode"), response.ETag());
    }

    private async Task<string> EventAsync(string type, string code) =>
        Without((await factory.OutboxAsync(type, code)).Should().ContainSingle().Subject, "creditCode", "id", "occurredAt");

    /// <summary>Each audit record's action, client and changes (the credit code aside), newest first.</summary>
    private async Task<string[]> AuditAsync(string code)
    {
        var trail = await (await client.GetAsync($"/api/v1/audit/enterprises?resourceType=Enterprise&resourceKey={code}")).JsonAsync(HttpStatusCode.OK);
        return trail["items"]!.AsArray()
            .Select(r => $"{r!["action"]} {r["clientId"]} {Without(r["changes"]!, "creditCode")}")
            .ToArray();
    }

    [Fact]
    public async Task Registering_and_updating_through_the_API_and_the_import_store_publish_and_audit_the_same()
    {
        var (viaApi, viaImport) = (CreditCodes.New(), CreditCodes.New());

        await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(viaApi))).JsonAsync(HttpStatusCode.Created);
        var registered = await ImportAsync(client,
            $"{viaImport},天津市海河智能科技有限公司,\"Tianjin Haihe Intelligent Technology Co., Ltd.\",120116,12Z01,新一代信息技术,2015-03-18");

        registered["created"]!.GetValue<int>().Should().Be(1);
        (await StoredAsync(viaImport)).Should().Be(await StoredAsync(viaApi));
        (await EventAsync("EnterpriseRegistered", viaImport)).Should().Be(await EventAsync("EnterpriseRegistered", viaApi));

        await (await client.PatchAsync($"/api/v1/enterprises/{viaApi}", new { industry = "生物医药", zoneCode = (string?)null }, "\"1\""))
            .JsonAsync(HttpStatusCode.OK);
        var updated = await ImportAsync(client,
            $"{viaImport},天津市海河智能科技有限公司,\"Tianjin Haihe Intelligent Technology Co., Ltd.\",120116,,生物医药,2015-03-18");

        updated["updated"]!.GetValue<int>().Should().Be(1);
        var stored = await StoredAsync(viaImport);
        stored.Should().Be(await StoredAsync(viaApi));
        stored.ETag.Should().Be("\"2\"");
        (await EventAsync("EnterpriseUpdated", viaImport)).Should().Be(await EventAsync("EnterpriseUpdated", viaApi));
        (await AuditAsync(viaImport)).Should().Equal(await AuditAsync(viaApi)).And.HaveCount(2);
    }

    [Fact]
    public async Task A_credit_code_with_a_wrong_check_character_is_refused_in_the_same_words()
    {
        var code = CreditCodes.WithWrongCheck(CreditCodes.New());
        var before = await factory.OutboxCountAsync();

        var problem = await (await client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(code, zoneCode: null)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var row = Rejection(await ImportAsync(client, $"{code},天津市海河智能科技有限公司,,120116,,新一代信息技术,2015-03-18"));

        var message = problem.ErrorsFor("creditCode").Should().ContainSingle().Subject;
        row["code"]!.GetValue<string>().Should().Be(problem["code"]!.GetValue<string>());
        row["message"]!.GetValue<string>().Should().Be($"creditCode: {message}");
        (await factory.OutboxCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_region_outside_a_region_scoped_caller_is_refused_in_the_same_words()
    {
        var jinghai = factory.ClientWith(EnterprisesApiFactory.Issuer.Token("enterprises.read enterprises.write", region: "120118"));
        var (viaApi, viaImport) = (CreditCodes.New(), CreditCodes.New());

        var problem = await (await jinghai.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(viaApi, "120116", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var row = Rejection(await ImportAsync(jinghai, $"{viaImport},天津市海河智能科技有限公司,,120116,,新一代信息技术,2015-03-18"));

        row["code"]!.GetValue<string>().Should().Be(problem["code"]!.GetValue<string>());
        row["message"]!.GetValue<string>().Should().Be(problem["detail"]!.GetValue<string>());
        (await client.GetAsync($"/api/v1/enterprises/{viaImport}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_founding_date_after_an_existing_annual_report_is_refused_in_the_same_words()
    {
        var code = await client.CreateEnterpriseAsync("120116", null, foundedOn: "2015-03-18");
        await EligibilityApiTests.PutReportAsync(client, code, 2017, Api.Report());
        var before = await factory.OutboxCountAsync();

        var problem = await (await client.PatchAsync($"/api/v1/enterprises/{code}", new { foundedOn = "2018-01-01" }, "\"1\""))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        var row = Rejection(await ImportAsync(client,
            $"{code},天津市海河智能科技有限公司,\"Tianjin Haihe Intelligent Technology Co., Ltd.\",120116,,新一代信息技术,2018-01-01"));

        var message = problem.ErrorsFor("foundedOn").Should().ContainSingle().Subject;
        row["code"]!.GetValue<string>().Should().Be(problem["code"]!.GetValue<string>());
        row["message"]!.GetValue<string>().Should().Be($"foundedOn: {message}");
        (await StoredAsync(code)).ETag.Should().Be("\"1\"");
        (await factory.OutboxCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_dry_run_reports_what_the_import_then_does_and_leaves_no_row_event_or_audit_record()
    {
        var existing = await client.CreateEnterpriseAsync("120116", null);
        var (fresh, refused) = (CreditCodes.New(), CreditCodes.New());
        var rows = string.Join("\n",
            $"{fresh},天津壬科技有限公司,,120118,,,2019-09-09",
            $"{existing},天津市海河智能科技有限公司,,120116,,人工智能,2015-03-18",
            $"{refused},天津癸科技有限公司,,120000,,,2019-09-09");
        var outbox = await factory.OutboxCountAsync();
        var audit = (await AuditAsync(existing)).Length;

        var dryRun = await (await client.PostRawAsync("/api/v1/enterprises/import?dryRun=true", $"{Header}\n{rows}\n", "text/csv"))
            .JsonAsync(HttpStatusCode.OK);

        (await factory.OutboxCountAsync()).Should().Be(outbox);
        (await AuditAsync(existing)).Should().HaveCount(audit);
        (await client.GetAsync($"/api/v1/enterprises/{fresh}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await StoredAsync(existing)).ETag.Should().Be("\"1\"");
        var applied = await ImportAsync(client, rows);
        Without(dryRun, "dryRun").Should().Be(Without(applied, "dryRun"));
        applied["created"]!.GetValue<int>().Should().Be(1);
        applied["updated"]!.GetValue<int>().Should().Be(1);
        Rejection(applied)["row"]!.GetValue<int>().Should().Be(4);
        (await factory.OutboxCountAsync()).Should().Be(outbox + 2);
    }
}
