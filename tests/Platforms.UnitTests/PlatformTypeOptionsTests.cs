using Platforms.Api.Catalog;
using Platforms.Api.Domain;

namespace Platforms.UnitTests;

public class PlatformTypeOptionsTests
{
    private static PlatformTypeOptions Valid() => new()
    {
        Key = "TechTransferCenter", Name = "技术转移中心", Levels = [PlatformLevel.Municipal], Designations = ["regional"],
    };

    [Fact]
    public void A_well_formed_entry_has_no_problem()
    {
        Valid().Problem().Should().BeNull();
        Valid().ToType().NameEn.Should().Be("TechTransferCenter", "the key stands in for a missing English name");
    }

    [Theory]
    [InlineData("incubator2")]
    [InlineData("A")]
    [InlineData("Tech Transfer")]
    [InlineData("")]
    public void A_key_that_is_not_a_pascal_case_word_is_refused(string key)
    {
        var options = Valid();
        options.Key = key;

        options.Problem().Should().Contain("key");
    }

    [Fact]
    public void Levels_designations_and_the_rectification_period_are_checked()
    {
        var noLevels = Valid();
        noLevels.Levels = [];
        var twice = Valid();
        twice.Levels = [PlatformLevel.Municipal, PlatformLevel.Municipal];
        var badDesignation = Valid();
        badDesignation.Designations = ["Regional Hub"];
        var longRectification = Valid();
        longRectification.RectificationMonths = 37;

        noLevels.Problem().Should().Contain("levels");
        twice.Problem().Should().Contain("levels");
        badDesignation.Problem().Should().Contain("designations");
        longRectification.Problem().Should().Contain("rectification period");
    }

    [Fact]
    public void The_built_in_catalog_holds_the_types_the_documents_name_each_with_levels()
    {
        BuiltInTypes.All.Select(t => t.Key).Should().OnlyHaveUniqueItems().And.HaveCount(16);
        BuiltInTypes.All.Should().OnlyContain(t => t.Levels.Count > 0);
        BuiltInTypes.All.Where(t => t.TakesTenants).Select(t => t.Key).Should().BeEquivalentTo("Incubator", "MakerSpace", "StarInnovationStation");
        BuiltInTypes.All.Select(t => new PlatformTypeOptions
        {
            Key = t.Key, Name = t.Name, NameEn = t.NameEn, Levels = [.. t.Levels], Grading = t.Grading, Designations = [.. t.Designations],
            RectificationMonths = t.RectificationMonths,
        }.Problem()).Should().OnlyContain(p => p == null, "a built-in type could be written in configuration as it is");
    }
}
