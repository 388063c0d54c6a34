using Microsoft.AspNetCore.Hosting;

namespace Plans.FunctionalTests;

/// <summary>The Plans service over a fresh database of its own (see <see cref="ServiceApiFactory{TProgram}"/>).</summary>
public class PlansApiFactory() : ServiceApiFactory<Program>("plans")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:LoadOnStartup", "false");
    }
}

/// <summary>
/// The Plans service with the repository's seeds loaded at start-up, from a private copy of the
/// seeds folder that a test may change to play a newer transcription.
/// </summary>
public class SeededPlansApiFactory : PlansApiFactory
{
    public string SeedsDirectory { get; } = CopySeeds();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:Directory", SeedsDirectory);
        builder.UseSetting("Seeds:LoadOnStartup", "true");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(SeedsDirectory))
        {
            Directory.Delete(SeedsDirectory, recursive: true);
        }
    }

    private static string CopySeeds()
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "seeds");
        var target = Path.Combine(Path.GetTempPath(), "plans-seeds", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
