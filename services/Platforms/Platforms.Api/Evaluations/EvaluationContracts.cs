using Platforms.Api.Domain;

namespace Platforms.Api.Evaluations;

/// <summary>The body of POST /api/v1/platforms/{id}/evaluations: a grade or, where the type's scheme is a score, a score.</summary>
public record EvaluatePlatformRequest
{
    /// <summary>The year evaluated: from the year of approval to the current one.</summary>
    public int? Year { get; init; }
    /// <summary>A, B, C or D (incubators, maker spaces); excellent, good, pass or fail (labs, centres and the rest). See GET /api/v1/platforms/types.</summary>
    public string? Grade { get; init; }
    /// <summary>0 to 100, for types graded by score (EnterpriseTechCenter): ≥90 excellent, 65–90 good, 60–65 pass, &lt;60 fail.</summary>
    public decimal? Score { get; init; }
    /// <summary>The day the result was issued; today when absent.</summary>
    public DateOnly? EvaluatedOn { get; init; }
    public string? Note { get; init; }
}

/// <summary>An evaluation of a platform.</summary>
/// <param name="Grade">As the type's scheme writes it.</param>
/// <param name="Rating">On the common scale: excellent, good, pass or fail.</param>
/// <param name="Failing">A failing grade: it opened a rectification or proposed revocation.</param>
public sealed record EvaluationResponse(long Id, Guid PlatformId, int Year, string Grade, decimal? Score, Rating Rating, bool Failing,
    DateOnly EvaluatedOn, string? Note, DateTimeOffset RecordedAt)
{
    public static EvaluationResponse From(Evaluation e) =>
        new(e.Id, e.PlatformId, e.Year, e.Grade, e.Score, e.Rating, e.Failing, e.EvaluatedOn, e.Note, e.RecordedAt);
}

/// <summary>What recording an evaluation did.</summary>
/// <param name="Evaluation">The evaluation.</param>
/// <param name="RectificationOpened">The rectification a failing grade opened, if any.</param>
/// <param name="RevocationProposed">The revocation a second failure proposed, if any.</param>
public sealed record EvaluationOutcomeResponse(EvaluationResponse Evaluation, Rectifications.RectificationResponse? RectificationOpened,
    Rectifications.RevocationProposalResponse? RevocationProposed);
