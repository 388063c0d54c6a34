using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.FunctionalTests;

/// <summary>The gateway in memory, with test clients and a key folder of its own.</summary>
public class GatewayFactory : WebApplicationFactory<Program>
{
    public const string AdminSecret = "admin-secret-for-tests-0123456789";
    public const string ReaderSecret = "reader-secret-for-tests-0123456789";
    public const string DongliSecret = "dongli-secret-for-tests-0123456789";
    public const string DongliIndustrySecret = "dongli-industry-secret-0123456789";

    public string KeyDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "gateway-keys", Guid.NewGuid().ToString("N"));
    public string KeyRotation { get; init; } = "30.00:00:00";
    public string? SigningKeyPem { get; init; }

    /// <summary>Settings applied last, over the defaults above.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];
    public int PerClient { get; init; } = 1000;
    public int PerAnonymousAddress { get; init; } = 1000;
    public string Window { get; init; } = "00:00:10";

    public static string Hash(string secret) => "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("TokenIssuer:KeyDirectory", KeyDirectory);
        builder.UseSetting("TokenIssuer:KeyRotation", KeyRotation);
        if (SigningKeyPem is not null)
        {
            builder.UseSetting("TokenIssuer:SigningKeyPem", SigningKeyPem);
        }
        builder.UseSetting("TokenIssuer:Issuer", "http://gateway.test");
        builder.UseSetting("RateLimits:PerClient", PerClient.ToString());
        builder.UseSetting("RateLimits:PerAnonymousAddress", PerAnonymousAddress.ToString());
        builder.UseSetting("RateLimits:Window", Window);
        builder.UseSetting("Cors:AllowedOrigins:0", "https://portal.tj.gov.cn");
        Client(builder, 0, "admin", AdminSecret, null, "plans.read", "plans.write", "admin");
        Client(builder, 1, "reader", ReaderSecret, null, "plans.read");
        Client(builder, 2, "dongli", DongliSecret, "120110", "plans.read", "plans.write");
        Client(builder, 3, "dongli-industry", DongliIndustrySecret, "120110", "plans.read", "plans.write");
        builder.UseSetting("TokenIssuer:Clients:3:Unit", "区工信局");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static void Client(IWebHostBuilder builder, int index, string id, string secret, string? region, params string[] scopes)
    {
        var prefix = $"TokenIssuer:Clients:{index}:";
        builder.UseSetting(prefix + "ClientId", id);
        builder.UseSetting(prefix + "SecretHash", Hash(secret));
        if (region is not null)
        {
            builder.UseSetting(prefix + "Region", region);
        }

        for (var i = 0; i < scopes.Length; i++)
        {
            builder.UseSetting($"{prefix}Scopes:{i}", scopes[i]);
        }
    }
}
