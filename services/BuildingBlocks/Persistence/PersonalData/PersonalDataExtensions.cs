using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Persistence.PersonalData;

internal static class PersonalDataExtensions
{
    /// <summary>
    /// Data Protection with its key ring in the service's database (so that replicas share it) under
    /// the service's name (so that every replica derives the same keys, wherever it is installed),
    /// and the encryption, hashing and query guard of personal data built on it.
    /// </summary>
    public static void AddPersonalDataProtection<TContext>(this IHostApplicationBuilder builder, string serviceName)
        where TContext : DbContext, IDataProtectionKeyContext
    {
        var section = builder.Configuration.GetSection(DataProtectionSettings.Section);
        builder.Services.AddOptions<DataProtectionSettings>().Bind(section)
            .Validate(s => s.KeyLifetime >= TimeSpan.FromDays(7), "DataProtection:KeyLifetime must be at least 7 days.")
            .ValidateOnStart();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<DataProtectionSettings>>((keys, settings) => keys.NewKeyLifetime = settings.Value.KeyLifetime);

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(serviceName)
            .PersistKeysToDbContext<TContext>();
        var settings = section.Get<DataProtectionSettings>() ?? new DataProtectionSettings();
        if (!string.IsNullOrEmpty(settings.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        }

        builder.Services.AddSingleton<PersonalDataProtection>();
        builder.Services.AddSingleton<IInterceptor, LookupHashInterceptor>();
        builder.Services.AddSingleton<IInterceptor>(PersonalDataQueryGuard.Instance);
    }
}
