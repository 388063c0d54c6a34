using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using SharedKernel.Regions;

namespace Enterprises.Api.Enterprises;

/// <summary>The filters of the enterprise list, shared by its JSON pages and its CSV export (validated before they get here).</summary>
internal static class EnterpriseQuery
{
    public static IQueryable<Enterprise> Apply(EnterprisesDbContext db, ListEnterprises filter, DateOnly today)
    {
        var held = EnumText.ParseOptional<QualificationType>(filter.Qualification, "qualification");
        var zone = Text(filter.ZoneCode);
        var industry = Text(filter.Industry);
        var search = Text(filter.Q);
        var query = db.Enterprises.AsNoTracking();
        if (Text(filter.RegionCode) is { } region)
        {
            query = query.InRegion(region);
        }

        if (zone is not null)
        {
            query = query.Where(e => e.ZoneCode == zone);
        }

        if (held is not null)
        {
            query = query.Where(e => e.Qualifications.Any(q => q.Type == held && q.Status == QualificationStatus.Valid
                && q.GrantedOn <= today && q.ExpiresOn >= today));
        }

        if (industry is not null)
        {
            query = query.Where(e => e.Industry == industry);
        }

        if (search is not null)
        {
            var words = search.ToLower();
            var code = EnterpriseLookup.Normalize(search);
            query = query.Where(e => e.Name.ToLower().Contains(words) || (e.NameEn != null && e.NameEn.ToLower().Contains(words))
                || e.CreditCode.StartsWith(code));
        }

        return query;
    }

    /// <summary>
    /// With the qualifications and designations each enterprise holds today, for the JSON answers that
    /// summarise them. One query: an enterprise holds at most six qualifications and four designations
    /// at once, so their product is small, and a single query reads a consistent state.
    /// </summary>
    public static IQueryable<Enterprise> WithCurrentHoldings(this IQueryable<Enterprise> query, DateOnly today) =>
        query.Include(e => e.Qualifications.Where(q => q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today))
            .Include(e => e.Designations.Where(d => !d.Withdrawn && d.EndedOn == null))
            .AsSingleQuery();

    /// <summary>Enterprises registered in a known region or below it, or sitting in it when it is a functional zone.</summary>
    public static IQueryable<Enterprise> InRegion(this IQueryable<Enterprise> query, string regionCode)
    {
        var within = RegionCodes.Within(regionCode.Trim());
        return query.Where(e => within.Contains(e.RegionCode) || (e.ZoneCode != null && within.Contains(e.ZoneCode)));
    }

    /// <summary>A free-text filter, trimmed, or null when blank (NUL characters never get here: ServiceDefaults refuses them).</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
