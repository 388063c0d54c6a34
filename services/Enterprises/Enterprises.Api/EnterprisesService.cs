using ServiceDefaults;

namespace Enterprises.Api;

internal static class EnterprisesService
{
    public static readonly ServiceDescription Description = new("enterprises", "Enterprises API",
        "Tianjin's register of technology enterprises by Unified Social Credit Code (统一社会信用代码, GB 32100-2015): " +
        "their annual reports (amounts in 万元), their qualifications on the growth ladder (科技型中小企业 TechSme, " +
        "国家高新技术企业 HighTech, 雏鹰 Eagle, 瞪羚 Gazelle, 科技领军 Leader, 科技领军(培育) LeaderCultivation) with " +
        "their lifecycle, their designations (上市 Listed with its board, 上市后备 ListingReserve, 独角兽 Unicorn, 潜在独角兽 " +
        "PotentialUnicorn), eligibility checks, the cultivation pool (培育库) and aggregate statistics.\n\n" +
        "Qualification terms: HighTech holds three years from its grant (to the day before the third anniversary), " +
        "TechSme to 31 December of its grant year; Eagle, Gazelle, Leader and LeaderCultivation need `expiresOn` from " +
        "the decision. A daily pass moves valid qualifications past `expiresOn` to expired.\n\n" +
        "Designations hold from `since` until `endedOn` (the first day they no longer hold), at most one current of each kind " +
        "(409 `designationOverlaps`; periods of one kind never share a day). Listed needs a `board`: sseMain 上交所主板, " +
        "szseMain 深交所主板, star 科创板, chinext 创业板, bse 北交所, hkex 港交所, overseas 境外; the other kinds take none. " +
        "Adding Listed ends a current ListingReserve on its `since` day, and adding Unicorn a current PotentialUnicorn, " +
        "publishing both events; ListingReserve is refused while Listed holds, PotentialUnicorn while Unicorn holds " +
        "(409 `designationSuperseded`). A designation recorded in error is withdrawn: it then counts nowhere.\n\n" +
        "Errors are RFC 9457 problem details with a stable `code`. 400: the request could not be read. 422: it was " +
        "read but breaks a rule (`errors` per field; an invalid credit code names the failed check under " +
        "`errors.creditCode`). Updates are JSON merge patches and need `If-Match` with the ETag of the last read. " +
        "Statistics are public (政务公开); everything else needs enterprises.read or enterprises.write.\n\n" +
        "Events (Redis stream `enterprises`): EnterpriseRegistered, EnterpriseUpdated, QualificationGranted, " +
        "QualificationRevoked, QualificationExpired, DesignationAdded, DesignationEnded (a withdrawal is one with " +
        "`withdrawn: true` and `endedOn` the day of the withdrawal), AnnualReportFiled (a first report, or a replacement " +
        "that changes the revenue).",
        typeof(EnterprisesService).Assembly);
}
