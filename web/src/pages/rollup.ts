// `/rollup`: for each register metric the plans' indicators are bound to, the municipal target beside
// the district and zone targets for the same metric, with each one's latest actual and status. Worked
// out here from the public plans' indicators and progress.
import type { Indicator, IndicatorProgress, Plan } from "../api/client";
import { draw } from "../charts";
import { indicatorsOf, progressOf, publishedPlans, regionNames } from "../data";
import { failure, h, loading } from "../dom";
import { figure, progressLabels } from "../format";
import { scrollTable } from "./registers";

interface Entry {
  plan: Plan;
  region: string;
  indicator: Indicator;
  progress: IndicatorProgress | undefined;
}

export async function renderRollup(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const status = loading();
  main.append(
    h("h1", {}, "市区对照"),
    h("p", { class: "lead" }, "同一统计口径下，市级规划目标与各区、功能区规划目标的对照，以及各自最新的实际值。口径相同的指标才放在一起比较。"),
    status,
  );
  try {
    const [plans, regions] = await Promise.all([publishedPlans(signal), regionNames(signal)]);
    const loaded = await Promise.all(plans.map(async (plan) => ({ plan, indicators: await indicatorsOf(plan.code, signal), progress: await progressOf(plan.code, signal) })));
    const byMetric = new Map<string, Entry[]>();
    for (const { plan, indicators, progress } of loaded) {
      for (const indicator of indicators) {
        if (!indicator.metric) continue;
        const entries = byMetric.get(indicator.metric) ?? [];
        entries.push({ plan, region: regions.get(plan.regionCode)?.name ?? plan.regionCode, indicator, progress: progress.indicators.find((p) => p.code === indicator.code) });
        byMetric.set(indicator.metric, entries);
      }
    }
    // Only metrics the municipal plan sets a target for and at least one district or zone plan shares.
    const groups = [...byMetric.entries()].filter(([, entries]) => entries.some((e) => e.plan.level === "municipal") && entries.some((e) => e.plan.level !== "municipal"));
    status.replaceWith(...(groups.length > 0 ? groups.map(([metric, entries]) => metricSection(metric, entries)) : [h("p", {}, "暂无市、区规划共用统计口径的指标。")]));
  } catch (error) {
    if (!signal.aborted) status.replaceWith(failure(error));
  }
}

function finalTarget(indicator: Indicator): { year: number; value: number | null } | undefined {
  return [...indicator.targets].sort((a, b) => a.year - b.year).at(-1);
}

function metricSection(metric: string, entries: Entry[]): HTMLElement {
  const sorted = [...entries].sort((a, b) => (a.plan.level === "municipal" ? -1 : b.plan.level === "municipal" ? 1 : a.region.localeCompare(b.region, "zh-CN")));
  const municipal = sorted.find((e) => e.plan.level === "municipal");
  const title = municipal?.indicator.name ?? sorted[0]?.indicator.name ?? metric;
  const id = `metric-${metric.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const districtSum = sorted.filter((e) => e.plan.level === "district").reduce((sum, e) => sum + (finalTarget(e.indicator)?.value ?? 0), 0);
  const chart = h("div", { class: "chart", role: "img", "aria-label": `${title}：市级与各区目标、实际值对照图` });
  const section = h(
    "section",
    { class: "rollup", "aria-labelledby": id },
    h("h2", { id }, title),
    h("p", { class: "meta" }, "统计口径 ", h("code", {}, metric)),
    chart,
    scrollTable(
      `${title}：目标与实际`,
      ["地区", "基期", "目标", "最新实际", "状态"],
      sorted.map((e) => {
        const target = finalTarget(e.indicator);
        return [
          e.region,
          e.indicator.baseline ? `${figure(e.indicator.baseline.value)}（${e.indicator.baseline.year}）` : "—",
          target ? `${figure(target.value)}（${target.year}）` : "—",
          e.progress?.actual ? `${figure(e.progress.actual.value)}（${e.progress.actual.year}）` : "—",
          e.progress ? progressLabels[e.progress.status] : "—",
        ];
      }),
    ),
    municipal ? h("p", {}, `区级规划目标合计 ${figure(districtSum)}，市级目标 ${figure(finalTarget(municipal.indicator)?.value)}${municipal.indicator.unit ? ` ${municipal.indicator.unit}` : ""}。各区目标年份与口径可能不同，合计仅供参考。`) : null,
  );
  queueMicrotask(() =>
    draw(chart, {
      legend: { bottom: 0 },
      tooltip: { renderMode: "richText", trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 16, top: 36, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: sorted.map((e) => e.region), axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: municipal?.indicator.unit ?? "" },
      series: [
        { name: "目标", type: "bar", data: sorted.map((e) => finalTarget(e.indicator)?.value ?? null), itemStyle: { color: "#b45309" } },
        { name: "最新实际", type: "bar", data: sorted.map((e) => e.progress?.actual?.value ?? null), itemStyle: { color: "#1d4ed8" } },
      ],
    }),
  );
  return section;
}
