using System.Net;
using Enterprises.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platforms.Api.Data;

namespace Platforms.FunctionalTests;

/// <summary>
/// The enterprise directory the service names hosts and tenants from: kept from the Enterprises events,
/// and for a code they never brought, one look-up at the register's API whose answer is kept.
/// </summary>
public class EnterpriseDirectoryTests(PlatformsApiFactory factory) : IClassFixture<PlatformsApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<KnownEnterprise?> KnownAsync(string code)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformsDbContext>().KnownEnterprises.AsNoTracking()
            .SingleOrDefaultAsync(e => e.CreditCode == code);
    }

    [Fact]
    public async Task An_enterprise_the_events_brought_hosts_a_platform_without_asking_the_register_and_its_new_name_shows()
    {
        var code = CreditCodes.New("120118");
        var stream = new EnterpriseStream(factory);
        stream.Publish(EnterpriseStream.Registered(code, "天津静海事件科技有限公司"));
        await Eventually.HoldsAsync(async () => await KnownAsync(code) is not null, "the directory keeps the registered enterprise");

        var platform = await client.AccreditAsync(Api.Platform().HostedBy(code));
        stream.Publish(EnterpriseStream.Renamed(code, "天津静海事件新材料有限公司"));

        platform["hostName"]!.GetValue<string>().Should().Be("天津静海事件科技有限公司");
        factory.Register.LookupsOf(code).Should().Be(0, "the events brought it");
        await Eventually.HoldsAsync(async () => (await KnownAsync(code))!.Name == "天津静海事件新材料有限公司", "the directory takes the new name");
        (await (await client.GetAsync($"/api/v1/platforms/{platform["id"]}")).JsonAsync(HttpStatusCode.OK))["hostName"]!.GetValue<string>()
            .Should().Be("天津静海事件新材料有限公司");
    }

    [Fact]
    public async Task An_enterprise_the_events_never_brought_is_asked_for_once_and_kept()
    {
        var code = factory.Enterprise("天津市查询科技有限公司", "120104");

        var first = await client.AccreditAsync(Api.Platform(regionCode: "120104").HostedBy(code));
        var second = await client.AccreditAsync(Api.Platform("MakerSpace", regionCode: "120104").HostedBy(code));
        var incubator = first["id"]!.GetValue<string>();
        await (await client.PostJsonAsync($"/api/v1/platforms/{incubator}/tenants", new { creditCode = code })).JsonAsync(HttpStatusCode.Created);

        first["hostName"]!.GetValue<string>().Should().Be("天津市查询科技有限公司");
        second["hostName"]!.GetValue<string>().Should().Be("天津市查询科技有限公司");
        factory.Register.LookupsOf(code).Should().Be(1);
        var known = await KnownAsync(code);
        known!.RegionCode.Should().Be("120104");
    }

    [Fact]
    public async Task The_registers_event_applied_while_the_look_up_runs_neither_fails_the_command_nor_itself()
    {
        var code = factory.Enterprise("天津市并发科技有限公司", "120104");
        Task? applied = null;
        factory.Register.WhileAsked = asked =>
        {
            if (asked != code)
            {
                return Task.CompletedTask;
            }

            applied = Task.Run(async () =>
            {
                using var scope = factory.Services.CreateScope();
                await ActivatorUtilities.CreateInstance<EnterpriseDirectoryHandler>(scope.ServiceProvider)
                    .HandleAsync(EnterpriseStream.Registered(code, "天津市并发科技有限公司", "120104"), CancellationToken.None);
            });
            // PostgreSQL lets the event's row commit before the look-up answers (the race as the replica met it);
            // SQLite holds its one writer for the command, so there the event is applied after the look-up's row.
            return PlatformsApiFactory.PostgresServer is null ? Task.CompletedTask : applied;
        };
        try
        {
            var platform = await client.AccreditAsync(Api.Platform(regionCode: "120104").HostedBy(code));

            platform["hostName"]!.GetValue<string>().Should().Be("天津市并发科技有限公司");
        }
        finally
        {
            factory.Register.WhileAsked = null;
        }

        applied.Should().NotBeNull("the look-up ran");
        await applied!;
        (await KnownAsync(code))!.Name.Should().Be("天津市并发科技有限公司");
    }

    [Fact]
    public async Task A_code_the_register_does_not_hold_is_asked_for_each_time_and_refused()
    {
        var code = CreditCodes.New();

        await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(code))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(code))).ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        factory.Register.LookupsOf(code).Should().Be(2, "an enterprise registered meanwhile must be found");
        (await KnownAsync(code)).Should().BeNull();
    }

    [Fact]
    public async Task An_unreachable_register_is_a_503_and_accredits_nothing()
    {
        var code = factory.Enterprise();
        var name = Api.UniqueName();
        factory.Register.Down = true;
        try
        {
            var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform(name: name).HostedBy(code)))
                .ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");

            problem["detail"]!.GetValue<string>().Should().Contain(code);
        }
        finally
        {
            factory.Register.Down = false;
        }

        (await (await client.GetAsync($"/api/v1/platforms?count=true&q={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK))["totalCount"]!
            .GetValue<int>().Should().Be(0);
        await client.AccreditAsync(Api.Platform(name: name).HostedBy(code));
    }

    [Theory]
    [InlineData("{\"creditCode\":\"X\",\"name\":\"某公司\",\"regionCode\":\"120118\"}")]
    [InlineData("{\"name\":\"某公司\"}")]
    [InlineData("not json")]
    public async Task A_register_answering_something_unreadable_is_a_503(string answer)
    {
        var code = CreditCodes.New();
        factory.Register.Answer = () => EnterpriseRegisterStandIn.Raw(answer);
        try
        {
            await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(code)))
                .ProblemAsync(HttpStatusCode.ServiceUnavailable, "registerUnavailable");
        }
        finally
        {
            factory.Register.Answer = null;
        }

        (await KnownAsync(code)).Should().BeNull();
    }
}

/// <summary>Without Registers:Enterprises the directory knows only what the events brought.</summary>
public class EnterpriseDirectoryWithoutRegisterTests(EnterpriseDirectoryWithoutRegisterTests.Factory factory)
    : IClassFixture<EnterpriseDirectoryWithoutRegisterTests.Factory>
{
    public sealed class Factory : PlatformsApiFactory
    {
        public Factory() => RegisterConfigured = false;
    }

    [Fact]
    public async Task An_enterprise_no_event_brought_is_unknown_and_refused()
    {
        var client = factory.CreateClient();
        var code = factory.Enterprise();

        var problem = await (await client.PostJsonAsync("/api/v1/platforms", Api.Platform().HostedBy(code)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("hostCreditCode").Single().Should().Contain(code);
        factory.Register.LookupsOf(code).Should().Be(0);
    }
}
