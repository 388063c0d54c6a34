using ServiceDefaults.Csv;

namespace Enterprises.UnitTests.Csv;

public class CsvCellsTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86 22 2345 6789", "'+86 22 2345 6789")]
    [InlineData("-负号", "'-负号")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("\rReturned", "'\rReturned")]
    [InlineData("'=already", "''=already")]
    [InlineData("''+twice", "'''+twice")]
    public void Puts_an_apostrophe_before_a_cell_that_starts_like_a_formula(string value, string cell)
    {
        CsvCells.Protect(value).Should().Be(cell);
    }

    [Theory]
    [InlineData("天津市海河智能科技有限公司")]
    [InlineData("91120116MA05K2LT7X")]
    [InlineData("2015-03-18")]
    [InlineData("'plain")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("a=b")]
    [InlineData(" =leading space")]
    [InlineData("")]
    public void Leaves_other_cells_as_they_are(string value)
    {
        CsvCells.Protect(value).Should().Be(value);
        CsvCells.Unprotect(value).Should().Be(value);
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("-")]
    [InlineData("@")]
    [InlineData("'=already")]
    [InlineData("'''-many")]
    [InlineData("'plain")]
    [InlineData("'")]
    [InlineData("\t")]
    [InlineData("ordinary")]
    public void Every_value_reads_back_as_it_was_written(string value)
    {
        CsvCells.Unprotect(CsvCells.Protect(value)).Should().Be(value);
    }

    [Theory]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'-5", "-5")]
    [InlineData("'Quoted Ltd", "'Quoted Ltd")]
    [InlineData("''=x", "'=x")]
    public void Reading_removes_only_an_apostrophe_that_protects_a_formula(string cell, string value)
    {
        CsvCells.Unprotect(cell).Should().Be(value);
    }
}
