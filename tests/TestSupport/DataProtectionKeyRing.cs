using System.Globalization;
using System.Xml.Linq;

namespace TestSupport;

/// <summary>
/// The Data Protection key ring a service keeps in its database (table <c>DataProtectionKeys</c>), read
/// and aged through plain ADO.NET, for the rotation tests of the building block and of each service.
/// </summary>
public static class DataProtectionKeyRing
{
    /// <summary>The ids of the keys in the ring.</summary>
    public static async Task<List<Guid>> KeyIdsAsync(this RawDatabase database) =>
        (await database.QueryAsync("SELECT \"Xml\" FROM \"DataProtectionKeys\""))
            .Select(r => Guid.Parse(XElement.Parse((string)r[0]!).Attribute("id")!.Value))
            .ToList();

    /// <summary>
    /// Ages every key of the ring: made and activated 120 days ago, expired 30 days ago. The ring as a
    /// replica finds it once the first key's lifetime is over.
    /// </summary>
    public static async Task ExpireEveryKeyAsync(this RawDatabase database)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var row in await database.QueryAsync("SELECT \"Id\", \"Xml\" FROM \"DataProtectionKeys\""))
        {
            var key = XElement.Parse((string)row[1]!);
            key.Element("creationDate")!.Value = XmlDate(now.AddDays(-120));
            key.Element("activationDate")!.Value = XmlDate(now.AddDays(-120));
            key.Element("expirationDate")!.Value = XmlDate(now.AddDays(-30));
            await database.ExecuteAsync("UPDATE \"DataProtectionKeys\" SET \"Xml\" = @xml WHERE \"Id\" = @id",
                ("@xml", key.ToString(SaveOptions.DisableFormatting)), ("@id", row[0]!));
        }
    }

    /// <summary>The key that encrypted the identity number of the person with the id, as stored in <c>People.IdNumber</c>.</summary>
    public static async Task<Guid> IdNumberKeyAsync(this RawDatabase database, Guid personId) =>
        DataProtectionPayload.KeyId((byte[])(await database.QueryAsync("SELECT \"IdNumber\" FROM \"People\" WHERE \"Id\" = @id",
            ("@id", database.Key(personId)))).Single()[0]!);

    private static string XmlDate(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
