using System.Net.Http.Headers;
using Enterprises.Directory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Platforms.FunctionalTests;

/// <summary>
/// The Platforms service over a fresh database of its own (see <see cref="ServiceApiFactory{TProgram}"/>),
/// asking a stand-in of the Enterprises API (<see cref="EnterpriseRegisterStandIn"/>) for the enterprises
/// its events have not brought.
/// </summary>
public class PlatformsApiFactory() : ServiceApiFactory<Program>("platforms")
{
    /// <summary>What the tests' default client holds: every Platforms scope and admin.</summary>
    public const string AllScopes = "platforms.read platforms.write admin";

    public EnterpriseRegisterStandIn Register { get; } = new();

    /// <summary>False: no Registers:Enterprises settings, so the directory knows only what the events brought.</summary>
    public bool RegisterConfigured { get; init; } = true;

    /// <summary>Settings applied last.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token(AllScopes));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (RegisterConfigured)
        {
            builder.UseSetting("Registers:Enterprises:BaseUrl", EnterpriseRegisterStandIn.BaseUrl);
            builder.UseSetting("Registers:Enterprises:TokenUrl", EnterpriseRegisterStandIn.TokenUrl);
            builder.UseSetting("Registers:Enterprises:ClientId", EnterpriseRegisterStandIn.ClientId);
            builder.UseSetting("Registers:Enterprises:ClientSecret", EnterpriseRegisterStandIn.ClientSecret);
            builder.ConfigureServices(services =>
                services.AddHttpClient(EnterpriseDirectory.ClientName).ConfigurePrimaryHttpMessageHandler(() => Register));
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
