using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Catalog;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Events;
using Platforms.Api.Platforms;
using Platforms.Api.Rectifications;
using SharedKernel.Time;

namespace Platforms.Api.Evaluations;

/// <summary>POST /api/v1/platforms/{id}/evaluations: records a year's evaluation and publishes PlatformEvaluated.</summary>
public sealed record EvaluatePlatform : EvaluatePlatformRequest, ICommand<EvaluationOutcomeResponse>
{
    public EvaluatePlatform(Guid platformId, EvaluatePlatformRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlatformId = platformId;
        Caller = caller;
    }

    public Guid PlatformId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class EvaluatePlatformValidator : AbstractValidator<EvaluatePlatform>
{
    public EvaluatePlatformValidator()
    {
        RuleFor(e => e.Year).NotNull().InclusiveBetween(1978, 9999);
        RuleFor(e => e.Grade).MaximumLength(20);
        RuleFor(e => e.Score).InclusiveBetween(0, 100).PrecisionScale(5, 2, ignoreTrailingZeros: true);
        RuleFor(e => e.Note).MaximumLength(1000);
    }
}

/// <summary>
/// The platform's row is locked first, so that two evaluations of one year sent at once are checked
/// one after the other. Rows are saved before the event, which carries the evaluation's id.
/// </summary>
internal sealed class EvaluatePlatformHandler(PlatformsDbContext db, PlatformCatalog catalog, IEventBus events, TimeProvider clock)
    : ICommandHandler<EvaluatePlatform, EvaluationOutcomeResponse>
{
    public async ValueTask<EvaluationOutcomeResponse> Handle(EvaluatePlatform command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindLockedAsync(db, command.PlatformId, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var record = new EvaluationRecord(
            await db.Evaluations.Where(e => e.PlatformId == platform.Id).ToListAsync(cancellationToken),
            await db.Rectifications.SingleOrDefaultAsync(r => r.PlatformId == platform.Id && r.Status == RectificationStatus.Open, cancellationToken),
            await db.RevocationProposals.FirstOrDefaultAsync(p => p.PlatformId == platform.Id && p.Status == ProposalStatus.Pending, cancellationToken));
        var today = clock.Today();
        var outcome = Domain.Evaluations.Record(platform, catalog.Get(platform.Type), record, command.Year!.Value, command.Grade, command.Score,
            command.EvaluatedOn ?? today, string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), today, clock.GetUtcNow());
        db.Evaluations.Add(outcome.Evaluation);
        if (outcome.Opened is { } opened)
        {
            db.Rectifications.Add(opened);
        }

        if (outcome.Proposed is { } proposed)
        {
            db.RevocationProposals.Add(proposed);
        }

        await db.SaveChangesAsync(cancellationToken);
        events.Publish(EventFactory.Evaluated(platform, outcome));
        return new EvaluationOutcomeResponse(EvaluationResponse.From(outcome.Evaluation),
            outcome.Opened is null ? null : RectificationResponse.From(outcome.Opened),
            outcome.Proposed is null ? null : RevocationProposalResponse.From(outcome.Proposed));
    }
}
