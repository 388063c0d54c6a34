using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>
/// No cluster runs here, so each overlay is rendered (kubectl kustomize) and checked as a reviewer
/// would: the workloads are probed, sized and locked down, every name they refer to exists, the
/// images are the ones deploy/docker builds, and migrations run in a Job, never in a replica.
/// </summary>
public class KustomizeTests
{
    public static TheoryData<string> Overlays => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_overlay_renders_the_gateway_and_every_service_with_their_Services_budgets_and_autoscalers(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        var deployments = manifests.OfKind("Deployment").Select(Manifests.NameOf).ToList();
        deployments.Should().BeEquivalentTo(Services.WithGateway);
        manifests.OfKind("Service").Select(Manifests.NameOf).Should().BeEquivalentTo(deployments);
        manifests.OfKind("HorizontalPodAutoscaler").Select(h => h.Text("spec", "scaleTargetRef", "name")).Should().BeEquivalentTo(deployments);
        manifests.OfKind("Namespace").Should().ContainSingle();
        manifests.Resources.Where(r => r.Text("kind") != "Namespace")
            .Should().OnlyContain(r => r.Text("metadata", "namespace") == Manifests.NameOf(manifests.OfKind("Namespace").Single()));
        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var labels = deployment.Map("spec", "template", "metadata", "labels");
            manifests.OfKind("PodDisruptionBudget").Should().ContainSingle(p => Manifests.Selects(p.Map("spec", "selector", "matchLabels"), labels),
                $"{Manifests.NameOf(deployment)} has a disruption budget");
            Manifests.Selects(deployment.Map("spec", "selector", "matchLabels"), labels).Should().BeTrue();
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_Deployment_container_has_startup_readiness_and_liveness_probes_on_its_health_endpoints(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        foreach (var deployment in manifests.OfKind("Deployment"))
        {
            var container = Manifests.Containers((JsonObject)deployment.At("spec", "template")!).Single();
            var ports = container.Items("ports").Select(p => p.Text("name")).Concat(container.Items("ports").Select(p => p.Text("containerPort"))).ToList();
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var get = container.At(probe, "httpGet");
                get.Should().NotBeNull($"{Manifests.NameOf(deployment)} has a {probe}");
                get.Text("path").Should().BeOneOf("/health/live", "/health/ready");
                ports.Should().Contain(get.Text("port"), $"{Manifests.NameOf(deployment)}'s {probe} asks a port the container opens");
            }

            container.Text("livenessProbe", "httpGet", "path").Should().Be("/health/live", "a dead dependency must not restart the process");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_has_requests_and_limits_and_runs_as_non_root_with_a_read_only_root_and_no_capabilities(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        manifests.PodTemplates.Should().HaveCount(1 + 2 * Services.Names.Count, "the gateway's Deployment, and a Deployment and a migration Job per service");
        foreach (var (owner, pod) in manifests.PodTemplates)
        {
            var name = $"{owner.Text("kind")} {Manifests.NameOf(owner)}";
            var podSecurity = pod.At("spec", "securityContext");
            podSecurity.Text("runAsNonRoot").Should().Be("true", name);
            podSecurity.Text("runAsUser").Should().Be("1654", $"{name} runs as the image's app user");
            podSecurity.Text("seccompProfile", "type").Should().Be("RuntimeDefault", name);
            pod.Text("spec", "automountServiceAccountToken").Should().Be("false", $"{name} never calls the Kubernetes API");
            foreach (var container in Manifests.Containers(pod))
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    container.Text("resources", "requests", resource).Should().NotBeNullOrEmpty($"{name} requests {resource}");
                    container.Text("resources", "limits", resource).Should().NotBeNullOrEmpty($"{name} is limited in {resource}");
                }

                var security = container.At("securityContext");
                security.Text("readOnlyRootFilesystem").Should().Be("true", name);
                security.Text("allowPrivilegeEscalation").Should().Be("false", name);
                security.Text("runAsNonRoot").Should().Be("true", name);
                security.At("capabilities", "drop")!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("ALL", name);
                security.At("capabilities", "add").Should().BeNull(name);
                var tmp = container.Items("volumeMounts").SingleOrDefault(m => m.Text("mountPath") == "/tmp");
                tmp.Should().NotBeNull($"{name} has a writable /tmp on a read-only root");
                pod.Items("spec", "volumes").Should().Contain(v => v.Text("name") == tmp!.Text("name") && v.At("emptyDir") != null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_Service_selects_the_pods_of_exactly_one_Deployment_on_a_port_they_open(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        foreach (var service in manifests.OfKind("Service"))
        {
            var selector = service.Map("spec", "selector");
            var selected = manifests.PodTemplates.Where(t => Manifests.Selects(selector, t.Pod.Map("metadata", "labels"))).ToList();
            selected.Should().ContainSingle($"Service {Manifests.NameOf(service)} selects one workload's pods");
            selected[0].Owner.Text("kind").Should().Be("Deployment", "a Service never sends requests to a migration Job");
            var container = Manifests.Containers(selected[0].Pod).Single();
            foreach (var port in service.Items("spec", "ports"))
            {
                container.Items("ports").Should().Contain(p => p.Text("name") == port.Text("targetPort") || p.Text("containerPort") == port.Text("targetPort"));
            }
        }

        var ingress = manifests.OfKind("Ingress").Single();
        var backend = ingress.Items("spec", "rules").Single().Items("http", "paths").Single().At("backend", "service");
        backend.Text("name").Should().Be("gateway", "callers reach the gateway, never a service");
        manifests.OfKind("Service").Single(s => Manifests.NameOf(s) == "gateway").Items("spec", "ports")
            .Should().Contain(p => p.Text("name") == backend.Text("port", "name"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_ConfigMap_and_Secret_key_a_workload_reads_exists(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var configMaps = manifests.OfKind("ConfigMap").ToDictionary(Manifests.NameOf, c => c.Map("data").Keys.ToHashSet());
        var secrets = Secrets(manifests);

        foreach (var (owner, pod) in manifests.PodTemplates)
        {
            var name = $"{owner.Text("kind")} {Manifests.NameOf(owner)}";
            foreach (var container in Manifests.Containers(pod))
            {
                foreach (var source in container.Items("envFrom"))
                {
                    if (source.Text("configMapRef", "name") is { } map)
                    {
                        configMaps.Should().ContainKey(map, name);
                    }

                    if (source.Text("secretRef", "name") is { } secret)
                    {
                        secrets.Should().ContainKey(secret, name);
                    }
                }

                foreach (var variable in container.Items("env"))
                {
                    if (variable.At("valueFrom", "configMapKeyRef") is { } mapKey)
                    {
                        configMaps.Should().ContainKey(mapKey.Text("name")!, name);
                        configMaps[mapKey.Text("name")!].Should().Contain(mapKey.Text("key")!, name);
                    }

                    if (variable.At("valueFrom", "secretKeyRef") is { } secretKey)
                    {
                        secrets.Should().ContainKey(secretKey.Text("name")!, name);
                        secrets[secretKey.Text("name")!].Should().Contain(secretKey.Text("key")!, $"{name} reads {variable.Text("name")} from it");
                    }
                }
            }

            foreach (var volume in pod.Items("spec", "volumes"))
            {
                if (volume.Text("secret", "secretName") is { } secret)
                {
                    secrets.Should().ContainKey(secret, name);
                    secrets[secret].Should().Contain(volume.Items("secret", "items").Select(i => i.Text("key")!), name);
                }

                if (volume.Text("configMap", "name") is { } map)
                {
                    configMaps.Should().ContainKey(map, name);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_image_is_one_that_deploy_docker_builds_and_each_Job_migrates_with_its_Deployment_s_image(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var deploymentImages = manifests.OfKind("Deployment").ToDictionary(Manifests.NameOf,
            d => Manifests.Containers((JsonObject)d.At("spec", "template")!).Single().Text("image")!);

        foreach (var (owner, pod) in manifests.PodTemplates)
        {
            foreach (var container in Manifests.Containers(pod))
            {
                var image = container.Text("image")!;
                var name = ImageName(image);
                name.Should().StartWith("tianjin-sti/");
                Dockerfile.Names.Should().Contain(name["tianjin-sti/".Length..], $"{image} is built by deploy/docker/<name>.Dockerfile");
                image.Should().Contain(":", "every image is pinned to a tag");
                ImageTag(image).Should().NotBe("latest");
            }
        }

        foreach (var job in manifests.OfKind("Job"))
        {
            var app = job.Text("spec", "template", "metadata", "labels", "app.kubernetes.io/name")!;
            Manifests.Containers((JsonObject)job.At("spec", "template")!).Single().Text("image").Should().Be(deploymentImages[app],
                "the migration that runs before a rollout is the release that rolls");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Migrations_run_in_one_Job_per_service_and_no_Deployment_migrates_at_start(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var configMaps = manifests.OfKind("ConfigMap").ToDictionary(Manifests.NameOf, c => c.Map("data"));

        var databaseUsers = manifests.OfKind("Deployment").Where(d => Environment(d, configMaps).ContainsKey("Database__ConnectionString")).ToList();
        databaseUsers.Select(Manifests.NameOf).Should().BeEquivalentTo(Services.Names);
        foreach (var deployment in databaseUsers)
        {
            var app = Manifests.NameOf(deployment);
            Environment(deployment, configMaps).Should().Contain("Database__MigrateOnStartup", "false", $"{app}'s replicas never migrate");
            var job = manifests.OfKind("Job").Should().ContainSingle(j => j.Text("spec", "template", "metadata", "labels", "app.kubernetes.io/name") == app).Subject;
            var migrate = Manifests.Containers((JsonObject)job.At("spec", "template")!).Single();
            migrate.At("args")!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("--migrate-only");
            migrate.At("command").Should().BeNull("the image's entrypoint (dotnet <service>.dll) takes the flag");
            job.Text("spec", "template", "spec", "restartPolicy").Should().Be("Never");
            Environment(job, configMaps)["Database__ConnectionString"].Should().Be(Environment(deployment, configMaps)["Database__ConnectionString"],
                "the Job migrates the database the replicas use");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Network_policies_deny_by_default_and_let_only_the_gateway_reach_the_services(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var policies = manifests.OfKind("NetworkPolicy").ToList();
        var gateway = manifests.OfKind("Deployment").Single(d => Manifests.NameOf(d) == "gateway").Map("spec", "template", "metadata", "labels");

        policies.Where(p => p.At("spec", "podSelector") is JsonObject { Count: 0 } && p.At("spec", "ingress") == null
                && p.At("spec", "policyTypes")!.AsArray().Select(t => t!.GetValue<string>()).Contains("Ingress"))
            .Should().NotBeEmpty("everything is denied unless allowed");
        foreach (var service in manifests.OfKind("Deployment").Where(d => Manifests.NameOf(d) != "gateway"))
        {
            var labels = service.Map("spec", "template", "metadata", "labels");
            var allowing = policies.Where(p => Manifests.Selects(p.Map("spec", "podSelector", "matchLabels"), labels) && p.At("spec", "ingress") != null).ToList();
            allowing.Should().NotBeEmpty($"{Manifests.NameOf(service)} is reachable by the gateway");
            foreach (var peer in allowing.SelectMany(p => p.Items("spec", "ingress")).SelectMany(rule =>
                     rule.At("from") is JsonArray from ? from.OfType<JsonObject>() : throw new InvalidOperationException("an ingress rule without 'from' admits everyone")))
            {
                var fromGateway = peer.At("namespaceSelector") == null && Manifests.Selects(peer.Map("podSelector", "matchLabels"), gateway);
                var fromMonitoring = peer.Map("namespaceSelector", "matchLabels").GetValueOrDefault("kubernetes.io/metadata.name") == "monitoring"
                                     && peer.At("podSelector") == null;
                (fromGateway || fromMonitoring).Should().BeTrue($"{Manifests.NameOf(service)} admits only the gateway (and Prometheus), not {peer.ToJsonString()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_gateway_routes_to_every_service_s_Service_and_lists_the_client_of_each_that_reads_the_register(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var configMaps = manifests.OfKind("ConfigMap").ToDictionary(Manifests.NameOf, c => c.Map("data"));
        var gateway = Environment(manifests.OfKind("Deployment").Single(d => Manifests.NameOf(d) == "gateway"), configMaps);

        foreach (var service in Services.Names)
        {
            gateway.Should().Contain($"ReverseProxy__Clusters__{service}__Destinations__{service}-1__Address", $"http://{service}:8080");
            manifests.OfKind("Service").Should().Contain(s => Manifests.NameOf(s) == service);
            var environment = Environment(manifests.OfKind("Deployment").Single(d => Manifests.NameOf(d) == service), configMaps);
            if (environment.TryGetValue("Registers__Enterprises__ClientId", out var client))
            {
                environment["Registers__Enterprises__BaseUrl"].Should().Be("http://gateway:8080", $"{service} reads the register through the gateway");
                environment.Should().ContainKey("Registers__Enterprises__ClientSecret", $"{service} authenticates as {client}");
                if (overlay == "dev")
                {
                    var clients = File.ReadAllLines(Path.Combine(Manifests.Tree, "overlays", "dev", "secrets", "gateway-clients.env"));
                    clients.Should().Contain(line => line.EndsWith("__ClientId=" + client, StringComparison.Ordinal), $"the gateway knows {service}'s client");
                }
            }
        }
    }

    [Fact]
    public async Task The_dev_Data_Protection_certificates_load_with_their_passwords_as_the_services_load_them()
    {
        await Manifests.RenderAsync("dev");
        foreach (var service in Services.Names)
        {
            var folder = Path.Combine(Manifests.Tree, "overlays", "dev", "secrets");
            var password = File.ReadAllText(Path.Combine(folder, $"{service}-dataprotection.env")).Trim()["password=".Length..];
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.Combine(folder, $"{service}-dataprotection.pfx"), password);
            certificate.HasPrivateKey.Should().BeTrue();
        }
    }

    /// <summary>Secret names with their keys: rendered Secrets, or the targets of External Secrets (prod).</summary>
    private static Dictionary<string, HashSet<string>> Secrets(Manifests manifests)
    {
        var secrets = manifests.OfKind("Secret").ToDictionary(Manifests.NameOf,
            s => s.Map("data").Keys.Concat(s.Map("stringData").Keys).ToHashSet());
        foreach (var external in manifests.OfKind("ExternalSecret"))
        {
            secrets[external.Text("spec", "target", "name")!] = external.Items("spec", "data").Select(d => d.Text("secretKey")!).ToHashSet();
        }

        return secrets;
    }

    /// <summary>A workload's variables: from its ConfigMaps (envFrom), then its env (values or the Secret key they name).</summary>
    private static Dictionary<string, string> Environment(JsonObject workload, Dictionary<string, IReadOnlyDictionary<string, string>> configMaps)
    {
        var container = Manifests.Containers((JsonObject)workload.At("spec", "template")!).Single();
        var variables = new Dictionary<string, string>();
        foreach (var map in container.Items("envFrom").Select(s => s.Text("configMapRef", "name")).OfType<string>())
        {
            foreach (var (key, value) in configMaps[map])
            {
                variables[key] = value;
            }
        }

        foreach (var variable in container.Items("env"))
        {
            variables[variable.Text("name")!] = variable.Text("value")
                ?? $"secret {variable.Text("valueFrom", "secretKeyRef", "name")}/{variable.Text("valueFrom", "secretKeyRef", "key")}";
        }

        return variables;
    }

    private static string ImageName(string image)
    {
        var withoutTag = image.Contains('@') ? image[..image.IndexOf('@')] : image[..(image.LastIndexOf(':') is var colon && colon > image.LastIndexOf('/') ? colon : image.Length)];
        var parts = withoutTag.Split('/');
        return string.Join('/', parts[^2..]);
    }

    private static string ImageTag(string image) => image[(image.LastIndexOf(':') + 1)..];
}
