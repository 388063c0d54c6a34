using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Events;
using Platforms.Api.Platforms;
using ServiceDefaults.Http;
using SharedKernel.Time;

namespace Platforms.Api.Status;

/// <summary>
/// POST /api/v1/platforms/{id}/status: moves a platform along its lifecycle as of a day, with a reason,
/// and publishes PlatformStatusChanged. If-Match is optional; when sent it must be current.
/// </summary>
public sealed record ChangePlatformStatus : ChangeStatusRequest, ICommand<PlatformResult>
{
    public ChangePlatformStatus(Guid id, ChangeStatusRequest request, IfMatch ifMatch, ClaimsPrincipal caller) : base(request)
    {
        Id = id;
        IfMatch = ifMatch;
        Caller = caller;
    }

    public Guid Id { get; }
    public IfMatch IfMatch { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class ChangePlatformStatusValidator : AbstractValidator<ChangePlatformStatus>
{
    public ChangePlatformStatusValidator()
    {
        RuleFor(c => c.Status).NotNull();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
        RuleFor(c => c.DocumentNumber).MaximumLength(100);
    }
}

internal sealed class ChangePlatformStatusHandler(PlatformsDbContext db, PlatformViews views, IEventBus events, TimeProvider clock)
    : ICommandHandler<ChangePlatformStatus, PlatformResult>
{
    public async ValueTask<PlatformResult> Handle(ChangePlatformStatus command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindAsync(db, command.Id, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        if (command.IfMatch.ExpectIfPresent(platform.Version) is { } expected)
        {
            db.Entry(platform).Property(p => p.Version).OriginalValue = expected;
        }

        var today = clock.Today();
        var change = platform.ChangeStatus(command.Status!.Value, command.On ?? today, command.Reason!.Trim(),
            string.IsNullOrWhiteSpace(command.DocumentNumber) ? null : command.DocumentNumber.Trim(), today, clock.GetUtcNow());
        events.Publish(EventFactory.StatusChanged(platform, change));
        await db.SaveChangesAsync(cancellationToken);
        return new PlatformResult(await views.OfAsync(platform, cancellationToken), platform.Version, Changed: true);
    }
}
