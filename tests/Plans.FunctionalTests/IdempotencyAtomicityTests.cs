using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Persistence.Idempotency;
using TestSupport.Contract;

namespace Plans.FunctionalTests;

/// <summary>The Plans service with a database that fails to store the next idempotency records, as a crash or a full disk would.</summary>
public sealed class FailingIdempotencyRecordFactory : PlansApiFactory
{
    public IdempotencyRecordFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IInterceptor>(_ => Fault));
    }
}

/// <summary>Fails the SaveChanges that would store an idempotency record, while <see cref="Remaining"/> is above zero.</summary>
public sealed class IdempotencyRecordFault : SaveChangesInterceptor
{
    private int remaining;

    public int Remaining { get => remaining; set => remaining = value; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var storesRecord = eventData.Context!.ChangeTracker.Entries<IdempotencyRecord>().Any(e => e.State == EntityState.Added);
        return storesRecord && Interlocked.Decrement(ref remaining) >= 0
            ? throw new DbUpdateException("Injected: the idempotency record could not be written.")
            : base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>
/// The change a creating POST makes and the record of its answer commit together or not at all (the
/// idempotency middleware opens the transaction the command joins): when the record cannot be
/// written, the change is undone too, so the client's retry with the same key creates it exactly once.
/// </summary>
public class IdempotencyAtomicityTests(FailingIdempotencyRecordFactory factory) : IClassFixture<FailingIdempotencyRecordFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task When_the_record_cannot_be_written_the_plan_is_not_created_and_the_retry_creates_it_once()
    {
        var code = Api.UniqueCode("ATOM");
        var key = Guid.NewGuid().ToString();
        factory.Fault.Remaining = 1;

        var failed = await PostFailingAsync("/api/v1/plans", Api.Plan(code), key);

        await failed.ProblemAsync(HttpStatusCode.InternalServerError, "internalError");
        factory.Fault.Remaining.Should().Be(0, "the fault was hit");
        (await client.GetAsync($"/api/v1/plans/{code}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the change rolled back with its record");
        (await AuditAsync(code)).Should().BeEmpty("nor was its audit record kept");

        var retry = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code), key);
        var replay = await client.PostJsonAsync("/api/v1/plans", Api.Plan(code), key);

        await retry.JsonAsync(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotent-Replayed").Should().BeFalse("the retry made the change");
        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await client.GetAsync($"/api/v1/plans/{code}")).ETag().Should().Be("\"1\"");
        (await AuditAsync(code)).Should().ContainSingle("the plan was created exactly once");
    }

    [Fact]
    public async Task When_the_record_of_an_observation_cannot_be_written_the_retry_records_it_once()
    {
        var plan = await client.CreatePlanAsync();
        await (await client.PostJsonAsync($"/api/v1/plans/{plan}/indicators", Api.Indicator("I1"))).JsonAsync(HttpStatusCode.Created);
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/plans/{plan}/indicators/I1/observations";
        factory.Fault.Remaining = 1;

        (await PostFailingAsync(url, new { year = 2022, value = 9100 }, key)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var afterFailure = await (await client.GetAsync($"{url}?count=true")).JsonAsync(HttpStatusCode.OK);
        await (await client.PostJsonAsync(url, new { year = 2022, value = 9100 }, key)).JsonAsync(HttpStatusCode.Created);
        await (await client.PostJsonAsync(url, new { year = 2022, value = 9100 }, key)).JsonAsync(HttpStatusCode.Created);

        afterFailure["totalCount"]!.GetValue<int>().Should().Be(0);
        (await (await client.GetAsync($"{url}?count=true")).JsonAsync(HttpStatusCode.OK))["totalCount"]!.GetValue<int>().Should().Be(1);
    }

    /// <summary>A POST that meets the injected fault: its 500 is the test's doing, not an answer the document owes.</summary>
    private Task<HttpResponseMessage> PostFailingAsync(string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) }
            .WithoutContractCheck("the test injects the storage fault that makes it a 500");
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode?>> AuditAsync(string code) =>
        [.. (await (await client.GetAsync($"/api/v1/audit/plans?resourceKey={code}")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()];
}
