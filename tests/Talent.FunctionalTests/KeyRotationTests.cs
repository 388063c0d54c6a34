using System.Net;

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
            oldKey = await before.Database.IdNumberKeyAsync(first);
            (await before.Database.KeyIdsAsync()).Should().Equal(oldKey);
        }
        finally
        {
            before.Dispose();
        }

        await before.Database.ExpireEveryKeyAsync();

        using var after = new TalentApiFactory { DataDirectory = before.DataDirectory, DatabaseName = before.DatabaseName };
        var officer = after.Officers();
        var read = await (await officer.GetAsync($"/api/v1/talents/{first}")).JsonAsync(HttpStatusCode.OK);
        var found = await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber = oldNumber })).JsonAsync(HttpStatusCode.OK);
        var second = (await officer.RegisterAsync(Api.Person(newNumber)))["id"]!.GetValue<Guid>();

        read["idNumber"]!.GetValue<string>().Should().Be(oldNumber);
        read["phone"]!.GetValue<string>().Should().Be(oldPhone);
        found["items"]![0]!["id"]!.GetValue<Guid>().Should().Be(first, "the hash secret outlives the key that encrypted the number");
        var newKey = await after.Database.IdNumberKeyAsync(second);
        newKey.Should().NotBe(oldKey, "new writes use the new default key");
        (await after.Database.KeyIdsAsync()).Should().BeEquivalentTo([oldKey, newKey], "the old key stays in the ring to decrypt what it encrypted");
        (await after.Database.IdNumberKeyAsync(first)).Should().Be(oldKey, "reading re-encrypts nothing");
        await (await officer.PostJsonAsync("/api/v1/talents", Api.Person(oldNumber))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
    }
}
