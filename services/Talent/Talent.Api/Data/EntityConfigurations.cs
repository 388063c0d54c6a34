using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Talent.Api.Domain;

namespace Talent.Api.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    /// <summary>The keyed hash the personal-data convention keeps beside <see cref="Person.IdNumber"/>.</summary>
    public const string IdNumberHash = nameof(Person.IdNumber) + "Hash";

    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.HasKey(p => p.Id);
        person.Property(p => p.Name).HasMaxLength(100);
        person.Property(p => p.DocumentType).HasConversion<string>().HasMaxLength(30);
        person.Property(p => p.Gender).HasConversion<string>().HasMaxLength(10);
        person.Property(p => p.Education).HasConversion<string>().HasMaxLength(20);
        person.Property(p => p.Nationality).HasMaxLength(2);
        person.Property(p => p.Title).HasMaxLength(100);
        person.Property(p => p.Field).HasMaxLength(100);
        person.Property(p => p.EmployerCreditCode).HasMaxLength(18);
        person.Property(p => p.RegionCode).HasMaxLength(12);
        person.Property(p => p.ZoneCode).HasMaxLength(12);
        person.Property(p => p.Version).IsConcurrencyToken();
        // One person per document: the hash of the number, with the type and nationality (a passport
        // number is unique only within its issuing country). Two registrations racing are refused here.
        person.Property<byte[]>(IdNumberHash);
        person.HasIndex(IdNumberHash, nameof(Person.DocumentType), nameof(Person.Nationality)).IsUnique();
        person.HasIndex(p => p.RegionCode);
        // The list's filters with its default order (id): a page by cursor is a range of one of these.
        person.HasIndex(p => new { p.Nationality, p.Id });
        person.HasIndex(p => new { p.EmployerCreditCode, p.Id });
        person.HasIndex(p => p.Name);
        person.HasMany(p => p.Recognitions).WithOne().HasForeignKey(r => r.TalentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition> recognition)
    {
        recognition.HasKey(r => r.Id);
        recognition.Property(r => r.Programme).HasMaxLength(60);
        recognition.Property(r => r.Tier).HasMaxLength(50);
        // A concurrency token: two revocations racing change the row once.
        recognition.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        recognition.Property(r => r.RevocationReason).HasMaxLength(1000);
        recognition.Property(r => r.Nationality).HasMaxLength(2);
        recognition.Property(r => r.RegionCode).HasMaxLength(12);
        recognition.Property(r => r.ZoneCode).HasMaxLength(12);
        recognition.HasIndex(r => new { r.TalentId, r.Programme });
        recognition.HasIndex(r => new { r.Programme, r.Status, r.Id });
        recognition.HasIndex(r => r.RegionCode);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.HasKey(t => t.Id);
        team.Property(t => t.Name).HasMaxLength(200);
        team.Property(t => t.Programme).HasMaxLength(60);
        team.Property(t => t.HostCreditCode).HasMaxLength(18);
        team.Property(t => t.HostPlatformName).HasMaxLength(200);
        team.Property(t => t.Field).HasMaxLength(100);
        team.Property(t => t.RegionCode).HasMaxLength(12);
        team.Property(t => t.ZoneCode).HasMaxLength(12);
        team.Property(t => t.DisbandReason).HasMaxLength(1000);
        team.Property(t => t.Version).IsConcurrencyToken();
        team.Ignore(t => t.Status);
        team.HasIndex(t => new { t.Programme, t.DisbandedOn });
        team.HasIndex(t => t.LeaderId);
        team.HasIndex(t => t.RegionCode);
        team.OwnsMany(t => t.Members, member =>
        {
            member.ToTable("TeamMembers");
            member.WithOwner().HasForeignKey("TeamId");
            member.Property(m => m.Id).ValueGeneratedNever();
            member.HasKey("TeamId", nameof(TeamMember.Id));
            member.HasIndex(m => m.TalentId);
        });
        team.Navigation(t => t.Members).AutoInclude();
    }
}

internal sealed class CommissionerAssignmentConfiguration : IEntityTypeConfiguration<CommissionerAssignment>
{
    public void Configure(EntityTypeBuilder<CommissionerAssignment> assignment)
    {
        assignment.HasKey(a => a.Id);
        assignment.Property(a => a.Nationality).HasMaxLength(2);
        assignment.Property(a => a.ServedKind).HasConversion<string>().HasMaxLength(20);
        assignment.Property(a => a.ServedCreditCode).HasMaxLength(18);
        assignment.Property(a => a.ServedName).HasMaxLength(200);
        assignment.Property(a => a.RegionCode).HasMaxLength(12);
        assignment.Property(a => a.ZoneCode).HasMaxLength(12);
        assignment.Property(a => a.Field).HasMaxLength(100);
        assignment.Property(a => a.Goals).HasMaxLength(2000);
        assignment.Property(a => a.Version).IsConcurrencyToken();
        assignment.Ignore(a => a.Served);
        assignment.HasIndex(a => a.TalentId);
        assignment.HasIndex(a => a.ServedCreditCode);
        assignment.HasIndex(a => new { a.RegionCode, a.StartsOn, a.EndsOn });
        assignment.OwnsMany(a => a.Appraisals, appraisal =>
        {
            appraisal.ToTable("CommissionerAppraisals");
            appraisal.WithOwner().HasForeignKey("AssignmentId");
            appraisal.HasKey("AssignmentId", nameof(Appraisal.Year));
            appraisal.Property(a => a.Grade).HasConversion<string>().HasMaxLength(20);
            appraisal.Property(a => a.Note).HasMaxLength(1000);
        });
        assignment.Navigation(a => a.Appraisals).AutoInclude();
    }
}
