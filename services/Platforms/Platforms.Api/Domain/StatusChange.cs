using Persistence.Audit;

namespace Platforms.Api.Domain;

/// <summary>
/// One step of a platform's dated status history: from (null for the accreditation itself) to, on
/// a day, for a reason, by a document. Written only through <see cref="Platform"/>.
/// </summary>
public sealed class StatusChange : IAuditedResource
{
    private StatusChange()
    {
    }

    internal StatusChange(Guid platformId, PlatformStatus? from, PlatformStatus to, DateOnly on, string? reason, string? documentNumber, DateTimeOffset recordedAt)
    {
        PlatformId = platformId;
        From = from;
        To = to;
        On = on;
        Reason = reason;
        DocumentNumber = documentNumber;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public Guid PlatformId { get; private set; }
    public PlatformStatus? From { get; private set; }
    public PlatformStatus To { get; private set; }

    /// <summary>The day the status took effect.</summary>
    public DateOnly On { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The decision's document number (文号), where there is one.</summary>
    public string? DocumentNumber { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string AuditKey => $"{PlatformId}/status/{On:yyyy-MM-dd}/{To}";
}
