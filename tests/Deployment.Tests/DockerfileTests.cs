using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>
/// No container engine runs here, so each Dockerfile is checked as an engine would read it: two
/// stages on the .NET 10 images, a build stage that restores and publishes the project with every
/// project it references, and a runtime stage that runs the published dll as a non-root user.
/// </summary>
public partial class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    /// <summary>The runtime an image is built for unless the build names another (its RUNTIME_ID argument).</summary>
    public const string RuntimeId = "linux-x64";

    /// <summary>
    /// What the build stage passes to dotnet restore after the project: the ReadyToRun compiler (Crossgen2) is a package
    /// of its own that a restore fetches only when told the publication is ReadyToRun, and the publish does not restore.
    /// </summary>
    public static readonly string[] RestoreOptions = ["-r", "$RUNTIME_ID", "-p:PublishReadyToRun=true"];

    /// <summary>What the build stage passes to dotnet publish after the project (<c>$RUNTIME_ID</c> its argument).</summary>
    public static readonly string[] PublishOptions =
        ["-c", "Release", "-r", "$RUNTIME_ID", "--self-contained", "false", "-p:PublishReadyToRun=true", "--no-restore"];

    public static TheoryData<string> Images => [.. Dockerfile.Names];

    [Fact]
    public void The_gateway_and_each_service_have_a_Dockerfile()
    {
        Services.Names.Should().Contain(["plans", "enterprises", "platforms"]);
        Dockerfile.Names.Should().BeEquivalentTo(Services.WithGateway);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void It_builds_on_the_SDK_image_and_runs_on_the_ASP_NET_runtime_image(string image)
    {
        var dockerfile = Dockerfile.Load(image);
        // The gateway's image also builds the web pages it serves, in a node stage before the build stage.
        var first = image == "gateway" ? 1 : 0;

        dockerfile.Stages.Should().HaveCount(first + 2);
        dockerfile.Stages[first].BaseImage.Should().Be(SdkImage);
        dockerfile.Stages[first].Name.Should().Be("build");
        dockerfile.Stages[first + 1].BaseImage.Should().Be(RuntimeImage);
        dockerfile.Stages[first + 1].All("COPY").Should().Contain(c => c.Arguments == "--from=build /app/publish .",
            "the runtime stage takes exactly what the build stage published");
        dockerfile.Stages[first + 1].All("RUN").Should().NotContain(r => r.Arguments.Contains("dotnet", StringComparison.Ordinal),
            "nothing is built in the runtime image");
    }

    [Fact]
    public void The_gateway_image_builds_the_web_pages_from_the_lock_file_and_publishes_them_as_its_static_files()
    {
        var dockerfile = Dockerfile.Load("gateway");
        var web = dockerfile.Stages[0];
        var build = BuildStage("gateway");

        web.Name.Should().Be("web");
        web.BaseImage.Should().StartWith("node:");
        web.All("RUN").Select(r => r.Arguments).Should().ContainInOrder("npm ci --no-audit --no-fund", "npm run build");
        dockerfile.ContextSources(web).Should().Contain(["web/package.json", "web/package-lock.json", "web/",
            "services/Plans/Plans.Api/Plans.Api.json", "services/Enterprises/Enterprises.Api/Enterprises.Api.json",
            "services/Platforms/Platforms.Api/Platforms.Api.json"], "the API types are generated from the committed documents");
        var copies = build.All("COPY").Select(c => c.Arguments).ToList();
        copies.Should().Contain("--from=web /src/gateway/Gateway/wwwroot/ gateway/Gateway/wwwroot/");
        copies.IndexOf("--from=web /src/gateway/Gateway/wwwroot/ gateway/Gateway/wwwroot/").Should()
            .BeGreaterThan(copies.IndexOf("gateway/Gateway/ gateway/Gateway/"), "the pages are in place when the project is published");
        File.ReadAllLines(Path.Combine(TestSupport.TestPaths.RepositoryRoot, ".dockerignore")).Should()
            .Contain("gateway/Gateway/wwwroot/", "a local build of the pages stays out of the context: the image builds its own");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_build_stage_restores_and_publishes_the_project_in_Release_compiled_ahead_of_time_with_everything_it_references(string image)
    {
        var build = BuildStage(image);
        var project = PublishedProject(image);
        var sources = Dockerfile.Load(image).ContextSources(build).ToList();

        build.All("ARG").Select(a => a.Arguments).Should().Contain($"RUNTIME_ID={RuntimeId}");
        build.All("RUN").Select(r => r.Arguments).Should().ContainInOrder(
            $"dotnet restore {project} {string.Join(' ', RestoreOptions)}",
            $"dotnet publish {project} {string.Join(' ', PublishOptions)} -o /app/publish -p:UseAppHost=false");
        sources.Should().Contain(["global.json", "Directory.Build.props", "Directory.Packages.props"]);
        foreach (var needed in Projects.Closure(project))
        {
            sources.Should().Contain(needed, $"the restore layer needs {needed}");
            var folder = Path.GetDirectoryName(needed)!.Replace('\\', '/') + "/";
            sources.Should().Contain(s => s.EndsWith('/') && folder.StartsWith(s, StringComparison.Ordinal),
                $"the build needs the sources of {folder}");
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_runtime_stage_runs_the_published_dll_as_the_non_root_app_user_on_port_8080(string image)
    {
        var runtime = Dockerfile.Load(image).Stages[^1];
        var environment = Dockerfile.Environment(runtime);

        runtime.All("ENTRYPOINT").Single().ExecForm.Should().Equal("dotnet", Projects.AssemblyFile(PublishedProject(image)));
        runtime.Instructions.Last(i => i.Keyword == "USER").Arguments.Should().BeOneOf("$APP_UID", "${APP_UID}", "1654");
        runtime.Instructions.Select(i => i.Keyword).ToList().LastIndexOf("USER").Should()
            .BeGreaterThan(runtime.Instructions.Select(i => i.Keyword).ToList().LastIndexOf("RUN"), "nothing runs as root after USER");
        runtime.All("EXPOSE").Single().Arguments.Should().Be("8080");
        environment.Should().Contain("ASPNETCORE_HTTP_PORTS", "8080");
        environment.Should().Contain("DOTNET_EnableDiagnostics", "0", "the diagnostics socket would need a writable /tmp");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_health_check_asks_for_health_live_on_the_exposed_port(string image)
    {
        var check = Dockerfile.Load(image).Stages[^1].All("HEALTHCHECK").Single().Arguments;

        check.Should().Contain("/dev/tcp/127.0.0.1/8080").And.Contain("GET /health/live HTTP/1.1").And.Contain(" 200 ");
        check.Should().MatchRegex(@"--interval=\d+s").And.MatchRegex(@"--timeout=\d+s").And.MatchRegex(@"--start-period=\d+s");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Nothing_the_build_copies_is_left_out_by_the_dockerignore(string image)
    {
        var ignored = File.ReadAllLines(Path.Combine(TestSupport.TestPaths.RepositoryRoot, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var dockerfile = Dockerfile.Load(image);

        ignored.Should().Contain(["**/bin/", "**/obj/", ".git/"], "build output and history stay out of the context");
        foreach (var source in dockerfile.Stages.SelectMany(dockerfile.ContextSources))
        {
            ignored.Should().NotContain(pattern => Ignores(pattern, source), $"{source} is copied by {image}.Dockerfile");
            File.Exists(Projects.Absolute(source)).Should().Be(!source.EndsWith('/'), $"{source} is in the repository");
            if (source.EndsWith('/'))
            {
                Directory.Exists(Projects.Absolute(source)).Should().BeTrue($"{source} is in the repository");
            }
        }
    }

    /// <summary>The project a Dockerfile publishes, read from its dotnet publish line.</summary>
    public static string PublishedProject(string image) =>
        PublishPattern().Match(BuildStage(image).All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments)
            .Groups[1].Value;

    /// <summary>The stage that restores and publishes the .NET project.</summary>
    private static Stage BuildStage(string image) => Dockerfile.Load(image).Stages.Single(s => s.Name == "build");

    private static bool Ignores(string pattern, string source)
    {
        var regex = "^" + Regex.Escape(pattern.TrimEnd('/')).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*") + "(/|$)";
        return Regex.IsMatch(source, regex);
    }

    [GeneratedRegex(@"^dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishPattern();
}
