using EventBus;
using Persistence;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Counters;
using Talent.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// The talent copy as one batch of the register's events reads it: the recognitions the batch names and
/// the assignments of the people it names, read ahead in one query each (after the register's lock, as a
/// handler reads), and kept with what the batch adds until its save.
/// </summary>
public sealed class TalentBatch(PlansDbContext db, RegisterLocks locks) : IEventBatchLoader
{
    public BatchRows<Guid, RegisteredRecognition> Recognitions { get; } = new(db, r => r.Id);
    public BatchRows<Guid, RegisteredCommissioner> Assignments { get; } = new(db, a => a.TalentId);

    public async Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var recognitions = events.Select(e => e switch
        {
            TalentRecognized r => r.RecognitionId,
            RecognitionRevoked r => r.RecognitionId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToList();
        var people = events.Select(e => e switch
        {
            CommissionerAssigned a => a.TalentId,
            CommissionerAppraised a => a.TalentId,
            _ => (Guid?)null,
        }).OfType<Guid>().Distinct().ToList();
        if (recognitions.Count + people.Count == 0)
        {
            return;
        }

        await locks.ForEventAsync(TalentSource.Name, cancellationToken);
        await Recognitions.LoadAsync(recognitions, cancellationToken);
        await Assignments.LoadAsync(people, cancellationToken);
    }
}
