using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Enterprises.FunctionalTests;

/// <summary>
/// The Enterprises service, which runs an action once, when the import has read the enterprises of its first batch
/// and written none of them: another request in the middle of an import, at the same moment on every run.
/// </summary>
public sealed class ImportInterruptedFactory : EnterprisesApiFactory
{
    private readonly AfterImportRead interceptor = new();

    /// <summary>Run once, after the import's first read of the register, before its writes go on.</summary>
    public Func<Task>? AfterFirstRead
    {
        set => interceptor.Action = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(sp =>
        {
            interceptor.Http = sp.GetRequiredService<IHttpContextAccessor>();
            return interceptor;
        }));
    }

    private sealed class AfterImportRead : DbCommandInterceptor
    {
        public Func<Task>? Action;

        public IHttpContextAccessor? Http { get; set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Http?.HttpContext?.Request.Path == "/api/v1/enterprises/import"
                && command.CommandText.Contains("FROM \"Enterprises\"", StringComparison.Ordinal)
                && Interlocked.Exchange(ref Action, null) is { } action)
            {
                // SQLite serialises writers: the other request waits for the import to commit, so it is not awaited to the end.
                await Task.WhenAny(action(), Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
            }

            return result;
        }
    }
}

public class ImportRaceTests(ImportInterruptedFactory factory) : IClassFixture<ImportInterruptedFactory>
{
    private const string Header = "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn";
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>
    /// With more rows than a batch (2,000), the conflict the first batch's write meets on PostgreSQL leaves nothing of the
    /// file either.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2_100)]
    public async Task An_enterprise_of_the_file_registered_by_another_request_during_the_import_is_written_once(int moreRows)
    {
        var (raced, other) = (CreditCodes.New(), CreditCodes.New());
        var more = Enumerable.Range(0, moreRows).Select(_ => CreditCodes.New("120110")).ToList();
        Task<HttpResponseMessage>? registration = null;
        factory.AfterFirstRead = () => registration = client.PostJsonAsync("/api/v1/enterprises", Api.Enterprise(raced));
        var csv = $"{Header}\n{raced},天津甲科技有限公司,,120110,,新材料,2018-05-06\n{other},天津乙科技有限公司,,120110,,新材料,2018-05-06\n"
            + string.Concat(more.Select(code => $"{code},天津丙科技有限公司,,120110,,新材料,2018-05-06\n"));

        var import = await client.PostRawAsync("/api/v1/enterprises/import", csv, "text/csv");
        var registered = await registration!;

        if (EnterprisesApiFactory.PostgresServer is not null)
        {
            // PostgreSQL lets the registration commit while the import runs: the import finds the code taken and writes nothing.
            await registered.JsonAsync(HttpStatusCode.Created);
            (await import.ProblemAsync(HttpStatusCode.Conflict, "conflict"))["detail"]!.GetValue<string>().Should().Contain("another request");
            (await client.GetAsync($"/api/v1/enterprises/{other}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await (await client.GetAsync($"/api/v1/enterprises/{raced}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>()
                .Should().Be("天津市海河智能科技有限公司");
            foreach (var code in more.Take(1).Concat(more.TakeLast(1)))
            {
                (await client.GetAsync($"/api/v1/enterprises/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            }
        }
        else
        {
            // SQLite holds the registration until the import commits: the import writes both, the registration is refused.
            (await import.JsonAsync(HttpStatusCode.OK))["created"]!.GetValue<int>().Should().Be(2 + moreRows);
            await registered.ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
            (await (await client.GetAsync($"/api/v1/enterprises/{raced}")).JsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>()
                .Should().Be("天津甲科技有限公司");
        }

        (await factory.OutboxAsync("EnterpriseRegistered", raced)).Should().ContainSingle();
    }
}
