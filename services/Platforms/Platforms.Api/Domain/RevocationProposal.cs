using Persistence.Audit;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>Why revocation is proposed.</summary>
public enum RevocationGrounds
{
    /// <summary>A failing evaluation while a rectification was open, or in the year after a failing one.</summary>
    SecondFailure,
    /// <summary>A rectification not completed by its due date.</summary>
    RectificationOverdue,
}

/// <summary>pending → revoked (the platform is revoked) or dismissed (it stays as it is).</summary>
public enum ProposalStatus
{
    Pending,
    Revoked,
    Dismissed,
}

/// <summary>What the authority decides on a proposal.</summary>
public enum ProposalDecision
{
    Revoke,
    Dismiss,
}

/// <summary>
/// A proposal to revoke a platform (建议撤销), raised by the rules and never acted on by them: the
/// authority decides it explicitly, and the decision is audited like every write.
/// </summary>
public sealed class RevocationProposal : IAuditedResource
{
    private RevocationProposal()
    {
    }

    internal RevocationProposal(Guid platformId, RevocationGrounds grounds, DateOnly proposedOn, string explanation)
    {
        PlatformId = platformId;
        Grounds = grounds;
        ProposedOn = proposedOn;
        Explanation = explanation;
        Status = ProposalStatus.Pending;
    }

    public long Id { get; private set; }
    public Guid PlatformId { get; private set; }
    public RevocationGrounds Grounds { get; private set; }
    public DateOnly ProposedOn { get; private set; }

    /// <summary>What raised it, in words (the evaluations or the rectification concerned).</summary>
    public string Explanation { get; private set; } = null!;

    public ProposalStatus Status { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? DocumentNumber { get; private set; }

    public string AuditKey => $"{PlatformId}/revocation-proposals/{ProposedOn:yyyy-MM-dd}/{Lifecycle.Name(Grounds)}";

    /// <summary>Records the decision; the caller revokes the platform when it is to be revoked.</summary>
    public void Decide(ProposalDecision decision, DateOnly on, string reason, string? documentNumber, DateOnly today)
    {
        if (Status != ProposalStatus.Pending)
        {
            throw new ConflictException(PlatformErrors.ProposalDecided,
                $"Proposal {Id} was decided on {DecidedOn:yyyy-MM-dd} ({Lifecycle.Name(Status)}); a decision is taken once.");
        }

        var problem = on > today ? "'on' must not be in the future."
            : on < ProposedOn ? $"'on' must not be before the proposal ({ProposedOn:yyyy-MM-dd})."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("on", problem);
        }

        Status = decision == ProposalDecision.Revoke ? ProposalStatus.Revoked : ProposalStatus.Dismissed;
        DecidedOn = on;
        DecisionReason = reason;
        DocumentNumber = documentNumber;
    }
}
