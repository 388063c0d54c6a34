namespace Talent.Api.Domain;

/// <summary>
/// The first six digits of a resident identity number: the division (GB/T 2260) of the public
/// security office that issued it, as the division was named then. A number keeps its code for
/// life, so divisions merged or renamed since still appear: Jinghai's numbers start 120223 (静海县)
/// as often as 120118 (静海区).
/// </summary>
/// <remarks>
/// Tianjin's are checked to the district; elsewhere the province (the first two digits) is checked,
/// which is what the register can know without the whole national code table.
/// </remarks>
public static class IssuingRegions
{
    /// <summary>GB/T 2260 provinces, autonomous regions and municipalities; 81, 82 and 83 are the residence permits of Hong Kong, Macao and Taiwan residents.</summary>
    public static readonly IReadOnlyDictionary<string, string> Provinces = new Dictionary<string, string>
    {
        ["11"] = "北京市", ["12"] = "天津市", ["13"] = "河北省", ["14"] = "山西省", ["15"] = "内蒙古自治区",
        ["21"] = "辽宁省", ["22"] = "吉林省", ["23"] = "黑龙江省",
        ["31"] = "上海市", ["32"] = "江苏省", ["33"] = "浙江省", ["34"] = "安徽省", ["35"] = "福建省", ["36"] = "江西省", ["37"] = "山东省",
        ["41"] = "河南省", ["42"] = "湖北省", ["43"] = "湖南省", ["44"] = "广东省", ["45"] = "广西壮族自治区", ["46"] = "海南省",
        ["50"] = "重庆市", ["51"] = "四川省", ["52"] = "贵州省", ["53"] = "云南省", ["54"] = "西藏自治区",
        ["61"] = "陕西省", ["62"] = "甘肃省", ["63"] = "青海省", ["64"] = "宁夏回族自治区", ["65"] = "新疆维吾尔自治区",
        ["81"] = "香港特别行政区居民", ["82"] = "澳门特别行政区居民", ["83"] = "台湾地区居民",
    };

    /// <summary>Tianjin's issuing divisions, current and former (the former with the year they were replaced).</summary>
    public static readonly IReadOnlyDictionary<string, string> Tianjin = new Dictionary<string, string>
    {
        ["120100"] = "市辖区",
        ["120101"] = "和平区", ["120102"] = "河东区", ["120103"] = "河西区", ["120104"] = "南开区", ["120105"] = "河北区",
        ["120106"] = "红桥区",
        ["120107"] = "塘沽区 (to 2009)", ["120108"] = "汉沽区 (to 2009)", ["120109"] = "大港区 (to 2009)",
        ["120110"] = "东丽区", ["120111"] = "西青区", ["120112"] = "津南区", ["120113"] = "北辰区", ["120114"] = "武清区",
        ["120115"] = "宝坻区", ["120116"] = "滨海新区", ["120117"] = "宁河区", ["120118"] = "静海区", ["120119"] = "蓟州区",
        ["120200"] = "县 (to 2016)",
        ["120221"] = "宁河县 (to 2015)", ["120222"] = "武清县 (to 2000)", ["120223"] = "静海县 (to 2015)", ["120224"] = "宝坻县 (to 2001)",
        ["120225"] = "蓟县 (to 2016)",
    };

    /// <summary>Null when the six digits name a known issuing division; otherwise why not (without repeating them).</summary>
    public static string? Problem(string division)
    {
        if (!Provinces.ContainsKey(division[..2]))
        {
            return "The first two digits are not a province, autonomous region or municipality of GB/T 2260.";
        }

        return division.StartsWith("12", StringComparison.Ordinal) && !Tianjin.ContainsKey(division)
            ? "The first six digits are not a district or county of Tianjin, past or present."
            : null;
    }
}
