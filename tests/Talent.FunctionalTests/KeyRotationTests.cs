using System.Net;
using System.Xml.Linq;

namespace Talent.FunctionalTests;

/// <summary>The Data Protection key ring in the Talent database: what was written under an old key stays readable, new writes use the new key.</summary>
public class KeyRotationTests
{
    [Fact]
    public async Task After_a_rotation_old_data_is_read_and_found_and_new_writes_use_the_new_key()
    {
        var (oldNumber, oldPhone, newNumber) = (Suite.IdNumber(), Suite.Phone(), Suite.IdNumber());
        Guid first;
        Guid oldKey;
        var before = new TalentApiFactory();
        try
        {
            first = (await before.CreateClient().RegisterAsync(Api.Person(oldNumber, oldPhone)))["id"]!.GetValue<Guid>();
            oldKey = await PayloadKeyAsync(before.Database, first);
            (await KeyIdsAsync(before.Database)).Should().Equal(oldKey);
        }
        finally
        {
            before.Dispose();
        }

        // The ring as a replica finds it once the first key's lifetime is over.
        await RewriteKeysAsync(before.Database, key =>
        {
            key.Element("creationDate")!.Value = XmlDate(DateTimeOffset.UtcNow.AddDays(-120));
            key.Element("activationDate")!.Value = XmlDate(DateTimeOffset.UtcNow.AddDays(-120));
            key.Element("expirationDate")!.Value = XmlDate(DateTimeOffset.UtcNow.AddDays(-30));
        });

        using var after = new TalentApiFactory { DataDirectory = before.DataDirectory, DatabaseName = before.DatabaseName };
        var officer = after.Officers();
        var read = await (await officer.GetAsync($"/api/v1/talents/{first}")).JsonAsync(HttpStatusCode.OK);
        var found = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber = oldNumber })).JsonAsync(HttpStatusCode.OK);
        var second = (await officer.RegisterAsync(Api.Person(newNumber)))["id"]!.GetValue<Guid>();

        read["idNumber"]!.GetValue<string>().Should().Be(oldNumber);
        read["phone"]!.GetValue<string>().Should().Be(oldPhone);
        found["items"]![0]!["id"]!.GetValue<Guid>().Should().Be(first, "the hash secret outlives the key that encrypted the number");
        var newKey = await PayloadKeyAsync(after.Database, second);
        newKey.Should().NotBe(oldKey, "new writes use the new default key");
        (await KeyIdsAsync(after.Database)).Should().BeEquivalentTo([oldKey, newKey], "the old key stays in the ring to decrypt what it encrypted");
        (await PayloadKeyAsync(after.Database, first)).Should().Be(oldKey, "reading re-encrypts nothing");
        await (await officer.PostJsonAsync("/api/v1/talents", Api.Person(oldNumber))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
    }

    private static async Task<Guid> PayloadKeyAsync(RawDatabase database, Guid id) =>
        DataProtectionPayload.KeyId((byte[])(await database.QueryAsync("SELECT \"IdNumber\" FROM \"People\" WHERE \"Id\" = @id", ("@id", database.Key(id))))
            .Single()[0]!);

    private static async Task<List<Guid>> KeyIdsAsync(RawDatabase database) =>
        (await database.QueryAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\""))
            .Select(r => Guid.Parse(XElement.Parse((string)r[0]!).Attribute("id")!.Value))
            .ToList();

    private static async Task RewriteKeysAsync(RawDatabase database, Action<XElement> change)
    {
        foreach (var row in await database.QueryAsync("SELECT \"Id\", \"Xml\" FROM \"DataProtectionKeys\""))
        {
            var key = XElement.Parse((string)row[1]!);
            change(key);
            await database.ExecuteAsync("UPDATE \"DataProtectionKeys\" SET \"Xml\" = @xml WHERE \"Id\" = @id",
                ("@xml", key.ToString(SaveOptions.DisableFormatting)), ("@id", row[0]!));
        }
    }

    private static string XmlDate(DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
