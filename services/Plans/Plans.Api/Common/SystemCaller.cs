using System.Security.Claims;

namespace Plans.Api.Common;

/// <summary>
/// The caller of the writes the service makes of its own accord (the seed loader): confined to no
/// region, and named by no client in what it records.
/// </summary>
internal static class SystemCaller
{
    public static ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity());
}
