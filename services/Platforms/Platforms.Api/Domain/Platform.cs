using Persistence.Audit;
using Platforms.Api.Catalog;
using SharedKernel.Domain;
using SharedKernel.Errors;

namespace Platforms.Api.Domain;

/// <summary>
/// An innovation platform on the register. It changes only through its methods, which hold the rules:
/// its level and designations are those of its type (a designation of enterprise-hosted platforms with
/// an enterprise host), it is not approved in the future, and its status
/// moves along the lifecycle (<see cref="Lifecycle"/>) with a dated history.
/// </summary>
public sealed class Platform : VersionedEntity, IAuditedResource
{
    private Platform()
    {
    }

    private Platform(PlatformType type, PlatformDetails details, PlatformStatus status, DateTimeOffset now) : base(now)
    {
        Id = Guid.CreateVersion7(now);
        Type = type.Key;
        Set(details);
        Status = status;
        StatusSince = details.ApprovedOn;
        History.Add(new StatusChange(Id, null, status, details.ApprovedOn, null, details.DocumentNumber, now));
    }

    /// <summary>Made by the service (UUID v7, so ids sort by accreditation time), known before the row is saved.</summary>
    public Guid Id { get; private set; }

    public string Name { get; private set; } = null!;
    public string? NameEn { get; private set; }

    /// <summary>A key of the <see cref="PlatformCatalog"/>; fixed at accreditation.</summary>
    public string Type { get; private set; } = null!;

    public PlatformLevel Level { get; private set; }

    /// <summary>The type's designations the platform holds, sorted, comma-separated ("" for none), so one column filters them.</summary>
    public string Designations { get; private set; } = "";

    public string RegionCode { get; private set; } = null!;
    public string? ZoneCode { get; private set; }

    /// <summary>ISO 3166 alpha-2 country of a platform located abroad; null in China.</summary>
    public string? AbroadCountry { get; private set; }

    public string? AbroadCity { get; private set; }
    public HostKind HostKind { get; private set; }
    public string? HostCreditCode { get; private set; }

    /// <summary>The name of a university, institute or hospital host; an enterprise host is named by the register.</summary>
    public string? HostName { get; private set; }

    public string? Field { get; private set; }
    public DateOnly ApprovedOn { get; private set; }
    public string? DocumentNumber { get; private set; }
    public PlatformStatus Status { get; private set; }

    /// <summary>The day the current status took effect.</summary>
    public DateOnly StatusSince { get; private set; }

    /// <summary>The dated status history, as far as a query loaded it.</summary>
    public List<StatusChange> History { get; private set; } = [];

    public string AuditKey => Id.ToString();

    public IReadOnlyList<string> DesignationList => Designations.Length == 0 ? [] : Designations.Split(',');

    public PlatformDetails Details => new(Name, NameEn, Level, DesignationList, RegionCode, ZoneCode,
        AbroadCountry is null ? null : new AbroadLocation(AbroadCountry, AbroadCity), new PlatformHost(HostKind, HostCreditCode, HostName),
        Field, ApprovedOn, DocumentNumber);

    /// <summary>
    /// A newly accredited platform, at version 1: active when accredited as such (认定), under
    /// construction when approved to be built (批准建设). Its first history entry is the approval.
    /// </summary>
    public static Platform Accredit(PlatformType type, PlatformDetails details, PlatformStatus status, DateOnly today, DateTimeOffset now)
    {
        if (status is not (PlatformStatus.Active or PlatformStatus.UnderConstruction))
        {
            throw new RuleViolationException("status", "A platform is accredited as active or as underConstruction; it is suspended or revoked later, through its status.");
        }

        EnsureFits(type, details, today);
        return new Platform(type, details, status, now);
    }

    /// <summary>Replaces the recorded details; false when they are the same.</summary>
    public bool Change(PlatformType type, PlatformDetails details, DateOnly today, DateTimeOffset now)
    {
        if (details.SameAs(Details))
        {
            return false;
        }

        if (History.Count == 0)
        {
            throw new InvalidOperationException("A platform's details change with its status history loaded.");
        }

        EnsureFits(type, details, today);
        if (details.ApprovedOn > StatusSince && History.Count > 1)
        {
            throw new RuleViolationException("approvedOn", $"The platform's status changed on {StatusSince:yyyy-MM-dd}; it cannot have been approved after that.");
        }

        Set(details);
        if (History.Count == 1)
        {
            // Before any status change the approval is the whole history: it moves with the approval date.
            StatusSince = details.ApprovedOn;
        }

        Touch(now);
        return true;
    }

    /// <summary>
    /// Moves the platform along its lifecycle as of <paramref name="on"/>: not before its current
    /// status began, not in the future. Returns the history entry, which the caller saves with it.
    /// </summary>
    public StatusChange ChangeStatus(PlatformStatus to, DateOnly on, string reason, string? documentNumber, DateOnly today, DateTimeOffset now)
    {
        Lifecycle.EnsureAllowed(Id, Status, to);
        if (on > today)
        {
            throw new RuleViolationException("on", "'on' must not be in the future.");
        }

        if (on < StatusSince)
        {
            throw new RuleViolationException("on", $"The platform has been {Lifecycle.Name(Status)} since {StatusSince:yyyy-MM-dd}; a change cannot take effect before that.");
        }

        var change = new StatusChange(Id, Status, to, on, reason, documentNumber, now);
        History.Add(change);
        Status = to;
        StatusSince = on;
        Touch(now);
        return change;
    }

    /// <summary>Evaluations are of platforms that have been running: neither under construction nor revoked.</summary>
    public void EnsureEvaluable()
    {
        if (Status is PlatformStatus.UnderConstruction or PlatformStatus.Revoked)
        {
            throw new ConflictException(PlatformErrors.NotEvaluable,
                $"Platform {Id} is {Lifecycle.Name(Status)}; only active and suspended platforms are evaluated.");
        }
    }

    /// <summary>Tenants are admitted by active incubators, maker spaces and 星创天地.</summary>
    public void EnsureAdmitting(PlatformType type)
    {
        if (!type.TakesTenants)
        {
            throw new ConflictException(PlatformErrors.TakesNoTenants,
                $"A {type.Key} ({type.Name}) takes no tenants; incubators, maker spaces and 星创天地 do.");
        }

        if (Status != PlatformStatus.Active)
        {
            throw new ConflictException(PlatformErrors.NotActive, $"Platform {Id} is {Lifecycle.Name(Status)}; only an active platform admits tenants.");
        }
    }

    private static void EnsureFits(PlatformType type, PlatformDetails details, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (!type.Has(details.Level))
        {
            errors["level"] = [$"A {type.Key} is accredited at {string.Join(" or ", type.Levels.Select(Lifecycle.Name))} level, not {Lifecycle.Name(details.Level)}."];
        }

        if (details.Designations.FirstOrDefault(d => !type.Designations.Contains(d)) is { } unknown)
        {
            errors["designations"] = [type.Designations.Count == 0
                ? $"A {type.Key} has no designations; '{unknown}' is not one."
                : $"'{unknown}' is not a designation of {type.Key}; it has: {string.Join(", ", type.Designations)}."];
        }

        if (details.Host.Kind != HostKind.Enterprise && details.Designations.FirstOrDefault(type.EnterpriseHostDesignations.Contains) is { } held)
        {
            errors.TryAdd("designations", [$"A {type.Key} designated '{held}' is hosted by an enterprise; give the host's 'hostCreditCode', or leave '{held}' out."]);
        }

        if (details.ApprovedOn > today)
        {
            errors["approvedOn"] = ["'approvedOn' must not be in the future."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    private void Set(PlatformDetails details)
    {
        Name = details.Name;
        NameEn = details.NameEn;
        Level = details.Level;
        Designations = string.Join(',', details.Designations);
        RegionCode = details.RegionCode;
        ZoneCode = details.ZoneCode;
        AbroadCountry = details.Abroad?.Country;
        AbroadCity = details.Abroad?.City;
        HostKind = details.Host.Kind;
        HostCreditCode = details.Host.CreditCode;
        HostName = details.Host.Name;
        Field = details.Field;
        ApprovedOn = details.ApprovedOn;
        DocumentNumber = details.DocumentNumber;
    }
}
