using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>
/// An overlay of deploy/k8s rendered by <c>kubectl kustomize</c>, as a cluster would receive it. The
/// tree is copied first, so that the dev overlay's Secrets are generated (generate-secrets.sh, as a
/// developer runs it) without writing into the repository.
/// </summary>
public sealed class Manifests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifests>>> Rendered = new();
    private static readonly Lazy<string> Copy = new(CopyTree);

    public string Overlay { get; }
    public IReadOnlyList<JsonObject> Resources { get; }
    /// <summary>Where the copied tree is (the dev Secrets' files are in overlays/dev/secrets).</summary>
    public static string Tree => Copy.Value;

    private Manifests(string overlay, IReadOnlyList<JsonObject> resources)
    {
        Overlay = overlay;
        Resources = resources;
    }

    public static Task<Manifests> RenderAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<Task<Manifests>>(() => RenderNowAsync(name))).Value;

    private static async Task<Manifests> RenderNowAsync(string overlay)
    {
        if (overlay == "dev" && !File.Exists(Path.Combine(Tree, "overlays", "dev", "secrets", "signing-key.pem")))
        {
            var generated = await Processes.RunAsync("bash", [Path.Combine(Tree, "overlays", "dev", "generate-secrets.sh")]);
            generated.ExitCode.Should().Be(0, generated.ToString());
        }

        var rendered = await Processes.RunAsync("kubectl", ["kustomize", Path.Combine(Tree, "overlays", overlay)]);
        rendered.ExitCode.Should().Be(0, rendered.ToString());
        return new Manifests(overlay, Yaml.Documents(rendered.Output));
    }

    private static string CopyTree()
    {
        var target = Path.Combine(Path.GetTempPath(), "k8s-" + Guid.NewGuid().ToString("N")[..8]);
        var source = Path.Combine(TestSupport.TestPaths.RepositoryRoot, "deploy", "k8s");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Contains("secrets"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(target, recursive: true);
        return target;
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Resources.Where(r => r.Text("kind") == kind);

    public static string NameOf(JsonObject resource) => resource.Text("metadata", "name")!;

    /// <summary>The workloads' pod templates: every Deployment's and every Job's.</summary>
    public IEnumerable<(JsonObject Owner, JsonObject Pod)> PodTemplates =>
        Resources.Where(r => r.Text("kind") is "Deployment" or "Job")
            .Select(r => (r, (JsonObject)r.At("spec", "template")!));

    public static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        pod.Items("spec", "initContainers").Concat(pod.Items("spec", "containers"));

    /// <summary>Whether a label selector's matchLabels (or a Service's plain selector) holds for these labels.</summary>
    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
