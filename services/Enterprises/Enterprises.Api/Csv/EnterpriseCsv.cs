using System.Globalization;
using System.Runtime.CompilerServices;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceDefaults.Csv;

namespace Enterprises.Api.Csv;

/// <summary>The register's columns in CSV (<see cref="CsvTable"/>): an export imports back unchanged.</summary>
internal static class EnterpriseCsv
{
    public static readonly CsvTable Table = new(
        ["creditCode", "name", "nameEn", "regionCode", "zoneCode", "industry", "foundedOn"],
        ["creditCode", "name", "regionCode", "foundedOn"],
        "enterprises.csv");

    public static string Header => Table.Header;

    /// <summary>A data row of an import file: its row number (the header is row 1) and the enterprise it describes.</summary>
    public sealed record Row(int Number, CreateEnterpriseRequest Enterprise);

    /// <summary>Streams the enterprises, read from the database as they are written.</summary>
    public static PushStreamHttpResult Export(IAsyncEnumerable<Enterprise> enterprises, CancellationToken aborted) =>
        Table.Export(enterprises, e => [e.CreditCode, e.Name, e.NameEn ?? "", e.RegionCode, e.ZoneCode ?? "", e.Industry ?? "",
            e.FoundedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], aborted);

    /// <summary>
    /// The rows of an import file as it arrives, one at a time; a row of the wrong shape or with an unreadable
    /// date is added to <paramref name="rejected"/> instead.
    /// </summary>
    public static async IAsyncEnumerable<Row> ReadAsync(TextReader text, ICollection<ImportRejection> rejected,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var record in Table.ReadAsync(text, "enterprise", rejected, ct))
        {
            var foundedOn = record.Date("foundedOn");
            if (record.Refused(rejected))
            {
                continue;
            }

            yield return new(record.Number, new CreateEnterpriseRequest
            {
                CreditCode = record["creditCode"], Name = record["name"], NameEn = record["nameEn"], RegionCode = record["regionCode"],
                ZoneCode = record["zoneCode"], Industry = record["industry"], FoundedOn = foundedOn,
            });
        }
    }
}
