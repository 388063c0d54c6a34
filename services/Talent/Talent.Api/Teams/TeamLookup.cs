using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Auth;
using SharedKernel.Errors;
using Talent.Api.Data;
using Talent.Api.Domain;

namespace Talent.Api.Teams;

internal static class TeamLookup
{
    public static async Task<Team> FindAsync(TalentDbContext db, Guid id, CancellationToken ct) =>
        await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Team", id.ToString());

    /// <summary>The active teams of a programme that any of these people leads or is a current member of.</summary>
    public static Task<List<Team>> ActiveTeamsOfAsync(TalentDbContext db, string programme, IReadOnlyCollection<Guid> people, CancellationToken ct) =>
        db.Teams.Where(t => t.Programme == programme && t.DisbandedOn == null
                && (people.Contains(t.LeaderId) || t.Members.Any(m => m.LeftOn == null && people.Contains(m.TalentId))))
            .ToListAsync(ct);

    /// <summary>A caller confined to a region changes only the teams working there.</summary>
    public static void EnsureWritable(ClaimsPrincipal user, string regionCode, string? zoneCode) => user.EnsureMayWriteIn("teams", regionCode, zoneCode);

    public static void EnsureWritable(ClaimsPrincipal user, Team team) => EnsureWritable(user, team.RegionCode, team.ZoneCode);
}
