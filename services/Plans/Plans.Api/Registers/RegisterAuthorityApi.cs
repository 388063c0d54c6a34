using SharedKernel.Errors;
using SharedKernel.Time;
using SharedKernel.Access;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.Domain;
using Plans.Api.Metrics;
using Plans.Api.Plans;
using Plans.Api.Regions;
using ServiceDefaults.Auth;
using ServiceDefaults.Http;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using ServiceDefaults.Validation;

namespace Plans.Api.Registers;

public static class RegisterAuthorityApi
{
    public static RouteGroupBuilder MapRegisterAuthorityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions/{regionCode}/registers").WithTags("Registers").WithRequestValidation();
        group.MapGet("/{register}", GetAuthority).WithName("GetRegisterAuthority")
            .WithSummary("Whether a register (enterprises, platforms, talent) is authoritative for a region")
            .RequireAuthorization(Scopes.PlansRead);
        group.MapPut("/{register}", SetAuthority).WithName("SetRegisterAuthority")
            .WithSummary("Mark a register complete (or not) for a region and the regions below it; bound indicators there then take their actuals from it (admin; If-Match optional)")
            .RequireAuthorization(Scopes.Admin)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    /// <param name="regionCode">The region.</param>
    /// <param name="register">enterprises, platforms or talent.</param>
    private static async Task<Ok<RegisterAuthorityResponse>> GetAuthority(string regionCode, string register, PlansDbContext db,
        TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var (region, kind) = Parse(regionCode, register);
        var all = await db.RegisterAuthorities.AsNoTracking().Where(a => a.Register == kind).ToListAsync(ct);
        var own = all.SingleOrDefault(a => a.RegionCode == region);
        ETags.Set(response, own?.Version ?? 0);
        return TypedResults.Ok(RegisterAuthorityResponse.From(region, kind, own, all, clock.Today()));
    }

    /// <param name="regionCode">The region.</param>
    /// <param name="register">enterprises, platforms or talent.</param>
    private static async Task<Ok<RegisterAuthorityResponse>> SetAuthority(string regionCode, string register,
        SetRegisterAuthorityRequest request, PlansDbContext db, MetricRefresher metrics, TimeProvider clock, HttpContext http,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (region, kind) = Parse(regionCode, register);
        PlanLookup.EnsureWritable(user, region);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var own = await db.RegisterAuthorities.SingleOrDefaultAsync(a => a.RegionCode == region && a.Register == kind, ct);
        ETags.RequireMatchIfPresent(http.Request, own?.Version ?? 0);
        var now = clock.GetUtcNow();
        var changed = true;
        if (own is null)
        {
            own = new RegisterAuthority(region, kind, request.Authoritative!.Value, request.Since, now);
            db.RegisterAuthorities.Add(own);
        }
        else
        {
            changed = own.Set(request.Authoritative!.Value, request.Since, now);
        }

        await db.SaveChangesAsync(ct);
        if (changed && kind == Register.Enterprises)
        {
            // Marking a region authoritative records its current counts at once.
            await metrics.RefreshAsync(null, ct);
        }

        await transaction.CommitAsync(ct);
        var all = await db.RegisterAuthorities.AsNoTracking().Where(a => a.Register == kind).ToListAsync(ct);
        ETags.Set(http.Response, own.Version);
        return TypedResults.Ok(RegisterAuthorityResponse.From(region, kind, own, all, clock.Today()));
    }

    private static (string Region, Register Register) Parse(string regionCode, string register)
    {
        var kind = EnumText.ParseOptional<Register>(register, "register")
            ?? throw new BadRequestException(ErrorCodes.InvalidParameter, "Name a register: enterprises, platforms or talent.");
        var region = RegionCatalog.Find(regionCode) ?? throw new NotFoundException("Region", regionCode);
        return (region.Code, kind);
    }

}
