using Enterprises.Api.Domain;

namespace Enterprises.Api.CultivationPool;

/// <summary>
/// An enterprise's place in the cultivation pool of one application year, precomputed: how many HighTech criteria
/// it misses, with the name and region the pool is filtered and ordered by. Rows exist only for enterprises that
/// hold no valid HighTech qualification and miss at most <see cref="CultivationPoolSelector.MaxMaxMissing"/>
/// criteria (the most any request may ask for), for every application year the pool accepts.
/// Kept by <see cref="CultivationPoolWriter"/>; the details of a page's candidates that miss some criterion are evaluated
/// again from the register.
/// </summary>
public sealed class PoolEntry : ISitedInRegion
{
    public string CreditCode { get; init; } = null!;

    public int Year { get; init; }

    public int MissingCount { get; init; }

    public string Name { get; init; } = null!;

    public string RegionCode { get; init; } = null!;

    public string? ZoneCode { get; init; }
}

/// <summary>
/// What the pool was built under (one row): the rule sets and evaluation it holds (<see cref="Signature"/>), the
/// last application year it holds (<see cref="ThroughYear"/>), and the day whose HighTech holdings it reflects
/// (<see cref="HeldAsOf"/>): a qualification that ends after that day moves its holder back into the pool.
/// </summary>
public sealed class PoolState
{
    public const int SingleId = 1;

    public int Id { get; init; } = SingleId;

    public string Signature { get; set; } = null!;

    public int ThroughYear { get; set; }

    public DateOnly HeldAsOf { get; set; }
}
