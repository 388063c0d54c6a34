using System.Security.Claims;
using Enterprises.Directory;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using SharedKernel.Errors;
using Talent.Api.Data;
using Talent.Api.Domain;

namespace Talent.Api.Talents;

/// <summary>Finds the people a request names (not found when absent) and checks a caller may change them (forbidden).</summary>
internal static class TalentLookup
{
    /// <summary>The person with the recognitions they hold, tracked so the caller may change them.</summary>
    public static async Task<Person> FindAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        await db.People.WithActiveRecognitions().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Talent", id.ToString());

    public static async Task<Person> FindReadOnlyAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        await db.People.AsNoTracking().WithActiveRecognitions().SingleOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException("Talent", id.ToString());

    /// <summary>The person alone, for checks and for the records below them.</summary>
    public static async Task<Person> FindBareAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        await db.People.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Talent", id.ToString());

    /// <summary>
    /// The people, their rows locked until the transaction ends (in id order, so that two writes naming
    /// the same people cannot deadlock), so that writes checked against their other records (a team
    /// against the teams they are in) run one after the other. The lock is an update that changes
    /// nothing: ETags and the audit trail stay as they are. PostgreSQL holds it on the rows; SQLite's
    /// write transactions are serialised already.
    /// </summary>
    public static async Task<Dictionary<Guid, Person>> FindLockedAsync(TalentDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().Order().ToList();
        foreach (var id in wanted)
        {
            await db.People.Where(p => p.Id == id).ExecuteUpdateAsync(set => set.SetProperty(p => p.Version, p => p.Version), ct);
        }

        return await db.People.Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
    }

    /// <summary>The person locked by <see cref="FindLockedAsync(TalentDbContext, IEnumerable{Guid}, CancellationToken)"/>, or 404.</summary>
    public static async Task<Person> FindLockedAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        (await FindLockedAsync(db, [id], ct)).GetValueOrDefault(id) ?? throw new NotFoundException("Talent", id.ToString());

    /// <summary>People a body names (a team's members) must be on the register: 422 on <paramref name="field"/> otherwise.</summary>
    public static void EnsureAllFound(IReadOnlyDictionary<Guid, Person> found, IEnumerable<Guid> ids, string field)
    {
        var missing = ids.Where(id => !found.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new RuleViolationException(field, $"No talent with id {string.Join(", ", missing)} is on the register.");
        }
    }

    public static IQueryable<Person> WithActiveRecognitions(this IQueryable<Person> people) =>
        people.Include(p => p.Recognitions.Where(r => r.Status == RecognitionStatus.Active));

    /// <summary>A caller confined to a region changes only people registered in it or below it (or working in its zone).</summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode, string? zoneCode) => user.EnsureMayWriteIn("talents", regionCode, zoneCode);

    public static void EnsureWritable(ClaimsPrincipal user, Person person) => EnsureWritable(user, person.RegionCode, person.ZoneCode);

    /// <summary>An employer or host named by credit code must be on the enterprise register: 422 when it is not, 503 when the register cannot be asked.</summary>
    public static async Task<KnownEnterprise> KnownEnterpriseAsync(EnterpriseDirectory directory, string creditCode, string field, CancellationToken ct) =>
        await directory.FindAsync(creditCode, ct)
        ?? throw new RuleViolationException(field, $"Enterprise '{creditCode}' is not on the enterprise register; register it there first.");
}
