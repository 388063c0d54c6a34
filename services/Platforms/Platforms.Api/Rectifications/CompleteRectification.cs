using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Platforms;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Rectifications;

/// <summary>POST /api/v1/platforms/{id}/rectifications/{rectificationId}/complete: the authority accepts a rectification, by its due date.</summary>
public sealed record CompleteRectification : CompleteRectificationRequest, ICommand<RectificationResponse>
{
    public CompleteRectification(Guid platformId, long rectificationId, CompleteRectificationRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlatformId = platformId;
        RectificationId = rectificationId;
        Caller = caller;
    }

    public Guid PlatformId { get; }
    public long RectificationId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class CompleteRectificationValidator : AbstractValidator<CompleteRectification>
{
    public CompleteRectificationValidator() => RuleFor(c => c.Note).MaximumLength(1000);
}

internal sealed class CompleteRectificationHandler(PlatformsDbContext db, TimeProvider clock)
    : ICommandHandler<CompleteRectification, RectificationResponse>
{
    public async ValueTask<RectificationResponse> Handle(CompleteRectification command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindAsync(db, command.PlatformId, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var rectification = await db.Rectifications
                .SingleOrDefaultAsync(r => r.PlatformId == platform.Id && r.Id == command.RectificationId, cancellationToken)
            ?? throw new NotFoundException("Rectification", $"{platform.Id}/{command.RectificationId}");
        var today = clock.Today();
        rectification.Complete(command.CompletedOn ?? today, command.Note, today);
        return RectificationResponse.From(rectification);
    }
}
