using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Csv;
using Plans.Api.Domain;
using ServiceDefaults.Csv;

namespace Plans.Api.Observations;

/// <summary>
/// A plan's yearly figures in CSV (<see cref="CsvTable"/>), as the statistics bureau delivers them: an export
/// imports back unchanged (its status and recordedAt columns are for reading and are not imported).
/// </summary>
internal static class ObservationCsv
{
    public static readonly CsvTable Table = new(
        ["indicator", "year", "value", "source", "note", "status", "recordedAt"],
        ["indicator", "year", "value"],
        "observations.csv");

    public static string Header => Table.Header;

    /// <summary>A data row: the figure it gives, by the indicator's code.</summary>
    public sealed record Row(int Number, string Indicator, int? Year, decimal? Value, string? Source, string? Note) : IImportRow;

    /// <summary>The figures, each with its indicator's code, streamed as they are read; values without trailing zeros (the column keeps 4 decimals).</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<(string Indicator, Observation Figure)> figures, CancellationToken aborted) =>
        Table.Export(figures, f => [f.Indicator, f.Figure.Year.ToString(CultureInfo.InvariantCulture),
            f.Figure.Value.ToString("0.####", CultureInfo.InvariantCulture), f.Figure.Source ?? "", f.Figure.Note ?? "",
            f.Figure.Status.ToString().ToLowerInvariant(), f.Figure.RecordedAt.ToString("O", CultureInfo.InvariantCulture)], aborted);

    /// <summary>The rows of an import file; a row without an indicator, or with an unreadable year or value, is rejected instead.</summary>
    public static List<Row> Read(string text, ICollection<ImportRejection> rejected)
    {
        var rows = new List<Row>();
        foreach (var record in Table.Read(text, rejected))
        {
            var year = record.Parse("year", cell => int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : (int?)null,
                "a year such as 2021");
            var value = record.Parse("value",
                cell => decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
                    ? v : (decimal?)null,
                "a number such as 3.2");
            if (record.Refused(rejected))
            {
                continue;
            }

            if (record["indicator"] is not { } indicator)
            {
                rejected.Add(new(record.Number, ImportCodes.ValidationFailed, "indicator: the indicator's code is required."));
                continue;
            }

            rows.Add(new(record.Number, indicator, year, value, record["source"], record["note"]));
        }

        return rows;
    }
}
