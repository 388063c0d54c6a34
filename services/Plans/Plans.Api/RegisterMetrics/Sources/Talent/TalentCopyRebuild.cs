using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Copies;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>Replaces the copy of the talent register with a snapshot: recognitions and assignments as every copy's tables are (<see cref="CopyTable"/>).</summary>
internal static class TalentCopyRebuild
{
    public static async Task<RebuiltCopy> RunAsync(PlansDbContext db, TalentSnapshot snapshot, CancellationToken ct)
    {
        var at = snapshot.TakenAt;
        var recognitions = await CopyTable.ReplaceAsync<RegisteredRecognition, Guid>(db, at,
            snapshot.Recognitions.Select(r => new RegisteredRecognition(r.Id, r.Programme, TalentEventHandler.IsForeign(r.Nationality), r.RegionCode,
                r.ZoneCode, r.Revoked ? r.RevokedOn ?? DateOnly.MinValue : null, at)), ct);
        var commissioners = await CopyTable.ReplaceAsync<RegisteredCommissioner, Guid>(db, at, snapshot.Commissioners.Select(c => Fresh(c, at)), ct);

        var listed = new Dictionary<string, int>
        {
            ["recognitions"] = snapshot.Recognitions.Count, ["commissioners"] = snapshot.Commissioners.Count,
        };
        var contributions = recognitions.SelectMany(TalentContributions.Of).Concat(TalentContributions.Of(commissioners));
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
