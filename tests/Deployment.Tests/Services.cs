namespace Deployment.Tests;

/// <summary>
/// The services of the repository (services/X/X.Api), by the lower-case name every deployment
/// artefact gives them (image, compose service, Deployment, database). A service that lands on
/// main without them fails these tests.
/// </summary>
public static class Services
{
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetDirectories(Path.Combine(TestSupport.TestPaths.RepositoryRoot, "services"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(TestSupport.TestPaths.RepositoryRoot, "services", name, name + ".Api", name + ".Api.csproj")))
            .Select(name => name.ToLowerInvariant())
            .Order(StringComparer.Ordinal)];

    /// <summary>The gateway and every service: what deploy/docker builds and the overlays deploy.</summary>
    public static IReadOnlyList<string> WithGateway { get; } = ["gateway", .. Names];

    public static TheoryData<string> All => [.. Names];
}
