using Mediator;
using Microsoft.EntityFrameworkCore;
using Platforms.Api.Data;
using Platforms.Api.Domain;
using ServiceDefaults.Messaging;
using SharedKernel.Time;

namespace Platforms.Api.Rectifications;

/// <summary>
/// The review pass: open rectifications past their due date become overdue, and each proposes the
/// platform's revocation (unless a proposal is pending for it already). Run daily and by an admin
/// (POST /api/v1/platforms/rectifications/review); running it again the same day finds nothing.
/// </summary>
public sealed record ReviewRectifications : ICommand<ReviewResult>;

/// <summary>
/// Works in batches, clearing the change tracker between them, so memory stays flat. Status is a
/// concurrency token: when two replicas race, each rectification becomes overdue (and proposes) once.
/// </summary>
internal sealed partial class ReviewRectificationsHandler(PlatformsDbContext db, TimeProvider clock, ILogger<ReviewRectificationsHandler> logger)
    : ICommandHandler<ReviewRectifications, ReviewResult>
{
    private const int BatchSize = 500;

    public async ValueTask<ReviewResult> Handle(ReviewRectifications command, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        int overdue = 0, proposed = 0;
        while (true)
        {
            var due = await db.Rectifications.Where(r => r.Status == RectificationStatus.Open && r.DueOn < today)
                .OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var platforms = due.Select(r => r.PlatformId).Distinct().ToList();
            var pending = await db.RevocationProposals.Where(p => platforms.Contains(p.PlatformId) && p.Status == ProposalStatus.Pending)
                .Select(p => p.PlatformId).ToHashSetAsync(cancellationToken);
            var proposals = due.Select(r => Domain.Evaluations.ReviewOverdue(r, pending.Contains(r.PlatformId), today)).OfType<RevocationProposal>().ToList();
            db.RevocationProposals.AddRange(proposals);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                overdue += due.Count;
                proposed += proposals.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                LogRaced(logger);
            }

            db.ChangeTracker.Clear();
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        LogReviewed(logger, overdue, proposed, today);
        return new ReviewResult(overdue, proposed, today);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rectification review: {Overdue} overdue, {Proposed} revocations proposed as of {Today}")]
    private static partial void LogReviewed(ILogger logger, int overdue, int proposed, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rectification review: another replica reviewed part of a batch first; its rows are left to it")]
    private static partial void LogRaced(ILogger logger);
}

public static class RectificationReviewExtensions
{
    /// <summary>Sends the pass at start-up and then every <c>RectificationReview:Interval</c> (daily by default).</summary>
    public static IHostApplicationBuilder AddRectificationReview(this IHostApplicationBuilder builder) =>
        builder.AddPeriodicCommand<ReviewRectifications>("RectificationReview");
}
