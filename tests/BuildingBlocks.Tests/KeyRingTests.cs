using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>The Data Protection key ring in the service's database: rotation, lifetime, protection of the keys at rest.</summary>
public class KeyRingTests
{
    [Fact]
    public async Task Data_written_under_an_expired_key_is_still_read_and_found_after_a_new_key_becomes_default_and_new_writes_use_the_new_key()
    {
        using var database = new PeopleDatabase();
        Guid first;
        await using (var before = await PeopleHost.StartAsync(database))
        {
            first = (await (await before.ClientWith(PeopleHost.Officer).PostJsonAsync("/api/v1/people",
                new { name = "张三", idNumber = IdNumber, phone = Phone })).JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        }

        var oldKey = await database.IdNumberKeyAsync(first);
        (await database.KeyIdsAsync()).Should().Equal(oldKey);
        await database.ExpireEveryKeyAsync();

        await using var after = await PeopleHost.StartAsync(database);
        var officer = after.ClientWith(PeopleHost.Officer);
        var read = await (await officer.GetAsync($"/api/v1/people/{first}")).JsonAsync(HttpStatusCode.OK);
        var found = await (await officer.PostJsonAsync("/api/v1/people/lookup", new { idNumber = IdNumber })).JsonAsync(HttpStatusCode.OK);
        var second = (await (await officer.PostJsonAsync("/api/v1/people", new { name = "李四", idNumber = OtherIdNumber, phone = NewPhone }))
            .JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        read["idNumber"]!.GetValue<string>().Should().Be(IdNumber);
        read["phone"]!.GetValue<string>().Should().Be(Phone);
        found["id"]!.GetValue<Guid>().Should().Be(first, "the hash secret outlives the key that encrypted it");
        var newKey = await database.IdNumberKeyAsync(second);
        newKey.Should().NotBe(oldKey);
        (await database.KeyIdsAsync()).Should().BeEquivalentTo([oldKey, newKey], "the old key stays in the ring to decrypt what it encrypted");
        var ring = after.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        ring.Single(k => k.KeyId == newKey).ExpirationDate.Should().BeAfter(DateTimeOffset.UtcNow);
        ring.Single(k => k.KeyId == oldKey).ExpirationDate.Should().BeBefore(DateTimeOffset.UtcNow);
        (await database.IdNumberKeyAsync(first)).Should().Be(oldKey, "reading re-encrypts nothing");
    }

    [Fact]
    public async Task The_key_lifetime_comes_from_configuration()
    {
        using var database = new PeopleDatabase();
        await using var host = await PeopleHost.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["DataProtection:KeyLifetime"] = "30.00:00:00",
        });

        var key = host.Services.GetRequiredService<IKeyManager>().GetAllKeys().Should().ContainSingle().Which;

        (key.ExpirationDate - key.ActivationDate).Should().Be(TimeSpan.FromDays(30));
    }

    [Theory]
    [InlineData("6.23:59:59")]
    [InlineData("-1.00:00:00")]
    public async Task A_key_lifetime_under_seven_days_is_refused_at_start(string lifetime)
    {
        using var database = new PeopleDatabase();

        var start = () => PeopleHost.StartAsync(database, settings: new Dictionary<string, string?> { ["DataProtection:KeyLifetime"] = lifetime });

        await start.Should().ThrowAsync<OptionsValidationException>().WithMessage("*KeyLifetime must be at least 7 days*");
    }

    [Fact]
    public async Task With_a_certificate_configured_the_keys_are_stored_encrypted_and_another_replica_with_it_reads_the_data()
    {
        using var database = new PeopleDatabase();
        var pfx = Path.Combine(Path.GetTempPath(), $"people-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=people key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "secret"));
        }

        try
        {
            var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "secret" };
            Guid id;
            await using (var first = await PeopleHost.StartAsync(database, settings: settings))
            {
                id = (await (await first.ClientWith(PeopleHost.Officer).PostJsonAsync("/api/v1/people",
                    new { name = "张三", idNumber = IdNumber, phone = Phone })).JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
            }

            var keys = (await database.QueryAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\"")).Select(r => (string)r[0]!).ToList();
            keys.Should().NotBeEmpty().And.OnlyContain(xml => xml.Contains("EncryptedData", StringComparison.Ordinal)
                && !xml.Contains("<value>", StringComparison.Ordinal), "the master key is stored only encrypted");

            await using var replica = await PeopleHost.StartAsync(database, settings: settings);
            var read = await (await replica.ClientWith(PeopleHost.Officer).GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK);
            read["idNumber"]!.GetValue<string>().Should().Be(IdNumber);
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
