using Platforms.Api.Domain;

namespace Platforms.Api.Catalog;

/// <summary>How a platform type's yearly evaluation is graded.</summary>
public enum GradingScheme
{
    /// <summary>A, B, C, D (incubators and maker spaces: 优秀, 良好, 合格, 不合格).</summary>
    Letters,
    /// <summary>excellent, good, pass, fail (优秀, 良好, 合格, 不合格: key labs and centres).</summary>
    Ratings,
    /// <summary>A score from 0 to 100, graded by band: 90 and above excellent, 65 to under 90 good, 60 to under 65 pass, under 60 fail.</summary>
    Score,
}

/// <summary>An evaluation's grade as its scheme writes it, and its rating on the common scale.</summary>
public sealed record Grading(string Grade, decimal? Score, Rating Rating);

public static class GradingSchemes
{
    private static readonly IReadOnlyList<(string Grade, Rating Rating)> Letters =
        [("A", Rating.Excellent), ("B", Rating.Good), ("C", Rating.Pass), ("D", Rating.Fail)];

    private static readonly IReadOnlyList<(string Grade, Rating Rating)> Ratings =
        [("excellent", Rating.Excellent), ("good", Rating.Good), ("pass", Rating.Pass), ("fail", Rating.Fail)];

    /// <summary>The grades a caller may send under the scheme (none for a score: it sends the score).</summary>
    public static IReadOnlyList<string> GradesOf(GradingScheme scheme) => scheme switch
    {
        GradingScheme.Letters => Letters.Select(l => l.Grade).ToList(),
        GradingScheme.Ratings => Ratings.Select(r => r.Grade).ToList(),
        _ => [],
    };

    /// <summary>What the scheme asks for, in words, for the error that refuses something else.</summary>
    public static string Describe(GradingScheme scheme) => scheme switch
    {
        GradingScheme.Letters => "a 'grade' of A, B, C or D",
        GradingScheme.Ratings => "a 'grade' of excellent, good, pass or fail",
        _ => "a 'score' from 0 to 100 (≥90 excellent, 65–90 good, 60–65 pass, <60 fail)",
    };

    /// <summary>The grading of what was sent, or null when the scheme does not take it.</summary>
    public static Grading? Grade(GradingScheme scheme, string? grade, decimal? score)
    {
        if (scheme == GradingScheme.Score)
        {
            return grade is null && score is >= 0 and <= 100 ? new Grading(BandOf(score.Value).ToString().ToLowerInvariant(), score, BandOf(score.Value)) : null;
        }

        if (score is not null || grade is null)
        {
            return null;
        }

        var table = scheme == GradingScheme.Letters ? Letters : Ratings;
        var match = table.FirstOrDefault(entry => string.Equals(entry.Grade, grade.Trim(), StringComparison.OrdinalIgnoreCase));
        return match.Grade is null ? null : new Grading(match.Grade, null, match.Rating);
    }

    private static Rating BandOf(decimal score) => score switch
    {
        >= 90 => Rating.Excellent,
        >= 65 => Rating.Good,
        >= 60 => Rating.Pass,
        _ => Rating.Fail,
    };
}
