using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Events;
using EventBus;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Messaging;
using SharedKernel.Time;

namespace Enterprises.Api.Qualifications;

/// <summary>
/// The expiry pass: valid qualifications whose last day is before today become expired, each with its
/// QualificationExpired event. Run daily and by an admin (POST /api/v1/qualifications/expire); running
/// it again the same day finds nothing.
/// </summary>
public sealed record ExpireQualifications : ICommand<ExpiryResult>;

/// <summary>
/// Works in batches, clearing the change tracker between them, so memory stays flat on the day a
/// year's TechSme grants all end. Status is a concurrency token: when two replicas race, each row
/// changes (and reports) once, and the batch that lost is left to the replica that won it.
/// </summary>
internal sealed partial class ExpireQualificationsHandler(EnterprisesDbContext db, IEventBus events, TimeProvider clock,
    ILogger<ExpireQualificationsHandler> logger) : ICommandHandler<ExpireQualifications, ExpiryResult>
{
    private const int BatchSize = 500;

    public async ValueTask<ExpiryResult> Handle(ExpireQualifications command, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var expired = 0;
        while (true)
        {
            var due = await (from q in db.Qualifications
                             join e in db.Enterprises on q.CreditCode equals e.CreditCode
                             where q.Status == QualificationStatus.Valid && q.ExpiresOn < today
                             orderby q.Id
                             select new { Qualification = q, e.RegionCode, e.ZoneCode }).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var item in due.Where(item => item.Qualification.ExpireIfEnded(today)))
            {
                events.Publish(EventFactory.Expired(item.Qualification, item.RegionCode, item.ZoneCode));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired += due.Count;
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

        LogExpired(logger, expired, today);
        return new ExpiryResult(expired, today);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry pass: {Count} qualifications expired as of {Today}")]
    private static partial void LogExpired(ILogger logger, int count, DateOnly today);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry pass: another replica expired part of a batch first; its rows are left to it")]
    private static partial void LogRaced(ILogger logger);
}

public static class QualificationExpiryExtensions
{
    /// <summary>Sends the pass at start-up and then every <c>QualificationExpiry:Interval</c> (daily by default).</summary>
    public static IHostApplicationBuilder AddQualificationExpiry(this IHostApplicationBuilder builder) =>
        builder.AddPeriodicCommand<ExpireQualifications>("QualificationExpiry");
}
