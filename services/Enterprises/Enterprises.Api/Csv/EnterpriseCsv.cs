using System.Globalization;
using CsvHelper;
using Enterprises.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Enterprises.Api.Csv;

/// <summary>The CSV form of the register: one header row and the columns the import reads, so an export imports back unchanged.</summary>
internal static class EnterpriseCsv
{
    public const string MediaType = "text/csv";

    public static readonly IReadOnlyList<string> Columns = ["creditCode", "name", "nameEn", "regionCode", "zoneCode", "industry", "foundedOn"];

    public static readonly IReadOnlyList<string> RequiredColumns = ["creditCode", "name", "regionCode", "foundedOn"];

    /// <summary>Streams every enterprise of the query, page by page from the database, as UTF-8 CSV (no BOM).</summary>
    public static PushStreamHttpResult Export(IQueryable<Enterprise> query) =>
        TypedResults.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteHeader([.. Columns]);
            await foreach (var e in query.AsAsyncEnumerable())
            {
                await csv.WriteRecordAsync([e.CreditCode, e.Name, e.NameEn ?? "", e.RegionCode, e.ZoneCode ?? "", e.Industry ?? "",
                    e.FoundedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }

            await csv.FlushAsync();
        }, $"{MediaType}; charset=utf-8", "enterprises.csv");
}
