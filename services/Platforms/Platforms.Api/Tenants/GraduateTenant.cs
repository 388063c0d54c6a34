using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Events;
using Platforms.Api.Platforms;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Tenants;

/// <summary>POST /api/v1/platforms/{id}/tenants/{tenantId}/graduate: the tenant leaves, once, and TenantGraduated is published.</summary>
public sealed record GraduateTenant : GraduateTenantRequest, ICommand<TenantResponse>
{
    public GraduateTenant(Guid platformId, long tenantId, GraduateTenantRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlatformId = platformId;
        TenantId = tenantId;
        Caller = caller;
    }

    public Guid PlatformId { get; }
    public long TenantId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class GraduateTenantValidator : AbstractValidator<GraduateTenant>
{
    public GraduateTenantValidator()
    {
        RuleFor(t => t.Reason).NotNull();
        RuleFor(t => t.Note).MaximumLength(1000);
    }
}

internal sealed class GraduateTenantHandler(PlatformsDbContext db, IEventBus events, TimeProvider clock) : ICommandHandler<GraduateTenant, TenantResponse>
{
    public async ValueTask<TenantResponse> Handle(GraduateTenant command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindLockedAsync(db, command.PlatformId, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.PlatformId == platform.Id && t.Id == command.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant", $"{platform.Id}/{command.TenantId}");
        var today = clock.Today();
        tenant.Graduate(command.On ?? today, command.Reason!.Value, command.Note, today);
        events.Publish(EventFactory.Graduated(tenant, platform));
        var name = tenant.CreditCode is { } code ? (await db.KnownEnterprises.FindAsync([code], cancellationToken))?.Name : null;
        return TenantResponse.From(tenant, name);
    }
}
