using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platforms.Api.Data;
using Platforms.Api.Domain;
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

/// <summary>The <c>RectificationReview</c> section.</summary>
public sealed class RectificationReviewOptions
{
    public const string Section = "RectificationReview";

    /// <summary>How often the pass runs (daily by default); it also runs once at start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Sends <see cref="ReviewRectifications"/> at start-up and then every <see cref="RectificationReviewOptions.Interval"/>.</summary>
internal sealed partial class RectificationReviewService(IServiceScopeFactory scopes, IOptions<RectificationReviewOptions> options,
    TimeProvider clock, ILogger<RectificationReviewService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReviewRectifications(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rectification review failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class RectificationReviewExtensions
{
    /// <summary>Registers the daily run of the review pass.</summary>
    public static IHostApplicationBuilder AddRectificationReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RectificationReviewOptions>().Bind(builder.Configuration.GetSection(RectificationReviewOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromMinutes(1), "RectificationReview:Interval must be at least one minute.")
            .ValidateOnStart();
        builder.Services.AddHostedService<RectificationReviewService>();
        return builder;
    }
}
