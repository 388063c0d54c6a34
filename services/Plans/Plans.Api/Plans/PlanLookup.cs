using SharedKernel.Errors;
using SharedKernel.Access;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Regions;
using ServiceDefaults.Auth;

namespace Plans.Api.Plans;

public enum Access
{
    /// <summary>Published and archived plans are public documents (政务公开); drafts need plans.read.</summary>
    Read,
    /// <summary>Needs plans.write (checked by the endpoint's policy) and the plan's region within the caller's.</summary>
    Write,
    /// <summary>
    /// Reporting a figure or a task's progress: <see cref="Write"/>, and a caller confined to a unit (a <c>unit</c>
    /// claim) only on the indicators and tasks its unit is named on.
    /// </summary>
    Report,
    /// <summary>
    /// The plan owner's own acts, such as taking a review: <see cref="Write"/>, and refused (403) to a caller confined
    /// to a unit, which reports on its items but does not act for the plan.
    /// </summary>
    Own,
}

/// <summary>Finds the resources named in a path for a caller, or answers 404, 401 or 403.</summary>
internal static class PlanLookup
{
    /// <summary>
    /// A public read of a plan or what it holds: a draft is refused (403) to a token without plans.read
    /// or of another region, so the document says so even though the operation needs no token.
    /// </summary>
    public static RouteHandlerBuilder ReadsPlan(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Plan> FindAsync(PlansDbContext db, string code, ClaimsPrincipal user, Access access, CancellationToken ct)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == code, ct) ?? throw new NotFoundException("Plan", code);
        if (access != Access.Read)
        {
            EnsureWritable(user, plan.Details.RegionCode);
        }
        else
        {
            EnsureReadable(user, plan);
        }

        if (access == Access.Own && user.Unit() is { } unit)
        {
            throw new ForbiddenException("Not a unit's act",
                $"A client confined to the unit {unit} reports on its own items of plan '{plan.Code}'; acting for the whole plan is for its owner.");
        }

        return plan;
    }

    public static async Task<(Plan Plan, Indicator Indicator)> FindIndicatorAsync(PlansDbContext db, string planCode,
        string indicatorCode, ClaimsPrincipal user, Access access, CancellationToken ct)
    {
        var plan = await FindAsync(db, planCode, user, access, ct);
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.PlanCode == planCode && i.Code == indicatorCode, ct)
            ?? throw new NotFoundException("Indicator", $"{planCode}/{indicatorCode}");
        if (access == Access.Report)
        {
            indicator.EnsureReportableBy(user.Unit());
        }

        return (plan, indicator);
    }

    public static async Task<(Plan Plan, KeyTask Task)> FindTaskAsync(PlansDbContext db, string planCode, string taskCode,
        ClaimsPrincipal user, Access access, CancellationToken ct)
    {
        var plan = await FindAsync(db, planCode, user, access, ct);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.PlanCode == planCode && t.Code == taskCode, ct)
            ?? throw new NotFoundException("Task", $"{planCode}/{taskCode}");
        if (access == Access.Report)
        {
            task.EnsureReportableBy(user.Unit());
        }

        return (plan, task);
    }

    /// <summary>A caller confined to a region writes only there and below (a Dongli client cannot change a Jinghai plan).</summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode) => user.EnsureMayWriteIn("records", regionCode);

    private static void EnsureReadable(ClaimsPrincipal user, Plan plan)
    {
        if (plan.Status != PlanStatus.Draft)
        {
            return;
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            throw new AuthenticationRequiredException(
                $"Plan '{plan.Code}' is a draft; drafts are visible to clients holding {Scopes.PlansRead}.");
        }

        if (!user.HasScope(Scopes.PlansRead))
        {
            throw new ForbiddenException("Scope required", $"Reading a draft plan needs the {Scopes.PlansRead} scope.");
        }

        if (!user.HasScope(Scopes.Admin) && user.Region() is { } region && !RegionCatalog.Contains(region, plan.Details.RegionCode))
        {
            throw new ForbiddenException("Outside your region",
                $"Draft plans of region {plan.Details.RegionCode} are not visible to a client of region {region}.");
        }
    }
}
