using EventBus;
using Plans.Api.Data;
using Plans.Api.RegisterMetrics.Reconciliation;

namespace Plans.Api.RegisterMetrics;

/// <summary>
/// A register whose counts plans' indicators may bind to (enterprises, platforms, talent): its
/// name, the metric keys it serves, and, once it is connected, how its local copy is kept. The
/// engine (counters, refresh, reconciliation, authority, progress) works over the registered
/// sources and knows none of them by name: adding a register is adding a source.
/// </summary>
/// <remarks>
/// A source is a definition without dependencies (it is created once, when the service is set up,
/// to subscribe its handlers); what it needs at run time comes in as arguments.
/// </remarks>
public interface IRegisterSource
{
    /// <summary>The register's name in paths, keys and sources of actuals: <c>enterprises</c>.</summary>
    string Register { get; }

    /// <summary>How notes and problems name it: <c>enterprise register</c>.</summary>
    string Title { get; }

    /// <summary>Its keys in one line, for the message that refuses an unknown key.</summary>
    string KeySummary { get; }

    /// <summary>What each of its keys counts, in Markdown, for the OpenAPI description.</summary>
    string KeyDocumentation { get; }

    /// <summary>The metric a key names (a key beginning with <see cref="Register"/> and a dot), or null when it names none.</summary>
    RegisterMetric? Parse(string key);

    /// <summary>How its local copy is kept; null while the register is not connected (its keys are valid, nothing counts them yet).</summary>
    IRegisterCopy? Copy { get; }
}

/// <summary>
/// A register's local copy: fed by the owner's events, each of its entities contributing to
/// counters, and rebuilt from the owner's API.
/// </summary>
/// <remarks>
/// Counting is by delta. A source maps each entity of its copy to a multiset of
/// <see cref="Contribution"/>s, each worth one. Its event handlers take the entity's contributions
/// before and after the change to <see cref="Counters.CounterChanges.Replace"/>, in the event's
/// transaction; the engine applies the difference and refreshes the indicators concerned once per
/// batch. A rebuild returns every contribution of the rebuilt copy, and the engine replaces the
/// register's counters with them.
/// </remarks>
public interface IRegisterCopy
{
    /// <summary>Subscribes the handlers of the owner's events (the contracts come from the publisher's Contracts project).</summary>
    void Subscribe(IEventBusBuilder events);

    /// <summary>
    /// Reads the register from its owner's API, outside any transaction; <paramref name="takenAt"/> is the time
    /// before the first page was asked for. Throws <see cref="RegisterUnavailableException"/>.
    /// </summary>
    Task<IRegisterSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct);

    /// <summary>
    /// Replaces the copy with the snapshot in the caller's transaction, set-based (no change tracking of
    /// its rows), keeping what events newer than the snapshot changed. Returns what it found and every
    /// contribution of the copy as rebuilt.
    /// </summary>
    Task<RebuiltCopy> RebuildAsync(PlansDbContext db, IRegisterSnapshot snapshot, CancellationToken ct);
}

/// <summary>A register as read from its owner's API at <see cref="TakenAt"/> (before the first page was asked for).</summary>
public interface IRegisterSnapshot
{
    DateTimeOffset TakenAt { get; }
}

/// <summary>A rebuilt copy: how many of each thing the register listed, and every contribution of the copy.</summary>
public sealed record RebuiltCopy(IReadOnlyDictionary<string, int> Listed, IEnumerable<Contribution> Contributions);

/// <summary>
/// One count an entity of a register's copy adds, where and for which day. An entity counts where
/// its district or its functional zone lies (a zone plan counts the zone, the municipality the
/// district), once: it is one row of the pair.
/// </summary>
/// <param name="Series">The counter series (<c>enterprises.qualified:HighTech</c>).</param>
/// <param name="District">The region code the entity lies in.</param>
/// <param name="Zone">Its functional zone (12Znn), or "" when none.</param>
/// <param name="Day">The day the metric's window is matched against: the last day the entity holds, or the day something happened.</param>
public readonly record struct Contribution(string Series, string District, string Zone, DateOnly Day);

/// <summary>Which days of a series a metric sums, as of today.</summary>
public enum MetricWindow
{
    /// <summary>Days from today on: the series is dated by the last day an entity holds (a qualification, a designation).</summary>
    HeldToday,

    /// <summary>
    /// Days from 1 January of last year on: entities holding at any time in this or the previous
    /// calendar year. For yearly entries, which all end on 31 December while the next year's arrive
    /// through the year: the count does not fall to nothing every 1 January.
    /// </summary>
    HeldThisOrLastYear,

    /// <summary>
    /// Days from the indicator's start to today: the series is dated by the day something happened (a
    /// grant). The start is the day after the baseline year, or without a baseline the first day of the
    /// plan's period; a flow counts this year only.
    /// </summary>
    SinceBaseline,
}

/// <summary>One series a metric sums, and over which days.</summary>
public sealed record MetricTerm(string Series, MetricWindow Window);

/// <summary>
/// A metric as its source reads a key: the series it sums (several for a sum of types written with
/// <c>+</c>). A metric whose terms all count what happened since the baseline reports, for a running
/// total or an increment, the baseline plus that count.
/// </summary>
public sealed record RegisterMetric(string Key, string Register, IReadOnlyList<MetricTerm> Terms)
{
    public bool CountsSinceBaseline => Terms.Count > 0 && Terms.All(t => t.Window == MetricWindow.SinceBaseline);
}
