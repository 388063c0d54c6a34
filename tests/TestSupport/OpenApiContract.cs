using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TestSupport;

/// <summary>
/// The committed OpenAPI document is the contract clients code against; a change to it must show
/// in the diff. Run the tests with UPDATE_OPENAPI=1 to rewrite it after an intended change.
/// </summary>
public static class OpenApiContract
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Asserts that the served document equals the committed one (a path under the repository) and returns it.</summary>
    public static async Task<JsonNode> MatchesCommittedAsync(HttpClient client, params string[] committedPath)
    {
        var document = JsonNode.Parse(await (await client.GetAsync("/swagger/v1/swagger.json")).Content.ReadAsStringAsync())!;
        var path = Path.Combine([TestPaths.RepositoryRoot, .. committedPath]);
        var normalized = document.ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, normalized);
        }

        normalized.Should().Be(await File.ReadAllTextAsync(path),
            "the API contract changed; review it and run the tests with UPDATE_OPENAPI=1 to commit the new document");
        return document;
    }
}
