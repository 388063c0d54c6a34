using Plans.Api.RegisterMetrics.Reconciliation;
using SharedKernel.Regions;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>A recognition as the Talent API lists it (<c>GET /api/v1/talents/recognitions</c>): what the copy keeps of it.</summary>
public sealed record ListedRecognition(Guid Id, string Programme, string Status, DateOnly? RevokedOn, string Nationality, string RegionCode,
    string? ZoneCode)
{
    public bool Revoked => string.Equals(Status, "revoked", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A commissioner's assignment as the Talent API lists it (<c>GET /api/v1/commissioners</c>), with its appraisals.</summary>
public sealed record ListedCommissioner(Guid Id, Guid TalentId, string RegionCode, string? ZoneCode, DateOnly StartsOn, DateOnly EndsOn,
    IReadOnlyList<ListedAppraisal>? Appraisals);

/// <summary>A yearly appraisal of an assignment.</summary>
public sealed record ListedAppraisal(int Year, string Grade);

/// <summary>The talent register as read: every recognition (standing and revoked) and every commissioner's assignment.</summary>
public sealed record TalentSnapshot(IReadOnlyList<ListedRecognition> Recognitions, IReadOnlyList<ListedCommissioner> Commissioners,
    DateTimeOffset TakenAt) : IRegisterSnapshot
{
    /// <summary>Reads both lists; a list the copy cannot hold is a 503.</summary>
    public static async Task<TalentSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct)
    {
        var recognitions = await api.ReadAllAsync<ListedRecognition, Guid>("api/v1/talents/recognitions", "recognition", r => r.Id,
            ProblemOf, ct);
        var commissioners = await api.ReadAllAsync<ListedCommissioner, Guid>("api/v1/commissioners", "commissioner assignment", c => c.Id,
            ProblemOf, ct);
        return new TalentSnapshot(recognitions, commissioners, takenAt);
    }

    private static string? ProblemOf(ListedRecognition? item) => item switch
    {
        null => "an empty entry",
        { Programme: null or { Length: 0 or > 60 } } => $"recognition {item.Id} with a programme that is not 1 to 60 characters",
        { Status: null or { Length: 0 or > 20 } } => $"recognition {item.Id} with a status that is not 1 to 20 characters",
        { Nationality: null or { Length: 0 or > 3 } } => $"recognition {item.Id} with a nationality that is not 1 to 3 characters",
        _ => PlaceProblem("recognition", item.Id, item.RegionCode, item.ZoneCode),
    };

    private static string? ProblemOf(ListedCommissioner? item) => item switch
    {
        null => "an empty entry",
        _ when item.EndsOn < item.StartsOn => $"commissioner assignment {item.Id} ending before it starts",
        _ when item.Appraisals?.Any(a => a is null || a.Year is < 1949 or > 9000 || string.IsNullOrEmpty(a.Grade)) == true =>
            $"commissioner assignment {item.Id} with an appraisal without a plausible year and a grade",
        _ => PlaceProblem("commissioner assignment", item.Id, item.RegionCode, item.ZoneCode),
    };

    private static string? PlaceProblem(string noun, Guid id, string? regionCode, string? zoneCode) =>
        RegionCodes.Find(regionCode) is null ? $"{noun} {id} in an unknown region '{regionCode}'"
        : zoneCode is not null && RegionCodes.Find(zoneCode) is null ? $"{noun} {id} in an unknown zone '{zoneCode}'"
        : null;
}
