using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Enterprises.Directory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Talent.Api.Data;

namespace Talent.FunctionalTests;

/// <summary>
/// The Talent service over a fresh database of its own (see <see cref="ServiceApiFactory{TProgram}"/>),
/// logging at every level into the suite's one <see cref="Suite.Logs"/>, its database kept after it
/// is disposed so that <see cref="PersonalDataSweepTests"/> can read every database the suite wrote.
/// A client calls by default as a clerk with admin rights: talent.read, talent.write and admin, but not talent.pii.
/// </summary>
public class TalentApiFactory : ServiceApiFactory<Program>
{
    public const string Clerk = "talent.read talent.write admin";
    public const string Officer = "talent.read talent.write talent.pii admin";

    public TalentApiFactory() : base("talent") => Suite.Databases.Add(this);

    protected override bool KeepsDatabase => true;

    /// <summary>Settings a test class adds (the enterprise register's address, programmes).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>A client with these scopes (and region), or the default clerk.</summary>
    public HttpClient As(string scopes, string? region = null) => ClientWith(Issuer.Token(scopes, region));

    public HttpClient Officers() => As(Officer);

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token(Clerk));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every level of every category, the service's own settings for EF Core and ASP.NET Core included.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Suite.Logs);
        });
    }

    /// <summary>Puts an enterprise in the service's directory, as the register's EnterpriseRegistered event would.</summary>
    public async Task<string> KnownEnterpriseAsync(string region = "120118", string? zone = null)
    {
        var code = CreditCodes.New(region);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TalentDbContext>();
        db.KnownEnterprises.Add(new KnownEnterprise(code, "天津市海河智能科技有限公司", region, zone, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return code;
    }

    public async Task<T> WithDbAsync<T>(Func<TalentDbContext, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<TalentDbContext>());
    }
}

/// <summary>What the whole suite wrote: every log line, every database, every personal value.</summary>
public static class Suite
{
    public static LogRecorder Logs { get; } = new();

    public static ConcurrentBag<TalentApiFactory> Databases { get; } = [];

    /// <summary>Every identity number and phone a test sent to be stored.</summary>
    public static ConcurrentBag<string> PersonalValues { get; } = [];

    public static DateTime Started { get; } = DateTime.UtcNow.AddSeconds(-1);

    /// <summary>A valid identity number, remembered as personal data the suite stored.</summary>
    public static string IdNumber(string division = "120104", DateOnly? born = null, bool? male = null) =>
        Remember(IdentityNumbers.New(division, born, male));

    public static string Phone() => Remember(IdentityNumbers.Phone());

    /// <summary>A passport number (letters outside hex, so that no id or hash in storage is taken for it).</summary>
    public static string Passport() => Remember($"P{Random.Shared.Next(10_000_000, 99_999_999)}");

    public static string Remember(string value)
    {
        PersonalValues.Add(value);
        return value;
    }
}
