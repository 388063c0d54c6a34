using SharedKernel.PersonalData;
using Talent.Api.Domain;
using Talent.Api.Validation;

namespace Talent.Api.Talents;

/// <summary>
/// The fields of a person a caller sets: the body of PATCH (as a merge patch) and, with the identity
/// document, of POST. Deliberately not marked personal data: a merge patch starts from these fields
/// as stored, and a masked phone must never be merged back and saved.
/// </summary>
public record TalentFields
{
    /// <summary>The person's name as on the identity document.</summary>
    public string? Name { get; init; }
    /// <summary>Mobile (11 digits) or international (+…) phone; spaces and hyphens are dropped. Personal data.</summary>
    public string? Phone { get; init; }
    /// <summary>male or female; for a resident identity card, taken from the number when absent and checked against it.</summary>
    public Gender? Gender { get; init; }
    /// <summary>For a resident identity card, taken from the number when absent and checked against it.</summary>
    public int? BirthYear { get; init; }
    /// <summary>doctorate, master, bachelor or other.</summary>
    public Education? Education { get; init; }
    /// <summary>Professional title (职称), e.g. 正高级工程师.</summary>
    public string? Title { get; init; }
    /// <summary>Field of work, e.g. 新材料.</summary>
    public string? Field { get; init; }
    /// <summary>The employer's Unified Social Credit Code; the enterprise must be on the enterprise register.</summary>
    public string? EmployerCreditCode { get; init; }
    /// <summary>The district the person is registered in (a district code of GET /api/v1/regions).</summary>
    public string? RegionCode { get; init; }
    /// <summary>The functional zone the person works in (12Z01–12Z05), if any.</summary>
    public string? ZoneCode { get; init; }

    public static TalentFields From(PersonDetails d) => new()
    {
        Name = d.Name, Phone = d.Phone, Gender = d.Gender, BirthYear = d.BirthYear, Education = d.Education, Title = d.Title, Field = d.Field,
        EmployerCreditCode = d.EmployerCreditCode, RegionCode = d.RegionCode, ZoneCode = d.ZoneCode,
    };

    /// <summary>The details these (validated) fields set.</summary>
    public PersonDetails ToDetails() => new(Name!.Trim(), PhoneNumber.Normalize(Phone), Gender, BirthYear, Education,
        ParameterRules.Text(Title), ParameterRules.Text(Field), ParameterRules.CreditCode(EmployerCreditCode), RegionCode!.Trim(),
        ParameterRules.Text(ZoneCode));
}

/// <summary>A person to register: the identity document and the fields.</summary>
public sealed record RegisterTalentRequest : TalentFields
{
    /// <summary>residentIdentityCard, passport or foreignPermanentResidence.</summary>
    public DocumentType? DocumentType { get; init; }
    /// <summary>The document's number. Personal data: sent only in a body, stored encrypted, shown masked without talent.pii.</summary>
    public string? IdNumber { get; init; }
    /// <summary>ISO 3166-1 alpha-2; CN (the default) for a resident identity card, another country's for the other documents.</summary>
    public string? Nationality { get; init; }
}

/// <summary>A recognition the person holds (active).</summary>
public sealed record RecognitionSummary(Guid Id, string Programme, int Year, string? Tier)
{
    public static RecognitionSummary From(Recognition r) => new(r.Id, r.Programme, r.Year, r.Tier);
}

/// <summary>A person on the talent register. The identity number and the phone are masked unless the caller holds talent.pii.</summary>
/// <param name="IdNumber">The document's number: 120104********123X masked (a passport number is masked whole).</param>
/// <param name="Phone">138****5678 masked.</param>
/// <param name="Recognitions">The recognitions the person holds (not revoked).</param>
public sealed record TalentResponse(
    Guid Id,
    string Name,
    DocumentType DocumentType,
    [PersonalData(PersonalDataKind.IdentityNumber)] string IdNumber,
    [PersonalData(PersonalDataKind.Phone)] string? Phone,
    Gender? Gender,
    int? BirthYear,
    string Nationality,
    Education? Education,
    string? Title,
    string? Field,
    string? EmployerCreditCode,
    string RegionCode,
    string? ZoneCode,
    IReadOnlyList<RecognitionSummary> Recognitions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TalentResponse From(Person p) => new(p.Id, p.Name, p.DocumentType, p.IdNumber, p.Phone, p.Gender, p.BirthYear, p.Nationality,
        p.Education, p.Title, p.Field, p.EmployerCreditCode, p.RegionCode, p.ZoneCode,
        p.Recognitions.Where(r => r.Status == RecognitionStatus.Active).OrderBy(r => r.Year).ThenBy(r => r.Programme)
            .Select(RecognitionSummary.From).ToList(),
        p.CreatedAt, p.UpdatedAt);
}

/// <summary>A person as a command or query left them, with the version the ETag carries.</summary>
/// <param name="Changed">Whether the command changed the register.</param>
public sealed record TalentResult(TalentResponse Talent, long Version, bool Changed)
{
    public static TalentResult Of(Person p, bool changed) => new(TalentResponse.From(p), p.Version, changed);
}
