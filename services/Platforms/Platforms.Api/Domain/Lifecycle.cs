using ServiceDefaults.Json;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>The moves a platform's status may make: underConstruction → active → suspended ↔ active → revoked.</summary>
public static class Lifecycle
{
    private static readonly IReadOnlyDictionary<PlatformStatus, PlatformStatus[]> Next = new Dictionary<PlatformStatus, PlatformStatus[]>
    {
        // Accepted on completion (验收).
        [PlatformStatus.UnderConstruction] = [PlatformStatus.Active],
        [PlatformStatus.Active] = [PlatformStatus.Suspended, PlatformStatus.Revoked],
        // A suspended platform resumes, or is revoked when it does not recover.
        [PlatformStatus.Suspended] = [PlatformStatus.Active, PlatformStatus.Revoked],
        [PlatformStatus.Revoked] = [],
    };

    public static IReadOnlyList<PlatformStatus> From(PlatformStatus status) => Next[status];

    public static void EnsureAllowed(Guid platform, PlatformStatus from, PlatformStatus to)
    {
        if (Next[from].Contains(to))
        {
            return;
        }

        var allowed = Next[from].Length == 0 ? "none: revocation is final" : string.Join(" or ", Next[from].Select(Name));
        throw new ConflictException(PlatformErrors.StatusChangeNotAllowed,
            $"Platform {platform} is {Name(from)}; it cannot become {Name(to)} (next: {allowed}). The lifecycle is underConstruction → active → suspended ↔ active → revoked.");
    }

    /// <summary>A value as the API writes it (underConstruction, municipal).</summary>
    public static string Name<T>(T value) where T : struct, Enum => EnumText.Format(value);
}

/// <summary>Domain error codes of the Platforms service (the <c>code</c> of its problem details).</summary>
public static class PlatformErrors
{
    public const string StatusChangeNotAllowed = "statusChangeNotAllowed";
    public const string NotEvaluable = "platformNotEvaluable";
    public const string AlreadyEvaluated = "alreadyEvaluated";
    public const string TakesNoTenants = "platformTakesNoTenants";
    public const string NotActive = "platformNotActive";
    public const string TenantAlreadyActive = "tenantAlreadyActive";
    public const string TenantAlreadyGraduated = "tenantAlreadyGraduated";
    public const string RectificationClosed = "rectificationClosed";
    public const string ProposalDecided = "proposalDecided";
}
