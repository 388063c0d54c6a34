using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Persistence.Csv;
using Platforms.Api.Domain;
using Platforms.Api.Platforms;
using ServiceDefaults.Csv;
using ServiceDefaults.Json;

namespace Platforms.Api.Csv;

/// <summary>
/// The register's columns in CSV (<see cref="CsvTable"/>): an export imports back unchanged.
/// Designations are separated by semicolons; an enterprise host is given by its credit code alone.
/// </summary>
internal static class PlatformCsv
{
    public static readonly CsvTable Table = new(
        [
            "id", "name", "nameEn", "type", "level", "designations", "regionCode", "zoneCode", "abroadCountry", "abroadCity",
            "hostCreditCode", "hostName", "hostKind", "field", "approvedOn", "documentNumber", "status",
        ],
        ["name", "type", "level", "regionCode", "approvedOn"],
        "platforms.csv");

    public static string Header => Table.Header;

    /// <summary>A data row of an import file: its number (the header is row 1), the platform's id when given, and the platform it describes.</summary>
    public sealed record Row(int Number, Guid? Id, CreatePlatformRequest Platform) : IImportRow;

    /// <summary>Streams the platforms, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Platform> platforms, CancellationToken aborted) =>
        Table.Export(platforms, p =>
        [
            p.Id.ToString(), p.Name, p.NameEn ?? "", p.Type, EnumText.Format(p.Level), p.Designations.Replace(',', ';'), p.RegionCode,
            p.ZoneCode ?? "", p.AbroadCountry ?? "", p.AbroadCity ?? "", p.HostCreditCode ?? "", p.HostName ?? "",
            p.HostKind == HostKind.Enterprise ? "" : EnumText.Format(p.HostKind), p.Field ?? "",
            p.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.DocumentNumber ?? "", EnumText.Format(p.Status),
        ], aborted);

    /// <summary>
    /// The rows of an import file; a row of the wrong shape or with an unreadable id, date or name of a
    /// value is added to <paramref name="rejected"/> instead.
    /// </summary>
    public static List<Row> Read(string text, ICollection<ImportRejection> rejected)
    {
        var rows = new List<Row>();
        foreach (var record in Table.Read(text, rejected))
        {
            var id = record.Parse("id", s => Guid.TryParse(s, out var g) ? g : (Guid?)null, "a platform id");
            var approvedOn = record.Date("approvedOn");
            var level = record.Enum<PlatformLevel>("level");
            var hostKind = record.Enum<HostKind>("hostKind");
            var status = record.Enum<PlatformStatus>("status");
            if (record.Refused(rejected))
            {
                continue;
            }

            rows.Add(new(record.Number, id, new CreatePlatformRequest
            {
                Name = record["name"], NameEn = record["nameEn"], Type = record["type"], Level = level,
                Designations = record["designations"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                RegionCode = record["regionCode"], ZoneCode = record["zoneCode"],
                LocationAbroad = record["abroadCountry"] is { } country ? new LocationAbroad { Country = country, City = record["abroadCity"] } : null,
                HostCreditCode = record["hostCreditCode"], HostName = record["hostName"], HostKind = hostKind, Field = record["field"],
                ApprovedOn = approvedOn, DocumentNumber = record["documentNumber"], Status = status,
            }));
        }

        return rows;
    }
}
