using System.Globalization;
using System.Text;
using EventBus;
using EventBus.Redis.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.RegisterMetrics;
using Plans.Api.RegisterMetrics.Counters;
using Plans.Api.RegisterMetrics.Refresh;
using Plans.Api.RegisterMetrics.Sources.Enterprises;
using SharedKernel.Regions;
using SharedKernel.Time;
using Xunit.Abstractions;

namespace Plans.FunctionalTests;

/// <summary>
/// The counters kept by delta equal a naive recount of the local copy at every quiet moment, over
/// random sequences of register events (grants, revocations, expiries, moves between districts and
/// zones, designations begun, ended and withdrawn, annual reports) delivered out of order, twice,
/// and stale, with the clock crossing year ends; and the copy is the register's truth. Seeded and
/// reproducible: a failure names its seed (PROPERTY_SEED=… reruns it alone; PROPERTY_ITERATIONS
/// sets how many sequences) and prints the sequence.
/// </summary>
public sealed class RegisterCounterPropertyTests(RegisterCounterPropertyTests.Factory factory, ITestOutputHelper output)
    : IClassFixture<RegisterCounterPropertyTests.Factory>
{
    /// <summary>A service of its own: the test moves its clock.</summary>
    public sealed class Factory : PlansApiFactory;

    private static readonly string[] Keys =
    [
        "enterprises.qualified.HighTech", "enterprises.qualified.TechSme", "enterprises.qualified.Eagle",
        "enterprises.qualified.HighTech+Eagle", "enterprises.qualified.HighTech.revenueAtLeast.10000",
        "enterprises.qualified.TechSme.revenueAtLeast.1000000", "enterprises.granted.HighTech", "enterprises.granted.Eagle",
        "enterprises.granted.TechSme", "enterprises.designated.Listed", "enterprises.designated.Unicorn",
        "enterprises.designated.Listed+Unicorn",
    ];

    private static readonly string[] Regions = ["120000", "120118", "120110", "120116", "12Z01", "120101"];

    /// <summary>Indicators whose actuals must follow: (region, key, measure, baseline).</summary>
    private static readonly (string Region, string Key, string Measure, decimal Baseline)[] Bound =
    [
        ("120000", "enterprises.qualified.HighTech", "stock", 7420m),
        ("12Z01", "enterprises.designated.Listed", "stock", 10m),
        ("120118", "enterprises.granted.Eagle", "cumulative", 84m),
        ("120110", "enterprises.qualified.TechSme", "stock", 179m),
        ("120116", "enterprises.qualified.HighTech.revenueAtLeast.10000", "stock", 2m),
    ];

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Counters_equal_a_naive_recount_of_the_copy_at_every_quiet_moment()
    {
        var plans = new List<string>();
        foreach (var (region, key, measure, baseline) in Bound)
        {
            plans.Add(await client.CreateBoundPlanAsync(region, indicator: new
            {
                code = "T1", name = key, unit = "家", measure, direction = "increase",
                baseline = new { year = 2020, value = baseline }, targets = new[] { new { year = 2025, value = baseline * 2 } }, metric = key,
            }));
        }

        await client.SetAuthorityAsync("120000", true, "2020-01-01");
        var seeds = Environment.GetEnvironmentVariable("PROPERTY_SEED") is { } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Enumerable.Range(20261202, int.Parse(Environment.GetEnvironmentVariable("PROPERTY_ITERATIONS") ?? "12", CultureInfo.InvariantCulture));
        foreach (var seed in seeds)
        {
            var log = new StringBuilder();
            try
            {
                await RunSequenceAsync(seed, plans, log);
            }
            catch (Exception e)
            {
                output.WriteLine(log.ToString());
                throw new InvalidOperationException($"Sequence with PROPERTY_SEED={seed} failed ({e.Message}); its events:\n{log}", e);
            }
        }
    }

    private async Task RunSequenceAsync(int seed, IReadOnlyList<string> plans, StringBuilder log)
    {
        var random = new Random(seed);
        var model = new RegisterModel(random, () => factory.Clock.Today());
        var stream = new EnterpriseStream(factory);
        var published = new List<EventEnvelope>();
        for (var moment = 0; moment < 4; moment++)
        {
            var chunk = Enumerable.Range(0, random.Next(5, 25)).Select(_ => model.Next()).ToList();
            var envelopes = chunk.Select(c => (Envelope: EventEnvelope.Wrap(c.Event, "enterprises"), c.Description)).ToList();
            // Out of order, some twice, and some old news again under a new id (a relay that published twice).
            var deliveries = envelopes.Concat(envelopes.Where(_ => random.Next(5) == 0).Select(e => (e.Envelope, Description: "again: " + e.Description)))
                .Concat(published.Where(_ => random.Next(10) == 0)
                    .Select(e => (Envelope: e with { Id = Guid.CreateVersion7() }, Description: $"stale: {e.Type} {e.Id}")))
                .OrderBy(_ => random.Next()).ToList();
            // Every other moment arrives at once: the consumer applies it as one batch, saved once, whose events build on what the
            // earlier ones of the batch changed and have not saved yet.
            var atOnce = moment % 2 == 0;
            log.AppendLine(atOnce ? "-- at once" : "-- one by one");
            foreach (var (envelope, description) in deliveries)
            {
                log.AppendLine(CultureInfo.InvariantCulture, $"{factory.Clock.Today():yyyy-MM-dd} {envelope.Id} {description}");
                if (!atOnce)
                {
                    stream.Publish(envelope);
                }
            }

            if (atOnce)
            {
                stream.PublishAll(deliveries.Select(d => d.Envelope));
            }

            published.AddRange(envelopes.Select(e => e.Envelope));
            var ids = deliveries.Select(d => d.Envelope.Id).Distinct().ToList();
            await Eventually.HoldsAsync(async () => await InScopeAsync(async s =>
                    await s.GetRequiredService<PlansDbContext>().Set<InboxMessage>().CountAsync(m => ids.Contains(m.EventId)) == ids.Count),
                "every event of the moment is applied", 60);
            await CheckAsync(model, plans, log);

            // Time passes, across year ends now and then; it changes no counter, only the days the metrics sum.
            factory.Clock.Advance(TimeSpan.FromDays(random.Next(0, 200)));
            await InScopeAsync(s => s.GetRequiredService<MetricRefresher>().RefreshAllAsync(null, default));
            log.AppendLine(CultureInfo.InvariantCulture, $"-- clock {factory.Clock.Today():yyyy-MM-dd}");
            await CheckAsync(model, plans, log);
        }
    }

    private async Task CheckAsync(RegisterModel model, IReadOnlyList<string> plans, StringBuilder log)
    {
        var today = factory.Clock.Today();
        var (enterprises, qualifications, designations) = await InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<PlansDbContext>();
            return (await db.Set<RegisteredEnterprise>().AsNoTracking().ToListAsync(),
                await db.Set<RegisteredQualification>().AsNoTracking().ToListAsync(),
                await db.Set<RegisteredDesignation>().AsNoTracking().ToListAsync());
        });
        CopyIsTheTruth(model, enterprises, qualifications, designations);

        foreach (var key in Keys)
        {
            foreach (var region in Regions)
            {
                foreach (var facts in new[] { Facts(Measure.Stock), Facts(Measure.Flow) })
                {
                    var naive = NaiveCount(key, region, facts, today, enterprises, qualifications, designations);
                    var counted = await InScopeAsync(s => CountAsync(s.GetRequiredService<MetricCounters>(), key, region, facts, today));
                    counted.Should().Be(naive, "{0} in {1} ({2}) on {3}", key, region, facts.Measure, today);
                }
            }
        }

        for (var i = 0; i < Bound.Length; i++)
        {
            var (region, key, measure, baseline) = Bound[i];
            var count = NaiveCount(key, region, Facts(Enum.Parse<Measure>(measure, ignoreCase: true)), today, enterprises, qualifications, designations);
            var expected = measure == "cumulative" ? baseline + count : count;
            var progress = await client.ProgressOfAsync(plans[i]);
            progress["actual"]!["year"]!.GetValue<int>().Should().Be(today.Year, "the figure of {0} in {1} is this year's", key, region);
            progress["actual"]!["value"]!.GetValue<decimal>().Should().Be(expected, "the figure of {0} in {1} on {2}", key, region, today);
        }

        log.AppendLine("-- quiet: counters, copy and figures agree");
    }

    private static IndicatorFacts Facts(Measure measure) => new(measure, Direction.Increase, new Baseline(2020, 0m), [new Target(2025, 1m, null)]);

    /// <summary>The engine's count: the counters summed over each term's window.</summary>
    private static async Task<long> CountAsync(MetricCounters counters, string key, string region, IndicatorFacts facts, DateOnly today)
    {
        var total = 0L;
        foreach (var term in EnterpriseMetricKeys.Parse(key)!.Terms)
        {
            var (from, to) = MetricValues.DaysOf(term.Window, facts, 2021, today);
            total += await counters.SumAsync([term.Series], region, from, to, default);
        }

        return total;
    }

    /// <summary>The metric definitions as plain LINQ over the copy.</summary>
    private static long NaiveCount(string key, string region, IndicatorFacts facts, DateOnly today, List<RegisteredEnterprise> enterprises,
        List<RegisteredQualification> qualifications, List<RegisteredDesignation> designations)
    {
        var places = RegionCodes.Within(region);
        var within = enterprises.Where(e => places.Contains(e.RegionCode) || (e.ZoneCode is not null && places.Contains(e.ZoneCode)))
            .ToDictionary(e => e.CreditCode);
        var parts = key.Split('.');
        var names = parts[2].Split('+');
        return names.Sum(name => parts switch
        {
            [_, "qualified", _] => within.Values.LongCount(e => Holds(e, name)),
            [_, "qualified", _, "revenueAtLeast", var wan] => within.Values.LongCount(e => Holds(e, name) && e.RevenueWan >= decimal.Parse(wan, CultureInfo.InvariantCulture)),
            [_, "granted", _] => qualifications.LongCount(q => q.Type == name && q.Status != QualificationStatus.Revoked && within.ContainsKey(q.CreditCode)
                && q.GrantedOn >= MetricValues.CountedFrom(facts, 2021, today) && q.GrantedOn <= today),
            [_, "designated", _] => within.Values.LongCount(e => designations.Any(d => d.CreditCode == e.CreditCode && d.Kind == name && !d.Withdrawn
                && d.Since <= today && (d.EndedOn is null || today < d.EndedOn))),
            _ => throw new ArgumentException(key),
        });

        bool Holds(RegisteredEnterprise e, string type) => qualifications.Any(q => q.CreditCode == e.CreditCode && q.Type == type
            && q.Status != QualificationStatus.Revoked && q.GrantedOn <= today
            && q.ExpiresOn >= (type == "TechSme" ? new DateOnly(today.Year - 1, 1, 1) : today));
    }

    private static void CopyIsTheTruth(RegisterModel model, List<RegisteredEnterprise> enterprises, List<RegisteredQualification> qualifications,
        List<RegisteredDesignation> designations)
    {
        var copied = enterprises.ToDictionary(e => e.CreditCode);
        foreach (var (code, (region, zone)) in model.Enterprises)
        {
            (copied[code].RegionCode, copied[code].ZoneCode).Should().Be((region, zone), "enterprise {0} is where the register says", code);
            (copied[code].RevenueYear, copied[code].RevenueWan).Should().Be(model.Revenues.TryGetValue(code, out var r) ? (r.Year, r.Wan) : (null, null),
                "the revenue of {0} is its latest report's", code);
        }

        var rows = qualifications.ToDictionary(q => q.Id);
        foreach (var (id, q) in model.Qualifications)
        {
            (rows[id].CreditCode, rows[id].Type, rows[id].GrantedOn, rows[id].ExpiresOn, rows[id].Status.ToString())
                .Should().Be((q.CreditCode, q.Type, q.GrantedOn, q.ExpiresOn, q.Status), "qualification {0} is as the register says", id);
        }

        var designated = designations.ToDictionary(d => d.Id);
        foreach (var (id, d) in model.Designations)
        {
            (designated[id].CreditCode, designated[id].Kind, designated[id].Since, designated[id].EndedOn, designated[id].Withdrawn)
                .Should().Be((d.CreditCode, d.Kind, d.Since, d.EndedOn, d.Withdrawn), "designation {0} is as the register says", id);
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
