using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Regions;
using ServiceDefaults.Json;

namespace Plans.Api.Plans;

/// <summary>
/// The rules of a plan's fields, for every message that carries them (creating, updating, reseeding).
/// Generic, so that no validator of the bare fields is registered: a message is validated once, by
/// the pipeline, with the validator of its own type.
/// </summary>
internal sealed class PlanFieldsRules<T> : AbstractValidator<T> where T : PlanFields
{
    public PlanFieldsRules(PlansDbContext db)
    {
        RuleFor(p => p.Title).NotEmpty().MaximumLength(300);
        RuleFor(p => p.TitleEn).MaximumLength(500);
        RuleFor(p => p.Kind).NotNull();
        RuleFor(p => p.Level).NotNull();
        RuleFor(p => p.RegionCode).NotEmpty().MaximumLength(12)
            .Must(code => RegionCatalog.Find(code) is not null)
            .WithMessage(p => $"Region '{p.RegionCode}' does not exist; see GET /api/v1/regions.");
        RuleFor(p => p.Level)
            .Must((plan, level) => RegionCatalog.Find(plan.RegionCode) is not { } region || region.PlanLevel == level)
            .When(p => p.Level is not null)
            .WithMessage(p => $"A {EnumText.Format(p.Level!.Value)} plan cannot belong to region '{p.RegionCode}' of another kind.");
        RuleFor(p => p.PeriodStart).NotNull().InclusiveBetween(1949, 2100);
        RuleFor(p => p.PeriodEnd).NotNull().InclusiveBetween(1949, 2100);
        RuleFor(p => p.PeriodEnd).GreaterThanOrEqualTo(p => p.PeriodStart)
            .When(p => p.PeriodStart is not null && p.PeriodEnd is not null)
            .WithMessage("'periodEnd' must not be before 'periodStart'.");
        RuleFor(p => p.BaselineYear).NotNull().InclusiveBetween(1949, 2100);
        RuleFor(p => p.BaselineYear).LessThanOrEqualTo(p => p.PeriodEnd)
            .When(p => p.BaselineYear is not null && p.PeriodEnd is not null)
            .WithMessage("'baselineYear' must not be after 'periodEnd'.");
        RuleFor(p => p.Issuer).MaximumLength(200);
        RuleFor(p => p.DocumentNumber).MaximumLength(100);
        RuleFor(p => p.ParentPlanTitle).MaximumLength(300);
        RuleFor(p => p.ParentPlanCode)
            .MustAsync(async (code, ct) => await db.Plans.AnyAsync(p => p.Code == code, ct))
            .When(p => !string.IsNullOrEmpty(p.ParentPlanCode))
            .WithMessage(p => $"Parent plan '{p.ParentPlanCode}' does not exist.");
    }
}

/// <summary>The rules of a new plan: its code, and its fields.</summary>
internal sealed class CreatePlanRules<T> : AbstractValidator<T> where T : CreatePlanRequest
{
    public CreatePlanRules(PlansDbContext db)
    {
        RuleFor(p => p.Code).NotEmpty().Matches(Codes.Pattern).WithMessage(Codes.Message);
        RuleFor(p => p.ParentPlanCode).NotEqual(p => p.Code).WithMessage("A plan cannot be its own parent.");
        Include(new PlanFieldsRules<T>(db));
    }
}

/// <summary>The identifier rule shared by plans and indicators: safe in a URL path without escaping.</summary>
internal static class Codes
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    public const string Message = "'{PropertyName}' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";
}
