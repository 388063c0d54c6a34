using Enterprises.Api.Domain;
using FluentValidation;

namespace Enterprises.Api.AnnualReports;

/// <summary>The figures of one year's report (the body of PUT); amounts in 万元, every figure required.</summary>
public sealed record AnnualReportRequest
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

    /// <summary>Copies the (validated) figures onto the report; true when anything changed.</summary>
    public bool ApplyTo(AnnualReport r)
    {
        var before = (r.RevenueWan, r.RdExpenseWan, r.HighTechRevenueWan, r.Employees, r.RdStaff, r.InventionPatents, r.Class1Ip,
            r.Class2Ip, r.TotalAssetsWan);
        r.RevenueWan = RevenueWan!.Value;
        r.RdExpenseWan = RdExpenseWan!.Value;
        r.HighTechRevenueWan = HighTechRevenueWan!.Value;
        r.Employees = Employees!.Value;
        r.RdStaff = RdStaff!.Value;
        r.InventionPatents = InventionPatents!.Value;
        r.Class1Ip = Class1Ip!.Value;
        r.Class2Ip = Class2Ip!.Value;
        r.TotalAssetsWan = TotalAssetsWan!.Value;
        return before != (r.RevenueWan, r.RdExpenseWan, r.HighTechRevenueWan, r.Employees, r.RdStaff, r.InventionPatents, r.Class1Ip,
            r.Class2Ip, r.TotalAssetsWan);
    }
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

internal sealed class AnnualReportRequestValidator : AbstractValidator<AnnualReportRequest>
{
    public AnnualReportRequestValidator()
    {
        RuleFor(r => r.RevenueWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.RdExpenseWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.HighTechRevenueWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.HighTechRevenueWan).LessThanOrEqualTo(r => r.RevenueWan)
            .When(r => r.RevenueWan is not null && r.HighTechRevenueWan is not null)
            .WithMessage("'highTechRevenueWan' cannot exceed 'revenueWan': high-tech revenue is part of the revenue.");
        RuleFor(r => r.TotalAssetsWan).NotNull().GreaterThanOrEqualTo(0).PrecisionScale(20, 4, true);
        RuleFor(r => r.Employees).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.RdStaff).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.RdStaff).LessThanOrEqualTo(r => r.Employees)
            .When(r => r.Employees is not null && r.RdStaff is not null)
            .WithMessage("'rdStaff' cannot exceed 'employees': R&D staff are counted among the employees.");
        RuleFor(r => r.InventionPatents).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.Class1Ip).NotNull().GreaterThanOrEqualTo(0);
        RuleFor(r => r.Class2Ip).NotNull().GreaterThanOrEqualTo(0);
    }
}
