using Persistence.Audit;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

// The local copy of the Enterprises register: only what the metrics need, kept from its events
// and rebuilt by reconciliation. Not audited: it mirrors another system. Older news than a row
// holds is ignored (see CopiedRow).

/// <summary>An enterprise: where it is, and the revenue of its latest annual report.</summary>
[NotAudited]
public sealed class RegisteredEnterprise
{
    private RegisteredEnterprise()
    {
    }

    public RegisteredEnterprise(string creditCode, string regionCode, string? zoneCode, DateTimeOffset lastEventAt)
    {
        CreditCode = creditCode;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        LastEventAt = lastEventAt;
    }

    public string CreditCode { get; private set; } = null!;
    public string RegionCode { get; private set; } = null!;

    /// <summary>The functional zone it lies in, if any (12Znn).</summary>
    public string? ZoneCode { get; private set; }

    /// <summary>When the latest change of its place applied here happened at the register; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>The year of its latest annual report; null when none is known.</summary>
    public int? RevenueYear { get; private set; }

    /// <summary>That report's revenue, in 万元.</summary>
    public decimal? RevenueWan { get; private set; }

    /// <summary>When that report was filed or replaced at the register.</summary>
    public DateTimeOffset? RevenueReportedAt { get; private set; }

    /// <summary>
    /// Takes the news of where it is unless it is older than what the row holds. Returns whether the
    /// enterprise moved: news that only confirms where it is (a renamed enterprise) moves no count.
    /// </summary>
    public bool Apply(string regionCode, string? zoneCode, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return false;
        }

        var moved = regionCode != RegionCode || zoneCode != ZoneCode;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        LastEventAt = occurredAt;
        return moved;
    }

    /// <summary>
    /// Takes an annual report's revenue unless it is for an earlier year than the one held, or is older
    /// news of the same year. Returns whether the revenue changed.
    /// </summary>
    public bool ApplyRevenue(int year, decimal revenueWan, DateTimeOffset occurredAt)
    {
        if (RevenueYear > year || (RevenueYear == year && occurredAt < RevenueReportedAt))
        {
            return false;
        }

        var changed = RevenueYear != year || RevenueWan != revenueWan;
        RevenueYear = year;
        RevenueWan = revenueWan;
        RevenueReportedAt = occurredAt;
        return changed;
    }
}

/// <summary>The lifecycle state of a qualification in the register.</summary>
public enum QualificationStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>A qualification (HighTech, TechSme, Eagle 雏鹰, Gazelle 瞪羚 …) held by an enterprise, keyed by the register's id.</summary>
[NotAudited]
public sealed class RegisteredQualification : CopiedRow<long>
{
    private RegisteredQualification()
    {
    }

    public RegisteredQualification(long id, string creditCode, string type, DateOnly grantedOn, DateOnly expiresOn,
        QualificationStatus status, DateTimeOffset lastEventAt) : base(id, lastEventAt)
    {
        CreditCode = creditCode;
        Type = type;
        GrantedOn = grantedOn;
        ExpiresOn = expiresOn;
        Status = status;
    }

    public string CreditCode { get; private set; } = null!;
    public string Type { get; private set; } = null!;
    public DateOnly GrantedOn { get; private set; }

    /// <summary>The last day it holds.</summary>
    public DateOnly ExpiresOn { get; private set; }
    public QualificationStatus Status { get; private set; }

    /// <summary>
    /// Takes the news unless it is older than what the row already holds. Returns whether anything a metric
    /// counts changed: the same grant published again only moves <see cref="CopiedRow{TId}.LastEventAt"/>. A qualification
    /// never changes holder at the register, so the row keeps the holder it was recorded with.
    /// </summary>
    public bool Apply(string type, DateOnly grantedOn, DateOnly expiresOn, QualificationStatus status, DateTimeOffset occurredAt)
    {
        var changed = type != Type || grantedOn != GrantedOn || expiresOn != ExpiresOn || status != Status;
        if (!Takes(occurredAt))
        {
            return false;
        }

        (Type, GrantedOn, ExpiresOn, Status) = (type, grantedOn, expiresOn, status);
        return changed;
    }
}

/// <summary>
/// A designation of an enterprise: listed on a board (上市), on the listing reserve list (上市后备), a
/// unicorn or a potential unicorn (独角兽 / 潜在独角兽), from <see cref="Since"/> until the day before
/// <see cref="EndedOn"/>. A withdrawn one was recorded in error and counts nowhere.
/// </summary>
[NotAudited]
public sealed class RegisteredDesignation : CopiedRow<long>
{
    private RegisteredDesignation()
    {
    }

    public RegisteredDesignation(long id, string creditCode, string kind, string? board, DateOnly since, DateOnly? endedOn, bool withdrawn,
        DateTimeOffset lastEventAt) : base(id, lastEventAt)
    {
        CreditCode = creditCode;
        Kind = kind;
        Board = board;
        Since = since;
        EndedOn = endedOn;
        Withdrawn = withdrawn;
    }

    public string CreditCode { get; private set; } = null!;

    /// <summary>Listed, ListingReserve, Unicorn or PotentialUnicorn.</summary>
    public string Kind { get; private set; } = null!;

    /// <summary>The board of a listing (科创板, 主板 …).</summary>
    public string? Board { get; private set; }

    public DateOnly Since { get; private set; }

    /// <summary>The first day it no longer held; null while it holds.</summary>
    public DateOnly? EndedOn { get; private set; }

    public bool Withdrawn { get; private set; }

    /// <summary>
    /// Takes the news unless it is older than what the row already holds. Returns whether anything a metric
    /// counts changed. A designation never changes holder at the register.
    /// </summary>
    public bool Apply(string kind, string? board, DateOnly since, DateOnly? endedOn, bool withdrawn, DateTimeOffset occurredAt)
    {
        var changed = kind != Kind || since != Since || endedOn != EndedOn || withdrawn != Withdrawn;
        if (!Takes(occurredAt))
        {
            return false;
        }

        (Kind, Board, Since, EndedOn, Withdrawn) = (kind, board, since, endedOn, withdrawn);
        return changed;
    }
}
