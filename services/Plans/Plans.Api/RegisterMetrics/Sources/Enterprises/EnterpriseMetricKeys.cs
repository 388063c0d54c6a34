using System.Globalization;

namespace Plans.Api.RegisterMetrics.Sources.Enterprises;

/// <summary>
/// The metric keys of the enterprise register and the counter series they sum. A key names one
/// type or a sum of types written with <c>+</c> (<c>enterprises.qualified.Leader+LeaderCultivation</c>).
/// </summary>
public static class EnterpriseMetricKeys
{
    /// <summary>TechSme 科技型中小企业, HighTech 国家高新技术企业, Eagle 雏鹰, Gazelle 瞪羚, Leader 科技领军, LeaderCultivation 科技领军(培育).</summary>
    public static readonly IReadOnlyList<string> QualificationTypes = ["TechSme", "HighTech", "Eagle", "Gazelle", "Leader", "LeaderCultivation"];

    /// <summary>Listed 上市, ListingReserve 上市后备, Unicorn 独角兽, PotentialUnicorn 潜在独角兽.</summary>
    public static readonly IReadOnlyList<string> DesignationKinds = ["Listed", "ListingReserve", "Unicorn", "PotentialUnicorn"];

    /// <summary>Revenue bands, in 万元: 1亿元, 10亿元 and 100亿元.</summary>
    public static readonly IReadOnlyList<int> RevenueBands = [10_000, 100_000, 1_000_000];

    /// <summary>A type whose entries are valid to 31 December of their year and evaluated again every year.</summary>
    public const string YearlyType = "TechSme";

    public static string Qualified(string type) => $"enterprises.qualified:{type}";

    public static string QualifiedWithRevenue(string type, int band) => string.Create(CultureInfo.InvariantCulture, $"enterprises.qualified:{type}:revenueAtLeast:{band}");

    public static string Granted(string type) => $"enterprises.granted:{type}";

    public static string Entered(string type) => $"enterprises.entered:{type}";

    public static string Designated(string kind) => $"enterprises.designated:{kind}";

    public const string Summary =
        "enterprises.qualified.{Type}, enterprises.qualified.{Type}.revenueAtLeast.{Wan}, enterprises.granted.{Type} and enterprises.entered.{Type} " +
        "(Type: TechSme, HighTech, Eagle, Gazelle, Leader, LeaderCultivation; Wan: 10000, 100000, 1000000); " +
        "enterprises.designated.{Kind} (Kind: Listed, ListingReserve, Unicorn, PotentialUnicorn); a sum of types or kinds with '+'";

    public const string Documentation =
        "### enterprises (the Enterprises register)\n\n" +
        "An enterprise counts where its district or its functional zone lies within the plan's region, once. " +
        "Types: TechSme (科技型中小企业), HighTech (国家高新技术企业), Eagle (雏鹰), Gazelle (瞪羚), Leader (科技领军), " +
        "LeaderCultivation (科技领军(培育)). A sum of types (or kinds) is written with `+`: " +
        "`enterprises.qualified.Leader+LeaderCultivation` counts 科技领军(培育) enterprises.\n\n" +
        "- `enterprises.qualified.{Type}`: enterprises holding a qualification of the type that is valid today, each once. " +
        "For **TechSme**, whose entries are valid to 31 December of their year while the next year's batches arrive through " +
        "the year: enterprises holding an entry valid at any time in the current or the previous calendar year, each once " +
        "(入库 counts), so the count does not fall to nothing every 1 January.\n" +
        "- `enterprises.qualified.{Type}.revenueAtLeast.{Wan}`: of those, the enterprises whose latest annual report shows " +
        "a revenue of at least `Wan` 万元; `Wan` is 10000 (1亿元), 100000 (10亿元) or 1000000 (100亿元: Binhai T1-20, " +
        "high-tech enterprises with revenue above 100亿元).\n" +
        "- `enterprises.granted.{Type}`: qualifications of the type granted after the indicator's baseline year (without a " +
        "baseline, from the start of the plan's period) and not revoked; for a running total (`cumulative`) or an `increment` " +
        "the figure is the baseline plus that count, for a `flow` the count of this year.\n" +
        "- `enterprises.entered.{Type}`: enterprises whose first qualification of the type (not revoked) is dated after " +
        "the indicator's baseline year (without a baseline, from the start of the plan's period), each once however often " +
        "it is granted again: the distinct enterprises entered during the period. For a `flow` the figure is the " +
        "enterprises first entered this year, and the period's sum is the distinct count; the baseline is then the previous " +
        "period's total, compared with, not added (Jinghai T1-03, 科技型中小企业评价入库 五年累计950家 against 十三五's 363).\n" +
        "- `enterprises.designated.{Kind}`: enterprises holding a designation of the kind today, each once: Listed (上市, on " +
        "any board), ListingReserve (上市后备), Unicorn (独角兽), PotentialUnicorn (潜在独角兽). A designation ended on a day " +
        "holds until the day before; a withdrawn one counts nowhere.\n\n" +
        "Fed by EnterpriseRegistered/Updated, QualificationGranted/Revoked/Expired, DesignationAdded/Ended and " +
        "AnnualReportFiled; rebuilt from GET /api/v1/qualifications and GET /api/v1/designations of the Enterprises API.";

    /// <summary>The metric a key names, or null when it is not a key of the enterprise register.</summary>
    public static RegisterMetric? Parse(string key)
    {
        IReadOnlyList<MetricTerm>? terms = key.Split('.') switch
        {
            ["enterprises", "qualified", var types] => Each(types, QualificationTypes, t => new MetricTerm(Qualified(t), HeldWindow(t))),
            ["enterprises", "qualified", var types, "revenueAtLeast", var wan] when Band(wan) is { } band =>
                Each(types, QualificationTypes, t => new MetricTerm(QualifiedWithRevenue(t, band), HeldWindow(t))),
            ["enterprises", "granted", var types] => Each(types, QualificationTypes, t => new MetricTerm(Granted(t), MetricWindow.SinceBaseline)),
            ["enterprises", "entered", var types] => Each(types, QualificationTypes, t => new MetricTerm(Entered(t), MetricWindow.SinceBaseline)),
            ["enterprises", "designated", var kinds] => Each(kinds, DesignationKinds, k => new MetricTerm(Designated(k), MetricWindow.HeldToday)),
            _ => null,
        };
        return terms is null ? null : new RegisterMetric(key, EnterprisesSource.Name, terms);
    }

    private static MetricWindow HeldWindow(string type) => type == YearlyType ? MetricWindow.HeldThisOrLastYear : MetricWindow.HeldToday;

    private static int? Band(string wan) =>
        int.TryParse(wan, NumberStyles.None, CultureInfo.InvariantCulture, out var band) && RevenueBands.Contains(band) && wan == band.ToString(CultureInfo.InvariantCulture)
            ? band
            : null;

    /// <summary>A term per name of a '+' sum, each known and named once; null otherwise.</summary>
    private static List<MetricTerm>? Each(string names, IReadOnlyList<string> known, Func<string, MetricTerm> term)
    {
        var parts = names.Split('+');
        return parts.All(known.Contains) && parts.Distinct(StringComparer.Ordinal).Count() == parts.Length
            ? parts.Select(term).ToList()
            : null;
    }
}
