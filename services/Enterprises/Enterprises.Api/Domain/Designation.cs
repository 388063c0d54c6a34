using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Persistence.Audit;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Enterprises.Api.Domain;

/// <summary>What the plans count beyond the growth ladder. On the wire, and in events, by these names.</summary>
public enum DesignationKind
{
    /// <summary>上市 — listed on a stock exchange (the board is required).</summary>
    [JsonStringEnumMemberName("Listed")] Listed,
    /// <summary>上市后备 — on the listing reserve list (上市后备企业库).</summary>
    [JsonStringEnumMemberName("ListingReserve")] ListingReserve,
    /// <summary>独角兽 — a unicorn.</summary>
    [JsonStringEnumMemberName("Unicorn")] Unicorn,
    /// <summary>潜在独角兽 — a potential unicorn.</summary>
    [JsonStringEnumMemberName("PotentialUnicorn")] PotentialUnicorn,
}

/// <summary>The board a listed enterprise trades on, by a stable code (also the code events carry).</summary>
public enum ListingBoard
{
    /// <summary>上交所主板 — Shanghai Stock Exchange main board.</summary>
    [JsonStringEnumMemberName("sseMain")] SseMain,
    /// <summary>深交所主板 — Shenzhen Stock Exchange main board.</summary>
    [JsonStringEnumMemberName("szseMain")] SzseMain,
    /// <summary>科创板 — the STAR Market (Shanghai).</summary>
    [JsonStringEnumMemberName("star")] Star,
    /// <summary>创业板 — ChiNext (Shenzhen).</summary>
    [JsonStringEnumMemberName("chinext")] ChiNext,
    /// <summary>北交所 — Beijing Stock Exchange.</summary>
    [JsonStringEnumMemberName("bse")] Bse,
    /// <summary>港交所 — Hong Kong Exchanges.</summary>
    [JsonStringEnumMemberName("hkex")] Hkex,
    /// <summary>境外 — any other exchange outside the mainland.</summary>
    [JsonStringEnumMemberName("overseas")] Overseas,
}

/// <summary>The Chinese names of the boards, as the lists and notices write them.</summary>
public static class ListingBoards
{
    public static string ChineseName(ListingBoard board) => board switch
    {
        ListingBoard.SseMain => "上交所主板",
        ListingBoard.SzseMain => "深交所主板",
        ListingBoard.Star => "科创板",
        ListingBoard.ChiNext => "创业板",
        ListingBoard.Bse => "北交所",
        ListingBoard.Hkex => "港交所",
        ListingBoard.Overseas => "境外",
        _ => throw new ArgumentOutOfRangeException(nameof(board), board, null),
    };
}

/// <summary>
/// The steps up: a listing (上市) follows the listing reserve list (上市后备), and a unicorn (独角兽)
/// was a potential unicorn (潜在独角兽). The step up ends the step below on its first day, so that
/// no enterprise counts on both; the step below is not taken while the step above holds.
/// </summary>
public static class DesignationLadder
{
    /// <summary>The kind that <paramref name="kind"/> ends when it is added, if any.</summary>
    public static DesignationKind? Below(DesignationKind kind) => kind switch
    {
        DesignationKind.Listed => DesignationKind.ListingReserve,
        DesignationKind.Unicorn => DesignationKind.PotentialUnicorn,
        _ => null,
    };

    /// <summary>The kind that, while it holds, refuses <paramref name="kind"/>, if any.</summary>
    public static DesignationKind? Above(DesignationKind kind) => kind switch
    {
        DesignationKind.ListingReserve => DesignationKind.Listed,
        DesignationKind.PotentialUnicorn => DesignationKind.Unicorn,
        _ => null,
    };

    /// <summary>The reason recorded on the step below when the step up ends it.</summary>
    public static string StepUpReason(DesignationKind kind, ListingBoard? board) => kind switch
    {
        DesignationKind.Listed => $"已上市（{ListingBoards.ChineseName(board!.Value)}）",
        DesignationKind.Unicorn => "已认定为独角兽",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>What <see cref="Enterprise.Designate"/> did: the new designation, and the step below it ended on its first day.</summary>
public sealed record Designated(Designation Added, Designation? SteppedUpFrom);

/// <summary>current (holds today), ended (held from since to endedOn), or withdrawn (recorded in error; counts nowhere).</summary>
public enum DesignationStatus
{
    Current,
    Ended,
    Withdrawn,
}

/// <summary>
/// A designation of an enterprise from <see cref="Since"/> until the day before <see cref="EndedOn"/>,
/// made through <see cref="Enterprise.Designate"/>. It ends (delisted, left the list, no longer a
/// unicorn) or is withdrawn when it was recorded in error; a withdrawn designation never held.
/// </summary>
public sealed class Designation : VersionedEntity, IAuditedResource
{
    /// <summary>Neither withdrawn nor ended: the designations an enterprise holds now, for the queries to evaluate.</summary>
    public static readonly Expression<Func<Designation, bool>> IsCurrent = d => !d.Withdrawn && d.EndedOn == null;

    private Designation()
    {
    }

    internal Designation(string creditCode, DesignationKind kind, ListingBoard? board, DateOnly since, string? notes, string? documentReference,
        DateTimeOffset now) : base(now)
    {
        CreditCode = creditCode;
        Kind = kind;
        Board = board;
        Since = since;
        Notes = Tidy(notes);
        DocumentReference = Tidy(documentReference);
    }

    public long Id { get; private set; }
    public string CreditCode { get; private set; } = null!;
    public DesignationKind Kind { get; private set; }
    /// <summary>Where it is listed; only for <see cref="DesignationKind.Listed"/>.</summary>
    public ListingBoard? Board { get; private set; }
    /// <summary>The first day it holds.</summary>
    public DateOnly Since { get; private set; }
    /// <summary>The first day it no longer holds; null while it holds.</summary>
    public DateOnly? EndedOn { get; private set; }
    public string? EndReason { get; private set; }
    public bool Withdrawn { get; private set; }
    /// <summary>The day it was withdrawn as recorded in error.</summary>
    public DateOnly? WithdrawnOn { get; private set; }
    public string? WithdrawalReason { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>Where it is published: the list, the notice, the exchange's announcement.</summary>
    public string? DocumentReference { get; private set; }

    public DesignationStatus Status => Withdrawn ? DesignationStatus.Withdrawn
        : EndedOn is null ? DesignationStatus.Current
        : DesignationStatus.Ended;

    /// <summary>Known before the row has its id, so the audit record of the creation names it too.</summary>
    public string AuditKey => $"{CreditCode}/{Kind}/{Since:yyyy-MM-dd}";

    /// <summary>
    /// Whether this designation of <paramref name="kind"/> shares a day with one held from
    /// <paramref name="since"/> on: a current one always does, an ended one when it ended after that day.
    /// </summary>
    public bool Overlaps(DesignationKind kind, DateOnly since) => !Withdrawn && Kind == kind && (EndedOn is null || EndedOn > since);

    /// <summary>Ends a current designation on <paramref name="endedOn"/>, the first day it no longer holds.</summary>
    public void End(DateOnly endedOn, string reason, DateOnly today, DateTimeOffset now)
    {
        if (Status != DesignationStatus.Current)
        {
            throw new ConflictException(EnterpriseErrors.DesignationNotCurrent,
                $"Designation {Id} is {Status.ToString().ToLowerInvariant()}; only a current one can be ended.");
        }

        var problem = endedOn < Since ? $"'endedOn' must not be before 'since' ({Since:yyyy-MM-dd})."
            : endedOn > today ? "'endedOn' must not be in the future."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("endedOn", problem);
        }

        EndedOn = endedOn;
        EndReason = reason.Trim();
        Touch(now);
    }

    /// <summary>Marks a current or ended designation as recorded in error, as of today; from then on it counts nowhere.</summary>
    public void Withdraw(string reason, DateOnly today, DateTimeOffset now)
    {
        if (Withdrawn)
        {
            throw new ConflictException(EnterpriseErrors.DesignationWithdrawn,
                $"Designation {Id} was withdrawn on {WithdrawnOn:yyyy-MM-dd} already.");
        }

        Withdrawn = true;
        WithdrawnOn = today;
        WithdrawalReason = reason.Trim();
        Touch(now);
    }

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
