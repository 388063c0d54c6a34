using System.Globalization;

namespace Enterprises.Api.Eligibility;

/// <summary>国家高新技术企业: the conditions of Article 11 that the register's annual reports can answer.</summary>
public static class HighTechRules
{
    private const string Document = "《高新技术企业认定管理办法》（国科发火〔2016〕32号）";

    /// <summary>A revenue band of the R&amp;D-intensity condition: up to <see cref="UpToWan"/> (inclusive; null = no upper end).</summary>
    public sealed record RevenueBand(decimal? UpToWan, decimal Percent);

    /// <summary>
    /// Issued by 科技部、财政部、国家税务总局 in January 2016; by its final article in force from 1 January 2016,
    /// replacing 国科发火〔2008〕172号 (whose rules are not held here, so years before 2016 are not assessed).
    /// </summary>
    public static RuleSet V2016 { get; } = new(
        "highTech-2016", EligibilityType.HighTech, 1, new DateOnly(2016, 1, 1), Document,
        "Eligible means every condition below passed; the conditions listed as not assessed must still be checked by hand.",
        [
            new RegisteredBeforeApplicationYear("highTech.registeredOneYear",
                "Registered for at least one year (注册成立一年以上), reckoned at 1 January of the application year",
                $"{Document} 第十一条（一）", 1),
            new PriorYearFigure("highTech.ownsIp",
                "Owns intellectual property (invention patents, class I or class II) in the latest year",
                $"{Document} 第十一条（二）", "ipTotal", "items",
                r => r.InventionPatents + r.Class1Ip + r.Class2Ip, Comparison.AtLeast, 1,
                r => [new("inventionPatents", r.InventionPatents, "items", r.Year), new("class1Ip", r.Class1Ip, "items", r.Year),
                    new("class2Ip", r.Class2Ip, "items", r.Year)],
                "The rules ask for IP that plays a core supporting role in the main products; the register can only count IP."),
            new PriorYearShare("highTech.rdStaffShare",
                "S&T staff at least 10% of all employees in the latest year (科技人员占职工总数的比例不低于10%)",
                $"{Document} 第十一条（四）", "rdStaffSharePercent",
                ("rdStaff", "persons", r => r.RdStaff), ("employees", "persons", r => r.Employees), 10m),
            new ThreeYearRdIntensity("highTech.rdIntensity",
                "R&D expense over revenue in the last three years (or since founding), by the latest year's revenue: "
                + "at least 5% up to 5,000万, 4% up to 20,000万, 3% above",
                $"{Document} 第十一条（五）",
                [new RevenueBand(5_000m, 5m), new RevenueBand(20_000m, 4m), new RevenueBand(null, 3m)]),
            new PriorYearShare("highTech.highTechRevenueShare",
                "High-tech product (service) revenue at least 60% of total revenue in the latest year",
                $"{Document} 第十一条（六）", "highTechRevenueSharePercent",
                ("highTechRevenueWan", "万元", r => r.HighTechRevenueWan), ("revenueWan", "万元", r => r.RevenueWan), 60m,
                "The rules divide by total income (总收入); the register holds revenue (营业收入)."),
        ],
        [
            "第十一条（三）: the core technology lies within 《国家重点支持的高新技术领域》.",
            "第十一条（五）: R&D spent in China is at least 60% of all R&D expense.",
            "第十一条（七）: the innovation-capability evaluation (创新能力评价).",
            "第十一条（八）: no major safety or quality accident or serious environmental violation in the year before applying.",
        ]);
}

/// <summary>
/// R&amp;D expense ÷ revenue summed over the three years before the application year, or over the
/// years since founding when the enterprise is younger (实际经营期不满三年的按实际经营时间计算);
/// the percentage required depends on the latest year's revenue, bands inclusive at their upper end.
/// </summary>
public sealed class ThreeYearRdIntensity(string code, string description, string source,
    IReadOnlyList<HighTechRules.RevenueBand> bands) : Criterion(code, description, source)
{
    /// <summary>
    /// The words of each band's threshold around the prior year, and of the percentages when the band is not known, written
    /// once: formatted for every evaluation, they were half of this criterion's cost and a tenth of the cultivation pool's
    /// page (50 candidates evaluated a request).
    /// </summary>
    private readonly (string Before, string After)[] bandWords = [.. bands.Select((band, i) => (
        $"at least {band.Percent:0.##}% (revenue of ", $" {BandWords(i > 0 ? bands[i - 1].UpToWan : null, band.UpToWan)})"))];

    private readonly string percents = $"{string.Join(", ", bands.Select(b => $"{b.Percent:0.##}%"))} by the revenue of ";

    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var first = Math.Max(context.ApplicationYear - 3, context.Enterprise.FoundedOn.Year);
        var years = Enumerable.Range(first, Math.Max(0, context.PriorYear - first + 1)).ToList();
        var reports = years.Select(context.Report).ToList();
        if (years.Count == 0)
        {
            return Result([], null, Unknown(context), null, context.NoReport(context.PriorYear));
        }

        var figures = reports.OfType<ReportFigures>()
            .SelectMany(r => new Figure[] { new("revenueWan", r.RevenueWan, "万元", r.Year), new("rdExpenseWan", r.RdExpenseWan, "万元", r.Year) })
            .ToList();
        var latest = reports[^1];
        var band = latest is null ? -1 : Band(latest.RevenueWan);
        var threshold = band < 0 ? Unknown(context) : new Threshold(Comparison.AtLeast, bands[band].Percent, "%",
            string.Concat(bandWords[band].Before, context.PriorYear.ToString(CultureInfo.InvariantCulture), bandWords[band].After));
        var absent = years.Where((_, i) => reports[i] is null).ToList();
        if (absent.Count > 0)
        {
            return Result(figures, null, threshold, null, string.Join(" ", absent.Select(context.NoReport)));
        }

        var revenue = reports.Sum(r => r!.RevenueWan);
        var rd = reports.Sum(r => r!.RdExpenseWan);
        figures.Add(new Figure("revenueTotalWan", revenue, "万元"));
        figures.Add(new Figure("rdExpenseTotalWan", rd, "万元"));
        if (revenue <= 0)
        {
            return Result(figures, null, threshold, null, $"Revenue over {years[0]}–{years[^1]} is 0, so the share is undefined.");
        }

        var intensity = Percent(rd, revenue);
        figures.Add(new Figure("rdIntensityPercent", intensity, "%"));
        var note = years.Count < 3 ? $"Founded {context.Enterprise.FoundedOn:yyyy-MM-dd}: reckoned over {years[0]}–{years[^1]} only." : null;
        return Result(figures, intensity, threshold, ShareAtLeast(rd, revenue, bands[band].Percent), note);
    }

    /// <summary>The threshold when the latest year's revenue, which chooses the band, is not reported.</summary>
    private Threshold Unknown(EvaluationContext context) =>
        new(Comparison.AtLeast, null, "%", string.Concat(percents, context.PriorYear.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The first band whose upper end the revenue does not pass.</summary>
    private int Band(decimal revenueWan)
    {
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].UpToWan is not { } upTo || revenueWan <= upTo)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The last revenue band has no upper end.");
    }

    private static string BandWords(decimal? above, decimal? upTo) => (above, upTo) switch
    {
        (null, { } up) => $"≤ {up:#,0.##}万",
        ({ } low, { } up) => $"> {low:#,0.##}万 and ≤ {up:#,0.##}万",
        ({ } low, null) => $"> {low:#,0.##}万",
        _ => "any",
    };
}
