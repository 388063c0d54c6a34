using System.Net;

namespace Plans.FunctionalTests;

/// <summary>Reconciliation rebuilds the local copy from a stand-in of the Enterprises API.</summary>
public sealed class RegisterReconciliationTests(RegisterPlansApiFactory factory) : IClassFixture<RegisterPlansApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private readonly EnterpriseStream stream = new(factory);

    private Task<HttpResponseMessage> ReconcileAsync() => client.PostAsync("/api/v1/registers/enterprises/reconcile", null);

    [Fact]
    public async Task Reconciliation_replaces_a_stale_local_copy_and_records_the_right_observations()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118");
        var tianjin = await client.CreateBoundPlanAsync("120000");
        var eagles = await client.CreateBoundPlanAsync("120118", "T1-06", indicator:
            RegisterApi.CumulativeIndicator("T1-06", "enterprises.granted.Eagle", 84));
        await client.SetAuthorityAsync("120000", true, "2026-01-01");
        var revokedSince = stream.RegisterAndGrant("120118");
        var missedFromRegister = stream.RegisterAndGrant("120118");
        await client.ActualBecomesAsync(jinghai, 2);

        // The register as it really is: the first revoked, the second never there, others whose events were missed,
        // and enough TechSme qualifications in Dongli to fill two pages.
        var jinghaiFirm = EnterpriseStream.NewCreditCode("120118");
        var dongliFirm = EnterpriseStream.NewCreditCode("120110");
        var items = new List<object>
        {
            FakeEnterpriseRegister.Qualification(revokedSince.QualificationId, revokedSince.CreditCode, "120118", "HighTech", "revoked", revokedSince.GrantedOn),
            FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(), jinghaiFirm, "120118", "HighTech", "valid", new DateOnly(2025, 12, 1)),
            FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(), jinghaiFirm, "120118", "Eagle", "valid", new DateOnly(2022, 4, 1)),
            FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(), jinghaiFirm, "120118", "Eagle", "expired", new DateOnly(2021, 4, 1)),
            FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(), dongliFirm, "120110", "HighTech", "valid", new DateOnly(2024, 6, 1)),
        };
        items.AddRange(Enumerable.Range(0, 520).Select(i => FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(),
            EnterpriseStream.NewCreditCode("120110"), "120110", "TechSme", "valid", new DateOnly(2026, 3, 1))));
        factory.Register.Holds(items);

        var report = await (await ReconcileAsync()).JsonAsync(HttpStatusCode.OK);

        report["qualifications"]!.GetValue<int>().Should().Be(525);
        report["enterprises"]!.GetValue<int>().Should().Be(523);
        report["observationsRecorded"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2, "Jinghai's count and the Eagle total move");
        (await client.ActualAsync(jinghai)).Should().Be(1, "the revoked and the absent qualification leave, a missed one arrives");
        (await client.ActualAsync(tianjin)).Should().Be(2, "Jinghai's firm and Dongli's");
        (await client.ActualAsync(eagles, "T1-06")).Should().Be(84 + 2, "two Eagle grants since 2020, one since expired");
        factory.Register.Requests.Should().Contain(r => r.Contains("page=2&pageSize=500"));
        missedFromRegister.CreditCode.Should().NotBe(jinghaiFirm);

        // A stale grant older than the reconciliation does not undo it.
        stream.Publish(stream.Granted(revokedSince.QualificationId, revokedSince.CreditCode, "HighTech", "120118"));
        stream.RegisterAndGrant("120101");
        await client.ActualBecomesAsync(tianjin, 3);
        (await client.ActualAsync(jinghai)).Should().Be(1);
    }

    [Fact]
    public async Task Reconciliation_with_the_register_down_is_a_503_and_loses_nothing()
    {
        var plan = await client.CreateBoundPlanAsync("120113");
        await client.SetAuthorityAsync("120113", true, "2026-01-01");
        stream.RegisterAndGrant("120113");
        await client.ActualBecomesAsync(plan, 1);
        var observations = (await client.ObservationsAsync(plan)).Count;

        factory.Register.Down = true;
        try
        {
            var problem = await (await ReconcileAsync()).ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");
            problem["detail"]!.GetValue<string>().Should().Contain("enterprises.test");
        }
        finally
        {
            factory.Register.Down = false;
        }

        (await client.ActualAsync(plan)).Should().Be(1);
        (await client.ObservationsAsync(plan)).Should().HaveCount(observations);
    }

    public static TheoryData<string, string> MalformedPages => new()
    {
        { "a null entry", """{"items":[null],"page":1,"pageSize":500,"totalCount":1}""" },
        { "no credit code", """{"items":[{"id":5,"regionCode":"120118","type":"HighTech","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"valid"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "no region", """{"items":[{"id":5,"creditCode":"91120118MA05JH0001","type":"HighTech","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"valid"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "no type", """{"items":[{"id":5,"creditCode":"91120118MA05JH0001","regionCode":"120118","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"valid"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "a credit code too long to hold", """{"items":[{"id":5,"creditCode":"9112011800000000000000000001","regionCode":"120118","type":"HighTech","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"valid"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "an unknown region", """{"items":[{"id":5,"creditCode":"91120118MA05JH0001","regionCode":"12011800000000000000","type":"HighTech","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"valid"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "an unknown status", """{"items":[{"id":5,"creditCode":"91120118MA05JH0001","regionCode":"120118","type":"HighTech","grantedOn":"2025-01-01","expiresOn":"2028-01-01","status":"lapsed"}],"page":1,"pageSize":500,"totalCount":1}""" },
        { "not a page", "[]" },
        { "a count that is not a number", """{"items":[],"page":1,"pageSize":500,"totalCount":"many"}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedPages))]
    public async Task A_register_answering_a_malformed_list_is_a_503_and_changes_nothing(string what, string page)
    {
        var plan = await client.CreateBoundPlanAsync("120114");
        await client.SetAuthorityAsync("120114", true, RegisterApi.NextSince());
        var before = (await client.ActualAsync(plan))!.Value;
        stream.RegisterAndGrant("120114");
        await client.ActualBecomesAsync(plan, before + 1);
        var observations = (await client.ObservationsAsync(plan)).Count;

        factory.Register.PageAnswer = _ => FakeEnterpriseRegister.RawAnswer(page);
        try
        {
            var problem = await (await ReconcileAsync()).ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");
            problem["detail"]!.GetValue<string>().Should().NotContain("Plans.Api", "internal type names stay internal ({0})", what);
        }
        finally
        {
            factory.Register.PageAnswer = null;
        }

        (await client.ActualAsync(plan)).Should().Be(before + 1, what);
        (await client.ObservationsAsync(plan)).Should().HaveCount(observations, what);
    }

    [Fact]
    public async Task A_register_that_repeats_its_pages_without_end_is_a_503_not_a_request_that_never_ends()
    {
        var listed = FakeEnterpriseRegister.Qualification(EnterpriseStream.NewQualificationId(), EnterpriseStream.NewCreditCode("120114"),
            "120114", "HighTech", "valid", new DateOnly(2025, 1, 1));
        factory.Register.PageAnswer = page => FakeEnterpriseRegister.JsonAnswer(new { items = new[] { listed }, page, pageSize = 500, totalCount = long.MaxValue });
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var response = await client.PostAsync("/api/v1/registers/enterprises/reconcile", null, timeout.Token);

            (await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable"))["detail"]!.GetValue<string>()
                .Should().Contain("page 2");
        }
        finally
        {
            factory.Register.PageAnswer = null;
        }
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"token\"")]
    [InlineData("{\"access_token\":\"t\",\"expires_in\":\"soon\"}")]
    [InlineData("<html>")]
    public async Task A_token_endpoint_answering_something_other_than_a_token_is_a_503(string answer)
    {
        // A factory of its own, so that no token is cached yet.
        await using var fresh = new RegisterPlansApiFactory();
        fresh.Register.TokenAnswer = () => FakeEnterpriseRegister.RawAnswer(answer);
        var response = await fresh.CreateClient().PostAsync("/api/v1/registers/enterprises/reconcile", null);

        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");
    }

    [Fact]
    public async Task Only_an_admin_reconciles()
    {
        var reader = factory.ClientWith(ServiceApiFactory<Program>.Issuer.Token("plans.read plans.write"));
        await (await reader.PostAsync("/api/v1/registers/enterprises/reconcile", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await factory.ClientWith(null).PostAsync("/api/v1/registers/enterprises/reconcile", null))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}

/// <summary>The start-up pass fills the local copy, so a consumer that never saw the stream's history is right.</summary>
public sealed class RegisterStartupReconciliationTests : IClassFixture<RegisterStartupReconciliationTests.Factory>
{
    private readonly Factory factory;
    private readonly HttpClient client;

    public RegisterStartupReconciliationTests(Factory factory)
    {
        this.factory = factory;
        client = factory.CreateClient();
    }

    public sealed class Factory : RegisterPlansApiFactory
    {
        public Factory()
        {
            ReconcileOnStartup = true;
            Register.Holds([
                FakeEnterpriseRegister.Qualification(1, "91120118MA05JH0001", "120118", "HighTech", "valid", new DateOnly(2025, 1, 1)),
                FakeEnterpriseRegister.Qualification(2, "91120118MA05JH0002", "120118", "HighTech", "valid", new DateOnly(2025, 1, 1)),
                FakeEnterpriseRegister.Qualification(3, "91120116MA05BH0003", "120116", "HighTech", "valid", new DateOnly(2025, 1, 1), "12Z01"),
            ]);
        }
    }

    [Fact]
    public async Task The_counts_come_from_the_register_when_the_stream_history_was_never_seen()
    {
        var jinghai = await client.CreateBoundPlanAsync("120118");
        var tianjin = await client.CreateBoundPlanAsync("120000");

        await Eventually.HoldsAsync(async () =>
        {
            await client.SetAuthorityAsync("120000", true, RegisterApi.NextSince());
            return await client.ActualAsync(tianjin) == 3;
        }, "the start-up reconciliation filled the local copy");
        (await client.ActualAsync(jinghai)).Should().Be(2);
        factory.Register.TokensIssued.Should().Be(1);
    }
}

/// <summary>An unreachable register at start-up is retried in the background; the service serves meanwhile.</summary>
public sealed class RegisterDownAtStartupTests(RegisterDownAtStartupTests.Factory factory) : IClassFixture<RegisterDownAtStartupTests.Factory>
{
    public sealed class Factory : RegisterPlansApiFactory
    {
        public Factory()
        {
            ReconcileOnStartup = true;
            Register.Down = true;
        }
    }

    [Fact]
    public async Task The_service_starts_and_serves_while_the_register_is_down()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/regions/120000/registers/enterprises")).JsonAsync(HttpStatusCode.OK);
    }
}
