namespace Deployment.Tests;

/// <summary>deploy/compose.yaml, read as compose reads it (merge keys resolved), for a developer machine.</summary>
public class ComposeTests
{
    private static readonly System.Text.Json.Nodes.JsonObject Compose =
        Yaml.Documents(File.ReadAllText(Path.Combine(TestSupport.TestPaths.RepositoryRoot, "deploy", "compose.yaml"))).Single();

    private static IEnumerable<string> Built => Compose["services"]!.AsObject().Where(s => s.Value.At("build") != null).Select(s => s.Key);

    [Fact]
    public void It_builds_each_image_from_its_Dockerfile_under_the_name_the_manifests_use()
    {
        Built.Should().BeEquivalentTo(Dockerfile.Names);
        foreach (var service in Built)
        {
            Compose.Text("services", service, "build", "context").Should().Be("..", "Dockerfiles build from the repository root");
            Compose.Text("services", service, "build", "dockerfile").Should().Be($"deploy/docker/{service}.Dockerfile");
            Compose.Text("services", service, "image").Should().StartWith($"tianjin-sti/{service}:");
        }
    }

    [Fact]
    public void The_services_run_locked_down_on_PostgreSQL_and_Redis_and_only_the_gateway_is_published()
    {
        foreach (var service in Built)
        {
            Compose.Text("services", service, "read_only").Should().Be("true", service);
            Compose.At("services", service, "cap_drop")!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("ALL", service);
            Compose.At("services", service, "tmpfs")!.AsArray().Select(t => t!.GetValue<string>()).Should().Contain("/tmp", service);
            if (service != "gateway")
            {
                Compose.At("services", service, "ports").Should().BeNull("callers reach the services through the gateway only");
            }
        }

        Compose.At("services", "gateway", "ports")!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("8080:8080");
        Built.Should().BeEquivalentTo(Services.WithGateway);
        foreach (var service in Services.Names)
        {
            var environment = Compose.Map("services", service, "environment");
            environment["Database__ConnectionString"].Should().Contain("Host=postgres").And.Contain($"Database={service}");
            environment["EventBus__Redis"].Should().Be("redis:6379");
            environment["Auth__Issuers__0__Authority"].Should().Be(Compose.Map("services", "gateway", "environment")["TokenIssuer__Issuer"],
                "services fetch the keys of the issuer the gateway names in its tokens");
            Compose.Map("services", service, "depends_on", "postgres").Should().Contain("condition", "service_healthy");
        }
    }

    [Fact]
    public void The_gateway_routes_to_every_service_and_knows_the_client_of_each_that_reads_the_register()
    {
        var gateway = Compose.Map("services", "gateway", "environment");
        var clients = gateway.Where(v => v.Key.StartsWith("TokenIssuer__Clients__", StringComparison.Ordinal) && v.Key.EndsWith("__ClientId", StringComparison.Ordinal))
            .Select(v => v.Value).ToList();

        foreach (var service in Services.Names)
        {
            gateway.Should().Contain($"ReverseProxy__Clusters__{service}__Destinations__{service}-1__Address", $"http://{service}:8080");
            Compose.At("services", "gateway", "depends_on")!.AsArray().Select(d => d!.GetValue<string>()).Should().Contain(service);
            var environment = Compose.Map("services", service, "environment");
            if (environment.TryGetValue("Registers__Enterprises__ClientId", out var client))
            {
                clients.Should().Contain(client, $"{service} gets its tokens for the register from the gateway");
                environment["Registers__Enterprises__BaseUrl"].Should().Be(gateway["TokenIssuer__Issuer"], "the register is read through the gateway");
            }
        }

        Compose.Map("services", "platforms", "environment")["Registers__Enterprises__ClientId"].Should().Be("platforms-service");
    }

    [Fact]
    public void Redis_keeps_the_streams_on_disk_every_second_and_never_evicts_them()
    {
        var command = Compose.At("services", "redis", "command")!.AsArray().Select(c => c!.GetValue<string>()).ToList();

        command.Should().ContainInConsecutiveOrder("--appendonly", "yes");
        command.Should().ContainInConsecutiveOrder("--appendfsync", "everysec");
        command.Should().ContainInConsecutiveOrder("--maxmemory-policy", "noeviction");
    }
}
