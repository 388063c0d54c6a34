using System.Net;
using System.Net.Http.Json;
using static BuildingBlocks.Tests.PersonalValues;

namespace BuildingBlocks.Tests;

/// <summary>The test service over a database of its own, shared by the tests of one class.</summary>
public sealed class PeopleServiceFixture : IAsyncLifetime
{
    public PeopleDatabase Database { get; } = new();

    public PeopleHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PeopleHost.StartAsync(Database);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Database.Dispose();
    }

    /// <summary>Registers a person with a fresh identity number, as an officer; returns the answer.</summary>
    public async Task<(Guid Id, string IdNumber)> RegisterAsync(string? phone = Phone)
    {
        var idNumber = "1201" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await (await Host.ClientWith(PeopleHost.Officer).PostJsonAsync("/api/v1/people", new { name = "张三", idNumber, phone }))
            .JsonAsync(HttpStatusCode.Created);
        return (created["id"]!.GetValue<Guid>(), idNumber);
    }
}

public class PersonalDataApiTests(PeopleServiceFixture service) : IClassFixture<PeopleServiceFixture>
{
    private readonly HttpClient clerk = service.Host.ClientWith(PeopleHost.Clerk);
    private readonly HttpClient officer = service.Host.ClientWith(PeopleHost.Officer);

    [Fact]
    public async Task A_caller_without_the_personal_data_scope_sees_the_identity_number_and_phone_masked()
    {
        var created = await (await clerk.PostJsonAsync("/api/v1/people", new { name = "张三", idNumber = IdNumber[..^4] + "0001", phone = Phone }))
            .JsonAsync(HttpStatusCode.Created);
        var read = await (await clerk.GetAsync($"/api/v1/people/{created["id"]}")).JsonAsync(HttpStatusCode.OK);

        foreach (var person in new[] { created, read })
        {
            person["idNumber"]!.GetValue<string>().Should().Be("120104********0001");
            person["phone"]!.GetValue<string>().Should().Be(PhoneMask);
            person["name"]!.GetValue<string>().Should().Be("张三");
        }
    }

    [Fact]
    public async Task A_caller_holding_the_personal_data_scope_sees_them_in_clear()
    {
        var (id, idNumber) = await service.RegisterAsync();

        var person = await (await officer.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK);

        person["idNumber"]!.GetValue<string>().Should().Be(idNumber);
        person["phone"]!.GetValue<string>().Should().Be(Phone);
    }

    [Fact]
    public async Task A_missing_phone_stays_null_for_every_caller()
    {
        var (id, _) = await service.RegisterAsync(phone: null);

        (await (await clerk.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK))["phone"].Should().BeNull();
        (await (await officer.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK))["phone"].Should().BeNull();
    }

    [Fact]
    public async Task A_change_of_phone_is_stored_and_read_back()
    {
        var (id, _) = await service.RegisterAsync();

        var changed = await (await officer.PatchAsync($"/api/v1/people/{id}", JsonContent.Create(new { phone = NewPhone }))).JsonAsync(HttpStatusCode.OK);
        var read = await (await clerk.GetAsync($"/api/v1/people/{id}")).JsonAsync(HttpStatusCode.OK);

        changed["phone"]!.GetValue<string>().Should().Be(NewPhone);
        read["phone"]!.GetValue<string>().Should().Be(NewPhoneMask);
    }

    [Fact]
    public async Task An_officer_finds_a_person_by_the_exact_identity_number()
    {
        var (id, idNumber) = await service.RegisterAsync();
        await service.RegisterAsync();

        var found = await (await officer.PostJsonAsync("/api/v1/people/lookup", new { idNumber })).JsonAsync(HttpStatusCode.OK);

        found["id"]!.GetValue<Guid>().Should().Be(id);
        found["idNumber"]!.GetValue<string>().Should().Be(idNumber);
    }

    [Fact]
    public async Task A_number_nobody_holds_is_404_naming_only_its_mask()
    {
        var problem = await (await officer.PostJsonAsync("/api/v1/people/lookup", new { idNumber = OtherIdNumber[..^1] + "9" }))
            .ProblemAsync(HttpStatusCode.NotFound, "notFound");

        problem.ToJsonString().Should().Contain("120110********3749").And.NotContain(OtherIdNumber[..^1]);
    }

    [Fact]
    public async Task A_caller_without_the_personal_data_scope_cannot_look_up_by_identity_number()
    {
        var (_, idNumber) = await service.RegisterAsync();

        (await clerk.PostJsonAsync("/api/v1/people/lookup", new { idNumber })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_second_person_with_the_same_identity_number_is_refused()
    {
        var (_, idNumber) = await service.RegisterAsync();

        var problem = await (await clerk.PostJsonAsync("/api/v1/people", new { name = "李四", idNumber }))
            .ProblemAsync(HttpStatusCode.Conflict, "alreadyExists");

        problem.ToJsonString().Should().NotContain(idNumber[4..11]);
    }

    [Fact]
    public async Task Validation_messages_name_what_is_wrong_without_echoing_the_value()
    {
        var problem = await (await officer.PostJsonAsync("/api/v1/people", new { name = "王五", idNumber = IdNumber[..^1], phone = Phone[..^1] }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity, "validationFailed");

        problem.ErrorsFor("idNumber").Should().ContainSingle().Which.Should().Contain("18 characters");
        problem.ErrorsFor("phone").Should().ContainSingle();
        FoundIn(problem.ToJsonString()).Should().BeNull();
    }

    [Fact]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_registers_nobody_else()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "赵六", idNumber = "120105199102030011", phone = Phone };

        var first = await officer.PostJsonAsync("/api/v1/people", body, key);
        var retry = await officer.PostJsonAsync("/api/v1/people", body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created, "a replay is the first answer, not a duplicate");
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync()).And.Contain("120105199102030011");
        retry.Headers.Location.Should().Be(first.Headers.Location);
    }

    [Fact]
    public async Task An_answer_that_showed_personal_data_is_not_replayed_to_a_token_of_the_same_client_without_the_scope()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "孙七", idNumber = "120106198512120022", phone = Phone };
        await (await officer.PostJsonAsync("/api/v1/people", body, key)).JsonAsync(HttpStatusCode.Created);

        var retry = await clerk.PostJsonAsync("/api/v1/people", body, key);

        var problem = await retry.ProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotencyKeyReused");
        problem.ToJsonString().Should().NotContain("198512120022");
    }

    [Fact]
    public async Task A_stored_value_altered_in_the_database_fails_the_read_and_the_log_names_the_property_not_a_value()
    {
        var (id, idNumber) = await service.RegisterAsync();
        var payload = (byte[])(await service.Database.QueryAsync("SELECT \"Phone\" FROM \"People\" WHERE \"Id\" = @id", ("@id", service.Database.Key(id)))).Single()[0]!;
        payload[^1] ^= 0xFF;
        await service.Database.ExecuteAsync("UPDATE \"People\" SET \"Phone\" = @phone WHERE \"Id\" = @id", ("@phone", payload), ("@id", service.Database.Key(id)));

        var read = await officer.GetAsync($"/api/v1/people/{id}");

        read.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await read.Content.ReadAsStringAsync()).Should().NotContain("Person.Phone", "internals stay out of the answer");
        var failures = service.Host.Logs.Lines
            .Where(l => l.Contains("A stored value of Person.Phone could not be decrypted", StringComparison.Ordinal)).ToList();
        failures.Should().NotBeEmpty();
        failures.Select(FoundIn).Should().OnlyContain(found => found == null);
        failures.Should().NotContain(l => l.Contains(idNumber.Substring(4, 7), StringComparison.Ordinal));
    }
}

public class ServiceWithoutPersonalDataScopeTests
{
    [Fact]
    public async Task A_service_that_names_no_personal_data_scope_shows_the_values_to_nobody_in_clear()
    {
        using var database = new PeopleDatabase();
        await using var host = await PeopleHost.StartAsync(database, personalDataScope: null);

        var created = await (await host.ClientWith(PeopleHost.Officer).PostJsonAsync("/api/v1/people",
            new { name = "张三", idNumber = IdNumber, phone = Phone })).JsonAsync(HttpStatusCode.Created);

        created["idNumber"]!.GetValue<string>().Should().Be(IdNumberMask);
        created["phone"]!.GetValue<string>().Should().Be(PhoneMask);
    }
}
