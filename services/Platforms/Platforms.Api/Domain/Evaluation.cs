using Persistence.Audit;

namespace Platforms.Api.Domain;

/// <summary>A platform's evaluation for one year (年度评价/绩效评估), recorded through <see cref="Evaluations.Record"/>.</summary>
public sealed class Evaluation : IAuditedResource
{
    private Evaluation()
    {
    }

    internal Evaluation(Guid platformId, int year, string grade, decimal? score, Rating rating, DateOnly evaluatedOn, string? note,
        DateTimeOffset recordedAt)
    {
        PlatformId = platformId;
        Year = year;
        Grade = grade;
        Score = score;
        Rating = rating;
        EvaluatedOn = evaluatedOn;
        Note = note;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public Guid PlatformId { get; private set; }

    /// <summary>The year evaluated.</summary>
    public int Year { get; private set; }

    /// <summary>As the type's scheme writes it: A–D, excellent … fail, or the band of the score.</summary>
    public string Grade { get; private set; } = null!;

    public decimal? Score { get; private set; }
    public Rating Rating { get; private set; }

    /// <summary>The day the result was issued.</summary>
    public DateOnly EvaluatedOn { get; private set; }

    public string? Note { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool Failing => Rating == Rating.Fail;

    public string AuditKey => $"{PlatformId}/evaluations/{Year}";
}
