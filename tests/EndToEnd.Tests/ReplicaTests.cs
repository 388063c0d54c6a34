using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// <c>deploy/run.sh --postgres --replicas 2</c>: two processes of each service (Plans, Enterprises,
/// Platforms, Talent) on one PostgreSQL, two gateways balancing over them, nginx in front as the ingress.
/// Every port comes from TEST_PORTS.
/// </summary>
public class ReplicaSystemFixture : IAsyncLifetime
{
    public const int Replicas = 2;

    public int[] PlansPorts { get; } = [.. Enumerable.Range(0, Replicas).Select(_ => TestPorts.Free())];
    public int[] EnterprisesPorts { get; } = [.. Enumerable.Range(0, Replicas).Select(_ => TestPorts.Free())];
    public int[] PlatformsPorts { get; } = [.. Enumerable.Range(0, Replicas).Select(_ => TestPorts.Free())];
    public int[] TalentPorts { get; } = [.. Enumerable.Range(0, Replicas).Select(_ => TestPorts.Free())];
    public int[] GatewayPorts { get; } = [TestPorts.Free(), TestPorts.Free()];
    public SystemFixture System { get; }

    public ReplicaSystemFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>The same topology with more settings for deploy/run.sh and the processes it starts.</summary>
    protected ReplicaSystemFixture(IReadOnlyDictionary<string, string> settings)
    {
        System = new SystemFixture(["--postgres", "--replicas", Replicas.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>
            {
                ["POSTGRES_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
                ["PLANS_PORTS"] = string.Join(' ', PlansPorts),
                ["ENTERPRISES_PORTS"] = string.Join(' ', EnterprisesPorts),
                ["PLATFORMS_PORTS"] = string.Join(' ', PlatformsPorts),
                ["TALENT_PORTS"] = string.Join(' ', TalentPorts),
                ["GATEWAY_PORTS"] = string.Join(' ', GatewayPorts),
            }.Concat(settings).ToDictionary(),
            readyWithin: TimeSpan.FromMinutes(6),
            stopWithin: TimeSpan.FromSeconds(90));
    }

    public Task InitializeAsync() => System.InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            await System.StopAsync();
        }
        finally
        {
            StopPostgresLeftRunning();
            await System.DisposeAsync();
        }
    }

    /// <summary>
    /// PostgreSQL runs detached from deploy/run.sh (pg_ctl), so a script killed because it did not
    /// stop in time leaves it running: stopped here by the process id in its data folder (fast shutdown).
    /// </summary>
    private void StopPostgresLeftRunning()
    {
        var pidFile = Path.Combine(System.DataDirectory, "postgres", "data", "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var pid))
        {
            using var stop = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
            stop.WaitForExit();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (File.Exists(pidFile) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The process id deploy/run.sh recorded for a replica (plans-2, gateway-1 ...).</summary>
    public int ProcessOf(string replica) =>
        int.Parse(File.ReadAllText(Path.Combine(System.DataDirectory, "run", replica + ".pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The lines a replica has logged so far (deploy/run.sh writes DATA_DIR/logs/plans-1.log …).</summary>
    public IReadOnlyList<string> LogOf(string replica)
    {
        using var stream = new FileStream(Path.Combine(System.DataDirectory, "logs", replica + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    /// <summary>The lines of the services' replicas' logs that tell of a failure, each with the two lines after it (its exception).</summary>
    public string FailuresLogged(params string[] services) => string.Join('\n', services
        .SelectMany(service => Enumerable.Range(1, Replicas).Select(i => $"{service}-{i}"))
        .SelectMany(replica =>
        {
            var lines = LogOf(replica);
            return lines.Select((line, at) => (line, at)).Where(l => l.line.Contains("fail", StringComparison.OrdinalIgnoreCase))
                .SelectMany(l => lines.Skip(l.at).Take(3).Prepend($"[{replica}]"));
        }));

    /// <summary>
    /// How many requests a replica has answered on <paramref name="route"/> (any method and status),
    /// read from its own Prometheus endpoint, which answers callers on the same host.
    /// </summary>
    public static async Task<long> RequestsServedAsync(int port, string route)
    {
        using var client = new HttpClient();
        var metrics = await client.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                           && line.Contains($"http_route=\"{route}\"", StringComparison.Ordinal))
            .Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A collection of its own that runs alone, after the others: the replicas never start while the
/// timed tests run on the shared system (two cores), and the shared system is not started for them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicaSystemFixture>
{
    public const string Name = "replicas";
}

[Collection(ReplicaCollection.Name)]
public class ReplicaTests(ReplicaSystemFixture replicas)
{
    private HttpClient Front => replicas.System.Gateway;

    [Fact]
    public async Task Plans_requests_through_the_front_reach_both_replicas_and_keep_succeeding_once_a_killed_replica_is_taken_out()
    {
        for (var i = 0; i < 10; i++)
        {
            var plans = await HttpApi.JsonAsync(await Front.GetAsync("/api/v1/plans?status=published&count=true"), HttpStatusCode.OK);
            plans["totalCount"]!.GetValue<int>().Should().Be(5, "the first replica loaded the five seeded plans once, and every replica reads them");
        }

        foreach (var port in replicas.PlansPorts)
        {
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/plans/")).Should().BePositive($"the Plans replica on {port} answers through the front");
        }

        foreach (var port in replicas.GatewayPorts)
        {
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/plans/{**rest}")).Should().BePositive($"the gateway on {port} takes its share from the front");
        }

        using (var victim = Process.GetProcessById(replicas.ProcessOf("plans-2")))
        {
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        // The health checks take the dead replica out within seconds; until then a request may fail.
        await Eventually.HoldsAsync(async () => await SucceedsAsync(10), "ten requests in a row succeed after the kill", seconds: 60);
        for (var i = 0; i < 30; i++)
        {
            (await Front.GetAsync("/api/v1/plans?status=published")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var ready = await HttpApi.JsonAsync(await Front.GetAsync("/health/ready"), HttpStatusCode.OK);
        ready["checks"]!["services"]!["status"]!.GetValue<string>().Should().Be("Degraded", "plans has one ready replica of two");
        replicas.System.Output.Should().MatchRegex(@"plans-2 \(process \d+\) exited; the other replicas keep serving");
    }

    [Fact]
    public async Task What_one_enterprises_replica_writes_both_replicas_read_through_the_front()
    {
        var creditCode = CreditCodes.New("120116");
        await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode, name = "天津滨海副本测试科技有限公司", regionCode = "120116", industry = "新一代信息技术", foundedOn = "2018-03-01",
        }), HttpStatusCode.Created);

        for (var i = 0; i < 10; i++)
        {
            var enterprise = await HttpApi.JsonAsync(await Front.GetAsync($"/api/v1/enterprises/{creditCode}"), HttpStatusCode.OK);
            enterprise["name"]!.GetValue<string>().Should().Be("天津滨海副本测试科技有限公司");
        }

        foreach (var port in replicas.EnterprisesPorts)
        {
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/enterprises/{creditCode}")).Should().BePositive($"the Enterprises replica on {port} answers through the front");
        }
    }

    [Fact]
    public async Task A_platform_accredited_through_the_front_is_read_by_both_platforms_replicas()
    {
        var name = $"天津副本测试大学科技园{Guid.NewGuid():N}"[..20];
        var created = await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/platforms", new
        {
            name, type = "UniversitySciencePark", level = "municipal", regionCode = "120116",
            hostName = "天津大学", hostKind = "university", field = "智能制造", approvedOn = "2025-11-01", documentNumber = "津科区〔2025〕12号",
        }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        for (var i = 0; i < 10; i++)
        {
            var platform = await HttpApi.JsonAsync(await Front.GetAsync($"/api/v1/platforms/{id}"), HttpStatusCode.OK);
            platform["name"]!.GetValue<string>().Should().Be(name);
            platform["status"]!.GetValue<string>().Should().Be("active");
        }

        foreach (var port in replicas.PlatformsPorts)
        {
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/platforms/{id:guid}")).Should().BePositive($"the Platforms replica on {port} answers through the front");
        }

        replicas.System.Output.Should().Contain("platforms").And.Contain(string.Join(' ', replicas.PlatformsPorts),
            "deploy/run.sh lists the Platforms replicas on the ports it was given");
    }

    [Fact]
    public async Task A_person_registered_through_the_front_is_read_whole_and_found_by_phone_by_both_talent_replicas()
    {
        var employer = CreditCodes.New("120118");
        await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/enterprises", new
        {
            creditCode = employer, name = "天津静海副本测试材料有限公司", regionCode = "120118", industry = "新材料", foundedOn = "2016-04-01",
        }), HttpStatusCode.Created);
        var idNumber = IdentityNumbers.New("120118");
        var phone = IdentityNumbers.Phone();
        var registered = await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/talents", new
        {
            documentType = "residentIdentityCard", idNumber, name = "王副本", phone, education = "doctorate", title = "正高级工程师",
            field = "新材料", employerCreditCode = employer, regionCode = "120118",
        }), HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();

        // Whichever replica encrypted the identity number and hashed the phone, the other decrypts and
        // finds them: the Data Protection key ring and the look-up secret are shared in the database.
        for (var i = 0; i < 10; i++)
        {
            var person = await HttpApi.JsonAsync(await Front.GetAsync($"/api/v1/talents/{id}"), HttpStatusCode.OK);
            person["idNumber"]!.GetValue<string>().Should().Be(idNumber);
            person["phone"]!.GetValue<string>().Should().Be(phone);
            var found = await HttpApi.JsonAsync(await Front.PostAsJsonAsync("/api/v1/talents/lookup", new { phone }), HttpStatusCode.OK);
            found["items"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(id);
        }

        foreach (var port in replicas.TalentPorts)
        {
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/talents/{id:guid}")).Should().BePositive($"the Talent replica on {port} answers through the front");
            (await ReplicaSystemFixture.RequestsServedAsync(port, "/api/v1/talents/lookup")).Should().BePositive($"the Talent replica on {port} looks up through the front");
        }

        replicas.System.Output.Should().Contain("talent").And.Contain(string.Join(' ', replicas.TalentPorts),
            "deploy/run.sh lists the Talent replicas on the ports it was given");
    }

    private async Task<bool> SucceedsAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            if ((await Front.GetAsync("/api/v1/plans?status=published")).StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
        }

        return true;
    }
}
