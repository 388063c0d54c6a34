namespace Talent.Api.Domain;

/// <summary>
/// What a person's record says besides the identity document: validated by the commands that set it,
/// checked against the document by <see cref="Person"/>.
/// </summary>
/// <param name="Phone">Normalised (digits, a leading + for an international number), or null.</param>
/// <param name="EmployerCreditCode">The employer, checked against the enterprise register before it gets here.</param>
public sealed record PersonDetails(
    string Name,
    string? Phone,
    Gender? Gender,
    int? BirthYear,
    Education? Education,
    string? Title,
    string? Field,
    string? EmployerCreditCode,
    string RegionCode,
    string? ZoneCode);
