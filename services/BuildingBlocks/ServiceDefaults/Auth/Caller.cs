using SharedKernel.Errors;
using System.Security.Claims;
using ServiceDefaults.Problems;
using SharedKernel.Regions;

namespace ServiceDefaults.Auth;

/// <summary>What a service needs to know about who is calling, read from the validated token.</summary>
public static class Caller
{
    /// <summary>The claim naming the unit a caller reports for (see <see cref="Unit"/>).</summary>
    public const string UnitClaim = "unit";

    /// <summary>
    /// The unit (a 牵头/责任单位 such as 区科技局) the caller is confined to, or null when it is not confined
    /// to one. Such a caller reports figures and progress only where its unit is named.
    /// </summary>
    public static string? Unit(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(UnitClaim)?.Value is { Length: > 0 } unit ? unit : null;

    /// <summary>The client id of the caller, or null for an anonymous one.</summary>
    public static string? ClientId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? user.FindFirst("sub")?.Value : null;

    /// <summary>True when the token's space-separated <c>scope</c> claim holds the scope.</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope);

    /// <summary>The region the caller is confined to, or null when it may act everywhere.</summary>
    public static string? Region(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst("region")?.Value : null;

    /// <summary>
    /// A caller confined to a region writes only there and below (a Dongli client cannot change a
    /// Jinghai record): 403 unless one of <paramref name="regionCodes"/> (say a district and a
    /// functional zone) lies within the caller's region.
    /// </summary>
    /// <param name="user">The caller.</param>
    /// <param name="records">What is being written, for the message (records, enterprises).</param>
    /// <param name="regionCodes">The regions of the record; nulls are ignored.</param>
    public static void EnsureMayWriteIn(this ClaimsPrincipal user, string records, params string?[] regionCodes)
    {
        if (user.Region() is { } region && !regionCodes.Any(code => code is not null && RegionCodes.Contains(region, code)))
        {
            throw new ForbiddenException("Outside your region",
                $"Your client may change {records} of region {region} and the regions below it, not of {string.Join(" / ", regionCodes.OfType<string>())}.");
        }
    }
}
