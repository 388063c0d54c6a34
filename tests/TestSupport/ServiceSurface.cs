using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TestSupport;

/// <summary>The checks every service's surface test makes; each service's test names only what is its own.</summary>
public static class ServiceSurface
{
    /// <summary>Asserts that readiness answers 200 with each of the named checks healthy.</summary>
    public static async Task ReadinessIsHealthyAsync(HttpClient client, params string[] checks)
    {
        var health = await (await client.GetAsync("/health/ready")).JsonAsync(HttpStatusCode.OK);

        foreach (var check in checks)
        {
            health["checks"]![check].Should().NotBeNull($"the {check} check is part of readiness");
            health["checks"]![check]!["status"]!.GetValue<string>().Should().Be("Healthy", check);
        }
    }

    /// <summary>Asserts that the service's database context runs on the provider the test script chose (PostgreSQL when TEST_POSTGRES is set).</summary>
    public static void RunsOnTheDatabaseTheTestScriptChose<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();

        var expected = Environment.GetEnvironmentVariable("TEST_POSTGRES") is null
            ? "Microsoft.EntityFrameworkCore.Sqlite"
            : "Npgsql.EntityFrameworkCore.PostgreSQL";
        db.Database.ProviderName.Should().Be(expected);
    }

    /// <summary>The values of an enum schema of the document (<c>components.schemas.<paramref name="schema"/>.enum</c>), in order.</summary>
    public static IEnumerable<string> EnumOf(this JsonNode document, string schema) =>
        document["components"]!["schemas"]![schema]!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
}
