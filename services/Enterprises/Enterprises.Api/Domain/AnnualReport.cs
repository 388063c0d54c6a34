using Persistence.Audit;
using SharedKernel.Domain;

namespace Enterprises.Api.Domain;

/// <summary>The figures of one year's report. Amounts in 万元 (10,000 CNY).</summary>
/// <param name="RevenueWan">营业收入.</param>
/// <param name="RdExpenseWan">研发费用.</param>
/// <param name="HighTechRevenueWan">高新技术产品（服务）收入.</param>
/// <param name="Employees">职工总数.</param>
/// <param name="RdStaff">科技人员数.</param>
/// <param name="InventionPatents">有效发明专利数.</param>
/// <param name="Class1Ip">I 类知识产权 (invention patents, plant varieties, layout designs …).</param>
/// <param name="Class2Ip">II 类知识产权 (utility models, designs, software copyrights).</param>
/// <param name="TotalAssetsWan">资产总额.</param>
public sealed record AnnualFigures(decimal RevenueWan, decimal RdExpenseWan, decimal HighTechRevenueWan, int Employees, int RdStaff,
    int InventionPatents, int Class1Ip, int Class2Ip, decimal TotalAssetsWan);

/// <summary>An enterprise's figures for one year (企业年报), filed through <see cref="Enterprise.FileAnnualReport"/>.</summary>
public sealed class AnnualReport : VersionedEntity, IAuditedResource
{
    private AnnualReport()
    {
    }

    internal AnnualReport(string creditCode, int year, AnnualFigures figures, DateTimeOffset now) : base(now)
    {
        CreditCode = creditCode;
        Year = year;
        Set(figures);
    }

    public string CreditCode { get; private set; } = null!;
    public int Year { get; private set; }
    /// <summary>营业收入.</summary>
    public decimal RevenueWan { get; private set; }
    /// <summary>研发费用.</summary>
    public decimal RdExpenseWan { get; private set; }
    /// <summary>高新技术产品（服务）收入.</summary>
    public decimal HighTechRevenueWan { get; private set; }
    /// <summary>职工总数.</summary>
    public int Employees { get; private set; }
    /// <summary>科技人员数.</summary>
    public int RdStaff { get; private set; }
    /// <summary>有效发明专利数.</summary>
    public int InventionPatents { get; private set; }
    /// <summary>I 类知识产权 (invention patents, plant varieties, layout designs …).</summary>
    public int Class1Ip { get; private set; }
    /// <summary>II 类知识产权 (utility models, designs, software copyrights).</summary>
    public int Class2Ip { get; private set; }
    /// <summary>资产总额.</summary>
    public decimal TotalAssetsWan { get; private set; }

    public AnnualFigures Figures => new(RevenueWan, RdExpenseWan, HighTechRevenueWan, Employees, RdStaff, InventionPatents, Class1Ip,
        Class2Ip, TotalAssetsWan);

    public string AuditKey => $"{CreditCode}/{Year}";

    /// <summary>Replaces the figures; false when they are the same.</summary>
    public bool Replace(AnnualFigures figures, DateTimeOffset now)
    {
        if (figures == Figures)
        {
            return false;
        }

        Set(figures);
        Touch(now);
        return true;
    }

    private void Set(AnnualFigures figures)
    {
        RevenueWan = figures.RevenueWan;
        RdExpenseWan = figures.RdExpenseWan;
        HighTechRevenueWan = figures.HighTechRevenueWan;
        Employees = figures.Employees;
        RdStaff = figures.RdStaff;
        InventionPatents = figures.InventionPatents;
        Class1Ip = figures.Class1Ip;
        Class2Ip = figures.Class2Ip;
        TotalAssetsWan = figures.TotalAssetsWan;
    }
}
