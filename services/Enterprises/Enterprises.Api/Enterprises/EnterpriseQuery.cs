using Enterprises.Api.Data;
using Enterprises.Api.Domain;
using Microsoft.EntityFrameworkCore;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using ServiceDefaults.Regions;

namespace Enterprises.Api.Enterprises;

/// <summary>The filters of the enterprise list, shared by its JSON pages and its CSV export.</summary>
internal static class EnterpriseQuery
{
    public static IQueryable<Enterprise> Apply(EnterprisesDbContext db, EnterpriseFilter filter, DateOnly today)
    {
        var held = EnumText.ParseOptional<QualificationType>(filter.Qualification, "qualification");
        var query = db.Enterprises.AsNoTracking()
            .Include(e => e.Qualifications.Where(q => q.Status == QualificationStatus.Valid && q.GrantedOn <= today && q.ExpiresOn >= today))
            .AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.RegionCode))
        {
            var within = Within(filter.RegionCode, "regionCode");
            query = query.Where(e => within.Contains(e.RegionCode) || (e.ZoneCode != null && within.Contains(e.ZoneCode)));
        }

        if (!string.IsNullOrWhiteSpace(filter.ZoneCode))
        {
            var zone = filter.ZoneCode.Trim();
            query = query.Where(e => e.ZoneCode == zone);
        }

        if (held is not null)
        {
            query = query.Where(e => e.Qualifications.Any(q => q.Type == held && q.Status == QualificationStatus.Valid
                && q.GrantedOn <= today && q.ExpiresOn >= today));
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(e => e.Industry == industry);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var words = filter.Q.Trim().ToLower();
            var code = EnterpriseLookup.Normalize(filter.Q);
            query = query.Where(e => e.Name.ToLower().Contains(words) || (e.NameEn != null && e.NameEn.ToLower().Contains(words))
                || e.CreditCode.StartsWith(code));
        }

        return query;
    }

    /// <summary>A region filter: the region and every region below it; an unknown code is a 400 naming the parameter.</summary>
    public static IReadOnlyList<string> Within(string regionCode, string parameter)
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
