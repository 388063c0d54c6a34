using EventBus;
using Microsoft.EntityFrameworkCore;
using Persistence;

namespace Enterprises.Directory;

/// <summary>
/// The directory as one batch of the register's events sees it: the enterprises the batch names, read ahead in one
/// query, with those its events add, which the batch's single save writes. An import of the register brings its
/// events by the thousand; a query and an insert of each, apart, were two round trips an event in every consumer.
/// </summary>
public sealed class KnownEnterpriseBatch(DbContext db) : IEventBatchLoader
{
    public BatchRows<string, KnownEnterprise> Enterprises { get; } = new(db, e => e.CreditCode);

    public Task LoadAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken) =>
        Enterprises.LoadAsync(events.Select(CreditCodeOf).OfType<string>().Distinct(StringComparer.Ordinal), cancellationToken);

    private static string? CreditCodeOf(IntegrationEvent e) => e switch
    {
        Contracts.EnterpriseRegistered r => r.CreditCode,
        Contracts.EnterpriseUpdated u => u.CreditCode,
        _ => null,
    };
}
