using SharedKernel.Errors;
using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using ServiceDefaults.Problems;

namespace Enterprises.Api.Enterprises;

/// <summary>Finds the enterprise named in a path (404 when absent) and checks a caller may change it (403).</summary>
internal static class EnterpriseLookup
{
    /// <summary>Credit codes are stored upper-case; a caller may type them in lower case.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>The enterprise with the qualifications it holds today (tracked, so the caller may change it).</summary>
    public static async Task<Enterprise> FindAsync(EnterprisesDbContext db, string creditCode, DateOnly today, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        return await db.Enterprises.WithCurrentQualifications(today).SingleOrDefaultAsync(e => e.CreditCode == code, ct)
            ?? throw new NotFoundException("Enterprise", code);
    }

    /// <summary>The enterprise alone, for checks and for the records below it.</summary>
    public static async Task<Enterprise> FindBareAsync(EnterprisesDbContext db, string creditCode, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        return await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == code, ct) ?? throw new NotFoundException("Enterprise", code);
    }

    /// <summary>
    /// A caller confined to a region changes only enterprises registered in it or below it, or, for a
    /// functional zone's client, sitting in that zone.
    /// </summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode, string? zoneCode) =>
        user.EnsureMayWriteIn("enterprises", regionCode, zoneCode);

    public static void EnsureWritable(ClaimsPrincipal user, Enterprise enterprise) =>
        EnsureWritable(user, enterprise.RegionCode, enterprise.ZoneCode);
}
