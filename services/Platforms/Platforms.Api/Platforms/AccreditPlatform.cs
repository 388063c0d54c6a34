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
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Platforms;

/// <summary>Puts a platform on the register (认定, or 批准建设): POST /api/v1/platforms, and each CSV row of a platform not yet held.</summary>
public sealed record AccreditPlatform : PlatformFields, ICommand<PlatformResult>
{
    public AccreditPlatform(CreatePlatformRequest request, ClaimsPrincipal caller) : base(request)
    {
        Type = request.Type;
        Status = request.Status;
        Caller = caller;
    }

    public string? Type { get; }
    public PlatformStatus? Status { get; }

    /// <summary>Who accredits it: a caller confined to a region accredits only there.</summary>
    public ClaimsPrincipal Caller { get; }
}

internal sealed class AccreditPlatformValidator : PlatformFieldsValidator<AccreditPlatform>
{
    public AccreditPlatformValidator(PlatformCatalog catalog)
    {
        RuleFor(p => p.Type).NotEmpty().Must(type => catalog.Find(type) is not null)
            .WithMessage(p => $"'{p.Type}' is not a platform type; use one of: {catalog.Keys} (GET /api/v1/platforms/types).");
        RuleForFields();
    }
}

internal sealed class AccreditPlatformHandler(PlatformsDbContext db, PlatformCatalog catalog, EnterpriseDirectory directory,
    PlatformViews views, IEventBus events, TimeProvider clock) : ICommandHandler<AccreditPlatform, PlatformResult>
{
    public async ValueTask<PlatformResult> Handle(AccreditPlatform command, CancellationToken cancellationToken)
    {
        var type = catalog.Find(command.Type)!;
        var details = command.ToDetails();
        PlatformLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        var platform = Platform.Accredit(type, details, command.Status ?? PlatformStatus.Active, clock.Today(), clock.GetUtcNow());
        if (await db.Platforms.AnyAsync(p => p.Type == type.Key && p.Name == details.Name, cancellationToken))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"A {type.Key} named '{details.Name}' is on the register already.");
        }

        var hostName = await PlatformLookup.HostNameAsync(directory, details.Host, cancellationToken);
        db.Platforms.Add(platform);
        events.Publish(EventFactory.Accredited(platform, hostName));
        await db.SaveChangesAsync(cancellationToken);
        return new PlatformResult(await views.OfAsync(platform, cancellationToken), platform.Version, Changed: true);
    }
}
