using Persistence.Audit;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Talent.Api.Domain;

/// <summary>What a commissioner serves: an enterprise of the register, a village, or a cooperative.</summary>
/// <param name="CreditCode">The enterprise's (checked against the register) or the cooperative's credit code.</param>
/// <param name="Name">Its name (for an enterprise, as the register has it).</param>
/// <param name="RegionCode">The district it is in.</param>
public sealed record ServedParty(ServedKind Kind, string? CreditCode, string Name, string RegionCode, string? ZoneCode)
{
    /// <summary>Whether this is the same enterprise, village or cooperative: by credit code where both have one, by kind, name and district otherwise.</summary>
    public bool IsSameAs(ServedParty other) => CreditCode is not null && other.CreditCode is not null
        ? CreditCode == other.CreditCode
        : Kind == other.Kind && Name == other.Name && RegionCode == other.RegionCode;
}

/// <summary>What the commissioner serves it with, and for how long.</summary>
public sealed record AssignmentTerms(string? Field, string? Goals, DateOnly StartsOn, DateOnly EndsOn, Guid? SupportTeamId);

/// <summary>A yearly appraisal of an assignment.</summary>
public sealed class Appraisal
{
    private Appraisal()
    {
    }

    internal Appraisal(int year, AppraisalGrade grade, string? note)
    {
        Year = year;
        Grade = grade;
        Note = note;
    }

    public int Year { get; private set; }
    public AppraisalGrade Grade { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>
/// A person assigned as science-and-technology commissioner (科技特派员) to an enterprise, a village or
/// a cooperative for a period, with a support team (科技帮扶团队) where one backs them, appraised
/// once a year. Two assignments of one person to the same party never overlap.
/// </summary>
public sealed class CommissionerAssignment : VersionedEntity, IAuditedResource
{
    private CommissionerAssignment()
    {
    }

    private CommissionerAssignment(Person person, ServedParty served, AssignmentTerms terms, DateTimeOffset now) : base(now)
    {
        TalentId = person.Id;
        Nationality = person.Nationality;
        ServedKind = served.Kind;
        ServedCreditCode = served.CreditCode;
        ServedName = served.Name;
        RegionCode = served.RegionCode;
        ZoneCode = served.ZoneCode;
        Field = terms.Field;
        Goals = terms.Goals;
        StartsOn = terms.StartsOn;
        EndsOn = terms.EndsOn;
        SupportTeamId = terms.SupportTeamId;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TalentId { get; private set; }
    public string Nationality { get; private set; } = null!;
    public ServedKind ServedKind { get; private set; }
    public string? ServedCreditCode { get; private set; }
    public string ServedName { get; private set; } = null!;
    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }
    public string? Field { get; private set; }
    public string? Goals { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public Guid? SupportTeamId { get; private set; }
    public List<Appraisal> Appraisals { get; private set; } = [];

    public ServedParty Served => new(ServedKind, ServedCreditCode, ServedName, RegionCode, ZoneCode);

    public string AuditKey => Id.ToString();

    /// <summary>
    /// A new assignment. <paramref name="earlier"/>: the person's other assignments (any party); one to
    /// the same party whose period shares a day with this one is refused.
    /// </summary>
    public static CommissionerAssignment Assign(Person person, ServedParty served, AssignmentTerms terms,
        IEnumerable<CommissionerAssignment> earlier, DateTimeOffset now)
    {
        if (terms.EndsOn < terms.StartsOn)
        {
            throw new RuleViolationException("endsOn", "'endsOn' must not be before 'startsOn': the period ends before it starts.");
        }

        if (earlier.FirstOrDefault(a => a.TalentId == person.Id && a.Served.IsSameAs(served)
                && a.StartsOn <= terms.EndsOn && terms.StartsOn <= a.EndsOn) is { } overlapping)
        {
            throw new ConflictException(TalentErrors.AssignmentOverlaps,
                $"The person is already assigned to {served.Name} from {overlapping.StartsOn:yyyy-MM-dd} to {overlapping.EndsOn:yyyy-MM-dd} " +
                $"({overlapping.Id}), which overlaps {terms.StartsOn:yyyy-MM-dd} to {terms.EndsOn:yyyy-MM-dd}.");
        }

        return new CommissionerAssignment(person, served, terms, now);
    }

    /// <summary>Whether the commissioner serves on <paramref name="day"/>.</summary>
    public bool IsActiveOn(DateOnly day) => StartsOn <= day && day <= EndsOn;

    /// <summary>The appraisal of a year the assignment ran in, up to the current one; one per year.</summary>
    public Appraisal Appraise(int year, AppraisalGrade grade, string? note, DateOnly today, DateTimeOffset now)
    {
        if (year < StartsOn.Year || year > EndsOn.Year)
        {
            throw new RuleViolationException("year", $"The assignment ran from {StartsOn.Year} to {EndsOn.Year}; {year} is outside it.");
        }

        if (year > today.Year)
        {
            throw new RuleViolationException("year", $"{year} has not begun; appraise the current year ({today.Year}) at the latest.");
        }

        if (Appraisals.Any(a => a.Year == year))
        {
            throw new ConflictException(TalentErrors.AlreadyAppraised, $"Assignment {Id} already has its appraisal for {year}.");
        }

        var appraisal = new Appraisal(year, grade, note);
        Appraisals.Add(appraisal);
        Touch(now);
        return appraisal;
    }
}
