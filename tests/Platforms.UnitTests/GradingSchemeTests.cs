using Platforms.Api.Catalog;
using Platforms.Api.Domain;

namespace Platforms.UnitTests;

public class GradingSchemeTests
{
    [Theory]
    [InlineData("A", Rating.Excellent)]
    [InlineData("b", Rating.Good)]
    [InlineData(" C ", Rating.Pass)]
    [InlineData("D", Rating.Fail)]
    public void Letters_map_to_the_common_scale(string grade, Rating rating)
    {
        var grading = GradingSchemes.Grade(GradingScheme.Letters, grade, null);

        grading.Should().Be(new Grading(grade.Trim().ToUpperInvariant(), null, rating));
    }

    [Theory]
    [InlineData(100, Rating.Excellent)]
    [InlineData(90, Rating.Excellent)]
    [InlineData(89.99, Rating.Good)]
    [InlineData(65, Rating.Good)]
    [InlineData(64.99, Rating.Pass)]
    [InlineData(60, Rating.Pass)]
    [InlineData(59.99, Rating.Fail)]
    [InlineData(0, Rating.Fail)]
    public void A_score_is_graded_by_its_band_with_the_lower_bound_inclusive(decimal score, Rating rating)
    {
        var grading = GradingSchemes.Grade(GradingScheme.Score, null, score)!;

        grading.Rating.Should().Be(rating);
        grading.Grade.Should().Be(rating.ToString().ToLowerInvariant());
        grading.Score.Should().Be(score);
    }

    [Theory]
    [InlineData(GradingScheme.Letters, "excellent", null)]
    [InlineData(GradingScheme.Letters, "E", null)]
    [InlineData(GradingScheme.Letters, "A", 95.0)]
    [InlineData(GradingScheme.Letters, null, null)]
    [InlineData(GradingScheme.Ratings, "A", null)]
    [InlineData(GradingScheme.Ratings, "合格", null)]
    [InlineData(GradingScheme.Score, "good", null)]
    [InlineData(GradingScheme.Score, "good", 80.0)]
    [InlineData(GradingScheme.Score, null, 100.01)]
    [InlineData(GradingScheme.Score, null, -0.01)]
    [InlineData(GradingScheme.Score, null, null)]
    public void What_the_scheme_does_not_take_has_no_grading(GradingScheme scheme, string? grade, double? score)
    {
        GradingSchemes.Grade(scheme, grade, (decimal?)score).Should().BeNull();
    }
}
