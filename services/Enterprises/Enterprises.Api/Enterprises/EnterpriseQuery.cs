using SharedKernel.Errors;
using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using SharedKernel.Regions;

namespace Enterprises.Api.Enterprises;

/// <summary>The filters of the enterprise list, shared by its JSON pages and its CSV export.</summary>
internal static class EnterpriseQuery
{
    public static IQueryable<Enterprise> Apply(EnterprisesDbContext db, EnterpriseFilter filter, DateOnly today)
    {
        var held = EnumText.ParseOptional<QualificationType>(filter.Qualification, "qualification");
        var zone = Text(filter.ZoneCode);
        var industry = Text(filter.Industry);
        var search = Text(filter.Q);
        var query = db.Enterprises.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            query = query.InRegion(filter.RegionCode, "regionCode");
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

    /// <summary>With the qualifications each enterprise holds today, for the JSON answers that summarise them.</summary>
    public static IQueryable<Enterprise> WithCurrentQualifications(this IQueryable<Enterprise> query, DateOnly today) =>
        query.Include(e => e.Qualifications.Where(q => q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today));

    /// <summary>
    /// Enterprises registered in the region or below it, or sitting in it when it is a functional zone;
    /// an unknown code is a 400 naming the parameter.
    /// </summary>
    public static IQueryable<Enterprise> InRegion(this IQueryable<Enterprise> query, string regionCode, string parameter)
    {
        var within = Within(regionCode, parameter);
        return query.Where(e => within.Contains(e.RegionCode) || (e.ZoneCode != null && within.Contains(e.ZoneCode)));
    }

    /// <summary>A free-text filter, trimmed, or null when blank (NUL characters never get here: ServiceDefaults refuses them).</summary>
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A region filter: the region and every region below it; an unknown code is a 400 naming the parameter.</summary>
    private static IReadOnlyList<string> Within(string regionCode, string parameter)
    {
        var code = regionCode.Trim();
        if (RegionCodes.Find(code) is null)
        {
            throw new BadRequestException(ErrorCodes.InvalidParameter, $"Region '{code}' does not exist.",
                new Dictionary<string, string[]> { [parameter] = [$"'{code}' is not a region code; see GET /api/v1/regions."] });
        }

        return RegionCodes.Within(code);
    }
}
