using System.Security.Claims;
using Enterprises.Directory;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Events;
using Platforms.Api.Platforms;
using Platforms.Api.Validation;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Tenants;

/// <summary>POST /api/v1/platforms/{id}/tenants: admits an enterprise or a team and publishes TenantAdmitted.</summary>
public sealed record AdmitTenant : AdmitTenantRequest, ICommand<TenantResponse>
{
    public AdmitTenant(Guid platformId, AdmitTenantRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlatformId = platformId;
        Caller = caller;
    }

    public Guid PlatformId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class AdmitTenantValidator : AbstractValidator<AdmitTenant>
{
    public AdmitTenantValidator()
    {
        RuleFor(t => t.CreditCode).Must((t, code) => string.IsNullOrWhiteSpace(code) != (t.Team is null))
            .WithMessage("Give 'creditCode' for an enterprise or 'team' for a start-up team: one of them.");
        RuleFor(t => t.CreditCode).MustBeCreditCode().When(t => !string.IsNullOrWhiteSpace(t.CreditCode));
        When(t => t.Team is not null, () =>
        {
            RuleFor(t => t.Team!.Name).NotEmpty().MaximumLength(200);
            RuleFor(t => t.Team!.LeaderName).NotEmpty().MaximumLength(100);
            RuleFor(t => t.Team!.Members).NotNull().InclusiveBetween(1, 1000);
        });
        RuleFor(t => t.AdmittedOn).GreaterThanOrEqualTo(new DateOnly(1980, 1, 1));
    }
}

/// <summary>
/// The platform's row is locked first, so that the same enterprise admitted twice at once is checked
/// one after the other. The row is saved before the event, which carries its id.
/// </summary>
internal sealed class AdmitTenantHandler(PlatformsDbContext db, PlatformCatalog catalog, EnterpriseDirectory directory, IEventBus events,
    TimeProvider clock) : ICommandHandler<AdmitTenant, TenantResponse>
{
    public async ValueTask<TenantResponse> Handle(AdmitTenant command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindLockedAsync(db, command.PlatformId, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var type = catalog.Get(platform.Type);
        platform.EnsureAdmitting(type);
        var code = string.IsNullOrWhiteSpace(command.CreditCode) ? null : Rules.NormalizeCreditCode(command.CreditCode);
        string? enterpriseName = null;
        if (code is not null)
        {
            enterpriseName = (await directory.FindAsync(code, cancellationToken)
                ?? throw new RuleViolationException("creditCode", $"Enterprise '{code}' is not on the enterprise register; register it there first.")).Name;
        }

        var active = await db.Tenants.Where(t => t.PlatformId == platform.Id && t.GraduatedOn == null).ToListAsync(cancellationToken);
        var today = clock.Today();
        var team = command.Team;
        var tenant = Tenant.Admit(platform, type, active, code is null ? TenantKind.Team : TenantKind.Enterprise, code, team?.Name?.Trim(),
            team?.LeaderName?.Trim(), team?.Members, command.AdmittedOn ?? today, today, clock.GetUtcNow());
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Admitted(tenant, platform));
        return TenantResponse.From(tenant, enterpriseName);
    }
}
