using Microsoft.EntityFrameworkCore;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// Replaces the copy of the talent register with a snapshot, set-based: recognitions and assignments
/// no event has changed since the snapshot are deleted and written again from it in multi-row
/// statements; rows an event changed after it are kept as they are.
/// </summary>
internal static class TalentCopyRebuild
{
    public static async Task<RebuiltCopy> RunAsync(PlansDbContext db, TalentSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var keptRecognitions = await db.Set<RegisteredRecognition>().AsNoTracking().Where(r => r.LastEventAt > at).ToListAsync(ct);
        await db.Set<RegisteredRecognition>().Where(r => r.LastEventAt <= at).ExecuteDeleteAsync(ct);
        var keptRecognitionIds = keptRecognitions.Select(r => r.Id).ToHashSet();
        var freshRecognitions = snapshot.Recognitions.Where(r => !keptRecognitionIds.Contains(r.Id))
            .Select(r => new RegisteredRecognition(r.Id, r.Programme, TalentEventHandler.IsForeign(r.Nationality), r.RegionCode, r.ZoneCode,
                r.Revoked ? r.RevokedOn ?? DateOnly.MinValue : null, at)).ToList();
        await BulkSql.InsertAsync<RegisteredRecognition>(db,
            [nameof(RegisteredRecognition.Id), nameof(RegisteredRecognition.Programme), nameof(RegisteredRecognition.Foreign),
                nameof(RegisteredRecognition.RegionCode), nameof(RegisteredRecognition.ZoneCode), nameof(RegisteredRecognition.RevokedOn),
                nameof(RegisteredRecognition.LastEventAt)],
            freshRecognitions.Select(r => new object?[] { r.Id, r.Programme, r.Foreign, r.RegionCode, r.ZoneCode, r.RevokedOn, r.LastEventAt }), ct);

        var keptCommissioners = await db.Set<RegisteredCommissioner>().AsNoTracking().Where(c => c.LastEventAt > at).ToListAsync(ct);
        await db.Set<RegisteredCommissioner>().Where(c => c.LastEventAt <= at).ExecuteDeleteAsync(ct);
        var keptCommissionerIds = keptCommissioners.Select(c => c.Id).ToHashSet();
        var freshCommissioners = snapshot.Commissioners.Where(c => !keptCommissionerIds.Contains(c.Id)).Select(c => Fresh(c, at)).ToList();
        await BulkSql.InsertAsync<RegisteredCommissioner>(db,
            [nameof(RegisteredCommissioner.Id), nameof(RegisteredCommissioner.TalentId), nameof(RegisteredCommissioner.RegionCode),
                nameof(RegisteredCommissioner.ZoneCode), nameof(RegisteredCommissioner.StartsOn), nameof(RegisteredCommissioner.EndsOn),
                nameof(RegisteredCommissioner.AppraisedYear), nameof(RegisteredCommissioner.AppraisedExcellent),
                nameof(RegisteredCommissioner.LastEventAt)],
            freshCommissioners.Select(c => new object?[]
            {
                c.Id, c.TalentId, c.RegionCode, c.ZoneCode, c.StartsOn, c.EndsOn, c.AppraisedYear, c.AppraisedExcellent, c.LastEventAt,
            }), ct);

        var listed = new Dictionary<string, int>
        {
            ["recognitions"] = snapshot.Recognitions.Count, ["commissioners"] = snapshot.Commissioners.Count,
        };
        var contributions = keptRecognitions.Concat(freshRecognitions).SelectMany(TalentContributions.Of)
            .Concat(TalentContributions.Of(keptCommissioners.Concat(freshCommissioners)));
        return new RebuiltCopy(listed, contributions);
    }

    /// <summary>An assignment as listed, with the grade of its latest appraisal.</summary>
    private static RegisteredCommissioner Fresh(ListedCommissioner listed, DateTimeOffset at)
    {
        var assignment = new RegisteredCommissioner(listed.Id, listed.TalentId, listed.RegionCode, listed.ZoneCode, listed.StartsOn, listed.EndsOn, at);
        if (listed.Appraisals?.MaxBy(a => a.Year) is { } latest)
        {
            assignment.Appraise(latest.Year, TalentEventHandler.IsExcellent(latest.Grade));
        }

        return assignment;
    }
}
