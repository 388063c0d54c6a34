using System.Net;
using Enterprises.Contracts;
using EventBus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Talent.FunctionalTests;

/// <summary>Employers, hosts and enterprises served are checked against the enterprise register, through the Enterprises.Directory building block.</summary>
public class EmployerDirectoryTests(TalentApiFactory factory) : IClassFixture<TalentApiFactory>
{
    private static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TalentApiFactory.RedisServer));
    private readonly HttpClient clerk = factory.CreateClient();

    [Fact]
    public async Task An_employer_the_register_does_not_know_is_a_422()
    {
        var problem = await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(employerCreditCode: CreditCodes.New())))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("employerCreditCode").Should().ContainSingle().Which.Should().Contain("not on the enterprise register");
    }

    [Theory]
    [InlineData("91120116MA05ABCD1")]
    [InlineData("91120116ma05abcdIO")]
    public async Task A_credit_code_of_the_wrong_shape_is_a_422(string code)
    {
        (await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(employerCreditCode: code))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed"))
            .ErrorsFor("employerCreditCode").Should().ContainSingle();
    }

    [Fact]
    public async Task An_enterprise_the_register_announced_on_its_stream_is_known_as_an_employer()
    {
        var code = CreditCodes.New("120118");
        var registered = new EnterpriseRegistered(code, "天津静海某某科技有限公司", "120118", null, "新材料", new DateOnly(2016, 3, 1));
        var envelope = EventEnvelope.Wrap(registered, "enterprises");
        await Redis.Value.GetDatabase().StreamAddAsync(factory.StreamPrefix + "enterprises",
        [
            new("id", envelope.Id.ToString()), new("type", envelope.Type), new("occurredAt", envelope.OccurredAt.ToString("O")),
            new("source", "enterprises"), new("schemaVersion", "1"), new("payload", envelope.Payload),
        ]);

        await Eventually.HoldsAsync(() => factory.WithDbAsync(db => db.KnownEnterprises.AnyAsync(e => e.CreditCode == code)),
            "the directory applies EnterpriseRegistered");
        var person = await clerk.RegisterAsync(Api.Person(employerCreditCode: code.ToLowerInvariant()));

        person["employerCreditCode"]!.GetValue<string>().Should().Be(code);
    }
}

/// <summary>The Talent service in front of a stand-in for the Enterprises API that knows one enterprise.</summary>
public sealed class TalentWithRegister : TalentApiFactory, IAsyncLifetime
{
    private readonly WebApplication register;
    private readonly int port = TestPorts.Free();

    public TalentWithRegister()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        register = builder.Build();
        register.MapGet("/api/v1/enterprises/{code}", (string code) => code == KnownCode
            ? Results.Json(new { creditCode = KnownCode, name = "天津市宝坻区某某科技有限公司", regionCode = "120115", zoneCode = (string?)null })
            : Results.Problem(statusCode: 404));
    }

    public string KnownCode { get; } = CreditCodes.New("120115");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Registers:Enterprises:BaseUrl"] = $"http://127.0.0.1:{port}",
    };

    public Task InitializeAsync() => register.StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await register.DisposeAsync();
}

public class EnterpriseRegisterTests(TalentWithRegister factory) : IClassFixture<TalentWithRegister>
{
    private readonly HttpClient clerk = factory.CreateClient();

    [Fact]
    public async Task An_enterprise_the_events_never_brought_is_asked_of_the_register_once_and_kept()
    {
        var id = (await clerk.RegisterAsync(Api.Person(employerCreditCode: factory.KnownCode)))["id"]!.GetValue<Guid>();

        (await factory.WithDbAsync(db => db.KnownEnterprises.SingleAsync(e => e.CreditCode == factory.KnownCode))).RegionCode.Should().Be("120115");
        var assignment = await (await clerk.PostJsonAsync("/api/v1/commissioners", Commissioners.Body(id, factory.KnownCode))).JsonAsync(HttpStatusCode.Created);
        assignment["regionCode"]!.GetValue<string>().Should().Be("120115");
    }

    [Fact]
    public async Task An_enterprise_the_register_answers_404_for_is_a_422()
    {
        await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(employerCreditCode: CreditCodes.New())))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
    }
}

/// <summary>The Talent service whose enterprise register cannot be reached.</summary>
public sealed class TalentWithoutRegister : TalentApiFactory
{
    private readonly int closedPort = TestPorts.Free();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Registers:Enterprises:BaseUrl"] = $"http://127.0.0.1:{closedPort}",
    };
}

public class UnreachableRegisterTests(TalentWithoutRegister factory) : IClassFixture<TalentWithoutRegister>
{
    [Fact]
    public async Task An_employer_that_cannot_be_checked_because_the_register_is_unreachable_is_a_503_and_nothing_is_stored()
    {
        var clerk = factory.CreateClient();
        var idNumber = Suite.IdNumber();

        await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(idNumber, employerCreditCode: CreditCodes.New())))
            .ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");

        (await (await factory.Officers().PostJsonAsync("/api/v1/talents/lookup", new { idNumber })).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Should().BeEmpty();
        await clerk.RegisterAsync(Api.Person(idNumber));
    }
}
