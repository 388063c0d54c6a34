using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and the rest of its line(s).</summary>
public sealed record Instruction(string Keyword, string Arguments)
{
    /// <summary>The arguments of the exec form (["dotnet", "X.dll"]), or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm =>
        Arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;
}

/// <summary>A build stage: its base image, its name, and its instructions after FROM.</summary>
public sealed record Stage(string BaseImage, string? Name, IReadOnlyList<Instruction> Instructions)
{
    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}

/// <summary>
/// A Dockerfile as an engine reads it: comments dropped, continued lines joined, split into stages.
/// </summary>
public sealed partial class Dockerfile
{
    public string Name { get; }
    public IReadOnlyList<Stage> Stages { get; }

    private Dockerfile(string name, IReadOnlyList<Stage> stages)
    {
        Name = name;
        Stages = stages;
    }

    public static string Folder => Path.Combine(TestSupport.TestPaths.RepositoryRoot, "deploy", "docker");

    /// <summary>Every deploy/docker/NAME.Dockerfile; NAME is the image's (tianjin-sti/NAME).</summary>
    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.Dockerfile").Select(p => Path.GetFileName(p)[..^".Dockerfile".Length]).Order();

    public static Dockerfile Load(string name)
    {
        var lines = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(Folder, name + ".Dockerfile")))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            lines.Add(pending + line);
            pending = "";
        }

        var stages = new List<Stage>();
        List<Instruction>? current = null;
        foreach (var line in lines)
        {
            var keyword = line.Split(' ', 2)[0].ToUpperInvariant();
            var arguments = line.Length > keyword.Length ? line[keyword.Length..].Trim() : "";
            if (keyword == "FROM")
            {
                var from = FromPattern().Match(arguments);
                current = [];
                stages.Add(new Stage(from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, current));
                continue;
            }

            (current ?? throw new InvalidOperationException($"{name}: {keyword} before FROM")).Add(new Instruction(keyword, arguments));
        }

        return new Dockerfile(name, stages);
    }

    /// <summary>The sources of every COPY without --from (paths in the build context).</summary>
    public IEnumerable<string> ContextSources(Stage stage) => stage.All("COPY")
        .Where(copy => !copy.Arguments.StartsWith("--from", StringComparison.Ordinal))
        .SelectMany(copy =>
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
            return parts[..^1];
        });

    /// <summary>The environment a stage sets (ENV name=value, several per line).</summary>
    public static IReadOnlyDictionary<string, string> Environment(Stage stage) => stage.All("ENV")
        .SelectMany(env => EnvPattern().Matches(env.Arguments).Select(m => KeyValuePair.Create(m.Groups[1].Value, m.Groups[2].Value)))
        .ToDictionary();

    [GeneratedRegex(@"^(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex EnvPattern();
}
