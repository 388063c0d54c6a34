using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Platforms.Api.Domain;
using Platforms.Api.Platforms;
using ServiceDefaults.Csv;
using ServiceDefaults.Json;
using SharedKernel.Errors;

namespace Platforms.Api.Csv;

/// <summary>
/// The CSV form of the register: one header row and the columns the import reads, so an export imports
/// back unchanged. UTF-8 with a byte order mark, without which Excel on Chinese Windows reads the
/// names as GBK; cells that would run as formulas are written behind an apostrophe (<see cref="CsvCells"/>).
/// Designations are separated by semicolons; an enterprise host is given by its credit code alone.
/// </summary>
internal static class PlatformCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "name", "nameEn", "type", "level", "designations", "regionCode", "zoneCode", "abroadCountry", "abroadCity",
        "hostCreditCode", "hostName", "hostKind", "field", "approvedOn", "documentNumber", "status",
    ];

    public static readonly IReadOnlyList<string> RequiredColumns = ["name", "type", "level", "regionCode", "approvedOn"];

    public static string Header => string.Join(",", Columns);

    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    /// <summary>A data row of an import file: its number (the header is row 1), the platform's id when given, and the platform it describes.</summary>
    public sealed record Row(int Number, Guid? Id, CreatePlatformRequest Platform);

    /// <summary>Streams the platforms, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Platform> platforms) =>
        TypedResults.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, WriterOptions, leaveOpen: true);
            csv.WriteHeader([.. Columns]);
            await foreach (var p in platforms)
            {
                foreach (var cell in new[]
                         {
                             p.Id.ToString(), p.Name, p.NameEn ?? "", p.Type, EnumText.Format(p.Level), p.Designations.Replace(',', ';'), p.RegionCode,
                             p.ZoneCode ?? "", p.AbroadCountry ?? "", p.AbroadCity ?? "", p.HostCreditCode ?? "", p.HostName ?? "",
                             p.HostKind == HostKind.Enterprise ? "" : EnumText.Format(p.HostKind), p.Field ?? "",
                             p.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.DocumentNumber ?? "", EnumText.Format(p.Status),
                         })
                {
                    WriteCell(csv, cell);
                }

                await csv.EndRecordAsync();
            }

            await csv.FlushAsync();
        }, $"{CsvUpload.MediaType}; charset=utf-8", "platforms.csv");

    /// <summary>
    /// Reads the header (refused whole when columns are unknown, repeated or missing) and the rows; a row
    /// of the wrong shape or with an unreadable id, date or name of a value is added to <paramref name="rejected"/> instead.
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
            var problems = new List<string>();
            var id = Parse(Field("id"), "id", s => Guid.TryParse(s, out var g) ? g : (Guid?)null, "a platform id", problems);
            var approvedOn = Parse(Field("approvedOn"), "approvedOn",
                s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null,
                "a date of the form yyyy-MM-dd", problems);
            var level = Named<PlatformLevel>(Field("level"), "level", problems);
            var hostKind = Named<HostKind>(Field("hostKind"), "hostKind", problems);
            var status = Named<PlatformStatus>(Field("status"), "status", problems);
            if (problems.Count > 0)
            {
                rejected.Add(new(number, ImportCodes.ValidationFailed, string.Join(" ", problems)));
                continue;
            }

            rows.Add(new(number, id, new CreatePlatformRequest
            {
                Name = Field("name"), NameEn = Field("nameEn"), Type = Field("type"), Level = level,
                Designations = Field("designations")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                RegionCode = Field("regionCode"), ZoneCode = Field("zoneCode"),
                LocationAbroad = Field("abroadCountry") is { } country ? new LocationAbroad { Country = country, City = Field("abroadCity") } : null,
                HostCreditCode = Field("hostCreditCode"), HostName = Field("hostName"), HostKind = hostKind, Field = Field("field"),
                ApprovedOn = approvedOn, DocumentNumber = Field("documentNumber"), Status = status,
            }));
        }

        return rows;
    }

    private static T? Parse<T>(string? cell, string column, Func<string, T?> parse, string expected, List<string> problems) where T : struct
    {
        if (cell is null)
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

    private static T? Named<T>(string? cell, string column, List<string> problems) where T : struct, Enum
    {
        var names = StrictStringEnumConverter.NamesOf(typeof(T));
        var index = cell is null ? -1 : names.ToList().FindIndex(n => n.Equals(cell, StringComparison.OrdinalIgnoreCase));
        if (cell is not null && index < 0)
        {
            problems.Add($"{column}: '{cell}' is not one of: {string.Join(", ", names)}.");
        }

        return index < 0 ? null : Enum.GetValues<T>()[index];
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
            problems.Add($"The first row must be a header of these columns: {Header} ({string.Join(", ", RequiredColumns)} required).");
            throw new RuleViolationException("header", string.Join(" ", problems));
        }
    }
}
