using Plans.Api.RegisterMetrics.Reconciliation;
using SharedKernel.Regions;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>A qualification as the Enterprises API lists it (<c>GET /api/v1/qualifications</c>), with its holder's latest revenue.</summary>
public sealed record ListedQualification(
    long Id,
    string CreditCode,
    string RegionCode,
    string? ZoneCode,
    string Type,
    string? CertificateNumber,
    DateOnly GrantedOn,
    DateOnly ExpiresOn,
    string Status,
    DateOnly? RevokedOn,
    string? RevocationReason,
    DateOnly? ExpiredOn,
    decimal? HolderRevenueWan,
    int? HolderRevenueYear);

/// <summary>A designation as the Enterprises API lists it (<c>GET /api/v1/designations</c>).</summary>
public sealed record ListedDesignation(
    long Id,
    string CreditCode,
    string RegionCode,
    string? ZoneCode,
    string Kind,
    string? Board,
    DateOnly Since,
    DateOnly? EndedOn,
    bool Withdrawn);

/// <summary>The enterprise register as read: every qualification (each with its status) and every designation.</summary>
public sealed record EnterpriseSnapshot(IReadOnlyList<ListedQualification> Qualifications, IReadOnlyDictionary<long, QualificationStatus> Statuses,
    IReadOnlyList<ListedDesignation> Designations, DateTimeOffset TakenAt) : IRegisterSnapshot
{
    /// <summary>Reads both lists; a list the copy cannot hold, whole and as it is, is a 503 naming what is wrong.</summary>
    public static async Task<EnterpriseSnapshot> ReadAsync(RegisterApiClient api, DateTimeOffset takenAt, CancellationToken ct)
    {
        var qualifications = await api.ReadAllAsync<ListedQualification, long>("api/v1/qualifications", "qualification", q => q.Id, ProblemOf, ct);
        var designations = await api.ReadAllAsync<ListedDesignation, long>("api/v1/designations", "designation", d => d.Id, ProblemOf, ct);
        var statuses = qualifications.ToDictionary(q => q.Id, q => q.Status?.ToLowerInvariant() switch
        {
            "valid" => QualificationStatus.Valid,
            "expired" => QualificationStatus.Expired,
            "revoked" => QualificationStatus.Revoked,
            _ => throw api.Unavailable($"The register lists qualification {q.Id} with an unknown status '{q.Status}'."),
        });
        return new EnterpriseSnapshot(qualifications, statuses, designations, takenAt);
    }

    /// <summary>The copy's columns are bounded and required, and a region outside the region tree would never be counted.</summary>
    private static string? ProblemOf(ListedQualification? item) => item switch
    {
        null => "an empty entry",
        { CreditCode: null or { Length: 0 or > 18 } } => $"qualification {item.Id} with a credit code that is not 1 to 18 characters",
        { Type: null or { Length: 0 or > 30 } } => $"qualification {item.Id} with a type that is not 1 to 30 characters",
        _ => PlaceProblem($"qualification {item.Id}", item.RegionCode, item.ZoneCode),
    };

    private static string? ProblemOf(ListedDesignation? item) => item switch
    {
        null => "an empty entry",
        { CreditCode: null or { Length: 0 or > 18 } } => $"designation {item.Id} with a credit code that is not 1 to 18 characters",
        { Kind: null or { Length: 0 or > 30 } } => $"designation {item.Id} with a kind that is not 1 to 30 characters",
        { Board.Length: > 50 } => $"designation {item.Id} with a board longer than 50 characters",
        _ => PlaceProblem($"designation {item.Id}", item.RegionCode, item.ZoneCode),
    };

    private static string? PlaceProblem(string what, string? regionCode, string? zoneCode) =>
        RegionCodes.Find(regionCode) is null ? $"{what} in an unknown region '{regionCode}'"
        : zoneCode is not null && RegionCodes.Find(zoneCode) is null ? $"{what} in an unknown zone '{zoneCode}'"
        : null;
}
