using Persistence.Audit;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>An enterprise of the register, or a start-up team not (yet) registered.</summary>
public enum TenantKind
{
    Enterprise,
    Team,
}

/// <summary>How a tenant left: graduated (毕业), left, or failed.</summary>
public enum TenantOutcome
{
    Graduated,
    Left,
    Failed,
}

/// <summary>A tenant (在孵企业 or 创业团队) of an incubator, maker space or 星创天地, admitted on a day and graduated on a later one.</summary>
public sealed class Tenant : IAuditedResource
{
    private Tenant()
    {
    }

    private Tenant(Guid platformId, TenantKind kind, string? creditCode, string? teamName, string? leaderName, int? members, DateOnly admittedOn,
        DateTimeOffset recordedAt)
    {
        PlatformId = platformId;
        Kind = kind;
        CreditCode = creditCode;
        TeamName = teamName;
        LeaderName = leaderName;
        Members = members;
        AdmittedOn = admittedOn;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public Guid PlatformId { get; private set; }
    public TenantKind Kind { get; private set; }

    /// <summary>The enterprise's credit code (Kind enterprise).</summary>
    public string? CreditCode { get; private set; }

    public string? TeamName { get; private set; }

    /// <summary>The team's leader (负责人).</summary>
    public string? LeaderName { get; private set; }

    public int? Members { get; private set; }
    public DateOnly AdmittedOn { get; private set; }
    public DateOnly? GraduatedOn { get; private set; }
    public TenantOutcome? Outcome { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsActive => GraduatedOn is null;

    public string AuditKey => $"{PlatformId}/tenants/{CreditCode ?? TeamName}/{AdmittedOn:yyyy-MM-dd}";

    /// <summary>
    /// Admits a tenant to <paramref name="platform"/> (which checks it admits tenants): an enterprise not
    /// active there already (<paramref name="active"/>: the platform's active tenants), or a team.
    /// </summary>
    public static Tenant Admit(Platform platform, Catalog.PlatformType type, IEnumerable<Tenant> active, TenantKind kind, string? creditCode,
        string? teamName, string? leaderName, int? members, DateOnly admittedOn, DateOnly today, DateTimeOffset now)
    {
        platform.EnsureAdmitting(type);
        if (admittedOn > today)
        {
            throw new RuleViolationException("admittedOn", "'admittedOn' must not be in the future.");
        }

        if (kind == TenantKind.Enterprise && active.FirstOrDefault(t => t.CreditCode == creditCode) is { } present)
        {
            throw new ConflictException(PlatformErrors.TenantAlreadyActive,
                $"Enterprise '{creditCode}' is a tenant of platform {platform.Id} since {present.AdmittedOn:yyyy-MM-dd} (tenant {present.Id}); graduate it before admitting it again.");
        }

        if (kind == TenantKind.Team && active.FirstOrDefault(t => t.Kind == TenantKind.Team && t.TeamName == teamName) is { } team)
        {
            throw new ConflictException(PlatformErrors.TenantAlreadyActive,
                $"Team '{teamName}' is a tenant of platform {platform.Id} since {team.AdmittedOn:yyyy-MM-dd} (tenant {team.Id}).");
        }

        return new Tenant(platform.Id, kind, creditCode, teamName, leaderName, members, admittedOn, now);
    }

    /// <summary>The tenant leaves on <paramref name="on"/>, once, not before it was admitted.</summary>
    public void Graduate(DateOnly on, TenantOutcome outcome, string? note, DateOnly today)
    {
        if (GraduatedOn is { } graduated)
        {
            throw new ConflictException(PlatformErrors.TenantAlreadyGraduated,
                $"Tenant {Id} left on {graduated:yyyy-MM-dd} ({Lifecycle.Name(Outcome!.Value)}); a tenant leaves once.");
        }

        var problem = on > today ? "'on' must not be in the future."
            : on < AdmittedOn ? $"'on' must not be before the tenant was admitted ({AdmittedOn:yyyy-MM-dd})."
            : null;
        if (problem is not null)
        {
            throw new RuleViolationException("on", problem);
        }

        GraduatedOn = on;
        Outcome = outcome;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
