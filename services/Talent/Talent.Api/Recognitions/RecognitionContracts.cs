using Talent.Api.Domain;

namespace Talent.Api.Recognitions;

/// <summary>A recognition to record (the body of POST /api/v1/talents/{id}/recognitions).</summary>
public record RecognizeRequest
{
    /// <summary>The programme's code, from GET /api/v1/talent-programmes (HaiheTalent, YoungScientists …).</summary>
    public string? Programme { get; init; }
    /// <summary>The year of the recognition: from the programme's first year to the current one.</summary>
    public int? Year { get; init; }
    /// <summary>The tier, for a programme with tiers (海河英才: 顶尖人才, 领军人才, 高端人才, 青年人才).</summary>
    public string? Tier { get; init; }
    /// <summary>The day of the decision, where known: within the year or after it, not in the future.</summary>
    public DateOnly? RecognizedOn { get; init; }
}

/// <summary>The body of POST .../recognitions/{recognitionId}/revoke.</summary>
public record RevokeRecognitionRequest
{
    /// <summary>Why it was revoked (the decision's wording). Kept in the register, never put in an event.</summary>
    public string? Reason { get; init; }
    /// <summary>The day the revocation takes effect; today when absent.</summary>
    public DateOnly? RevokedOn { get; init; }
}

/// <summary>A recognition of a person under a programme.</summary>
/// <param name="RegionCode">Where the person was registered when recognised: where it counts.</param>
/// <param name="Nationality">The person's nationality when recognised (foreign talent: not CN).</param>
public sealed record RecognitionResponse(
    Guid Id,
    Guid TalentId,
    string Programme,
    int Year,
    string? Tier,
    DateOnly? RecognizedOn,
    RecognitionStatus Status,
    DateOnly? RevokedOn,
    string? RevocationReason,
    string Nationality,
    string RegionCode,
    string? ZoneCode)
{
    public static RecognitionResponse From(Recognition r) => new(r.Id, r.TalentId, r.Programme, r.Year, r.Tier, r.RecognizedOn, r.Status,
        r.RevokedOn, r.RevocationReason, r.Nationality, r.RegionCode, r.ZoneCode);
}
