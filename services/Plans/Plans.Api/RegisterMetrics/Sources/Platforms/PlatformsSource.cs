using EventBus;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Reconciliation;
using Platforms.Contracts;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>
/// The Platforms register: innovation platforms by type, level, status and place, and the tenants of
/// incubators, maker spaces and 星创天地.
/// </summary>
public sealed class PlatformsSource : IRegisterSource, IRegisterCopy
{
    public const string Name = "platforms";

    public string Register => Name;

    public string Title => "platform register";

    public string KeySummary => PlatformMetricKeys.Summary;

    public string KeyDocumentation => PlatformMetricKeys.Documentation;

    public IRegisterCopy Copy => this;

    public RegisterMetric? Parse(string key) => PlatformMetricKeys.Parse(key);

    public void Subscribe(IEventBusBuilder events) => events.ConsumeFrom(Name)
        .AddSubscription<PlatformAccredited, PlatformEventHandler>()
        .AddSubscription<PlatformUpdated, PlatformEventHandler>()
        .AddSubscription<PlatformStatusChanged, PlatformEventHandler>()
        .AddSubscription<TenantAdmitted, PlatformEventHandler>()
        .AddSubscription<TenantGraduated, PlatformEventHandler>()
        .AddBatchLoader<PlatformBatch>();

    public async Task<IRegisterSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct) =>
        await PlatformSnapshot.ReadAsync(api, takenAt, ct);

    public Task<RebuiltCopy> RebuildAsync(PlansDbContext db, IRegisterSnapshot snapshot, CancellationToken ct) =>
        PlatformCopyRebuild.RunAsync(db, (PlatformSnapshot)snapshot, ct);
}
