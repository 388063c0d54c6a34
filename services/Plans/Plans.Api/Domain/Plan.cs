using SharedKernel.Errors;
using SharedKernel.Domain;
using Persistence.Audit;

namespace Plans.Api.Domain;

/// <summary>A municipal, district or functional-zone science-and-technology plan.</summary>
public sealed class Plan : VersionedEntity, IAuditedResource
{
    private Plan()
    {
    }

    public Plan(string code, PlanDetails details, DateTimeOffset now) : base(now)
    {
        Code = code;
        Status = PlanStatus.Draft;
        Apply(details);
    }

    public string Code { get; private set; } = null!;
    public PlanDetails Details { get; private set; } = null!;
    public PlanStatus Status { get; private set; }

    public string AuditKey => Code;

    /// <summary>Only a draft can be deleted; a published plan is a public record and is archived instead.</summary>
    public void EnsureDeletable()
    {
        if (Status != PlanStatus.Draft)
        {
            throw new ConflictException(PlanErrors.PlanPublished,
                $"Plan '{Code}' is {Status.ToString().ToLowerInvariant()}; only a draft can be deleted. Archive it instead.");
        }
    }

    /// <param name="details">The new details.</param>
    /// <param name="parentLineage">The codes of the new parent plan and of every plan above it.</param>
    /// <param name="now">The time of the change.</param>
    public void Update(PlanDetails details, IReadOnlyCollection<string> parentLineage, DateTimeOffset now)
    {
        if (parentLineage.Contains(Code))
        {
            throw new RuleViolationException("parentPlanCode",
                $"Plan '{details.ParentPlanCode}' descends from '{Code}'; a plan cannot be its own ancestor.");
        }

        EnsureDefinitionEditable();
        Apply(details);
        Touch(now);
    }

    /// <summary>The seed loader's path: a corrected transcription of the document replaces its details.</summary>
    public void ReplaceFromSource(PlanDetails details, DateTimeOffset now)
    {
        Apply(details);
        Touch(now);
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new ConflictException(PlanErrors.InvalidTransition, $"Only a draft plan can be published; plan '{Code}' is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = PlanStatus.Published;
        Touch(now);
    }

    public void Archive(DateTimeOffset now)
    {
        if (Status == PlanStatus.Archived)
        {
            throw new ConflictException(PlanErrors.InvalidTransition, $"Plan '{Code}' is already archived.");
        }

        Status = PlanStatus.Archived;
        Touch(now);
    }

    /// <summary>Indicators, targets and task definitions are the document itself: editable only while drafting.</summary>
    public void EnsureDefinitionEditable()
    {
        EnsureNotArchived();
        if (Status == PlanStatus.Published)
        {
            throw new ConflictException(PlanErrors.PlanPublished,
                $"Plan '{Code}' is published: its text, indicators and tasks are fixed. Only observations, task progress and indicator annotations can change.");
        }
    }

    /// <summary>Observations and task progress keep coming while a plan is in force, but not once it is archived.</summary>
    public void EnsureNotArchived()
    {
        if (Status == PlanStatus.Archived)
        {
            throw new ConflictException(PlanErrors.PlanArchived, $"Plan '{Code}' is archived and takes no further changes.");
        }
    }

    private void Apply(PlanDetails details) => Details = details;
}

/// <summary>The descriptive fields of a plan, as printed on the document.</summary>
public sealed record PlanDetails(
    string Title,
    string? TitleEn,
    PlanKind Kind,
    PlanLevel Level,
    string RegionCode,
    int PeriodStart,
    int PeriodEnd,
    int BaselineYear,
    string? Issuer,
    string? DocumentNumber,
    DateOnly? IssuedOn,
    string? ParentPlanCode,
    string? ParentPlanTitle);

public static class PlanErrors
{
    public const string PlanPublished = "planPublished";
    public const string PlanArchived = "planArchived";
    public const string InvalidTransition = "invalidStatusTransition";
}
