using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>
/// The local copy of an enterprise in the Enterprises register, kept from its events (and rebuilt by
/// reconciliation): only what the metrics need, where it is. Not audited: it mirrors another system.
/// </summary>
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

    /// <summary>When the latest change applied to this row happened at the register; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>
    /// Takes the news unless it is older than what the row already holds. Returns whether the enterprise
    /// moved: news that only confirms where it is (a renamed enterprise) moves no count.
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
}

/// <summary>The lifecycle state of a qualification in the register.</summary>
public enum QualificationStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>
/// The local copy of a qualification (HighTech, TechSme, Eagle 雏鹰, Gazelle 瞪羚 …) held by an
/// enterprise, keyed by the register's own id. Not audited: it mirrors another system.
/// </summary>
[NotAudited]
public sealed class RegisteredQualification
{
    private RegisteredQualification()
    {
    }

    public RegisteredQualification(long id, string creditCode, string type, DateOnly grantedOn, DateOnly expiresOn,
        QualificationStatus status, DateTimeOffset lastEventAt)
    {
        Id = id;
        CreditCode = creditCode;
        Type = type;
        GrantedOn = grantedOn;
        ExpiresOn = expiresOn;
        Status = status;
        LastEventAt = lastEventAt;
    }

    /// <summary>The register's id of the qualification.</summary>
    public long Id { get; private set; }
    public string CreditCode { get; private set; } = null!;
    public string Type { get; private set; } = null!;
    public DateOnly GrantedOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    public QualificationStatus Status { get; private set; }

    /// <summary>When the latest change applied to this row happened at the register; older news is ignored,
    /// so a stale redelivered grant cannot bring a revoked qualification back.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>
    /// Takes the news unless it is older than what the row already holds. Returns whether anything a metric
    /// counts changed: the same grant published again only moves <see cref="LastEventAt"/>.
    /// </summary>
    public bool Apply(string creditCode, string type, DateOnly grantedOn, DateOnly expiresOn, QualificationStatus status,
        DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return false;
        }

        var changed = creditCode != CreditCode || type != Type || grantedOn != GrantedOn || expiresOn != ExpiresOn || status != Status;
        CreditCode = creditCode;
        Type = type;
        GrantedOn = grantedOn;
        ExpiresOn = expiresOn;
        Status = status;
        LastEventAt = occurredAt;
        return changed;
    }
}
