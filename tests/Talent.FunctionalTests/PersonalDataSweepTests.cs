using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace Talent.FunctionalTests;

/// <summary>
/// A scenario of its own (so that the sweep means something even when run alone), then the sweep:
/// the storage of every database the suite wrote, read around the service.
/// </summary>
public sealed class SweepScenario : IAsyncLifetime
{
    public TalentApiFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        var clerk = Factory.CreateClient();
        var officer = Factory.Officers();
        var (idNumber, phone) = (Suite.IdNumber(), Suite.Phone());
        var body = Api.Person(idNumber, phone);
        var key = Guid.NewGuid().ToString();
        var id = (await (await clerk.PostJsonAsync("/api/v1/talents", body, key)).JsonAsync(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        await (await clerk.PostJsonAsync("/api/v1/talents", body, key)).JsonAsync(HttpStatusCode.Created);
        await (await officer.PostJsonAsync("/api/v1/talents", Api.Person(Suite.IdNumber(), Suite.Phone()), Guid.NewGuid().ToString()))
            .JsonAsync(HttpStatusCode.Created);
        await (await clerk.PatchAsync($"/api/v1/talents/{id}", new { phone = Suite.Phone() }, "\"1\"")).JsonAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync("/api/v1/talents/lookup", new { idNumber })).JsonAsync(HttpStatusCode.OK);
        await (await officer.GetAsync("/api/v1/talents?format=csv&includePersonalData=true")).Content.ReadAsStringAsync();
        await (await clerk.PostRawAsync("/api/v1/talents/import",
            $"documentType,idNumber,name,phone,regionCode\nresidentIdentityCard,{Suite.IdNumber()},刘洋,{Suite.Phone()},120101\n", "text/csv")).JsonAsync(HttpStatusCode.OK);
        await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(idNumber))).ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");
        await (await clerk.PostJsonAsync("/api/v1/talents", Api.Person(Suite.Remember(IdentityNumbers.WithWrongCheck(IdentityNumbers.New())))))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");
        await clerk.RecognizeAsync(id, "HaiheTalent", 2024, "高端人才");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var directory in Suite.Databases.Select(d => d.DataDirectory).Distinct().Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// What the issue asks to be shown: the raw databases (SQLite files, PostgreSQL tables, files and write-ahead
/// log), the audit table, the idempotency table, the events on Redis and the captured logs of the whole
/// Talent suite hold no identity number and no phone in plain text. Runs last (<see cref="SweepLast"/>).
/// </summary>
[Collection(Collection)]
public class PersonalDataSweepTests(SweepScenario scenario) : IClassFixture<SweepScenario>
{
    public const string Collection = "zz personal data sweep";

    private static PlainTextSearch Search() => new(Suite.PersonalValues.Distinct());

    private static IEnumerable<RawDatabase> Databases() =>
        Suite.Databases.GroupBy(d => (d.DataDirectory, d.DatabaseName)).Select(g => g.First().Database);

    [Fact]
    public async Task The_raw_storage_of_every_database_of_the_suite_holds_no_identity_number_or_phone_in_clear()
    {
        var search = Search();
        long bytes = 0;
        var databases = 0;
        var walRead = false;
        foreach (var database in Databases())
        {
            databases++;
            await foreach (var (where, chunk) in RawStorage.ReadEachAsync(database, walRead ? null : Suite.Started))
            {
                bytes += chunk.Length;
                search.FoundIn(chunk).Should().BeNull("{0} must hold no personal data in clear", where);
            }

            walRead = database.OnPostgres;
        }

        databases.Should().BeGreaterThan(0);
        bytes.Should().BeGreaterThan(databases * 4096L, "the storage was read, not empty folders");
        search.ValueWindows.Should().BeGreaterThan(10);
    }

    [Fact]
    public async Task The_sweep_finds_a_number_that_was_stored_in_clear()
    {
        var canary = IdentityNumbers.New("120119");
        var database = scenario.Factory.Database;
        await database.ExecuteAsync("CREATE TABLE \"Canary\" (\"Value\" VARCHAR(40))");
        try
        {
            await database.ExecuteAsync("INSERT INTO \"Canary\" VALUES (@value)", ("@value", "身份证 " + canary));
            var search = new PlainTextSearch([canary]);
            var found = false;
            await foreach (var (_, chunk) in RawStorage.ReadEachAsync(database, since: null))
            {
                found |= search.FoundIn(chunk) is not null;
            }

            found.Should().BeTrue("the sweep would see a number someone stored in clear");
        }
        finally
        {
            await database.ExecuteAsync("DROP TABLE \"Canary\"");
        }
    }

    [Fact]
    public async Task The_audit_tables_record_masks_of_identity_numbers_and_phones_never_the_values()
    {
        var search = Search();
        var masked = 0;
        foreach (var database in Databases())
        {
            foreach (var row in await database.QueryAsync("SELECT \"ResourceType\", \"Changes\" FROM \"AuditRecords\""))
            {
                var changes = (string)row[1]!;
                search.FoundIn(changes).Should().BeNull("an audit record of {0} holds no personal data: {1}", row[0], changes);
                if ((string)row[0]! == "Person" && JsonNode.Parse(changes)!["idNumber"]?["after"]?.GetValue<string>() is { } after)
                {
                    after.Should().MatchRegex(@"^(\d{6}\*{8}\d{3}[\dX]|\*{18})$");
                    masked++;
                }
            }
        }

        masked.Should().BeGreaterThan(0, "registrations were audited");
    }

    [Fact]
    public async Task The_idempotency_tables_keep_answers_encrypted_and_requests_as_keyed_hashes()
    {
        var search = Search();
        var records = 0;
        foreach (var database in Databases())
        {
            foreach (var row in await database.QueryAsync("SELECT \"Body\", \"RequestHash\" FROM \"IdempotencyRecords\""))
            {
                records++;
                var body = (byte[])row[0]!;
                DataProtectionPayload.KeyId(body).Should().NotBeEmpty();
                search.FoundIn(body).Should().BeNull();
                search.FoundIn((string)row[1]!).Should().BeNull();
                ((string)row[1]!).Should().HaveLength(64);
            }
        }

        records.Should().BeGreaterThan(0, "the suite made idempotent registrations");
    }

    [Fact]
    public async Task The_events_the_suite_published_on_Redis_hold_no_identity_number_or_phone()
    {
        var search = Search();
        using var redis = await ConnectionMultiplexer.ConnectAsync(TalentApiFactory.RedisServer);
        async Task<StreamEntry[]> EntriesAsync(TalentApiFactory factory) =>
            await redis.GetDatabase().StreamRangeAsync(factory.StreamPrefix + "talent");
        await Eventually.ValueAsync(() => EntriesAsync(scenario.Factory), entries => entries.Length > 0,
            "the scenario's recognition was relayed from the outbox to its stream");

        var events = 0;
        foreach (var factory in Suite.Databases)
        {
            foreach (var entry in await EntriesAsync(factory))
            {
                events++;
                foreach (var field in entry.Values)
                {
                    search.FoundIn(field.Value.ToString()).Should().BeNull("event {0} holds no personal data: {1}", entry.Id, field.Value);
                }
            }
        }

        events.Should().BeGreaterThan(0);
    }

    [Fact]
    public void The_captured_logs_of_the_whole_suite_at_every_level_hold_no_identity_number_or_phone()
    {
        var search = Search();
        var lines = Suite.Logs.Lines;

        lines.Should().Contain(l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal), "the recorder took every command");
        lines.Should().Contain(l => l.Contains("RegisterTalent handled", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("RegisterTalent refused (validationFailed)", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            search.FoundIn(line).Should().BeNull("no log line may hold personal data: {0}", line);
        }
    }
}
