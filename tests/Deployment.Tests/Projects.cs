using System.Xml.Linq;

namespace Deployment.Tests;

/// <summary>What the SDK makes of a project file: its assembly and the projects it needs to build.</summary>
public static class Projects
{
    /// <summary>A path relative to the repository root, with forward slashes.</summary>
    public static string Relative(string path) =>
        Path.GetRelativePath(TestSupport.TestPaths.RepositoryRoot, path).Replace('\\', '/');

    public static string Absolute(string relative) => Path.GetFullPath(Path.Combine(TestSupport.TestPaths.RepositoryRoot, relative));

    /// <summary>The dll that dotnet publish produces for the project.</summary>
    public static string AssemblyFile(string project)
    {
        var name = XDocument.Load(Absolute(project)).Descendants("AssemblyName").FirstOrDefault()?.Value;
        return (name ?? Path.GetFileNameWithoutExtension(project)) + ".dll";
    }

    /// <summary>The project and every project it references, directly or not (relative paths).</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Absolute(next))!;
            foreach (var reference in XDocument.Load(Absolute(next)).Descendants("ProjectReference"))
            {
                pending.Push(Relative(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }

        return found;
    }
}
