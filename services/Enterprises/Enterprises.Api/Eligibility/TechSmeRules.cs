namespace Enterprises.Api.Eligibility;

/// <summary>科技型中小企业: the conditions of Article 6 and the score of Article 7, on the year before the application year.</summary>
public static class TechSmeRules
{
    private const string Document = "《科技型中小企业评价办法》（国科发政〔2017〕115号）";

    /// <summary>A score band: a share of at least <see cref="AtLeastPercent"/> earns <see cref="Points"/>.</summary>
    public sealed record ShareBand(decimal AtLeastPercent, int Points);

    /// <summary>A class II IP band: at least <see cref="AtLeast"/> items earn <see cref="Points"/>.</summary>
    public sealed record CountBand(int AtLeast, int Points);

    /// <summary>科技人员指标 (20 points): S&amp;T staff ÷ employees.</summary>
    public static IReadOnlyList<ShareBand> StaffBands { get; } =
        [new(30m, 20), new(25m, 16), new(20m, 12), new(15m, 8), new(10m, 4)];

    /// <summary>研发投入指标 (50 points), measure 1: R&amp;D expense ÷ revenue.</summary>
    public static IReadOnlyList<ShareBand> RdBands { get; } =
        [new(6m, 50), new(5m, 40), new(4m, 30), new(3m, 20), new(2m, 10)];

    /// <summary>科技成果指标 (30 points): one class I item earns 30; otherwise class II items by count.</summary>
    public const int Class1Points = 30;

    public static IReadOnlyList<CountBand> Class2Bands { get; } = [new(4, 24), new(3, 18), new(2, 12), new(1, 6)];

    /// <summary>
    /// The notice says the rules apply from their issue (自发布之日起实施), in May 2017; the day is not in
    /// a document we hold. Only the year matters for selection (see <see cref="RuleSetRegistry"/>).
    /// </summary>
    public static RuleSet V2017 { get; } = new(
        "techSme-2017", EligibilityType.TechSme, 1, new DateOnly(2017, 5, 3), Document,
        "Effective from its issue in May 2017 (the exact day is not in the sources we hold; selection uses only the year). "
        + "Eligible means every condition below passed; the conditions listed as not assessed must still be checked by hand.",
        [
            new PriorYearFigure("techSme.employees", "At most 500 employees (职工总数不超过500人)",
                $"{Document} 第六条（二）", "employees", "persons", r => r.Employees, Comparison.AtMost, 500m),
            new PriorYearFigure("techSme.revenue", "Annual revenue at most 20,000万 (年销售收入不超过2亿元)",
                $"{Document} 第六条（二）", "revenueWan", "万元", r => r.RevenueWan, Comparison.AtMost, 20_000m),
            new PriorYearFigure("techSme.totalAssets", "Total assets at most 20,000万 (资产总额不超过2亿元)",
                $"{Document} 第六条（二）", "totalAssetsWan", "万元", r => r.TotalAssetsWan, Comparison.AtMost, 20_000m),
            new PriorYearShare("techSme.staffScoreNonZero",
                "The S&T staff score is not 0, i.e. S&T staff at least 10% of employees (科技人员指标得分不得为0分)",
                $"{Document} 第六条（五）", "rdStaffSharePercent",
                ("rdStaff", "persons", r => r.RdStaff), ("employees", "persons", r => r.Employees), 10m),
            new TechSmeScore("techSme.score",
                "Score of at least 60 out of 100 from S&T staff (20), R&D expense (50) and IP (30)",
                $"{Document} 第六条（五）、第七条", 60),
        ],
        [
            "第六条（一）: a resident enterprise registered in mainland China.",
            "第六条（三）: products and services not in the prohibited, restricted or eliminated categories.",
            "第六条（四）: no major accident, serious environmental violation or serious research misconduct, and not on the abnormal-operations or serious-violation lists.",
            "第七条: the alternative R&D measure (R&D expense ÷ total costs), which the enterprise may choose instead of ÷ revenue.",
            "第八条: direct confirmation (valid HighTech certificate, national S&T award, provincial R&D institution, standards) is not applied.",
        ]);

    public static int StaffPoints(decimal rdStaff, decimal employees) => PointsOf(StaffBands, rdStaff, employees);

    public static int RdPoints(decimal rdExpense, decimal revenue) => PointsOf(RdBands, rdExpense, revenue);

    /// <summary>Invention patents are class I IP by the rules' own definition, so either count earns the 30.</summary>
    public static int IpPoints(int inventionPatents, int class1Ip, int class2Ip) =>
        inventionPatents >= 1 || class1Ip >= 1 ? Class1Points
            : Class2Bands.FirstOrDefault(b => class2Ip >= b.AtLeast)?.Points ?? 0;

    private static int PointsOf(IReadOnlyList<ShareBand> bands, decimal numerator, decimal denominator) =>
        bands.FirstOrDefault(b => Criterion.ShareAtLeast(numerator, denominator, b.AtLeastPercent))?.Points ?? 0;
}

/// <summary>
/// The TechSme score, each band shown with its points. A band whose share is undefined (no employees,
/// no revenue) is unknown; the score then passes only if the known bands already reach the minimum, and
/// fails only if even full marks on the unknown bands could not.
/// </summary>
public sealed class TechSmeScore(string code, string description, string source, int minimum)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var threshold = new Threshold(Comparison.AtLeast, minimum, "points", $"at least {minimum} points in {context.PriorYear}");
        if (context.Report(context.PriorYear) is not { } r)
        {
            return Result([], null, threshold, null, context.NoReport(context.PriorYear));
        }

        var figures = new List<Figure>();
        var notes = new List<string>();
        int? staff = null, rd = null;
        if (r.Employees > 0)
        {
            staff = TechSmeRules.StaffPoints(r.RdStaff, r.Employees);
            figures.Add(new Figure("rdStaffSharePercent", Percent(r.RdStaff, r.Employees), "%", r.Year));
        }
        else
        {
            notes.Add($"No employees in {r.Year}: the S&T staff band is unknown.");
        }

        figures.Add(new Figure("staffScore", staff, "points", r.Year));
        if (r.RevenueWan > 0)
        {
            rd = TechSmeRules.RdPoints(r.RdExpenseWan, r.RevenueWan);
            figures.Add(new Figure("rdIntensityPercent", Percent(r.RdExpenseWan, r.RevenueWan), "%", r.Year));
        }
        else
        {
            notes.Add($"No revenue in {r.Year}: the R&D band by revenue is unknown.");
        }

        figures.Add(new Figure("rdScore", rd, "points", r.Year));
        var ip = TechSmeRules.IpPoints(r.InventionPatents, r.Class1Ip, r.Class2Ip);
        figures.Add(new Figure("inventionPatents", r.InventionPatents, "items", r.Year));
        figures.Add(new Figure("class1Ip", r.Class1Ip, "items", r.Year));
        figures.Add(new Figure("class2Ip", r.Class2Ip, "items", r.Year));
        figures.Add(new Figure("ipScore", ip, "points", r.Year));

        var known = (staff ?? 0) + (rd ?? 0) + ip;
        var best = known + (staff is null ? TechSmeRules.StaffBands[0].Points : 0) + (rd is null ? TechSmeRules.RdBands[0].Points : 0);
        decimal? score = staff is null || rd is null ? null : known;
        figures.Add(new Figure("score", score, "points", r.Year));
        bool? passed = known >= minimum ? true : best < minimum ? false : null;
        return Result(figures, score, threshold, passed, notes.Count == 0 ? null : string.Join(" ", notes));
    }
}
