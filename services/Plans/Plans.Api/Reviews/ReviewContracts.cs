using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Plans.Api.Domain;
using Plans.Api.Reports;

namespace Plans.Api.Reviews;

/// <summary>A review to take.</summary>
/// <param name="Title">What the review is, e.g. 中期评估 (1 to 100 characters).</param>
/// <param name="AsOf">The date the report is reckoned for: within the plan's period and not after today.</param>
/// <param name="Note">Why or for whom it is taken (up to 2,000 characters).</param>
public sealed record TakeReviewRequest(string? Title, DateOnly? AsOf, string? Note);

/// <summary>A review as listed: what it is and when it was taken, without its report.</summary>
public sealed record ReviewSummary(long Id, string PlanCode, [property: MaxLength(100)] string Title, DateOnly AsOf,
    [property: MaxLength(2000)] string? Note, [property: MaxLength(200)] string? TakenBy, DateTimeOffset TakenAt)
{
    public static ReviewSummary From(MonitoringReview r) => new(r.Id, r.PlanCode, r.Title, r.AsOf, r.Note, r.TakenBy, r.TakenAt);
}

/// <summary>A review with its report, exactly as it stood when the review was taken.</summary>
/// <param name="Report">The monitoring report as of the review's date, in the annual report's shape.</param>
public sealed record ReviewResponse(long Id, string PlanCode, [property: MaxLength(100)] string Title, DateOnly AsOf,
    [property: MaxLength(2000)] string? Note, [property: MaxLength(200)] string? TakenBy, DateTimeOffset TakenAt, MonitoringReport Report)
{
    public static ReviewResponse From(MonitoringReview r) =>
        new(r.Id, r.PlanCode, r.Title, r.AsOf, r.Note, r.TakenBy, r.TakenAt, ReviewContent.Read(r.Content));
}

/// <summary>How a review's report is stored: the JSON of <see cref="MonitoringReport"/>, enums by name.</summary>
internal static class ReviewContent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(MonitoringReport report) => JsonSerializer.Serialize(report, Json);

    public static MonitoringReport Read(string content) => JsonSerializer.Deserialize<MonitoringReport>(content, Json)!;
}
