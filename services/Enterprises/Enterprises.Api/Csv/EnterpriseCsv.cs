using System.Globalization;
using CsvHelper;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Csv;
using SharedKernel.Errors;

namespace Enterprises.Api.Csv;

/// <summary>
/// The CSV form of the register: one header row and the columns the import reads, so an export imports
/// back unchanged. UTF-8 with a byte order mark, without which Excel on Chinese Windows reads the
/// names as GBK; cells that would run as formulas are written behind an apostrophe (<see cref="CsvCells"/>).
/// </summary>
internal static class EnterpriseCsv
{
    public static readonly IReadOnlyList<string> Columns = ["creditCode", "name", "nameEn", "regionCode", "zoneCode", "industry", "foundedOn"];

    public static string Header => string.Join(",", Columns);

    public static readonly IReadOnlyList<string> RequiredColumns = ["creditCode", "name", "regionCode", "foundedOn"];

    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    /// <summary>A data row of an import file: its row number (the header is row 1) and the enterprise it describes.</summary>
    public sealed record Row(int Number, CreateEnterpriseRequest Enterprise);

    /// <summary>Streams the enterprises, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Enterprise> enterprises) =>
        TypedResults.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, WriterOptions, leaveOpen: true);
            csv.WriteHeader([.. Columns]);
            await foreach (var e in enterprises)
            {
                foreach (var cell in new[] { e.CreditCode, e.Name, e.NameEn ?? "", e.RegionCode, e.ZoneCode ?? "", e.Industry ?? "",
                             e.FoundedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })
                {
                    WriteCell(csv, cell);
                }

                await csv.EndRecordAsync();
            }

            await csv.FlushAsync();
        }, $"{CsvUpload.MediaType}; charset=utf-8", "enterprises.csv");

    /// <summary>
    /// Reads the header (refused whole when columns are unknown, repeated or missing) and the rows; a row
    /// of the wrong shape or with an unreadable date is added to <paramref name="rejected"/> instead.
    /// </summary>
    public static List<Row> Read(string text, ICollection<ImportRejection> rejected)
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true });
        reader.ReadHeader();
        var headers = reader.Headers.ToList();
        EnsureHeader(headers);
        var rows = new List<Row>();
        while (reader.Read())
        {
            var number = (int)reader.RowNumber + 1;
            if (reader.FieldCount != headers.Count)
            {
                rejected.Add(new(number, ImportCodes.InvalidRow, $"The row has {reader.FieldCount} fields; the header has {headers.Count}."));
                continue;
            }

            string? Field(string column) =>
                headers.IndexOf(column) is var i and >= 0 && reader.GetString(i) is { Length: > 0 } value ? CsvCells.Unprotect(value) : null;
            var founded = Field("foundedOn");
            DateOnly? foundedOn = DateOnly.TryParseExact(founded, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            if (founded is not null && foundedOn is null)
            {
                rejected.Add(new(number, ImportCodes.ValidationFailed, $"foundedOn: '{founded}' is not a date of the form yyyy-MM-dd."));
                continue;
            }

            rows.Add(new(number, new CreateEnterpriseRequest
            {
                CreditCode = Field("creditCode"), Name = Field("name"), NameEn = Field("nameEn"), RegionCode = Field("regionCode"),
                ZoneCode = Field("zoneCode"), Industry = Field("industry"), FoundedOn = foundedOn,
            }));
        }

        return rows;
    }

    /// <summary>A protected cell is quoted too, as OWASP recommends, so that no reader takes the apostrophe for part of a formula.</summary>
    private static void WriteCell(CsvWriter csv, string value)
    {
        if (CsvCells.LooksLikeFormula(value))
        {
            csv.WriteField(CsvCells.Protect(value), CsvQuoting.Always);
        }
        else
        {
            csv.WriteField(value);
        }
    }

    private static void EnsureHeader(IReadOnlyList<string> headers)
    {
        var unknown = headers.Where(h => !Columns.Contains(h)).ToList();
        var repeated = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = RequiredColumns.Where(c => !headers.Contains(c)).ToList();
        var problems = new List<string>();
        if (unknown.Count > 0)
        {
            problems.Add($"Unknown column(s): {string.Join(", ", unknown)}.");
        }

        if (repeated.Count > 0)
        {
            problems.Add($"Repeated column(s): {string.Join(", ", repeated)}.");
        }

        if (missing.Count > 0)
        {
            problems.Add($"Missing column(s): {string.Join(", ", missing)}.");
        }

        if (problems.Count > 0)
        {
            problems.Add($"The first row must be a header of these columns: {string.Join(",", Columns)} (nameEn, zoneCode and industry optional).");
            throw new RuleViolationException("header", string.Join(" ", problems));
        }
    }
}
