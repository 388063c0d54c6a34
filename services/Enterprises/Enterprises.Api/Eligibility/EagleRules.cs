namespace Enterprises.Api.Eligibility;

/// <summary>
/// 雏鹰 — Tianjin's first rung of the growth ladder. The conditions of
/// 《天津市雏鹰企业、瞪羚企业、科技领军企业和科技领军培育企业评价与支持办法》（津科规〔2021〕3号）
/// for 雏鹰 enterprises. The official text is not among the documents we hold; the wording used here
/// is that reproduced in the municipal S&amp;T bureau's 2021 batch notices as quoted by public pages,
/// so each criterion names the condition rather than an article number.
/// </summary>
public static class EagleRules
{
    private const string Document = "《天津市雏鹰企业、瞪羚企业、科技领军企业和科技领军培育企业评价与支持办法》（津科规〔2021〕3号）";

    /// <summary>
    /// Dated to 2021, the first year whose batches were announced under it (2021年第二批, published
    /// 2021-09-30); its own issue date is not in the sources we hold.
    /// </summary>
    public static RuleSet V2021 { get; } = new(
        "eagle-2021", EligibilityType.Eagle, 1, new DateOnly(2021, 1, 1), Document,
        "The issue date is not in the sources we hold: the rule set is dated to application year 2021, the first whose "
        + "batches were announced under it. Conditions quoted from public reproductions of the text, not the official copy.",
        [
            new RegisteredWithinYears("eagle.registeredWithinEightYears",
                "Registered in Tianjin within 8 years, reckoned to 31 December of the year before applying, and not in the application year "
                + "(注册时间8年以内，不含申报评价当年注册的企业，按截至上一年的12月31日计算)",
                $"{Document} 雏鹰企业条件（一）", 8),
            new PriorYearFigure("eagle.revenue", "Revenue of the previous year at least 10万 (上一年营业收入不低于10万元)",
                $"{Document} 雏鹰企业条件（三）", "revenueWan", "万元", r => r.RevenueWan, Comparison.AtLeast, 10m),
            new EagleIpRoute("eagle.ip",
                "IP route: at least 1 class I or at least 2 class II IP items in force (1项(含)以上I类知识产权或2项(含)以上II类知识产权); "
                + "it is one of nine alternatives, any one of which suffices",
                $"{Document} 雏鹰企业条件（四）1", 1, 2),
        ],
        [
            "条件（一）: registered in Tianjin as an independent legal person.",
            "条件（二）: no serious research misconduct, not on the abnormal-operations or serious-violation lists.",
            "条件（四）2–9: the alternatives to the IP route (software certificates, competition prizes, HighTech certificate, "
            + "S&T awards, recognised R&D institutions, standards, a single venture investment of 100万 or more, government S&T projects).",
        ]);
}

/// <summary>
/// The IP route of the 雏鹰 condition (四). Meeting it settles the condition; missing it does not, because
/// eight other routes the register holds no data for could satisfy it instead, so the outcome is then unknown.
/// </summary>
public sealed class EagleIpRoute(string code, string description, string source, int class1AtLeast, int class2AtLeast)
    : Criterion(code, description, source)
{
    public override CriterionResult Evaluate(EvaluationContext context)
    {
        var threshold = new Threshold(Comparison.AtLeast, class1AtLeast, "items",
            $"at least {class1AtLeast} class I or {class2AtLeast} class II items in {context.PriorYear}");
        if (context.Report(context.PriorYear) is not { } r)
        {
            return Result([], null, threshold, null, context.NoReport(context.PriorYear));
        }

        // Invention patents are class I IP; counted apart in the report, either count meets the class I route.
        var class1 = Math.Max(r.InventionPatents, r.Class1Ip);
        List<Figure> figures =
        [
            new("inventionPatents", r.InventionPatents, "items", r.Year),
            new("class1Ip", r.Class1Ip, "items", r.Year),
            new("class2Ip", r.Class2Ip, "items", r.Year),
        ];
        return class1 >= class1AtLeast || r.Class2Ip >= class2AtLeast
            ? Result(figures, class1, threshold, true)
            : Result(figures, class1, threshold, null,
                "The IP route is not met; the condition may still be met by one of the eight other routes, which the register does not hold.");
    }
}
