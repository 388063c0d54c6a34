using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Csv;
using ServiceDefaults.Csv;
using ServiceDefaults.Json;
using Talent.Api.Domain;
using Talent.Api.Talents;

namespace Talent.Api.Csv;

/// <summary>
/// The register's columns in CSV (<see cref="CsvTable"/>): an export with personal data imports back
/// unchanged. Without it (the default) the idNumber and phone columns are left out.
/// </summary>
internal static class TalentCsv
{
    public static readonly CsvTable Table = new(
        [
            "documentType", "idNumber", "nationality", "name", "phone", "gender", "birthYear", "education", "title", "field", "employerCreditCode",
            "regionCode", "zoneCode",
        ],
        ["documentType", "idNumber", "name", "regionCode"],
        "talents.csv") { UnknownColumnsByPosition = true };

    public static string Header => Table.Header;

    private static readonly IReadOnlyList<string> ColumnsWithoutPersonalData = [.. Table.Columns.Where(c => !PersonalDataAccess.Fields.Contains(c))];

    /// <summary>A data row of an import file: its row number (the header is row 1) and the person it describes.</summary>
    public sealed record Row(int Number, RegisterTalentRequest Talent) : IImportRow;

    /// <summary>Streams the people, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Person> people, bool includePersonalData, CancellationToken aborted)
    {
        var columns = includePersonalData ? Table.Columns : ColumnsWithoutPersonalData;
        return Table.Export(people, columns, p => columns.Select(column => Cell(p, column)), aborted);
    }

    /// <summary>
    /// The rows of an import file; a row of the wrong shape or with an unreadable value is added to
    /// <paramref name="rejected"/> instead, naming the value (the parsed columns are not personal data).
    /// </summary>
    public static List<Row> Read(string text, ICollection<ImportRejection> rejected)
    {
        var rows = new List<Row>();
        foreach (var record in Table.Read(text, rejected))
        {
            var row = new RegisterTalentRequest
            {
                DocumentType = record.Enum<DocumentType>("documentType"),
                IdNumber = record["idNumber"],
                Nationality = record["nationality"],
                Name = record["name"],
                Phone = record["phone"],
                Gender = record.Enum<Gender>("gender"),
                BirthYear = record.Parse("birthYear", s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : (int?)null, "a year"),
                Education = record.Enum<Education>("education"),
                Title = record["title"],
                Field = record["field"],
                EmployerCreditCode = record["employerCreditCode"],
                RegionCode = record["regionCode"],
                ZoneCode = record["zoneCode"],
            };
            if (record.Refused(rejected))
            {
                continue;
            }

            rows.Add(new(record.Number, row));
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
}
