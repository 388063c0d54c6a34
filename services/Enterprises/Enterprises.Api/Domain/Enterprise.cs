using SharedKernel.Domain;
using Persistence.Audit;

namespace Enterprises.Api.Domain;

/// <summary>An enterprise on the register, identified by its Unified Social Credit Code (统一社会信用代码).</summary>
public sealed class Enterprise : VersionedEntity, IAuditedResource
{
    /// <summary>18 characters, upper-case, check characters valid per GB 32100-2015.</summary>
    public string CreditCode { get; set; } = null!;

    /// <summary>The registered Chinese name.</summary>
    public string Name { get; set; } = null!;

    public string? NameEn { get; set; }

    /// <summary>The district it is registered in (never 120000, never a functional zone).</summary>
    public string RegionCode { get; set; } = null!;

    /// <summary>The functional zone (12Znn) it sits in, if any.</summary>
    public string? ZoneCode { get; set; }

    public string? Industry { get; set; }

    public DateOnly FoundedOn { get; set; }

    public List<Qualification> Qualifications { get; set; } = [];

    public List<AnnualReport> AnnualReports { get; set; } = [];

    public string AuditKey => CreditCode;
}

/// <summary>Domain error codes of the Enterprises service (the <c>code</c> of its problem details).</summary>
public static class EnterpriseErrors
{
    public const string QualificationOverlaps = "qualificationOverlaps";
    public const string QualificationNotValid = "qualificationNotValid";
}
