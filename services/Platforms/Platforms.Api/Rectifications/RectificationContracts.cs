using Platforms.Api.Domain;

namespace Platforms.Api.Rectifications;

/// <summary>A rectification (整改) opened by a failing evaluation.</summary>
/// <param name="EvaluationYear">The year of the failing evaluation that opened it.</param>
/// <param name="DueOn">The last day to complete it.</param>
/// <param name="ClosedOn">The day it was completed, failed again, or became overdue (the day after it was due).</param>
public sealed record RectificationResponse(long Id, Guid PlatformId, int EvaluationYear, DateOnly OpenedOn, DateOnly DueOn,
    RectificationStatus Status, DateOnly? ClosedOn, string? Note)
{
    public static RectificationResponse From(Rectification r) =>
        new(r.Id, r.PlatformId, r.EvaluationYear, r.OpenedOn, r.DueOn, r.Status, r.ClosedOn, r.Note);
}

/// <summary>A proposal to revoke a platform, and the decision on it.</summary>
/// <param name="Grounds">secondFailure or rectificationOverdue.</param>
/// <param name="Explanation">What raised it.</param>
/// <param name="Status">pending, revoked or dismissed.</param>
public sealed record RevocationProposalResponse(long Id, Guid PlatformId, RevocationGrounds Grounds, DateOnly ProposedOn, string Explanation,
    ProposalStatus Status, DateOnly? DecidedOn, string? DecisionReason, string? DocumentNumber)
{
    public static RevocationProposalResponse From(RevocationProposal p) =>
        new(p.Id, p.PlatformId, p.Grounds, p.ProposedOn, p.Explanation, p.Status, p.DecidedOn, p.DecisionReason, p.DocumentNumber);
}

/// <summary>The body of POST .../rectifications/{rectificationId}/complete.</summary>
public record CompleteRectificationRequest
{
    /// <summary>The day the authority accepted the rectification (整改验收); today when absent. By the due date.</summary>
    public DateOnly? CompletedOn { get; init; }
    public string? Note { get; init; }
}

/// <summary>The body of POST .../revocation-proposals/{proposalId}/decision.</summary>
public record DecideRevocationRequest
{
    /// <summary>revoke (the platform is revoked as of 'on') or dismiss (it stays as it is).</summary>
    public ProposalDecision? Decision { get; init; }
    /// <summary>Why (the decision's wording).</summary>
    public string? Reason { get; init; }
    /// <summary>The day of the decision; today when absent.</summary>
    public DateOnly? On { get; init; }
    /// <summary>The decision's document number (文号).</summary>
    public string? DocumentNumber { get; init; }
}

/// <summary>What a review pass did.</summary>
/// <param name="Overdue">Open rectifications found past their due date.</param>
/// <param name="Proposed">Revocations it proposed (none for a platform with a proposal pending already).</param>
/// <param name="AsOf">The day it ran for.</param>
public sealed record ReviewResult(int Overdue, int Proposed, DateOnly AsOf);
