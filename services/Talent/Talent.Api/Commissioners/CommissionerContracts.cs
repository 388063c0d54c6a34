using Talent.Api.Domain;

namespace Talent.Api.Commissioners;

/// <summary>An assignment to make (the body of POST /api/v1/commissioners).</summary>
public record AssignCommissionerRequest
{
    /// <summary>The person assigned, a talent id.</summary>
    public Guid? TalentId { get; init; }
    /// <summary>enterprise, village or cooperative.</summary>
    public ServedKind? ServedKind { get; init; }
    /// <summary>An enterprise's credit code (required; it must be on the enterprise register), or a cooperative's where it has one.</summary>
    public string? ServedCreditCode { get; init; }
    /// <summary>The village's or cooperative's name (required for them); an enterprise's is taken from the register.</summary>
    public string? ServedName { get; init; }
    /// <summary>The district served; for an enterprise, taken from the register (and must agree when given).</summary>
    public string? RegionCode { get; init; }
    public string? ZoneCode { get; init; }
    /// <summary>What the commissioner serves with (e.g. 设施农业).</summary>
    public string? Field { get; init; }
    /// <summary>The goals of the assignment.</summary>
    public string? Goals { get; init; }
    public DateOnly? StartsOn { get; init; }
    /// <summary>The last day; not before startsOn.</summary>
    public DateOnly? EndsOn { get; init; }
    /// <summary>The support team (科技帮扶团队) behind the commissioner: an active team.</summary>
    public Guid? SupportTeamId { get; init; }
}

/// <summary>The body of POST /api/v1/commissioners/{id}/appraisals.</summary>
public record AppraiseRequest
{
    /// <summary>A year the assignment ran in, up to the current one.</summary>
    public int? Year { get; init; }
    /// <summary>excellent (优秀), good, pass or fail.</summary>
    public AppraisalGrade? Grade { get; init; }
    public string? Note { get; init; }
}

/// <summary>A yearly appraisal.</summary>
public sealed record AppraisalResponse(int Year, AppraisalGrade Grade, string? Note)
{
    public static AppraisalResponse From(Appraisal a) => new(a.Year, a.Grade, a.Note);
}

/// <summary>A commissioner's assignment.</summary>
/// <param name="Active">Whether the commissioner serves today.</param>
public sealed record CommissionerResponse(
    Guid Id,
    Guid TalentId,
    ServedKind ServedKind,
    string? ServedCreditCode,
    string ServedName,
    string RegionCode,
    string? ZoneCode,
    string? Field,
    string? Goals,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool Active,
    Guid? SupportTeamId,
    IReadOnlyList<AppraisalResponse> Appraisals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CommissionerResponse From(CommissionerAssignment a, DateOnly today) => new(a.Id, a.TalentId, a.ServedKind, a.ServedCreditCode,
        a.ServedName, a.RegionCode, a.ZoneCode, a.Field, a.Goals, a.StartsOn, a.EndsOn, a.IsActiveOn(today), a.SupportTeamId,
        a.Appraisals.OrderBy(x => x.Year).Select(AppraisalResponse.From).ToList(), a.CreatedAt, a.UpdatedAt);
}

/// <summary>An assignment as a command or query left it, with the version its ETag carries.</summary>
public sealed record CommissionerResult(CommissionerResponse Commissioner, long Version)
{
    public static CommissionerResult Of(CommissionerAssignment a, DateOnly today) => new(CommissionerResponse.From(a, today), a.Version);
}
