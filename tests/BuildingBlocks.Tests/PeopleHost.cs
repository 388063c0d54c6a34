using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Persistence;
using ServiceDefaults;
using ServiceDefaults.Messaging;
using SharedKernel.Access;

namespace BuildingBlocks.Tests;

/// <summary>
/// The test service, hosted in memory as a service's Program.cs hosts it (service defaults, the
/// service database, Mediator with the pipeline behaviours), over a <see cref="PeopleDatabase"/>
/// that other hosts may share. Every log line it writes, at every level, is kept in <see cref="Logs"/>.
/// </summary>
public sealed class PeopleHost : IAsyncDisposable
{
    /// <summary>A client that reads and writes the register but may not see personal data.</summary>
    public const string Clerk = "talent.read talent.write";

    /// <summary>A client that also holds the personal-data scope.</summary>
    public const string Officer = "talent.read talent.write talent.pii";

    private static readonly TestIssuer Issuer = new("http://people-issuer.test");
    private readonly WebApplication app;

    private PeopleHost(WebApplication app, LogRecorder logs)
    {
        this.app = app;
        Logs = logs;
    }

    public LogRecorder Logs { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<PeopleHost> StartAsync(PeopleDatabase database, string? personalDataScope = Scopes.TalentPii,
        IReadOnlyDictionary<string, string?>? settings = null, IInterceptor? interceptor = null)
    {
        var logs = new LogRecorder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Auth:Issuers:0:Authority"] = Issuer.Authority,
            ["Auth:Issuers:0:RequireHttpsMetadata"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        builder.AddServiceDefaults(PeopleApi.Description(personalDataScope));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.AddServiceDatabase<PeopleDbContext, SqlitePeopleDbContext, PostgresPeopleDbContext>("people");
        if (interceptor is not null)
        {
            builder.Services.AddSingleton(interceptor);
        }

        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
        });
        builder.Services.ConfigureAll<JwtBearerOptions>(jwt => jwt.BackchannelHttpHandler = new IssuerBackchannel(Issuer));

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The test service has no migrations of its own; replicas after the first find the schema there.
            await scope.ServiceProvider.GetRequiredService<PeopleDbContext>().Database.EnsureCreatedAsync();
        }

        app.MapDefaultEndpoints();
        app.UseServiceDatabase();
        app.MapPeopleApi();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new PeopleHost(app, logs);
    }

    public HttpClient ClientWith(string scopes, string clientId = "test-client")
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token(scopes, clientId: clientId));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<PeopleDbContext, Task<T>> use)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<PeopleDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
