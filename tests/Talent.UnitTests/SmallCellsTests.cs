using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Talent.Api.Statistics;

namespace Talent.UnitTests;

public class SmallCellsTests
{
    [Fact]
    public void Counts_of_one_to_four_are_suppressed_and_zero_and_five_are_shown()
    {
        var (parts, total) = SmallCells.Suppress([0, 1, 4, 5, 20, 6], 36);

        parts.Should().Equal(0, null, null, 5, 20, 6);
        total.Should().Be(36);
    }

    [Fact]
    public void A_single_suppressed_part_of_a_published_total_takes_the_smallest_other_part_with_it()
    {
        var (parts, total) = SmallCells.Suppress([3, 0, 9, 7, 12], 31);

        parts.Should().Equal(null, 0, 9, null, 12);
        total.Should().Be(31);
    }

    [Fact]
    public void A_small_total_is_suppressed_and_then_nothing_else_need_be()
    {
        var (parts, total) = SmallCells.Suppress([0, 3, 0], 3);

        parts.Should().Equal(0, null, 0);
        total.Should().BeNull();
    }

    [Fact]
    public void Nationalities_under_five_are_merged_into_other_and_China_is_kept_apart()
    {
        var cells = SmallCells.MergeSmall([("US", 6), ("JP", 2), ("CN", 3), ("DE", 1), ("KR", 5)], "other", "CN");

        cells.Should().Equal(("CN", 3), ("KR", 5), ("US", 6), ("other", 3));
    }

    /// <summary>Whatever the counts, no published cell describes one to four people, and no single hidden part can be recovered from the total.</summary>
    [Property(MaxTest = 500)]
    public Property No_published_cell_is_below_five_and_no_lone_cell_is_hidden_under_a_published_total()
    {
        var counts = Gen.Choose(0, 12).ArrayOf().Where(a => a.Length is > 0 and < 20).ToArbitrary();
        return Prop.ForAll(counts, parts =>
        {
            var (shown, total) = SmallCells.Suppress(parts, parts.Sum());
            var hidden = shown.Count(s => s is null);
            return shown.All(s => s is null or 0 or >= SmallCells.Threshold)
                   && total is null or 0 or >= SmallCells.Threshold
                   && (total is null || hidden != 1 || parts.Count(p => p > 0) == 1);
        });
    }
}
