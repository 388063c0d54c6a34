using Enterprises.Api.Domain;

namespace Enterprises.Api.AnnualReports;

/// <summary>The figures of one year's report (the body of PUT); amounts in 万元, every figure required.</summary>
public record AnnualReportRequest
{
    /// <summary>营业收入, 万元.</summary>
    public decimal? RevenueWan { get; init; }
    /// <summary>研发费用, 万元.</summary>
    public decimal? RdExpenseWan { get; init; }
    /// <summary>高新技术产品（服务）收入, 万元; not more than the revenue.</summary>
    public decimal? HighTechRevenueWan { get; init; }
    /// <summary>职工总数.</summary>
    public int? Employees { get; init; }
    /// <summary>科技人员数; not more than the employees.</summary>
    public int? RdStaff { get; init; }
    /// <summary>有效发明专利数.</summary>
    public int? InventionPatents { get; init; }
    /// <summary>I 类知识产权数.</summary>
    public int? Class1Ip { get; init; }
    /// <summary>II 类知识产权数.</summary>
    public int? Class2Ip { get; init; }
    /// <summary>资产总额, 万元.</summary>
    public decimal? TotalAssetsWan { get; init; }

    /// <summary>The figures of this (validated) request.</summary>
    public AnnualFigures ToFigures() => new(RevenueWan!.Value, RdExpenseWan!.Value, HighTechRevenueWan!.Value, Employees!.Value, RdStaff!.Value,
        InventionPatents!.Value, Class1Ip!.Value, Class2Ip!.Value, TotalAssetsWan!.Value);
}

/// <summary>An enterprise's report for one year.</summary>
public sealed record AnnualReportResponse(
    string CreditCode,
    int Year,
    decimal RevenueWan,
    decimal RdExpenseWan,
    decimal HighTechRevenueWan,
    int Employees,
    int RdStaff,
    int InventionPatents,
    int Class1Ip,
    int Class2Ip,
    decimal TotalAssetsWan,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static AnnualReportResponse From(AnnualReport r) => new(r.CreditCode, r.Year, r.RevenueWan, r.RdExpenseWan,
        r.HighTechRevenueWan, r.Employees, r.RdStaff, r.InventionPatents, r.Class1Ip, r.Class2Ip, r.TotalAssetsWan, r.CreatedAt,
        r.UpdatedAt);
}

/// <summary>A report as a command or query left it, with the version its ETag carries.</summary>
/// <param name="Report">The report.</param>
/// <param name="Version">Its version (the ETag).</param>
/// <param name="Created">Whether the command created it (a first report for the year) rather than replacing or reading it.</param>
public sealed record AnnualReportResult(AnnualReportResponse Report, long Version, bool Created)
{
    public static AnnualReportResult Of(AnnualReport report, bool created) => new(AnnualReportResponse.From(report), report.Version, created);
}
