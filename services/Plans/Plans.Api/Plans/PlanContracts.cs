using Plans.Api.Domain;

namespace Plans.Api.Plans;

/// <summary>The fields of a plan a caller sets; the body of PATCH (as a merge patch) and, with <c>code</c>, of POST.</summary>
public record PlanFields
{
    /// <summary>The plan's title exactly as printed, e.g. 天津市科技创新"十四五"规划.</summary>
    public string? Title { get; init; }
    /// <summary>English title.</summary>
    public string? TitleEn { get; init; }
    public PlanKind? Kind { get; init; }
    /// <summary>municipal, district or functionalZone; must match the kind of <see cref="RegionCode"/>.</summary>
    public PlanLevel? Level { get; init; }
    /// <summary>A code from GET /api/v1/regions.</summary>
    public string? RegionCode { get; init; }
    /// <summary>First year of the plan period, e.g. 2021.</summary>
    public int? PeriodStart { get; init; }
    /// <summary>Last year of the plan period, e.g. 2025.</summary>
    public int? PeriodEnd { get; init; }
    /// <summary>Year of the baseline figures, e.g. 2020.</summary>
    public int? BaselineYear { get; init; }
    public string? Issuer { get; init; }
    /// <summary>文号, e.g. 东丽政发〔2021〕5号.</summary>
    public string? DocumentNumber { get; init; }
    public DateOnly? IssuedOn { get; init; }
    /// <summary>Code of the plan this one implements (a district plan's municipal plan).</summary>
    public string? ParentPlanCode { get; init; }
    /// <summary>Title of a cited parent plan that is not in the system.</summary>
    public string? ParentPlanTitle { get; init; }

    public PlanDetails ToDetails() => new(Title!.Trim(), TitleEn, Kind!.Value, Level!.Value, RegionCode!, PeriodStart!.Value,
        PeriodEnd!.Value, BaselineYear!.Value, Issuer, DocumentNumber, IssuedOn, ParentPlanCode, ParentPlanTitle);

    /// <summary>The fields of a plan as read, for a merge patch to apply to.</summary>
    public static PlanFields From(PlanResponse p) => new()
    {
        Title = p.Title, TitleEn = p.TitleEn, Kind = p.Kind, Level = p.Level, RegionCode = p.RegionCode,
        PeriodStart = p.PeriodStart, PeriodEnd = p.PeriodEnd, BaselineYear = p.BaselineYear, Issuer = p.Issuer,
        DocumentNumber = p.DocumentNumber, IssuedOn = p.IssuedOn, ParentPlanCode = p.ParentPlanCode,
        ParentPlanTitle = p.ParentPlanTitle,
    };
}

/// <summary>A new plan; it starts as a draft.</summary>
public record CreatePlanRequest : PlanFields
{
    /// <summary>Stable identifier chosen by the caller: letters, digits, '.', '_' and '-', e.g. TJ-STI-14FYP.</summary>
    public string? Code { get; init; }
}

/// <summary>A plan.</summary>
public sealed record PlanResponse(
    string Code,
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
    string? ParentPlanTitle,
    PlanStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PlanResponse From(Plan plan)
    {
        var d = plan.Details;
        return new(plan.Code, d.Title, d.TitleEn, d.Kind, d.Level, d.RegionCode, d.PeriodStart, d.PeriodEnd, d.BaselineYear,
            d.Issuer, d.DocumentNumber, d.IssuedOn, d.ParentPlanCode, d.ParentPlanTitle, plan.Status, plan.CreatedAt,
            plan.UpdatedAt);
    }
}

/// <summary>Filters of GET /api/v1/plans.</summary>
/// <param name="RegionCode">Only plans of this region.</param>
/// <param name="Level">municipal, district or functionalZone.</param>
/// <param name="Status">draft, published or archived.</param>
/// <param name="Kind">fiveYearPlan, actionPlan, outline, specialPlan or other.</param>
/// <param name="Q">Words in the Chinese or English title.</param>
public sealed record PlanFilter(string? RegionCode, string? Level, string? Status, string? Kind, string? Q);
