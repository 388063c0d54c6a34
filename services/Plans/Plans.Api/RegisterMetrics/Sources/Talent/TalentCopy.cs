using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Persistence.Audit;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

// The local copy of the Talent register: only what the metrics need (no person, no name, no
// document: ids, programmes, nationality classes, places and dates), kept from its events and
// rebuilt by reconciliation. Not audited: it mirrors another system. Older news than a row holds is
// ignored (see CopiedRow).

/// <summary>A recognition of a person under a programme: where it counts, and whether it was revoked.</summary>
[NotAudited]
public sealed class RegisteredRecognition : CopiedRow<Guid>
{
    private RegisteredRecognition()
    {
    }

    public RegisteredRecognition(Guid id, string programme, bool foreign, string regionCode, string? zoneCode, DateOnly? revokedOn,
        DateTimeOffset lastEventAt) : base(id, lastEventAt)
    {
        Programme = programme;
        Foreign = foreign;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        RevokedOn = revokedOn;
    }

    public string Programme { get; private set; } = null!;

    /// <summary>Whether the person's nationality when recognised was other than CN.</summary>
    public bool Foreign { get; private set; }

    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    /// <summary>The day the revocation takes effect; null while it stands.</summary>
    public DateOnly? RevokedOn { get; private set; }

    /// <summary>Takes the news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(string programme, bool foreign, string regionCode, string? zoneCode, DateOnly? revokedOn, DateTimeOffset occurredAt)
    {
        var changed = programme != Programme || foreign != Foreign || regionCode != RegionCode || zoneCode != ZoneCode || revokedOn != RevokedOn;
        if (!Takes(occurredAt))
        {
            return false;
        }

        (Programme, Foreign, RegionCode, ZoneCode, RevokedOn) = (programme, foreign, regionCode, zoneCode, revokedOn);
        return changed;
    }
}

/// <summary>A commissioner's assignment (科技特派员): who, where, for which days, and the latest yearly appraisal.</summary>
[NotAudited]
public sealed class RegisteredCommissioner : CopiedRow<Guid>
{
    private RegisteredCommissioner()
    {
    }

    public RegisteredCommissioner(Guid id, Guid talentId, string regionCode, string? zoneCode, DateOnly startsOn, DateOnly endsOn,
        DateTimeOffset lastEventAt) : base(id, lastEventAt)
    {
        TalentId = talentId;
        RegionCode = regionCode;
        ZoneCode = zoneCode;
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

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

    /// <summary>Takes the assignment's news unless it is older than what the row holds. Returns whether anything a metric counts changed.</summary>
    public bool Apply(Guid talentId, string regionCode, string? zoneCode, DateOnly startsOn, DateOnly endsOn, DateTimeOffset occurredAt)
    {
        var changed = talentId != TalentId || regionCode != RegionCode || zoneCode != ZoneCode || startsOn != StartsOn || endsOn != EndsOn;
        if (!Takes(occurredAt))
        {
            return false;
        }

        (TalentId, RegionCode, ZoneCode, StartsOn, EndsOn) = (talentId, regionCode, zoneCode, startsOn, endsOn);
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
        recognition.IsCopyTable<RegisteredRecognition, Guid>("RegisteredRecognitions");
        recognition.Property(r => r.Programme).HasMaxLength(60);
        recognition.Property(r => r.RegionCode).HasMaxLength(12);
        recognition.Property(r => r.ZoneCode).HasMaxLength(12);
    }
}

internal sealed class RegisteredCommissionerConfiguration : IEntityTypeConfiguration<RegisteredCommissioner>
{
    public void Configure(EntityTypeBuilder<RegisteredCommissioner> commissioner)
    {
        commissioner.IsCopyTable<RegisteredCommissioner, Guid>("RegisteredCommissioners");
        commissioner.Property(c => c.RegionCode).HasMaxLength(12);
        commissioner.Property(c => c.ZoneCode).HasMaxLength(12);
        // An event of an assignment loads every assignment of the person.
        commissioner.HasIndex(c => c.TalentId);
    }
}
