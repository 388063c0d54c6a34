using System.Text.Json;
using Plans.Api.Domain;

namespace Plans.UnitTests;

public class TaskNumberingTests
{
    private static IEnumerable<string> InKeyOrder(params string[] codes) =>
        codes.OrderBy(TaskNumbering.SortKey, StringComparer.Ordinal);

    [Fact]
    public void A_lower_sub_section_comes_first_whatever_its_item_numbers()
    {
        InKeyOrder("三.(三).6", "三.(二).3").Should().Equal("三.(二).3", "三.(三).6");
    }

    [Fact]
    public void Item_9_comes_before_item_10()
    {
        InKeyOrder("三.(四).10", "三.(四).9", "三.(四).11").Should().Equal("三.(四).9", "三.(四).10", "三.(四).11");
    }

    [Fact]
    public void Chinese_numerals_count_past_ten()
    {
        InKeyOrder("二十一", "十", "十二", "九", "二十", "一百零五", "三")
            .Should().Equal("三", "九", "十", "十二", "二十", "二十一", "一百零五");
    }

    [Fact]
    public void A_section_comes_before_its_items()
    {
        InKeyOrder("二.一.(一).1", "二.一", "二.一.(一)", "二.二").Should().Equal("二.一", "二.一.(一)", "二.一.(一).1", "二.二");
    }

    [Fact]
    public void Full_width_and_ascii_parentheses_number_alike()
    {
        TaskNumbering.SortKey("三.（十）.2").Should().Be(TaskNumbering.SortKey("三.(十).2"));
    }

    [Fact]
    public void A_segment_that_is_no_number_sorts_after_the_numbered_ones_by_its_characters()
    {
        InKeyOrder("附录", "一.1", "附件", "九十九").Should().Equal("一.1", "九十九", "附件", "附录");
        InKeyOrder("T-b", "T-a", "2").Should().Equal("2", "T-a", "T-b");
    }

    [Theory]
    [InlineData("三.(二).4")]
    [InlineData("附件.1")]
    [InlineData("T-1a2b3c4d")]
    public void A_key_is_digits_only_so_that_no_collation_reorders_it(string code)
    {
        TaskNumbering.SortKey(code).Should().MatchRegex("^[0-9]+$");
    }

    [Fact]
    public void The_longest_code_fits_the_key_column()
    {
        var longest = new[] { new string('附', 64), string.Join('.', Enumerable.Repeat("x", 32)), string.Join('.', Enumerable.Repeat("9", 32)) };

        longest.Select(code => TaskNumbering.SortKey(code).Length).Should().OnlyContain(length => length <= TaskNumbering.MaxKeyLength);
        TaskNumbering.SortKey(longest[0]).Length.Should().Be(TaskNumbering.MaxKeyLength);
    }

    [Fact]
    public void The_tasks_of_every_seeded_plan_sort_as_their_document_lists_them()
    {
        var seeds = Directory.GetFiles(Path.Combine(RepositoryRoot(), "seeds", "plans"), "*.json");
        seeds.Should().HaveCount(5);
        foreach (var seed in seeds)
        {
            using var file = JsonDocument.Parse(File.ReadAllText(seed));
            var inDocumentOrder = file.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("code").GetString()!).ToList();

            InKeyOrder([.. inDocumentOrder]).Should().Equal(inDocumentOrder, Path.GetFileName(seed));
            inDocumentOrder.Order(StringComparer.Ordinal).Should().NotEqual(inDocumentOrder, "{0} shows what text order gets wrong", Path.GetFileName(seed));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microservices.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Microservices.sln not found above the test output.");
    }
}
