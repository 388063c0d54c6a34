using SharedKernel.Errors;

namespace Enterprises.Api.Domain;

/// <summary>
/// The earliest annual report year, grant date and designation start of an enterprise (withdrawn
/// designations aside: they never held), which its founding date may not pass.
/// </summary>
public sealed record FirstRecords(int? ReportYear, DateOnly? GrantedOn, DateOnly? DesignatedSince)
{
    public static readonly FirstRecords None = new(null, null, null);

    /// <summary>A founding date may not leave annual reports, grants or designations from before the enterprise existed.</summary>
    public void EnsureNotBefore(DateOnly foundedOn)
    {
        if (ReportYear < foundedOn.Year)
        {
            throw new RuleViolationException("foundedOn", $"The enterprise has an annual report for {ReportYear}, before it was founded.");
        }

        if (GrantedOn < foundedOn)
        {
            throw new RuleViolationException("foundedOn", $"The enterprise was granted a qualification on {GrantedOn:yyyy-MM-dd}, before it was founded.");
        }

        if (DesignatedSince < foundedOn)
        {
            throw new RuleViolationException("foundedOn", $"The enterprise has a designation from {DesignatedSince:yyyy-MM-dd}, before it was founded.");
        }
    }
}
