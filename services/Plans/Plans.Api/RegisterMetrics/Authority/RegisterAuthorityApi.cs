using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Common;
using Plans.Api.Plans;
using ServiceDefaults.Http;
using ServiceDefaults.OpenApi;
using SharedKernel.Access;

namespace Plans.Api.RegisterMetrics.Authority;

public static class RegisterAuthorityApi
{
    public static RouteGroupBuilder MapRegisterAuthorityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions/{regionCode}/registers").WithTags("Registers");
        group.MapGet("/{register}", Get).WithName("GetRegisterAuthority")
            .WithSummary("Whether a register (enterprises, platforms, talent) is authoritative for a region")
            .RequireAuthorization(Scopes.PlansRead).WithETag();
        group.MapPut("/{register}", Set).WithName("SetRegisterAuthority")
            .WithSummary("Mark a register complete (or not) for a region and the regions below it; bound indicators there then take their actuals from it (admin; If-Match optional)")
            .RequireAuthorization(Scopes.Admin).AcceptsIfMatch().WithETag();
        return group;
    }

    /// <param name="regionCode">The region.</param>
    /// <param name="register">The register: enterprises, platforms, talent (see the API description).</param>
    private static async Task<Ok<RegisterAuthorityResponse>> Get(string regionCode, string register, ISender sender,
        HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var authority = await sender.Send(new GetRegisterAuthority(regionCode, register, user), ct);
        ETags.Set(response, authority.Version);
        return TypedResults.Ok(authority.Resource);
    }

    /// <param name="regionCode">The region.</param>
    /// <param name="register">The register: enterprises, platforms, talent (see the API description).</param>
    private static async Task<Ok<RegisterAuthorityResponse>> Set(string regionCode, string register,
        SetRegisterAuthorityRequest request, ISender sender, HttpContext http, CancellationToken ct)
    {
        var current = await sender.Send(new GetRegisterAuthority(regionCode, register, http.User, Access.Write), ct);
        var expected = IfMatch.From(http.Request).ExpectIfPresent(current.Version);
        var authority = await sender.Send(new SetRegisterAuthority(current.Resource.RegionCode, current.Resource.Register,
            request.Authoritative, request.Since, expected, http.User), ct);
        ETags.Set(http.Response, authority.Version);
        return TypedResults.Ok(authority.Resource);
    }
}
