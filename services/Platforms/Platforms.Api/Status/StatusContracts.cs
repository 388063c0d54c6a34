using Platforms.Api.Domain;

namespace Platforms.Api.Status;

/// <summary>The body of POST /api/v1/platforms/{id}/status.</summary>
public record ChangeStatusRequest
{
    /// <summary>The status to move to: active (from underConstruction or suspended), suspended (from active) or revoked (from active or suspended).</summary>
    public PlatformStatus? Status { get; init; }
    /// <summary>Why (the decision's wording).</summary>
    public string? Reason { get; init; }
    /// <summary>The day it takes effect; today when absent. Not in the future, not before the current status began.</summary>
    public DateOnly? On { get; init; }
    /// <summary>The decision's document number (文号), where there is one.</summary>
    public string? DocumentNumber { get; init; }
}

/// <summary>One step of a platform's status history.</summary>
/// <param name="From">The status before (null for the accreditation).</param>
/// <param name="To">The status after.</param>
/// <param name="On">The day it took effect.</param>
/// <param name="Reason">Why (null for the accreditation).</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record StatusChangeResponse(long Id, PlatformStatus? From, PlatformStatus To, DateOnly On, string? Reason, string? DocumentNumber,
    DateTimeOffset RecordedAt)
{
    public static StatusChangeResponse Of(StatusChange c) => new(c.Id, c.From, c.To, c.On, c.Reason, c.DocumentNumber, c.RecordedAt);
}
