using System.Buffers;

namespace ServiceDefaults.Csv;

/// <summary>
/// Protection against CSV injection (OWASP): a cell that starts with =, +, -, @, a tab or a carriage
/// return is a formula to a spreadsheet, so an export puts an apostrophe in front of it, which Excel
/// shows as text, and an import takes that apostrophe off again. A cell that already starts with
/// apostrophes before such a character gets one more, so that every value reads back as it was written.
/// </summary>
public static class CsvCells
{
    public const char Escape = '\'';

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The cell as an export writes it.</summary>
    public static string Protect(string value) => LooksLikeFormula(value) ? Escape + value : value;

    /// <summary>The value of a cell as an import reads it: the apostrophe <see cref="Protect"/> added is removed, any other kept.</summary>
    public static string Unprotect(string cell) => cell.Length > 1 && cell[0] == Escape && LooksLikeFormula(cell[1..]) ? cell[1..] : cell;

    /// <summary>Whether the value, after any apostrophes it starts with, starts like a formula.</summary>
    public static bool LooksLikeFormula(string value)
    {
        var rest = value.AsSpan().TrimStart(Escape);
        return rest.Length > 0 && FormulaStarts.Contains(rest[0]);
    }
}
