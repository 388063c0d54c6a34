using EventBus;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;
using Talent.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// Keeps the local copy of the talent register from its events and reports each change's
/// contributions before and after to the counters, in the batch's transaction, saved with the
/// batch's inbox rows. An event reads one recognition, or one person's assignments, through the batch's
/// reads (<see cref="TalentBatch"/>): its cost does not depend on the register's size. Every event carries the recognition's or the assignment's place and
/// classification, so each one can stand for the entity, whatever arrived before it.
/// </summary>
public sealed class TalentEventHandler(PlansDbContext db, TalentBatch batch, CounterChanges counters, RegisterLocks locks) :
    IIntegrationEventHandler<TalentRecognized>,
    IIntegrationEventHandler<RecognitionRevoked>,
    IIntegrationEventHandler<CommissionerAssigned>,
    IIntegrationEventHandler<CommissionerAppraised>
{
    public Task HandleAsync(TalentRecognized e, CancellationToken ct) =>
        RecognitionAsync(e.RecognitionId, e.Programme, e.Nationality, e.RegionCode, e.ZoneCode, revokedOn: null, e.OccurredAt, ct);

    public Task HandleAsync(RecognitionRevoked e, CancellationToken ct) =>
        RecognitionAsync(e.RecognitionId, e.Programme, e.Nationality, e.RegionCode, e.ZoneCode, e.RevokedOn, e.OccurredAt, ct);

    public Task HandleAsync(CommissionerAssigned e, CancellationToken ct) =>
        AssignmentAsync(e.AssignmentId, e.TalentId, e.RegionCode, e.ZoneCode, e.StartsOn, e.EndsOn, e.OccurredAt, appraisal: null, ct);

    public Task HandleAsync(CommissionerAppraised e, CancellationToken ct) =>
        AssignmentAsync(e.AssignmentId, e.TalentId, e.RegionCode, e.ZoneCode, e.StartsOn, e.EndsOn, e.OccurredAt,
            (e.Year, IsExcellent(e.Grade)), ct);

    /// <summary>The grade the events write for 优秀.</summary>
    public static bool IsExcellent(string? grade) => string.Equals(grade, "excellent", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a nationality counts as foreign talent: any but CN.</summary>
    public static bool IsForeign(string? nationality) => !string.Equals(nationality?.Trim(), "CN", StringComparison.OrdinalIgnoreCase);

    private async Task RecognitionAsync(Guid id, string programme, string nationality, string regionCode, string? zoneCode, DateOnly? revokedOn,
        DateTimeOffset occurredAt, CancellationToken ct)
    {
        await locks.ForEventAsync(TalentSource.Name, ct);
        var foreign = IsForeign(nationality);
        var recognition = await batch.Recognitions.FindAsync(id, ct);
        if (recognition is null)
        {
            recognition = new RegisteredRecognition(id, programme, foreign, regionCode, zoneCode, revokedOn, occurredAt);
            batch.Recognitions.Add(recognition);
            counters.Replace([], TalentContributions.Of(recognition).ToList());
            return;
        }

        var before = TalentContributions.Of(recognition).ToList();
        if (recognition.Apply(programme, foreign, regionCode, zoneCode, revokedOn, occurredAt))
        {
            counters.Replace(before, TalentContributions.Of(recognition).ToList());
        }
    }

    private async Task AssignmentAsync(Guid id, Guid talentId, string regionCode, string? zoneCode, DateOnly startsOn, DateOnly endsOn,
        DateTimeOffset occurredAt, (int Year, bool Excellent)? appraisal, CancellationToken ct)
    {
        await locks.ForEventAsync(TalentSource.Name, ct);
        var assignment = await db.Set<RegisteredCommissioner>().FindAsync([id], ct);
        // A person's contributions come from all their assignments, so those of the person before and (if the news moves the
        // assignment to another person) after the change are read.
        Guid[] people = assignment is null || assignment.TalentId == talentId ? [talentId] : new[] { assignment.TalentId, talentId };
        List<RegisteredCommissioner> assignments = [];
        foreach (var person in people)
        {
            assignments.AddRange(await batch.Assignments.WhereAsync(person, ct));
        }

        var before = TalentContributions.Of(assignments).ToList();
        var changed = true;
        if (assignment is null)
        {
            assignment = new RegisteredCommissioner(id, talentId, regionCode, zoneCode, startsOn, endsOn, occurredAt);
            batch.Assignments.Add(assignment);
            assignments.Add(assignment);
        }
        else
        {
            changed = assignment.Apply(talentId, regionCode, zoneCode, startsOn, endsOn, occurredAt);
        }

        if (appraisal is { } appraised)
        {
            changed |= assignment.Appraise(appraised.Year, appraised.Excellent);
        }

        if (changed)
        {
            counters.Replace(before, TalentContributions.Of(assignments).ToList());
        }
    }
}
