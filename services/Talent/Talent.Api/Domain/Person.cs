using Persistence.Audit;
using SharedKernel.Domain;
using SharedKernel.Errors;
using SharedKernel.PersonalData;

namespace Talent.Api.Domain;

/// <summary>
/// A person on the talent register. The identity number and the phone are personal data: stored
/// encrypted, the number also as a keyed hash through which it is found, shown in clear only to
/// holders of talent.pii, masked in the audit trail. The document fixes the nationality, and for a
/// resident identity card the date of birth and gender the record must agree with.
/// </summary>
public sealed class Person : VersionedEntity, IAuditedResource
{
    private Person()
    {
    }

    private Person(IdentityDocument document, PersonDetails details, DateTimeOffset now) : base(now)
    {
        DocumentType = document.Type;
        IdNumber = document.Number;
        Nationality = document.Nationality;
        Set(details, document);
    }

    /// <summary>Made here, not by the database, so that the audit record of the registration names it.</summary>
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Name { get; private set; } = null!;

    public DocumentType DocumentType { get; private set; }

    [PersonalData(PersonalDataKind.IdentityNumber, Lookup = true)]
    public string IdNumber { get; private set; } = null!;

    /// <summary>Also found by exact match (POST /api/v1/talents/lookup), hence a keyed hash beside it.</summary>
    [PersonalData(PersonalDataKind.Phone, Lookup = true)]
    public string? Phone { get; private set; }

    public Gender? Gender { get; private set; }

    public int? BirthYear { get; private set; }

    /// <summary>ISO 3166-1 alpha-2; CN for a resident identity card.</summary>
    public string Nationality { get; private set; } = null!;

    public Education? Education { get; private set; }

    /// <summary>Professional title (职称), as the person holds it.</summary>
    public string? Title { get; private set; }

    public string? Field { get; private set; }

    public string? EmployerCreditCode { get; private set; }

    /// <summary>The district the person is registered in.</summary>
    public string RegionCode { get; private set; } = null!;

    /// <summary>The functional zone the person works in, if any.</summary>
    public string? ZoneCode { get; private set; }

    /// <summary>The recognitions loaded with the person (all, or the active ones).</summary>
    public List<Recognition> Recognitions { get; private set; } = [];

    public string AuditKey => Id.ToString();

    public IdentityDocument Document => IdentityDocument.Stored(DocumentType, IdNumber, Nationality);

    public PersonDetails Details => new(Name, Phone, Gender, BirthYear, Education, Title, Field, EmployerCreditCode, RegionCode, ZoneCode);

    /// <summary>A new person at version 1. Gender and birth year left out are taken from a resident identity number.</summary>
    public static Person Register(IdentityDocument document, PersonDetails details, DateTimeOffset now) => new(document, details, now);

    /// <summary>Replaces the details; false when they are the same.</summary>
    public bool Change(PersonDetails details, DateTimeOffset now)
    {
        var completed = Completed(details, Document);
        if (completed == Details)
        {
            return false;
        }

        Set(completed, Document);
        Touch(now);
        return true;
    }

    /// <summary>
    /// A recognition under <paramref name="programme"/> for <paramref name="year"/>. The year lies between
    /// the programme's first year and the current one, the tier is one of the programme's (where it has
    /// tiers), and the person holds no active recognition of the same programme and year
    /// (<paramref name="held"/>: the person's active recognitions of that programme).
    /// </summary>
    public Recognition Recognize(Programme programme, int year, string? tier, DateOnly? recognizedOn, IEnumerable<Recognition> held,
        DateOnly today)
    {
        programme.EnsureAccepts(year, tier, today);
        if (recognizedOn is { } on && (on > today || on.Year < year))
        {
            throw new RuleViolationException("recognizedOn", $"'recognizedOn' must fall between 1 January {year} and today.");
        }

        if (held.FirstOrDefault(r => r.Programme == programme.Code && r.Year == year && r.Status == RecognitionStatus.Active) is { } existing)
        {
            throw new ConflictException(TalentErrors.AlreadyRecognized,
                $"The person already holds an active {programme.Code} recognition for {year} ({existing.Id}).");
        }

        return new Recognition(this, programme.Code, year, programme.CanonicalTier(tier), recognizedOn);
    }

    private void Set(PersonDetails details, IdentityDocument document)
    {
        var completed = Completed(details, document);
        Name = completed.Name;
        Phone = completed.Phone;
        Gender = completed.Gender;
        BirthYear = completed.BirthYear;
        Education = completed.Education;
        Title = completed.Title;
        Field = completed.Field;
        EmployerCreditCode = completed.EmployerCreditCode;
        RegionCode = completed.RegionCode;
        ZoneCode = completed.ZoneCode;
    }

    /// <summary>The details with what the document records filled in, or refused where they disagree with it.</summary>
    private static PersonDetails Completed(PersonDetails details, IdentityDocument document)
    {
        var errors = new Dictionary<string, string[]>();
        if (document.BirthDate is { Year: var born } && details.BirthYear is { } year && year != born)
        {
            errors["birthYear"] = ["'birthYear' does not match the date of birth the identity number records."];
        }

        if (document.Gender is { } recorded && details.Gender is { } gender && gender != recorded)
        {
            errors["gender"] = ["'gender' does not match the gender the identity number records."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        return details with
        {
            BirthYear = details.BirthYear ?? document.BirthDate?.Year,
            Gender = details.Gender ?? document.Gender,
        };
    }
}
