using System.Text.Json.Nodes;

namespace Deployment.Tests;

/// <summary>
/// What each Dockerfile's build stage runs, run here: dotnet publish of the project in Release, compiled ahead of time, into
/// a folder, which must hold the dll the image's entrypoint names, on the runtime the image carries.
/// The services' published output then runs the migration Job's command line.
/// </summary>
public sealed class PublishTests(PublishedOutputs published) : IClassFixture<PublishedOutputs>
{

    [Theory]
    [MemberData(nameof(DockerfileTests.Images), MemberType = typeof(DockerfileTests))]
    public async Task Dotnet_publish_as_the_build_stage_runs_it_produces_the_entrypoint_dll_for_the_ASP_NET_runtime(string image)
    {
        var project = DockerfileTests.PublishedProject(image);

        var folder = await published.FolderAsync(image);

        var dll = Projects.AssemblyFile(project);
        File.Exists(Path.Combine(folder, dll)).Should().BeTrue();
        File.Exists(Path.Combine(folder, "appsettings.json")).Should().BeTrue();
        var runtime = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, Path.ChangeExtension(dll, ".runtimeconfig.json"))))!;
        var frameworks = runtime["runtimeOptions"]!["frameworks"]!.AsArray().Select(f => f!["name"]!.GetValue<string>());
        frameworks.Should().Contain("Microsoft.AspNetCore.App", "the runtime image is aspnet, which carries it");
        runtime["runtimeOptions"]!["tfm"]!.GetValue<string>().Should().Be("net10.0");
        Directory.GetFiles(folder, "*.dll").Should().NotContain(f => Path.GetFileName(f).Contains("Test", StringComparison.Ordinal),
            "no test assembly ships in an image");
        IsReadyToRun(Path.Combine(folder, dll)).Should().BeTrue("the image carries code compiled ahead of time, so a pod starts on less CPU");
        IsReadyToRun(Path.Combine(folder, "StackExchange.Redis.dll")).Should().BeTrue("the packages it ships are compiled too");
    }

    [Fact]
    public async Task The_enterprise_register_runs_the_workstation_collector_with_the_young_generation_its_image_sets()
    {
        var folder = await published.FolderAsync("enterprises");

        var config = Path.Combine(folder, Path.ChangeExtension(Projects.AssemblyFile(DockerfileTests.PublishedProject("enterprises")), ".runtimeconfig.json"));
        var runtime = JsonNode.Parse(await File.ReadAllTextAsync(config))!;
        runtime["runtimeOptions"]!["configProperties"]!["System.GC.Server"]!.GetValue<bool>().Should()
            .BeFalse("an import grows the server collector's adaptive budget by 50-90 MB, the workstation's by its young generation");
        var image = Dockerfile.Environment(Dockerfile.Load("enterprises").Stages[^1]);
        image.Should().Contain("DOTNET_GCgen0size", "0x1000000", "the young generation is 16 MiB, which only the environment can set");
        var local = File.ReadAllLines(Path.Combine(TestSupport.TestPaths.RepositoryRoot, "deploy", "run.sh"))
            .Single(line => line.StartsWith("add_service enterprises ", StringComparison.Ordinal));
        local.Split(' ').Should().Contain($"DOTNET_GCgen0size={image["DOTNET_GCgen0size"]}",
            "deploy/run.sh starts the register with the young generation of its image, the one setting it cannot take from the build");
    }

    /// <summary>Whether an assembly holds native code beside its IL: a ReadyToRun image has a managed native header.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Theory]
    [MemberData(nameof(Services.All), MemberType = typeof(Services))]
    public async Task The_published_service_migrates_its_database_and_exits_with_migrate_only(string image)
    {
        var project = DockerfileTests.PublishedProject(image);
        var folder = await published.FolderAsync(image);
        var data = Path.Combine(published.Root, "data-" + image);

        var migrated = await Processes.RunAsync("dotnet", [Projects.AssemblyFile(project), "--migrate-only"], folder,
            new Dictionary<string, string> { ["Database__DataDirectory"] = data, ["EventBus__Redis"] = "127.0.0.1:1" },
            TimeSpan.FromMinutes(3));

        migrated.ExitCode.Should().Be(0, migrated.ToString());
        migrated.Output.Should().Contain("The database is up to date (--migrate-only); exiting");
        File.Exists(Path.Combine(data, image + ".db")).Should().BeTrue("the migration created the service's database");
        migrated.Output.Should().NotContain("Now listening on", "--migrate-only never serves");
    }

    [Fact]
    public async Task A_migration_that_cannot_reach_its_database_exits_with_1_so_the_Job_fails()
    {
        var project = DockerfileTests.PublishedProject("enterprises");
        var folder = await published.FolderAsync("enterprises");

        var failed = await Processes.RunAsync("dotnet", [Projects.AssemblyFile(project), "--migrate-only"], folder,
            new Dictionary<string, string>
            {
                ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={TestSupport.TestPorts.Free()};Username=nobody;Database=none;Timeout=2",
                ["EventBus__Redis"] = "127.0.0.1:1",
            },
            TimeSpan.FromMinutes(3));

        failed.ExitCode.Should().Be(1, failed.ToString());
        failed.Output.Should().Contain("Migrating the database failed (--migrate-only)");
    }
}

/// <summary>Each image's project published once per run, as its Dockerfile's build stage publishes it.</summary>
public sealed class PublishedOutputs : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> folders = new();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "publish-" + Guid.NewGuid().ToString("N")[..8]);

    public Task<string> FolderAsync(string image) =>
        folders.GetOrAdd(image, name => new Lazy<Task<string>>(() => PublishAsync(name))).Value;

    private async Task<string> PublishAsync(string image)
    {
        var folder = Path.Combine(Root, image);
        var project = DockerfileTests.PublishedProject(image);
        var restore = DockerfileTests.RestoreOptions.Select(o => o == "$RUNTIME_ID" ? DockerfileTests.RuntimeId : o);
        var restored = await Processes.RunAsync("dotnet", ["restore", project, .. restore, "-nologo", "-v", "q"]);
        restored.ExitCode.Should().Be(0, restored.ToString());
        var publish = DockerfileTests.PublishOptions.Select(o => o == "$RUNTIME_ID" ? DockerfileTests.RuntimeId : o);
        var result = await Processes.RunAsync("dotnet",
            ["publish", project, .. publish, "-o", folder, "-p:UseAppHost=false", "-nologo", "-v", "q"]);
        result.ExitCode.Should().Be(0, result.ToString());
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
