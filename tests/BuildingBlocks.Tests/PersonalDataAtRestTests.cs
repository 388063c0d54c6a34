using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>
/// One register's life through the API, as the Talent service will live it: a person created with an
/// Idempotency-Key (and the request retried), read by a clerk and by an officer holding the
/// personal-data scope, the phone changed, the person found by identity number, a request refused
/// by validation. Then everything the service keeps is read around it.
/// </summary>
public sealed class PeopleScenario : IAsyncLifetime
{
    public PeopleDatabase Database { get; } = new();

    public PeopleHost Host { get; private set; } = null!;

    public DateTime Started { get; } = DateTime.UtcNow.AddSeconds(-1);

    public Guid PersonId { get; private set; }

    public string IdempotencyKey { get; } = Guid.NewGuid().ToString();

    public object CreateBody { get; } = new { name = "张三", idNumber = IdNumber, phone = Phone };

    public async Task InitializeAsync()
    {
        Host = await PeopleHost.StartAsync(Database);
        var officer = Host.ClientWith(PeopleHost.Officer);
        var clerk = Host.ClientWith(PeopleHost.Clerk);

        var created = await (await officer.PostJsonAsync("/api/v1/people", CreateBody, IdempotencyKey)).JsonAsync(HttpStatusCode.Created);
        PersonId = created["id"]!.GetValue<Guid>();
        await (await officer.PostJsonAsync("/api/v1/people", CreateBody, IdempotencyKey)).JsonAsync(HttpStatusCode.Created);
        await (await clerk.PostJsonAsync("/api/v1/people", new { name = "李四", idNumber = OtherIdNumber })).JsonAsync(HttpStatusCode.Created);
        await (await clerk.GetAsync($"/api/v1/people/{PersonId}")).JsonAsync(HttpStatusCode.OK);
        await (await officer.GetAsync($"/api/v1/people/{PersonId}")).JsonAsync(HttpStatusCode.OK);
        await (await officer.PatchAsync($"/api/v1/people/{PersonId}", JsonContent.Create(new { phone = NewPhone }))).JsonAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync("/api/v1/people/lookup", new { idNumber = IdNumber })).JsonAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync("/api/v1/people", new { name = "王五", idNumber = IdNumber[..^1], phone = Phone[..^1] }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Database.Dispose();
    }
}

public class PersonalDataAtRestTests(PeopleScenario scenario) : IClassFixture<PeopleScenario>
{
    [Fact]
    public async Task Runs_on_the_database_the_test_script_chose()
    {
        var provider = await scenario.Host.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));

        provider.Should().Be(scenario.Database.OnPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite");
    }

    [Fact]
    public async Task The_database_storage_holds_neither_value_in_clear()
    {
        var chunks = await RawStorage.ReadAsync(scenario.Database, scenario.Started);

        chunks.Should().NotBeEmpty();
        chunks.Sum(c => c.Bytes.Length).Should().BeGreaterThan(4096, "the storage was read, not an empty folder");
        foreach (var (where, bytes) in chunks)
        {
            FoundIn(bytes).Should().BeNull("{0} must not hold personal data in clear", where);
        }
    }

    [Fact]
    public async Task Each_value_is_stored_as_a_Data_Protection_payload_and_the_identity_number_also_as_a_keyed_hash()
    {
        var row = (await scenario.Database.QueryAsync("SELECT \"IdNumber\", \"Phone\", \"IdNumberHash\" FROM \"People\" WHERE \"Id\" = @id",
            ("@id", scenario.Database.Key(scenario.PersonId)))).Single();

        foreach (var payload in row[..2].Cast<byte[]>())
        {
            DataProtectionPayload.KeyId(payload).Should().NotBeEmpty();
            payload.Length.Should().BeGreaterThan(80, "a payload carries its key id, IV and MAC besides the ciphertext");
        }

        var hash = (byte[])row[2]!;
        hash.Should().HaveCount(32);
        hash.Should().NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes(IdNumber)), "the hash is keyed, so a number cannot be confirmed by hashing it");
    }

    [Fact]
    public async Task The_audit_trail_records_the_masks_before_and_after_and_never_a_value_or_ciphertext()
    {
        var changes = (await scenario.Database.QueryAsync(
                "SELECT \"Action\", \"Changes\" FROM \"AuditRecords\" WHERE \"ResourceType\" = 'Person' AND \"ResourceKey\" = @key ORDER BY \"Id\"",
                ("@key", scenario.PersonId.ToString())))
            .Select(r => (Action: (string)r[0]!, Changes: JsonNode.Parse((string)r[1]!)!))
            .ToList();

        changes.Select(c => c.Action).Should().Equal("create", "update");
        var created = changes[0].Changes;
        created["idNumber"]!["after"]!.GetValue<string>().Should().Be(IdNumberMask);
        created["phone"]!["after"]!.GetValue<string>().Should().Be(PhoneMask);
        created["name"]!["after"]!.GetValue<string>().Should().Be("张三", "unmarked fields are recorded as they are");
        created.AsObject().Select(p => p.Key).Should().NotContain("idNumberHash", "the hash is not a field of the resource");
        var updated = changes[1].Changes;
        updated["phone"]!["before"]!.GetValue<string>().Should().Be(PhoneMask);
        updated["phone"]!["after"]!.GetValue<string>().Should().Be(NewPhoneMask);
        updated.AsObject().Select(p => p.Key).Should().NotContain("idNumber", "the number did not change");
    }

    [Fact]
    public async Task The_idempotency_record_keeps_the_answer_encrypted_and_only_a_keyed_hash_of_the_request()
    {
        var record = (await scenario.Database.QueryAsync("SELECT \"Body\", \"RequestHash\" FROM \"IdempotencyRecords\" WHERE \"Key\" = @key",
            ("@key", "test-client:" + scenario.IdempotencyKey))).Single();

        var body = (byte[])record[0]!;
        DataProtectionPayload.KeyId(body).Should().NotBeEmpty();
        FoundIn(body).Should().BeNull();
        var plainDigest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            "POST /api/v1/people\n" + System.Text.Json.JsonSerializer.Serialize(scenario.CreateBody))));
        ((string)record[1]!).Should().HaveLength(64).And.NotBe(plainDigest);
    }

    [Fact]
    public void No_log_line_at_any_level_holds_either_value()
    {
        var lines = scenario.Host.Logs.Lines;

        lines.Should().Contain(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal),
            "the recorder took the debug lines of every command");
        lines.Should().Contain(l => l.Contains("CreatePerson handled", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("CreatePerson refused (validationFailed)", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            FoundIn(line).Should().BeNull("no log line may hold personal data: {0}", line);
        }
    }

    [Fact]
    public void The_look_up_by_identity_number_filters_on_the_hash_column_without_decrypting_rows()
    {
        scenario.Host.Logs.Lines.Should().Contain(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)
            && l.Contains("\"IdNumberHash\" = @", StringComparison.Ordinal));
    }
}
