using System.Security.Claims;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Persistence;
using ServiceDefaults.Auth;
using SharedKernel.Errors;

namespace Enterprises.Api.Enterprises;

/// <summary>Finds the enterprise named in a path (not found when absent) and checks a caller may change it (forbidden).</summary>
internal static class EnterpriseLookup
{
    /// <summary>Credit codes are stored upper-case; a caller may type them in lower case.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>The enterprise with the qualifications and designations it holds today (tracked, so the caller may change it).</summary>
    public static async Task<Enterprise> FindAsync(EnterprisesDbContext db, string creditCode, DateOnly today, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        return await db.Enterprises.WithCurrentHoldings(today).SingleOrDefaultAsync(e => e.CreditCode == code, ct)
            ?? throw new NotFoundException("Enterprise", code);
    }

    /// <summary>The enterprise with the summaries of the qualifications and designations it holds today, for reading.</summary>
    /// <param name="listed">The reads compiled once a day (<see cref="Listed"/>).</param>
    public static async Task<EnterpriseRow> FindListedAsync(EnterprisesDbContext db, CompiledQueries<EnterprisesDbContext, ListedOf, ListedRow> listed,
        string creditCode, DateOnly today, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        var rows = await listed.Run(db, new ListedOf(today, Several: false), new Dictionary<string, object?> { [CreditCodeValue] = code })
            .ToListedAsync(ct);
        return rows.SingleOrDefault() ?? throw new NotFoundException("Enterprise", code);
    }

    /// <summary>
    /// The enterprises of <paramref name="codes"/> (stored as written) in that order, each with the summaries of what it holds
    /// today; a code no enterprise has is left out. No codes (an empty page) read nothing.
    /// </summary>
    /// <param name="listed">The reads compiled once a day (<see cref="Listed"/>).</param>
    public static async Task<List<EnterpriseRow>> ListedAsync(EnterprisesDbContext db, CompiledQueries<EnterprisesDbContext, ListedOf, ListedRow> listed,
        List<string> codes, DateOnly today, CancellationToken ct)
    {
        if (codes.Count == 0)
        {
            return [];
        }

        var rows = await listed.Run(db, new ListedOf(today, Several: true), new Dictionary<string, object?> { [CreditCodesValue] = codes })
            .ToListedAsync(ct);
        var byCode = rows.ToDictionary(row => row.Enterprise.CreditCode, StringComparer.Ordinal);
        return [.. codes.Where(byCode.ContainsKey).Select(code => byCode[code])];
    }

    /// <summary>
    /// The reads of <see cref="FindListedAsync"/> and <see cref="ListedAsync"/>, as <see cref="EnterpriseQuery.AsListed"/>
    /// shows an enterprise on a day, compiled once for each day (a literal of their statements): one credit code a parameter,
    /// or a list of them, in credit code order. One code is compared as itself, not as a list of one: on SQLite a list is
    /// read through <c>json_each</c>, and GET /enterprises/{code} read so cost the service half again as much (105 → 157
    /// µs a request, bench/compare.sh).
    /// </summary>
    public static CompiledQueries<EnterprisesDbContext, ListedOf, ListedRow> Listed() => new((db, shape, values) =>
    {
        var enterprises = db.Enterprises.AsNoTracking();
        var read = shape.Several
            ? enterprises.Where(values.Bind((Enterprise e, List<string> codes) => codes.Contains(e.CreditCode), CreditCodesValue))
                .OrderBy(e => e.CreditCode)
            : enterprises.Where(values.Bind((Enterprise e, string code) => e.CreditCode == code, CreditCodeValue));
        return read.AsListed(shape.Today);
    });

    private const string CreditCodeValue = "creditCode";

    private const string CreditCodesValue = "creditCodes";

    /// <summary>The enterprise alone, for checks and for the records below it.</summary>
    public static async Task<Enterprise> FindBareAsync(EnterprisesDbContext db, string creditCode, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        return await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == code, ct) ?? throw new NotFoundException("Enterprise", code);
    }

    /// <summary>
    /// The enterprise alone, its row locked until the transaction ends, so that writes checked against
    /// its other records (a grant against the grants it holds) run one after the other: the second
    /// waits for the first to commit and then sees it. The lock is an update that changes nothing, so
    /// the ETag and the audit trail stay as they are; PostgreSQL holds it on the row, and SQLite's
    /// write transactions (BEGIN IMMEDIATE) are serialised already.
    /// </summary>
    public static async Task<Enterprise> FindLockedAsync(EnterprisesDbContext db, string creditCode, CancellationToken ct)
    {
        var code = Normalize(creditCode);
        await db.Enterprises.Where(e => e.CreditCode == code).ExecuteUpdateAsync(set => set.SetProperty(e => e.Version, e => e.Version), ct);
        return await FindBareAsync(db, code, ct);
    }

    /// <summary>The enterprise's earliest annual report, grant and designation, which its founding date may not pass.</summary>
    public static async Task<FirstRecords> FirstRecordsAsync(EnterprisesDbContext db, string creditCode, CancellationToken ct) =>
        new(await db.AnnualReports.Where(r => r.CreditCode == creditCode).MinAsync(r => (int?)r.Year, ct),
            await db.Qualifications.Where(q => q.CreditCode == creditCode).MinAsync(q => (DateOnly?)q.GrantedOn, ct),
            await db.Designations.Where(d => d.CreditCode == creditCode && !d.Withdrawn).MinAsync(d => (DateOnly?)d.Since, ct));

    /// <summary>
    /// A caller confined to a region changes only enterprises registered in it or below it, or, for a
    /// functional zone's client, sitting in that zone.
    /// </summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode, string? zoneCode) =>
        user.EnsureMayWriteIn("enterprises", regionCode, zoneCode);

    public static void EnsureWritable(ClaimsPrincipal user, Enterprise enterprise) =>
        EnsureWritable(user, enterprise.RegionCode, enterprise.ZoneCode);
}

/// <summary>What decides the statement of <see cref="EnterpriseLookup.Listed"/>: the day it shows, and whether it reads one credit code or several.</summary>
internal sealed record ListedOf(DateOnly Today, bool Several);
