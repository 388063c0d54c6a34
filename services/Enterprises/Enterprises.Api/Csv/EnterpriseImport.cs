using Enterprises.Contracts;
using SharedKernel.Errors;
using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Enterprises.Api.Enterprises;
using Enterprises.Api.Events;
using EventBus;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Problems;

namespace Enterprises.Api.Csv;

/// <summary>
/// Applies a CSV file row by row: each row is validated as a POST would be, bad rows are reported and
/// skipped, and the good ones are saved in one SaveChanges (one transaction) with their events.
/// </summary>
internal sealed class EnterpriseImport(EnterprisesDbContext db, IEventBus events, TimeProvider clock,
    IValidator<CreateEnterpriseRequest> validator)
{
    private sealed record Row(int Number, CreateEnterpriseRequest Request);

    public async Task<ImportReport> RunAsync(string csvText, bool dryRun, ClaimsPrincipal user, CancellationToken ct)
    {
        var rejected = new List<ImportRejection>();
        var rows = Parse(csvText, rejected);
        var codes = rows.Select(r => EnterpriseLookup.Normalize(r.Request.CreditCode)).Distinct().ToList();
        var existing = await db.Enterprises.Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, ct);
        var refounded = rows.Where(r => existing.TryGetValue(EnterpriseLookup.Normalize(r.Request.CreditCode), out var e)
                && r.Request.FoundedOn is { } foundedOn && foundedOn != e.FoundedOn)
            .Select(r => EnterpriseLookup.Normalize(r.Request.CreditCode)).Distinct().ToList();
        var firstRecords = await FirstRecords.OfAsync(db, refounded, ct);
        var seen = new Dictionary<string, int>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var problem = await ProblemAsync(row, existing, firstRecords, seen, user, ct);
            if (problem is not null)
            {
                rejected.Add(problem);
                continue;
            }

            var code = EnterpriseLookup.Normalize(row.Request.CreditCode);
            if (existing.TryGetValue(code, out var enterprise))
            {
                if (!row.Request.ApplyTo(enterprise))
                {
                    unchanged++;
                    continue;
                }

                enterprise.Touch(clock.GetUtcNow());
                events.Publish(EventFactory.Updated(enterprise));
                updated++;
            }
            else
            {
                enterprise = new Enterprise { CreditCode = code };
                row.Request.ApplyTo(enterprise);
                enterprise.Touch(clock.GetUtcNow());
                db.Enterprises.Add(enterprise);
                events.Publish(EventFactory.Registered(enterprise));
                created++;
            }
        }

        if (!dryRun)
        {
            await db.SaveChangesAsync(ct);
        }

        return new ImportReport(dryRun, created, updated, unchanged, rejected.OrderBy(r => r.Row).ToList());
    }

    private async Task<ImportRejection?> ProblemAsync(Row row, Dictionary<string, Enterprise> existing,
        IReadOnlyDictionary<string, FirstRecords> firstRecords, Dictionary<string, int> seen, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(row.Request, ct);
        if (!result.IsValid)
        {
            return new(row.Number, ImportCodes.ValidationFailed,
                string.Join(" ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
        }

        var code = EnterpriseLookup.Normalize(row.Request.CreditCode);
        if (!seen.TryAdd(code, row.Number))
        {
            return new(row.Number, ImportCodes.DuplicateRow, $"Credit code {code} already appears on row {seen[code]}.");
        }

        try
        {
            EnterpriseLookup.EnsureWritable(user, row.Request.RegionCode!, row.Request.ZoneCode);
            if (existing.TryGetValue(code, out var enterprise))
            {
                EnterpriseLookup.EnsureWritable(user, enterprise);
                if (enterprise.FoundedOn != row.Request.FoundedOn)
                {
                    firstRecords[code].EnsureNotBefore(row.Request.FoundedOn!.Value);
                }
            }
        }
        catch (ForbiddenException refused)
        {
            return new(row.Number, ImportCodes.Forbidden, refused.Message);
        }
        catch (RuleViolationException refused)
        {
            return new(row.Number, ImportCodes.ValidationFailed, refused.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? refused.Message);
        }

        return null;
    }

    /// <summary>Reads the header (422 when columns are unknown, repeated or missing) and the rows; a row of the wrong shape is rejected.</summary>
    private static List<Row> Parse(string text, List<ImportRejection> rejected)
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

            string? Field(string column) => headers.IndexOf(column) is var i and >= 0 && reader.GetString(i) is { Length: > 0 } value ? value : null;
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

    private static void EnsureHeader(IReadOnlyList<string> headers)
    {
        var unknown = headers.Where(h => !EnterpriseCsv.Columns.Contains(h)).ToList();
        var repeated = headers.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = EnterpriseCsv.RequiredColumns.Where(c => !headers.Contains(c)).ToList();
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
            problems.Add($"The first row must be a header of these columns: {string.Join(",", EnterpriseCsv.Columns)} (nameEn, zoneCode and industry optional).");
            throw new RuleViolationException("header", string.Join(" ", problems));
        }
    }
}
