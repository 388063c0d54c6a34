using Persistence.Audit;
using SharedKernel.Errors;

namespace Talent.Api.Domain;

/// <summary>
/// A person's recognition under a programme for a year, made by <see cref="Person.Recognize"/>. It
/// keeps where the person was and their nationality when it was made, so that its revocation takes
/// back exactly what its recognition counted.
/// </summary>
public sealed class Recognition : IAuditedResource
{
    private Recognition()
    {
    }

    internal Recognition(Person person, string programme, int year, string? tier, DateOnly? recognizedOn)
    {
        TalentId = person.Id;
        Programme = programme;
        Year = year;
        Tier = tier;
        RecognizedOn = recognizedOn;
        Nationality = person.Nationality;
        RegionCode = person.RegionCode;
        ZoneCode = person.ZoneCode;
        Status = RecognitionStatus.Active;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TalentId { get; private set; }

    /// <summary>The programme's code.</summary>
    public string Programme { get; private set; } = null!;

    public int Year { get; private set; }
    public string? Tier { get; private set; }
    public DateOnly? RecognizedOn { get; private set; }
    public RecognitionStatus Status { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public string? RevocationReason { get; private set; }
    public string Nationality { get; private set; } = null!;
    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    public string AuditKey => $"{TalentId}/{Programme}/{Year}";

    /// <summary>Revokes an active recognition as of a day from its year to today.</summary>
    public void Revoke(DateOnly revokedOn, string reason, DateOnly today)
    {
        if (Status != RecognitionStatus.Active)
        {
            throw new ConflictException(TalentErrors.RecognitionNotActive, $"Recognition {Id} is already revoked.");
        }

        var earliest = RecognizedOn ?? new DateOnly(Year, 1, 1);
        var problem = revokedOn < earliest ? $"'revokedOn' must not be before the recognition ({earliest:yyyy-MM-dd})."
            : revokedOn > today ? "'revokedOn' must not be in the future."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("revokedOn", problem);
        }

        Status = RecognitionStatus.Revoked;
        RevokedOn = revokedOn;
        RevocationReason = reason;
    }
}
