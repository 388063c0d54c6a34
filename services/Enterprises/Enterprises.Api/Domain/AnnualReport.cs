using SharedKernel.Domain;
using Persistence.Audit;

namespace Enterprises.Api.Domain;

/// <summary>An enterprise's figures for one year (企业年报). Amounts in 万元 (10,000 CNY).</summary>
public sealed class AnnualReport : VersionedEntity, IAuditedResource
{
    public string CreditCode { get; set; } = null!;
    public int Year { get; set; }
    /// <summary>营业收入.</summary>
    public decimal RevenueWan { get; set; }
    /// <summary>研发费用.</summary>
    public decimal RdExpenseWan { get; set; }
    /// <summary>高新技术产品（服务）收入.</summary>
    public decimal HighTechRevenueWan { get; set; }
    /// <summary>职工总数.</summary>
    public int Employees { get; set; }
    /// <summary>科技人员数.</summary>
    public int RdStaff { get; set; }
    /// <summary>有效发明专利数.</summary>
    public int InventionPatents { get; set; }
    /// <summary>I 类知识产权 (invention patents, plant varieties, layout designs …).</summary>
    public int Class1Ip { get; set; }
    /// <summary>II 类知识产权 (utility models, designs, software copyrights).</summary>
    public int Class2Ip { get; set; }
    /// <summary>资产总额.</summary>
    public decimal TotalAssetsWan { get; set; }

    public string AuditKey => $"{CreditCode}/{Year}";
}
