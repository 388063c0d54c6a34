using Persistence.Audit;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Enterprises.Api.Domain;

/// <summary>
/// An enterprise on the register, identified by its Unified Social Credit Code (统一社会信用代码). It
/// changes only through its methods, which hold the rules that involve its other records: the
/// founding date precedes its annual reports, grants and designations, grants of one type do not
/// overlap, and neither do designations of one kind.
/// </summary>
public sealed class Enterprise : VersionedEntity, IAuditedResource, ISitedInRegion
{
    private Enterprise()
    {
    }

    private Enterprise(string creditCode, EnterpriseDetails details, DateTimeOffset now) : base(now)
    {
        CreditCode = creditCode;
        Set(details);
    }

    /// <summary>18 characters, upper-case, check characters valid per GB 32100-2015.</summary>
    public string CreditCode { get; private set; } = null!;

    /// <summary>The registered Chinese name.</summary>
    public string Name { get; private set; } = null!;

    public string? NameEn { get; private set; }

    /// <summary>The district it is registered in (never 120000, never a functional zone).</summary>
    public string RegionCode { get; private set; } = null!;

    /// <summary>The functional zone (12Znn) it sits in, if any.</summary>
    public string? ZoneCode { get; private set; }

    public string? Industry { get; private set; }

    public DateOnly FoundedOn { get; private set; }

    /// <summary>Its qualifications, as far as a query loaded them (all, or those held today).</summary>
    public List<Qualification> Qualifications { get; private set; } = [];

    public List<AnnualReport> AnnualReports { get; private set; } = [];

    /// <summary>Its designations, as far as a query loaded them (the current ones, for the summary).</summary>
    public List<Designation> Designations { get; private set; } = [];

    public EnterpriseDetails Details => new(Name, NameEn, RegionCode, ZoneCode, Industry, FoundedOn);

    public string AuditKey => CreditCode;

    /// <summary>A new enterprise on the register, at version 1.</summary>
    public static Enterprise Register(string creditCode, EnterpriseDetails details, DateTimeOffset now)
    {
        if (SharedKernel.Identifiers.CreditCode.Problem(creditCode) is { } problem)
        {
            throw new RuleViolationException("creditCode", problem);
        }

        return new Enterprise(creditCode, details, now);
    }

    /// <summary>
    /// Replaces the registered details; false when they are the same. A new founding date is checked
    /// against <paramref name="firstRecords"/>, the enterprise's earliest report and grant, which the
    /// caller loads only when the founding date moves.
    /// </summary>
    public bool Change(EnterpriseDetails details, FirstRecords? firstRecords, DateTimeOffset now)
    {
        if (details == Details)
        {
            return false;
        }

        if (details.FoundedOn != FoundedOn)
        {
            var records = firstRecords ?? throw new ArgumentNullException(nameof(firstRecords), "A new founding date needs the enterprise's first records.");
            records.EnsureNotBefore(details.FoundedOn);
        }

        Set(details);
        Touch(now);
        return true;
    }

    /// <summary>A report covers a year from the founding year to the current one.</summary>
    public void EnsureMayReport(int year, DateOnly today)
    {
        if (year < FoundedOn.Year)
        {
            throw new RuleViolationException("year", $"{year} is before the enterprise was founded ({FoundedOn:yyyy-MM-dd}).");
        }

        if (year > today.Year)
        {
            throw new RuleViolationException("year", $"{year} has not begun; reports cover the current year ({today.Year}) at the latest.");
        }
    }

    /// <summary>The enterprise's first report for <paramref name="year"/>.</summary>
    public AnnualReport FileAnnualReport(int year, AnnualFigures figures, DateOnly today, DateTimeOffset now)
    {
        EnsureMayReport(year, today);
        return new AnnualReport(CreditCode, year, figures, now);
    }

    /// <summary>
    /// A new qualification. It may not predate the enterprise, nor overlap a valid one of the same type
    /// in <paramref name="held"/> (the enterprise's valid qualifications of that type). Without
    /// <paramref name="expiresOn"/> the type's default term applies. A grant whose term has already
    /// ended (registered late) is recorded as expired.
    /// </summary>
    public Qualification Grant(QualificationType type, string? certificateNumber, DateOnly grantedOn, DateOnly? expiresOn,
        IEnumerable<Qualification> held, DateOnly today)
    {
        var ends = expiresOn ?? QualificationTerms.DefaultExpiry(type, grantedOn)
            ?? throw new RuleViolationException("expiresOn", $"'expiresOn' is required for {type}: its term is set by each decision.");
        if (grantedOn < FoundedOn)
        {
            throw new RuleViolationException("grantedOn", $"The enterprise was founded on {FoundedOn:yyyy-MM-dd}, after this grant.");
        }

        if (ends <= grantedOn)
        {
            throw new RuleViolationException("expiresOn", "'expiresOn' must be after 'grantedOn'.");
        }

        if (held.FirstOrDefault(q => q.Overlaps(type, grantedOn, ends)) is { } overlapping)
        {
            throw new ConflictException(EnterpriseErrors.QualificationOverlaps,
                $"Enterprise '{CreditCode}' already holds a valid {type} qualification ({overlapping.Id}, " +
                $"{overlapping.GrantedOn:yyyy-MM-dd} to {overlapping.ExpiresOn:yyyy-MM-dd}) overlapping {grantedOn:yyyy-MM-dd} to {ends:yyyy-MM-dd}.");
        }

        var qualification = new Qualification(CreditCode, type, certificateNumber, grantedOn, ends);
        qualification.ExpireIfEnded(today);
        return qualification;
    }

    /// <summary>
    /// A new current designation from <paramref name="since"/>: not in the future, not before the
    /// enterprise was founded, with a board when Listed and without one otherwise. It may not share a
    /// day with another of its kind in <paramref name="held"/> (the enterprise's designations that are
    /// not withdrawn), so there is at most one current designation of each kind. A step up on the
    /// <see cref="DesignationLadder"/> ends the current step below on <paramref name="since"/>; the
    /// step below is refused while the step above holds.
    /// </summary>
    public Designated Designate(DesignationKind kind, ListingBoard? board, DateOnly since, string? notes, string? documentReference,
        IReadOnlyCollection<Designation> held, DateOnly today, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind == DesignationKind.Listed && board is null)
        {
            errors["board"] = ["'board' is required for Listed: sseMain, szseMain, star, chinext, bse, hkex or overseas."];
        }
        else if (kind != DesignationKind.Listed && board is not null)
        {
            errors["board"] = [$"'board' applies to Listed only; a {kind} designation has none."];
        }

        if (since > today)
        {
            errors["since"] = ["'since' must not be in the future."];
        }
        else if (since < FoundedOn)
        {
            errors["since"] = [$"The enterprise was founded on {FoundedOn:yyyy-MM-dd}, after this designation began."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        if (held.FirstOrDefault(d => d.Overlaps(kind, since)) is { } overlapping)
        {
            var period = overlapping.EndedOn is { } ended ? $"{overlapping.Since:yyyy-MM-dd} to {ended.AddDays(-1):yyyy-MM-dd}" : $"since {overlapping.Since:yyyy-MM-dd}";
            throw new ConflictException(EnterpriseErrors.DesignationOverlaps,
                $"Enterprise '{CreditCode}' already holds a {kind} designation ({overlapping.Id}, {period}) sharing days with one from {since:yyyy-MM-dd}.");
        }

        if (DesignationLadder.Above(kind) is { } above && Current(held, above) is { } higher)
        {
            throw new ConflictException(EnterpriseErrors.DesignationSuperseded,
                $"Enterprise '{CreditCode}' holds a current {above} designation ({higher.Id}, since {higher.Since:yyyy-MM-dd}); " +
                $"it is not also {kind}. End or withdraw that designation first.");
        }

        var lower = DesignationLadder.Below(kind) is { } below ? Current(held, below) : null;
        if (lower is not null)
        {
            if (lower.Since > since)
            {
                throw new RuleViolationException("since", $"The enterprise is {lower.Kind} from {lower.Since:yyyy-MM-dd}, after this {kind} " +
                    $"designation began; end or withdraw designation {lower.Id} first.");
            }

            lower.End(since, DesignationLadder.StepUpReason(kind, board), today, now);
        }

        return new Designated(new Designation(CreditCode, kind, board, since, notes, documentReference, now), lower);
    }

    private static Designation? Current(IEnumerable<Designation> held, DesignationKind kind) =>
        held.FirstOrDefault(d => d.Kind == kind && d.Status == DesignationStatus.Current);

    private void Set(EnterpriseDetails details)
    {
        Name = details.Name;
        NameEn = details.NameEn;
        RegionCode = details.RegionCode;
        ZoneCode = details.ZoneCode;
        Industry = details.Industry;
        FoundedOn = details.FoundedOn;
    }
}

/// <summary>Domain error codes of the Enterprises service (the <c>code</c> of its problem details).</summary>
public static class EnterpriseErrors
{
    public const string QualificationOverlaps = "qualificationOverlaps";
    public const string QualificationNotValid = "qualificationNotValid";
    public const string DesignationOverlaps = "designationOverlaps";
    public const string DesignationSuperseded = "designationSuperseded";
    public const string DesignationNotCurrent = "designationNotCurrent";
    public const string DesignationWithdrawn = "designationWithdrawn";
}
