using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

// The local copy of the Talent register: only what the metrics need (no person, no name, no
// document: ids, programmes, nationality classes, places and dates), kept from its events and
// rebuilt by reconciliation. Not audited: it mirrors another system. Each row keeps the time of the
// latest news applied to it, and older news is ignored.

/// <summary>A recognition of a person under a programme: where it counts, and whether it was revoked.</summary>
[NotAudited]
public sealed class RegisteredRecognition
{
    private RegisteredRecognition()
    {
    }

    public RegisteredRecognition(Guid id, string programme, bool foreign, string regionCode, string? zoneCode, DateOnly? revokedOn,
        DateTimeOffset lastEventAt)
    {
        Id = id;
        Programme = programme;
        Foreign = foreign;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        RevokedOn = revokedOn;
        LastEventAt = lastEventAt;
    }

    public Guid Id { get; private set; }
    public string Programme { get; private set; } = null!;

    /// <summary>Whether the person's nationality when recognised was other than CN.</summary>
    public bool Foreign { get; private set; }

    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    /// <summary>The day the revocation takes effect; null while it stands.</summary>
    public DateOnly? RevokedOn { get; private set; }

    /// <summary>When the latest news applied here happened at the register; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Takes the news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(string programme, bool foreign, string regionCode, string? zoneCode, DateOnly? revokedOn, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return false;
        }

        var changed = programme != Programme || foreign != Foreign || regionCode != RegionCode || zoneCode != ZoneCode || revokedOn != RevokedOn;
        (Programme, Foreign, RegionCode, ZoneCode, RevokedOn, LastEventAt) = (programme, foreign, regionCode, zoneCode, revokedOn, occurredAt);
        return changed;
    }
}

/// <summary>A commissioner's assignment (科技特派员): who, where, for which days, and the latest yearly appraisal.</summary>
[NotAudited]
public sealed class RegisteredCommissioner
{
    private RegisteredCommissioner()
    {
    }

    public RegisteredCommissioner(Guid id, Guid talentId, string regionCode, string? zoneCode, DateOnly startsOn, DateOnly endsOn,
        DateTimeOffset lastEventAt)
    {
        Id = id;
        TalentId = talentId;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        StartsOn = startsOn;
        EndsOn = endsOn;
        LastEventAt = lastEventAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The person, by id only: a commissioner counts once however many assignments they hold.</summary>
    public Guid TalentId { get; private set; }

    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }

    /// <summary>The latest year appraised; null before the first appraisal.</summary>
    public int? AppraisedYear { get; private set; }

    /// <summary>Whether that year's grade is excellent (优秀).</summary>
    public bool AppraisedExcellent { get; private set; }

    /// <summary>When the latest news of the assignment applied here happened at the register; older news is ignored.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    /// <summary>Takes the assignment's news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(Guid talentId, string regionCode, string? zoneCode, DateOnly startsOn, DateOnly endsOn, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return false;
        }

        var changed = talentId != TalentId || regionCode != RegionCode || zoneCode != ZoneCode || startsOn != StartsOn || endsOn != EndsOn;
        (TalentId, RegionCode, ZoneCode, StartsOn, EndsOn, LastEventAt) = (talentId, regionCode, zoneCode, startsOn, endsOn, occurredAt);
        return changed;
    }

    /// <summary>
    /// Takes a yearly appraisal unless a later year's is already held: appraisals arrive in any order, and the
    /// latest year is the one that counts. Returns whether it changed.
    /// </summary>
    public bool Appraise(int year, bool excellent)
    {
        if (year < AppraisedYear)
        {
            return false;
        }

        var changed = year != AppraisedYear || excellent != AppraisedExcellent;
        (AppraisedYear, AppraisedExcellent) = (year, excellent);
        return changed;
    }
}

internal sealed class RegisteredRecognitionConfiguration : IEntityTypeConfiguration<RegisteredRecognition>
{
    public void Configure(EntityTypeBuilder<RegisteredRecognition> recognition)
    {
        recognition.ToTable("RegisteredRecognitions");
        recognition.HasKey(r => r.Id);
        recognition.Property(r => r.Id).ValueGeneratedNever();
        recognition.Property(r => r.Programme).HasMaxLength(60);
        recognition.Property(r => r.RegionCode).HasMaxLength(12);
        recognition.Property(r => r.ZoneCode).HasMaxLength(12);
    }
}

internal sealed class RegisteredCommissionerConfiguration : IEntityTypeConfiguration<RegisteredCommissioner>
{
    public void Configure(EntityTypeBuilder<RegisteredCommissioner> commissioner)
    {
        commissioner.ToTable("RegisteredCommissioners");
        commissioner.HasKey(c => c.Id);
        commissioner.Property(c => c.Id).ValueGeneratedNever();
        commissioner.Property(c => c.RegionCode).HasMaxLength(12);
        commissioner.Property(c => c.ZoneCode).HasMaxLength(12);
        // An event of an assignment loads every assignment of the person.
        commissioner.HasIndex(c => c.TalentId);
    }
}
