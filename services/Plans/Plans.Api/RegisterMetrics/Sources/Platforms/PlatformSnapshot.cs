using System.Globalization;
using Plans.Api.RegisterMetrics.Reconciliation;
using SharedKernel.Regions;

namespace Plans.Api.RegisterMetrics.Sources.Platforms;

/// <summary>A platform as the Platforms API lists it (<c>GET /api/v1/platforms</c>): what the copy keeps of it.</summary>
/// <param name="LocationAbroad">Set for a platform located outside China.</param>
/// <param name="HostCreditCode">Set exactly when an enterprise hosts the platform.</param>
public sealed record ListedPlatform(Guid Id, string Type, string Level, IReadOnlyList<string>? Designations, string RegionCode, string? ZoneCode,
    ListedLocationAbroad? LocationAbroad, string? HostCreditCode, DateOnly ApprovedOn, string Status)
{
    public PlatformFacts Facts => new(Type, Level, Status, PlatformFacts.Join(Designations), LocationAbroad is not null, HostCreditCode is not null,
        ApprovedOn, RegionCode, ZoneCode);
}

/// <summary>Where a listed platform abroad is; the copy keeps only that it is abroad.</summary>
public sealed record ListedLocationAbroad(string? Country);

/// <summary>A tenant as the Platforms API lists it (<c>GET /api/v1/tenants</c>).</summary>
public sealed record ListedTenant(long Id, Guid PlatformId, bool Active, DateOnly? GraduatedOn);

/// <summary>The platform register as read: every platform, and every tenant there now.</summary>
public sealed record PlatformSnapshot(IReadOnlyList<ListedPlatform> Platforms, IReadOnlyList<ListedTenant> Tenants, DateTimeOffset TakenAt)
    : IRegisterSnapshot
{
    /// <summary>
    /// Reads the platform list, then the register-wide list of tenants there now (pages of both, not a request per platform);
    /// a list the copy cannot hold is a 503.
    /// </summary>
    public static async Task<PlatformSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct)
    {
        var platforms = (await api.ReadAllAsync<ListedPlatform, Guid>("api/v1/platforms", "platform", p => p.Id, ProblemOf, ct))
            .Select(p => p with { Level = Camel(p.Level), Status = Camel(p.Status) }).ToList();
        var tenants = await api.ReadAllAsync<ListedTenant, long>("api/v1/tenants?active=true", "tenant", t => t.Id,
            t => t is null ? "an empty entry" : null, ct);
        return new PlatformSnapshot(platforms, tenants, takenAt);
    }

    /// <summary>The events' spelling of a level or status (<c>underConstruction</c>), whatever case the list uses.</summary>
    private static string Camel(string value) => value.Length == 0 ? value : char.ToLower(value[0], CultureInfo.InvariantCulture) + value[1..];

    private static string? ProblemOf(ListedPlatform? item) => item switch
    {
        null => "an empty entry",
        { Type: null or { Length: 0 or > 60 } } => $"platform {item.Id} with a type that is not 1 to 60 characters",
        { Level: null or { Length: 0 or > 20 } } => $"platform {item.Id} with a level that is not 1 to 20 characters",
        { Status: null or { Length: 0 or > 30 } } => $"platform {item.Id} with a status that is not 1 to 30 characters",
        { Designations: { } designations } when designations.Count > 10 || !designations.All(d => d is not null && PlatformMetricKeys.IsDesignation(d)) =>
            $"platform {item.Id} with designations that are not at most 10 words of 1 to 30 characters",
        _ when RegionCodes.Find(item.RegionCode) is null => $"platform {item.Id} in an unknown region '{item.RegionCode}'",
        { ZoneCode: { } zone } when RegionCodes.Find(zone) is null => $"platform {item.Id} in an unknown zone '{zone}'",
        _ => null,
    };
}
