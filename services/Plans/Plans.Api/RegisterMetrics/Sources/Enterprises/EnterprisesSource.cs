using Enterprises.Contracts;
using EventBus;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Reconciliation;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// The Enterprises register: qualifications (TechSme, HighTech, Eagle, Gazelle, Leader,
/// LeaderCultivation), designations (listed, listing reserve, unicorn, potential unicorn) and
/// the revenue of the latest annual report, by enterprise and where it lies.
/// </summary>
public sealed class EnterprisesSource : IRegisterSource, IRegisterCopy
{
    public const string Name = "enterprises";

    public string Register => Name;

    public string Title => "enterprise register";

    public string KeySummary => EnterpriseMetricKeys.Summary;

    public string KeyDocumentation => EnterpriseMetricKeys.Documentation;

    public IRegisterCopy Copy => this;

    public RegisterMetric? Parse(string key) => EnterpriseMetricKeys.Parse(key);

    public void Subscribe(IEventBusBuilder events) => events.ConsumeFrom(Name)
        .AddSubscription<EnterpriseRegistered, EnterpriseEventHandler>()
        .AddSubscription<EnterpriseUpdated, EnterpriseEventHandler>()
        .AddSubscription<QualificationGranted, EnterpriseEventHandler>()
        .AddSubscription<QualificationRevoked, EnterpriseEventHandler>()
        .AddSubscription<QualificationExpired, EnterpriseEventHandler>()
        .AddSubscription<DesignationAdded, EnterpriseEventHandler>()
        .AddSubscription<DesignationEnded, EnterpriseEventHandler>()
        .AddSubscription<AnnualReportFiled, EnterpriseEventHandler>()
        .AddBatchLoader<EnterpriseBatch>();

    public async Task<IRegisterSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct) =>
        await EnterpriseSnapshot.ReadAsync(api, takenAt, ct);

    public Task<RebuiltCopy> RebuildAsync(PlansDbContext db, IRegisterSnapshot snapshot, CancellationToken ct) =>
        EnterpriseCopyRebuild.RunAsync(db, (EnterpriseSnapshot)snapshot, ct);
}
