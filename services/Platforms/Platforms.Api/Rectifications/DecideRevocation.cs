using System.Security.Claims;
using EventBus;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using Platforms.Api.Events;
using Platforms.Api.Platforms;
using SharedKernel.Errors;
using SharedKernel.Time;

namespace Platforms.Api.Rectifications;

/// <summary>
/// POST /api/v1/platforms/{id}/revocation-proposals/{proposalId}/decision: the authority's explicit
/// decision on a proposal. Revoke moves the platform to revoked through its lifecycle (with its
/// history entry and PlatformStatusChanged); dismiss leaves it as it is. Both are audited.
/// </summary>
public sealed record DecideRevocation : DecideRevocationRequest, ICommand<RevocationProposalResponse>
{
    public DecideRevocation(Guid platformId, long proposalId, DecideRevocationRequest request, ClaimsPrincipal caller) : base(request)
    {
        PlatformId = platformId;
        ProposalId = proposalId;
        Caller = caller;
    }

    public Guid PlatformId { get; }
    public long ProposalId { get; }
    public ClaimsPrincipal Caller { get; }
}

internal sealed class DecideRevocationValidator : AbstractValidator<DecideRevocation>
{
    public DecideRevocationValidator()
    {
        RuleFor(d => d.Decision).NotNull();
        RuleFor(d => d.Reason).NotEmpty().MaximumLength(1000);
        RuleFor(d => d.DocumentNumber).MaximumLength(100);
    }
}

internal sealed class DecideRevocationHandler(PlatformsDbContext db, IEventBus events, TimeProvider clock)
    : ICommandHandler<DecideRevocation, RevocationProposalResponse>
{
    public async ValueTask<RevocationProposalResponse> Handle(DecideRevocation command, CancellationToken cancellationToken)
    {
        var platform = await PlatformLookup.FindLockedAsync(db, command.PlatformId, cancellationToken);
        PlatformLookup.EnsureWritable(command.Caller, platform);
        var proposal = await db.RevocationProposals
                .SingleOrDefaultAsync(p => p.PlatformId == platform.Id && p.Id == command.ProposalId, cancellationToken)
            ?? throw new NotFoundException("Revocation proposal", $"{platform.Id}/{command.ProposalId}");
        var today = clock.Today();
        var on = command.On ?? today;
        var reason = command.Reason!.Trim();
        var documentNumber = string.IsNullOrWhiteSpace(command.DocumentNumber) ? null : command.DocumentNumber.Trim();
        proposal.Decide(command.Decision!.Value, on, reason, documentNumber, today);
        if (command.Decision == ProposalDecision.Revoke)
        {
            var change = platform.ChangeStatus(PlatformStatus.Revoked, on, reason, documentNumber, today, clock.GetUtcNow());
            events.Publish(EventFactory.StatusChanged(platform, change));
        }

        return RevocationProposalResponse.From(proposal);
    }
}
