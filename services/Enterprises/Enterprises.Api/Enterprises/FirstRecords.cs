using SharedKernel.Errors;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Problems;

namespace Enterprises.Api.Enterprises;

/// <summary>The earliest annual report and grant an enterprise has, which a corrected founding date must not pass.</summary>
internal sealed record FirstRecords(int? ReportYear, DateOnly? GrantedOn)
{
    public static readonly FirstRecords None = new(null, null);

    /// <summary>The first records of each of the enterprises, in two grouped queries whatever their number.</summary>
    public static async Task<IReadOnlyDictionary<string, FirstRecords>> OfAsync(EnterprisesDbContext db, IReadOnlyCollection<string> codes,
        CancellationToken ct)
    {
        if (codes.Count == 0)
        {
            return new Dictionary<string, FirstRecords>();
        }

        var reports = await db.AnnualReports.Where(r => codes.Contains(r.CreditCode)).GroupBy(r => r.CreditCode)
            .Select(g => new { Code = g.Key, Year = g.Min(r => r.Year) }).ToDictionaryAsync(g => g.Code, g => g.Year, ct);
        var grants = await db.Qualifications.Where(q => codes.Contains(q.CreditCode)).GroupBy(q => q.CreditCode)
            .Select(g => new { Code = g.Key, GrantedOn = g.Min(q => q.GrantedOn) }).ToDictionaryAsync(g => g.Code, g => g.GrantedOn, ct);
        return codes.ToDictionary(code => code, code => new FirstRecords(
            reports.TryGetValue(code, out var year) ? year : null, grants.TryGetValue(code, out var granted) ? granted : null));
    }

    /// <summary>A founding date may not leave annual reports or grants from before the enterprise existed (422 on foundedOn).</summary>
    public void EnsureNotBefore(DateOnly foundedOn)
    {
        if (ReportYear < foundedOn.Year)
        {
            throw new RuleViolationException("foundedOn", $"The enterprise has an annual report for {ReportYear}, before it was founded.");
        }

        if (GrantedOn < foundedOn)
        {
            throw new RuleViolationException("foundedOn", $"The enterprise was granted a qualification on {GrantedOn:yyyy-MM-dd}, before it was founded.");
        }
    }

    /// <summary>Checks a changed founding date of one enterprise against its records; an unchanged one needs no query.</summary>
    public static async Task EnsureFoundingPrecedesAsync(EnterprisesDbContext db, Enterprise enterprise, DateOnly foundedOn, CancellationToken ct)
    {
        if (foundedOn == enterprise.FoundedOn)
        {
            return;
        }

        var first = await OfAsync(db, [enterprise.CreditCode], ct);
        first[enterprise.CreditCode].EnsureNotBefore(foundedOn);
    }
}
