using System.Text.Json;
using System.Text.Json.Serialization;
using Plans.Api.Indicators;
using Plans.Api.Plans;
using Plans.Api.Tasks;

namespace Plans.Api.Seeds;

/// <summary>
/// One plan as transcribed from its source document (seeds/plans/*.json). Its parts have the shape
/// of the API's create requests, and are checked by the same validators.
/// </summary>
/// <param name="SeedVersion">Raised when a transcription is corrected; a newer version updates what the seed owns.</param>
/// <param name="Document">Path of the source text, relative to the seeds folder.</param>
public sealed record SeedFile(int SeedVersion, string Document, CreatePlanRequest Plan,
    IReadOnlyList<CreateIndicatorRequest> Indicators, IReadOnlyList<CreateTaskRequest> Tasks);

/// <summary>
/// What a seed file says of itself: the plan it holds and the version of its transcription. The loader reads this much of
/// every file at each start and the rest only of a file newer than what it loaded (<see cref="SeedLoader"/>).
/// </summary>
internal sealed record SeedHeader(int SeedVersion, SeedHeader.PlanNamed? Plan)
{
    internal sealed record PlanNamed(string? Code, string? ParentPlanCode);
}

/// <summary>
/// Reads a <see cref="SeedHeader"/> with code generated at build time, not by reflection: at start-up, the metadata of
/// the whole file's types took most of the seeds' step (~130 of ~190 ms). The API's names; a member given twice is refused.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SeedHeader))]
internal sealed partial class SeedHeaderJson : JsonSerializerContext;

public sealed class SeedOptions
{
    public const string Section = "Seeds";

    /// <summary>The seeds folder (with plans/ and documents/); no seeding when unset or missing.</summary>
    public string? Directory { get; set; }

    public bool LoadOnStartup { get; set; } = true;
}

/// <summary>What loading did to one plan.</summary>
/// <param name="Outcome">created, updated, unchanged, skipped or invalid.</param>
/// <param name="Updated">Plan, indicators and tasks rewritten from a newer seed version.</param>
/// <param name="KeptUserEdits">Those left as they are because a user changed them after the seed wrote them.</param>
/// <param name="Detail">Why a plan was skipped or invalid.</param>
public sealed record SeededPlan(string Code, string Outcome, int SeedVersion, int Updated, int KeptUserEdits, string? Detail);

/// <summary>The result of a seed load.</summary>
public sealed record SeedReport(string? Directory, IReadOnlyList<SeededPlan> Plans);
