using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Plans.Api.Domain;
using ServiceDefaults.Csv;
using ServiceDefaults.Json;
using ServiceDefaults.Problems;
using SharedKernel.Errors;

namespace Plans.Api.Reports;

/// <summary>The forms a report is read in: JSON, a printable Chinese HTML page, or CSV.</summary>
public enum ReportFormat
{
    Json,
    Html,
    Csv,
}

/// <summary>A report as CSV (one row per indicator, then one per task) and as a printable page.</summary>
internal static class ReportFormats
{
    private static readonly CsvTable Table = new(
        ["kind", "code", "name", "unit", "target", "actualYear", "actual", "progressPercent", "status", "source", "progressNote"],
        ["kind", "code"], "report.csv");

    /// <summary>The page's own style only: no script, no other origin.</summary>
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    /// <summary>The form asked for by <c>?format=</c>: json when absent; 400 for a name not of <see cref="ReportFormat"/>.</summary>
    public static ReportFormat Parse(string? format)
    {
        var names = StrictStringEnumConverter.NamesOf(typeof(ReportFormat));
        if (format is null)
        {
            return ReportFormat.Json;
        }

        var index = names.ToList().FindIndex(n => n.Equals(format, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? Enum.GetValues<ReportFormat>()[index]
            : throw new BadRequestException(ErrorCodes.InvalidParameter, $"'format' must be one of: {string.Join(", ", names)}.");
    }

    /// <summary>
    /// A report in the form asked for: <paramref name="json"/> (the report, or what holds it), the page under its
    /// heading with the page's own security policy, or the CSV.
    /// </summary>
    public static Results<Ok<T>, ContentHttpResult, PushStreamHttpResult> Answer<T>(ReportFormat form, T json, MonitoringReport report,
        string heading, HttpResponse response)
    {
        switch (form)
        {
            case ReportFormat.Html:
                response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
                return TypedResults.Text(Html(report, heading), "text/html; charset=utf-8");
            case ReportFormat.Csv:
                return Csv(report, response.HttpContext.RequestAborted);
            default:
                return TypedResults.Ok(json);
        }
    }

    public static PushStreamHttpResult Csv(MonitoringReport report, CancellationToken aborted) =>
        Table.Export(Rows(report).ToAsyncEnumerable(), row => row, aborted);

    private static IEnumerable<string[]> Rows(MonitoringReport report)
    {
        foreach (var i in report.Indicators)
        {
            yield return ["indicator", i.Code, i.Name, i.Unit ?? "", Number(i.Target.Value), i.Actual?.Year.ToString(CultureInfo.InvariantCulture) ?? "",
                Number(i.Actual?.Value), Number(i.ProgressPercent), Camel(i.Status.ToString()), i.Source ?? "", ""];
        }

        foreach (var t in report.Tasks)
        {
            yield return ["task", t.Code, t.Title, "", "", "", "", "", Camel(t.Status.ToString()), "", t.ProgressNote ?? ""];
        }
    }

    /// <summary>The printable page of a report under a heading: the year's 年度监测报告, or a review's title.</summary>
    public static string Html(MonitoringReport report, string heading)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(E(report.Title)).Append(' ').Append(E(heading)).Append("</title><style>")
            .Append("body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#222}h1{font-size:1.4em;text-align:center}")
            .Append("p.meta{text-align:center;color:#555}table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.9em}")
            .Append("th,td{border:1px solid #999;padding:.3em .5em;text-align:left}th{background:#eee}td.n{text-align:right}")
            .Append("@media print{body{margin:0}th{background:none}}</style></head><body>")
            .Append("<h1>").Append(E(report.Title)).Append("<br>").Append(E(heading)).Append("</h1>")
            .Append("<p class=\"meta\">").Append(E(report.Issuer)).Append(" · 截至").Append(report.AsOf.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)).Append("</p>")
            .Append("<h2>一、指标完成情况</h2><table><thead><tr><th>编号</th><th>指标</th><th>单位</th><th>目标值</th><th>实际值（年份）</th><th>完成进度</th><th>状态</th><th>来源</th></tr></thead><tbody>");
        foreach (var i in report.Indicators)
        {
            page.Append("<tr><td>").Append(E(i.Code)).Append("</td><td>").Append(E(i.Name)).Append("</td><td>").Append(E(i.Unit))
                .Append("</td><td class=\"n\">").Append(E(i.Target.Value is { } t ? Number(t) : i.Target.Raw)).Append("</td><td class=\"n\">")
                .Append(i.Actual is { } a ? $"{Number(a.Value)}（{a.Year}）" : "—").Append("</td><td class=\"n\">")
                .Append(i.ProgressPercent is { } p ? Number(p) + "%" : "—").Append("</td><td>").Append(StatusText(i.Status))
                .Append("</td><td>").Append(E(SourceText(i.Source))).Append("</td></tr>");
        }

        page.Append("</tbody></table><h2>二、重点任务进展</h2><table><thead><tr><th>编号</th><th>任务</th><th>状态</th><th>进展情况</th></tr></thead><tbody>");
        foreach (var t in report.Tasks)
        {
            page.Append("<tr><td>").Append(E(t.Code)).Append("</td><td>").Append(E(t.Title)).Append("</td><td>").Append(TaskStatusText(t.Status))
                .Append("</td><td>").Append(E(t.ProgressNote)).Append("</td></tr>");
        }

        return page.Append("</tbody></table></body></html>").ToString();
    }

    private static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string SourceText(string? source) => source switch
    {
        null => "—",
        "manual" => "填报",
        _ when source.StartsWith("register:", StringComparison.Ordinal) => "登记系统（" + source["register:".Length..] + "）",
        _ => source,
    };

    private static string StatusText(Progress.ProgressStatus status) => status switch
    {
        Progress.ProgressStatus.Achieved => "已完成",
        Progress.ProgressStatus.OnTrack => "进度正常",
        Progress.ProgressStatus.Behind => "进度滞后",
        _ => "暂无数据",
    };

    private static string TaskStatusText(KeyTaskStatus status) => status switch
    {
        KeyTaskStatus.InProgress => "推进中",
        KeyTaskStatus.Completed => "已完成",
        KeyTaskStatus.Delayed => "延期",
        _ => "未启动",
    };
}
