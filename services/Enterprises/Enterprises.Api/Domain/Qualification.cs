using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Persistence.Audit;
using ServiceDefaults.Paging;
using SharedKernel.Errors;

namespace Enterprises.Api.Domain;

/// <summary>The recognitions on Tianjin's growth ladder for technology enterprises. On the wire by their names (<c>HighTech</c>).</summary>
public enum QualificationType
{
    /// <summary>科技型中小企业: evaluated every year, valid for the year of its grant.</summary>
    [JsonStringEnumMemberName("TechSme")] TechSme,
    /// <summary>国家高新技术企业: valid three years.</summary>
    [JsonStringEnumMemberName("HighTech")] HighTech,
    /// <summary>雏鹰 — the first rung of Tianjin's growth ladder.</summary>
    [JsonStringEnumMemberName("Eagle")] Eagle,
    /// <summary>瞪羚 — fast-growing enterprises.</summary>
    [JsonStringEnumMemberName("Gazelle")] Gazelle,
    /// <summary>科技领军 — leading enterprises.</summary>
    [JsonStringEnumMemberName("Leader")] Leader,
    /// <summary>科技领军(培育) — candidates being cultivated to lead.</summary>
    [JsonStringEnumMemberName("LeaderCultivation")] LeaderCultivation,
}

/// <summary>valid → expired (by the daily expiry pass) or valid → revoked (by a decision).</summary>
public enum QualificationStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>A qualification granted to an enterprise for a period, through <see cref="Enterprise.Grant"/>.</summary>
public sealed class Qualification : IAuditedResource
{
    private Qualification()
    {
    }

    internal Qualification(string creditCode, QualificationType type, string? certificateNumber, DateOnly grantedOn, DateOnly expiresOn)
    {
        CreditCode = creditCode;
        Type = type;
        CertificateNumber = string.IsNullOrWhiteSpace(certificateNumber) ? null : certificateNumber.Trim();
        GrantedOn = grantedOn;
        ExpiresOn = expiresOn;
        Status = QualificationStatus.Valid;
    }

    public long Id { get; private set; }
    public string CreditCode { get; private set; } = null!;
    public QualificationType Type { get; private set; }
    /// <summary>证书编号.</summary>
    public string? CertificateNumber { get; private set; }
    public DateOnly GrantedOn { get; private set; }
    /// <summary>The last day it holds.</summary>
    public DateOnly ExpiresOn { get; private set; }
    public QualificationStatus Status { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public string? RevocationReason { get; private set; }
    /// <summary>The first day it no longer held (the day after <see cref="ExpiresOn"/>), once the expiry pass has seen it.</summary>
    public DateOnly? ExpiredOn { get; private set; }

    /// <summary>Known before the row has its id, so the audit record of the grant names it too.</summary>
    public string AuditKey => $"{CreditCode}/{Type}/{GrantedOn:yyyy-MM-dd}";

    /// <summary>
    /// Held on <paramref name="day"/>: valid and within its term. The one meaning of "holds today" for the queries (the
    /// list's filter and holdings, the cultivation pool), written once for the database to evaluate.
    /// <para>
    /// The day is a literal of the statement, not a parameter: PostgreSQL then keeps one plan of a statement for the day
    /// (a generic plan) where, not knowing the day, it estimated a few thousand holders instead of fifty thousand and
    /// planned the list filtered by qualification again on every request (0.4 ms of its 1 ms at 1,000,000 enterprises).
    /// A statement a day is one more compilation a day for EF and for the server.
    /// </para>
    /// </summary>
    public static Expression<Func<Qualification, bool>> HeldOn(DateOnly day) =>
        Literals.Bind((Qualification q, DateOnly on) => q.Status == QualificationStatus.Valid && q.GrantedOn <= on && q.ExpiresOn >= on, day);

    /// <summary>Whether this is a valid qualification of <paramref name="type"/> whose term shares a day with <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool Overlaps(QualificationType type, DateOnly from, DateOnly to) =>
        Status == QualificationStatus.Valid && Type == type && GrantedOn <= to && from <= ExpiresOn;

    public void Revoke(DateOnly revokedOn, string reason, DateOnly today)
    {
        if (Status != QualificationStatus.Valid)
        {
            throw new ConflictException(EnterpriseErrors.QualificationNotValid,
                $"Qualification {Id} is {Status.ToString().ToLowerInvariant()}; only a valid one can be revoked.");
        }

        var problem = revokedOn < GrantedOn ? $"'revokedOn' must not be before the grant ({GrantedOn:yyyy-MM-dd})."
            : revokedOn > ExpiresOn ? $"'revokedOn' must not be after the qualification ended ({ExpiresOn:yyyy-MM-dd})."
            : revokedOn > today ? "'revokedOn' must not be in the future."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("revokedOn", problem);
        }

        Status = QualificationStatus.Revoked;
        RevokedOn = revokedOn;
        RevocationReason = reason;
    }

    /// <summary>Moves a valid qualification past its end to expired; returns false when there is nothing to do.</summary>
    public bool ExpireIfEnded(DateOnly today)
    {
        if (Status != QualificationStatus.Valid || ExpiresOn >= today)
        {
            return false;
        }

        Status = QualificationStatus.Expired;
        ExpiredOn = ExpiresOn.AddDays(1);
        return true;
    }
}
