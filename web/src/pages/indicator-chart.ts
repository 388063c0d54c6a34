// An indicator's yearly series: the actuals (register figures marked), the milestone targets and the
// straight line from the baseline to the final target; beside it the same figures as a table, the
// source text, the notes and the data-quality flags.
import { must, plansApi, type Indicator, type Observation, type Plan } from "../api/client";
import { draw } from "../charts";
import { failure, h, loading } from "../dom";
import { figure, qualifierLabels } from "../format";

/** Fills the panel, and answers a function that reloads the series (after a refresh moved a figure). */
export function openIndicatorChart(panel: HTMLElement, plan: Plan, indicator: Indicator, signal: AbortSignal): () => void {
  const chart = h("div", { class: "chart", role: "img", "aria-label": `${indicator.name}年度数据图` });
  const table = h("div", { class: "series-table" });
  const status = loading();
  panel.append(
    status,
    chart,
    h("details", {}, h("summary", {}, "以表格查看年度数据"), table),
    details(indicator),
  );
  const load = async (): Promise<void> => {
    try {
      const list = must(
        "年度数据",
        await plansApi.GET("/api/v1/plans/{code}/indicators/{indicatorCode}/observations", {
          params: { path: { code: plan.code, indicatorCode: indicator.code }, query: { pageSize: 500 } },
          signal,
          cache: "no-store",
        }),
      );
      status.remove();
      const actuals = latestPerYear(list.items);
      drawSeries(chart, plan, indicator, actuals);
      table.replaceChildren(seriesTable(indicator, actuals));
    } catch (error) {
      if (!signal.aborted) status.replaceWith(failure(error));
    }
  };
  void load();
  return () => void load();
}

/** The last recorded observation of each year, in year order. */
function latestPerYear(observations: Observation[]): Observation[] {
  const byYear = new Map<number, Observation>();
  for (const observation of observations) {
    const seen = byYear.get(observation.year);
    if (!seen || seen.recordedAt < observation.recordedAt) byYear.set(observation.year, observation);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

function drawSeries(container: HTMLElement, plan: Plan, indicator: Indicator, actuals: Observation[]): void {
  const targets = [...indicator.targets].filter((t) => t.value !== null).sort((a, b) => a.year - b.year);
  const final = targets.at(-1);
  // The plan's years at least, so that a lone figure still sits on a readable axis.
  const years = [plan.baselineYear, plan.periodEnd, indicator.baseline?.year, ...targets.map((t) => t.year), ...actuals.map((a) => a.year)].filter((y): y is number => typeof y === "number");
  const straight = indicator.baseline && final?.value != null ? [[indicator.baseline.year, indicator.baseline.value], [final.year, final.value]] : [];
  draw(container, {
    color: ["#1d4ed8", "#b45309", "#6b7280", "#047857"],
    legend: { bottom: 0, itemGap: 12 },
    grid: { left: 8, right: 16, top: 36, bottom: 56, containLabel: true },
    xAxis: { type: "value", min: Math.min(...years), max: Math.max(...years), interval: 1, axisLabel: { formatter: (v: number) => String(v) } },
    yAxis: { type: "value", name: indicator.unit ?? "", scale: true },
    series: [
      { name: "实际值", type: "line", data: actuals.map((a) => [a.year, a.value]), symbolSize: 8 },
      { name: "阶段目标", type: "scatter", symbol: "triangle", symbolSize: 14, data: targets.map((t) => [t.year, t.value]) },
      { name: "基期至目标连线", type: "line", data: straight, lineStyle: { type: "dashed" }, symbol: "none" },
      {
        name: "登记系统自动统计",
        type: "scatter",
        symbol: "diamond",
        symbolSize: 14,
        data: actuals.filter((a) => a.origin === "metric").map((a) => [a.year, a.value]),
        label: { show: true, position: "top", formatter: "自动" },
      },
    ],
  });
}

function seriesTable(indicator: Indicator, actuals: Observation[]): HTMLTableElement {
  const years = new Set<number>([...actuals.map((a) => a.year), ...indicator.targets.map((t) => t.year)]);
  if (indicator.baseline) years.add(indicator.baseline.year);
  const rows = [...years].sort((a, b) => a - b).map((year) => {
    const actual = actuals.find((a) => a.year === year);
    const target = indicator.targets.find((t) => t.year === year);
    const value = year === indicator.baseline?.year ? indicator.baseline.value : actual?.value;
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, String(year)),
      h("td", {}, figure(value), year === indicator.baseline?.year ? "（基期）" : ""),
      h("td", {}, actual ? (actual.origin === "metric" ? "登记系统自动统计" : "人工填报") : ""),
      h("td", {}, target ? `${target.value === null ? target.raw ?? "" : figure(target.value)}${target.qualifier ? ` ${qualifierLabels[target.qualifier] ?? ""}` : ""}` : ""),
    );
  });
  return h(
    "table",
    {},
    h("caption", {}, `${indicator.name}${indicator.unit ? `（${indicator.unit}）` : ""}`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "年份"), h("th", { scope: "col" }, "数值"), h("th", { scope: "col" }, "来源"), h("th", { scope: "col" }, "目标"))),
    h("tbody", {}, ...rows),
  );
}

function details(indicator: Indicator): HTMLElement {
  return h(
    "dl",
    { class: "indicator-details" },
    indicator.source ? h("dt", {}, "原文出处") : null,
    indicator.source ? h("dd", {}, h("blockquote", {}, indicator.source)) : null,
    indicator.metric ? h("dt", {}, "登记统计口径") : null,
    indicator.metric ? h("dd", {}, h("code", {}, indicator.metric)) : null,
    indicator.notes ? h("dt", {}, "说明") : null,
    indicator.notes ? h("dd", {}, indicator.notes) : null,
    indicator.flags.length > 0 ? h("dt", {}, "数据质量提示") : null,
    indicator.flags.length > 0 ? h("dd", {}, h("ul", { class: "flags" }, ...indicator.flags.map((flag) => h("li", {}, h("strong", {}, flag.code), "：", flag.message)))) : null,
  );
}
