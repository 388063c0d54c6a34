using System.Globalization;
using CsvHelper;
using ServiceDefaults.Json;

namespace ServiceDefaults.Csv;

/// <summary>
/// A data row of an import file as <see cref="CsvTable.Read"/> yields it: its cells by column name,
/// and the cells that could not be read, which refuse the row together.
/// </summary>
public sealed class CsvRecord
{
    private readonly List<string> headers;
    private readonly CsvReader reader;
    private readonly List<string> problems = [];

    internal CsvRecord(int number, List<string> headers, CsvReader reader)
    {
        Number = number;
        this.headers = headers;
        this.reader = reader;
    }

    /// <summary>The row number, counting the header as row 1.</summary>
    public int Number { get; }

    /// <summary>The cell's value (the apostrophe an export put before a formula taken off), or null for an empty cell or an absent column.</summary>
    public string? this[string column] =>
        headers.IndexOf(column) is var i and >= 0 && reader.GetString(i) is { Length: > 0 } value ? CsvCells.Unprotect(value) : null;

    /// <summary>A cell read with <paramref name="parse"/>; a cell it cannot read is a problem "column: 'cell' is not <paramref name="expected"/>."</summary>
    public T? Parse<T>(string column, Func<string, T?> parse, string expected) where T : struct
    {
        if (this[column] is not { } cell)
        {
            return null;
        }

        var value = parse(cell);
        if (value is null)
        {
            problems.Add($"{column}: '{cell}' is not {expected}.");
        }

        return value;
    }

    /// <summary>A date cell of the form yyyy-MM-dd.</summary>
    public DateOnly? Date(string column) => Parse(column,
        cell => DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null,
        "a date of the form yyyy-MM-dd");

    /// <summary>An enum cell by its wire name, in any case; the value is named in the problem.</summary>
    public T? Enum<T>(string column) where T : struct, Enum
    {
        if (this[column] is not { } cell)
        {
            return null;
        }

        var names = StrictStringEnumConverter.NamesOf(typeof(T));
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(cell, StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.GetValues<T>()[i];
            }
        }

        problems.Add($"{column}: '{cell}' is not one of: {string.Join(", ", names)}.");
        return null;
    }

    /// <summary>Whether a cell could not be read; if so the row is added to <paramref name="rejected"/> with every such problem.</summary>
    public bool Refused(ICollection<ImportRejection> rejected)
    {
        if (problems.Count == 0)
        {
            return false;
        }

        rejected.Add(new(Number, ImportCodes.ValidationFailed, string.Join(" ", problems)));
        return true;
    }
}
