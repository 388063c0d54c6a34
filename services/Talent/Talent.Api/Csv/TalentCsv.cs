using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Csv;
using ServiceDefaults.Json;
using SharedKernel.Errors;
using Talent.Api.Domain;
using Talent.Api.Talents;

namespace Talent.Api.Csv;

/// <summary>
/// The CSV form of the register: a header row and the columns the import reads, so that an export with
/// personal data imports back unchanged. Without it (the default) the idNumber and phone columns are
/// left out. UTF-8 with a byte order mark (Excel on Chinese Windows reads GBK otherwise); cells that
/// would run as formulas are written behind an apostrophe (<see cref="CsvCells"/>).
/// </summary>
internal static class TalentCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "documentType", "idNumber", "nationality", "name", "phone", "gender", "birthYear", "education", "title", "field", "employerCreditCode",
        "regionCode", "zoneCode",
    ];

    public static string Header => string.Join(",", Columns);

    public static readonly IReadOnlyList<string> RequiredColumns = ["documentType", "idNumber", "name", "regionCode"];

    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    /// <summary>A data row of an import file: its row number (the header is row 1) and the person it describes.</summary>
    public sealed record Row(int Number, RegisterTalentRequest Talent);

    /// <summary>Streams the people, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Person> people, bool includePersonalData) =>
        TypedResults.Stream(async body =>
        {
            var columns = includePersonalData ? Columns : Columns.Where(c => !PersonalDataAccess.Fields.Contains(c)).ToList();
            await using var csv = CsvWriter.Create(body, WriterOptions, leaveOpen: true);
            csv.WriteHeader([.. columns]);
            await foreach (var p in people)
            {
                foreach (var column in columns)
                {
                    WriteCell(csv, Cell(p, column));
                }

                await csv.EndRecordAsync();
            }

            await csv.FlushAsync();
        }, $"{CsvUpload.MediaType}; charset=utf-8", "talents.csv");

    /// <summary>
    /// Reads the header (refused whole when columns are unknown, repeated or missing) and the rows; a row
    /// of the wrong shape or with an unreadable value is added to <paramref name="rejected"/> instead.
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
            var row = new RegisterTalentRequest
            {
                DocumentType = Parse<DocumentType>(Field("documentType"), "documentType", problems),
                IdNumber = Field("idNumber"),
                Nationality = Field("nationality"),
                Name = Field("name"),
                Phone = Field("phone"),
                Gender = Parse<Gender>(Field("gender"), "gender", problems),
                BirthYear = Year(Field("birthYear"), problems),
                Education = Parse<Education>(Field("education"), "education", problems),
                Title = Field("title"),
                Field = Field("field"),
                EmployerCreditCode = Field("employerCreditCode"),
                RegionCode = Field("regionCode"),
                ZoneCode = Field("zoneCode"),
            };
            if (problems.Count > 0)
            {
                rejected.Add(new(number, ImportCodes.ValidationFailed, string.Join(" ", problems)));
                continue;
            }

            rows.Add(new(number, row));
        }

        return rows;
    }

    private static string Cell(Person p, string column) => column switch
    {
        "documentType" => EnumText.Format(p.DocumentType),
        "idNumber" => p.IdNumber,
        "nationality" => p.Nationality,
        "name" => p.Name,
        "phone" => p.Phone ?? "",
        "gender" => p.Gender is { } gender ? EnumText.Format(gender) : "",
        "birthYear" => p.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? "",
        "education" => p.Education is { } education ? EnumText.Format(education) : "",
        "title" => p.Title ?? "",
        "field" => p.Field ?? "",
        "employerCreditCode" => p.EmployerCreditCode ?? "",
        "regionCode" => p.RegionCode,
        "zoneCode" => p.ZoneCode ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>An enum cell by its wire name in any case; the value is named in the problem (these columns are not personal data).</summary>
    private static T? Parse<T>(string? cell, string column, List<string> problems) where T : struct, Enum
    {
        if (cell is null)
        {
            return null;
        }

        try
        {
            return EnumText.ParseOptional<T>(cell, column);
        }
        catch (ServiceDefaults.Problems.BadRequestException)
        {
            problems.Add($"{column}: '{cell}' is not one of: {string.Join(", ", StrictStringEnumConverter.NamesOf(typeof(T)))}.");
            return null;
        }
    }

    private static int? Year(string? cell, List<string> problems)
    {
        if (cell is null)
        {
            return null;
        }

        if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year;
        }

        problems.Add($"birthYear: '{cell}' is not a year.");
        return null;
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
        // By position, not by name: a file without a header has a person's data in its first row.
        var unknown = headers.Select((h, i) => (Header: h, Position: i + 1)).Where(h => !Columns.Contains(h.Header)).Select(h => h.Position).ToList();
        var repeated = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = RequiredColumns.Where(c => !headers.Contains(c)).ToList();
        var problems = new List<string>();
        if (unknown.Count > 0)
        {
            problems.Add($"Unknown column(s) at position(s) {string.Join(", ", unknown)}.");
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
            problems.Add($"The first row must be a header of these columns: {string.Join(",", Columns)} ({string.Join(", ", RequiredColumns)} required).");
            throw new RuleViolationException("header", string.Join(" ", problems));
        }
    }
}
