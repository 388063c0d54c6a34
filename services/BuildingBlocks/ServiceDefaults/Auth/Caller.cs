using System.Security.Claims;

namespace ServiceDefaults.Auth;

/// <summary>What a service needs to know about who is calling, read from the validated token.</summary>
public static class Caller
{
    public const string Admin = "admin";

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
}
