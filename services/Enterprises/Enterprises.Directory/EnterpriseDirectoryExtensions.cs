using EventBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults.ServiceClients;

namespace Enterprises.Directory;

public static class EnterpriseDirectoryExtensions
{
    /// <summary>The <c>Registers:Enterprises</c> section: where the Enterprises API is, and as whom to call it.</summary>
    public const string Section = "Registers:Enterprises";

    /// <summary>
    /// Keeps a directory of the register's enterprises from its events (through the returned builder's
    /// stream) and, when <c>Registers:Enterprises:BaseUrl</c> is set, asks the Enterprises API for a code
    /// the events did not bring (as the client of <c>…:TokenUrl</c>, <c>…:ClientId</c>, <c>…:ClientSecret</c>).
    /// The consumer's DbContext must call <see cref="EnterpriseDirectoryModel.AddEnterpriseDirectory"/>.
    /// </summary>
    public static IEventBusBuilder AddEnterpriseDirectory(this IEventBusBuilder events, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        events.Services.AddScoped<EnterpriseDirectory>();
        events.Services.AddHttpClient(EnterpriseDirectory.ClientName, http =>
            {
                if (section["BaseUrl"] is { Length: > 0 } baseUrl)
                {
                    http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
                }
            })
            .AddClientCredentials(credentials =>
            {
                credentials.TokenUrl = section["TokenUrl"];
                credentials.ClientId = section["ClientId"];
                credentials.ClientSecret = section["ClientSecret"];
                credentials.Scope = section["Scope"] ?? "enterprises.read";
            });
        return events.ConsumeFrom("enterprises")
            .AddBatchLoader<KnownEnterpriseBatch>()
            .AddSubscription<Contracts.EnterpriseRegistered, EnterpriseDirectoryHandler>()
            .AddSubscription<Contracts.EnterpriseUpdated, EnterpriseDirectoryHandler>();
    }
}
