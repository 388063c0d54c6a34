using System.Security.Claims;
using Enterprises.Directory;
using EventBus;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Events;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Platforms;

/// <summary>
/// Sets a platform's recorded details: the merged result of PATCH /api/v1/platforms/{id}, and each CSV
/// row of a platform already held. Publishes PlatformUpdated only when something changed.
/// </summary>
public sealed record UpdatePlatform : PlatformFields, ICommand<PlatformResult>
{
    public UpdatePlatform(Guid id, PlatformFields fields, ClaimsPrincipal caller, long? expectedVersion = null) : base(fields)
    {
        Id = id;
        Caller = caller;
        ExpectedVersion = expectedVersion;
    }

    public Guid Id { get; }

    /// <summary>Who changes it: a caller confined to a region changes only platforms there, and cannot move one out.</summary>
    public ClaimsPrincipal Caller { get; }

    /// <summary>The version the caller's If-Match named: a change made by another request since is refused (412).</summary>
    public long? ExpectedVersion { get; }
}

internal sealed class UpdatePlatformValidator : PlatformFieldsValidator<UpdatePlatform>
{
    public UpdatePlatformValidator() => RuleForFields();
}

internal sealed class UpdatePlatformHandler(PlatformsDbContext db, PlatformCatalog catalog, EnterpriseDirectory directory,
    PlatformViews views, IEventBus events, TimeProvider clock) : ICommandHandler<UpdatePlatform, PlatformResult>
{
    public async ValueTask<PlatformResult> Handle(UpdatePlatform command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindWithHistoryAsync(db, command.Id, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var details = command.ToDetails();
        PlatformLookup.EnsureWritable(command.Caller, details.RegionCode, details.ZoneCode);
        if (command.ExpectedVersion is { } expected)
        {
            db.Entry(platform).Property(p => p.Version).OriginalValue = expected;
        }

        if (details.Name != platform.Name
            && await db.Platforms.AnyAsync(p => p.Type == platform.Type && p.Name == details.Name && p.Id != platform.Id, cancellationToken))
        {
            throw new ConflictException(ErrorCodes.AlreadyExists, $"A {platform.Type} named '{details.Name}' is on the register already.");
        }

        var changed = platform.Change(catalog.Get(platform.Type), details, clock.Today(), clock.GetUtcNow());
        if (changed)
        {
            var hostName = await PlatformLookup.HostNameAsync(directory, details.Host, cancellationToken);
            events.Publish(EventFactory.Updated(platform, hostName));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new PlatformResult(await views.OfAsync(platform, cancellationToken), platform.Version, changed);
    }
}
