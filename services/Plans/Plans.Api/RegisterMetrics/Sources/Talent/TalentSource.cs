using EventBus;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Reconciliation;
using Talent.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Talent;

/// <summary>
/// The Talent register: recognitions of people under talent programmes (by programme and
/// nationality) and science-and-technology commissioners (科技特派员) with their yearly appraisals.
/// Teams are not counted by any metric, so their events are not taken.
/// </summary>
public sealed class TalentSource : IRegisterSource, IRegisterCopy
{
    public const string Name = "talent";

    public string Register => Name;

    public string Title => "talent register";

    public string KeySummary => TalentMetricKeys.Summary;

    public string KeyDocumentation => TalentMetricKeys.Documentation;

    public IRegisterCopy Copy => this;

    public RegisterMetric? Parse(string key) => TalentMetricKeys.Parse(key);

    public void Subscribe(IEventBusBuilder events) => events.ConsumeFrom(Name)
        .AddSubscription<TalentRecognized, TalentEventHandler>()
        .AddSubscription<RecognitionRevoked, TalentEventHandler>()
        .AddSubscription<CommissionerAssigned, TalentEventHandler>()
        .AddSubscription<CommissionerAppraised, TalentEventHandler>()
        .AddBatchLoader<TalentBatch>();

    public async Task<IRegisterSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct) =>
        await TalentSnapshot.ReadAsync(api, takenAt, ct);

    public Task<RebuiltCopy> RebuildAsync(PlansDbContext db, IRegisterSnapshot snapshot, CancellationToken ct) =>
        TalentCopyRebuild.RunAsync(db, (TalentSnapshot)snapshot, ct);
}
