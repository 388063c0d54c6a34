// `/rollup`: for each register metric the municipal plan shares with district and zone plans, the municipal
// target beside theirs, with each one's latest actual and status, the districts' sum and the gap, as the
// service rolls them up (GET /api/v1/rollups) from the plans' live progress.
import type { Rollup, RollupEntry } from "../api/client";
import { draw } from "../charts";
import { regionNames, rollups } from "../data";
import { failure, h, loading } from "../dom";
import { figure, progressLabels } from "../format";
import { scrollTable } from "./registers";

export async function renderRollup(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const status = loading();
  main.append(
    h("h1", {}, "市区对照"),
    h("p", { class: "lead" }, "同一统计口径下，市级规划目标与各区、功能区规划目标的对照，以及各自最新的实际值。口径相同的指标才放在一起比较。"),
    status,
  );
  try {
    const [items, regions] = await Promise.all([rollups(signal), regionNames(signal)]);
    const name = (entry: RollupEntry) => regions.get(entry.regionCode)?.name ?? entry.regionCode;
    status.replaceWith(...(items.length > 0 ? items.map((rollup) => metricSection(rollup, name)) : [h("p", {}, "暂无市、区规划共用统计口径的指标。")]));
  } catch (error) {
    if (!signal.aborted) status.replaceWith(failure(error));
  }
}

function metricSection(rollup: Rollup, regionOf: (entry: RollupEntry) => string): HTMLElement {
  const entries = [...(rollup.municipal ? [rollup.municipal] : []), ...rollup.districts];
  const municipal = rollup.municipal;
  const title = municipal?.indicatorName ?? entries[0]?.indicatorName ?? rollup.metric;
  const unit = municipal?.unit ? ` ${municipal.unit}` : "";
  const id = `metric-${rollup.metric.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const chart = h("div", { class: "chart", role: "img", "aria-label": `${title}：市级与各区目标、实际值对照图` });
  const section = h(
    "section",
    { class: "rollup", "aria-labelledby": id },
    h("h2", { id }, title),
    h("p", { class: "meta" }, "统计口径 ", h("code", {}, rollup.metric)),
    chart,
    scrollTable(
      `${title}：目标与实际`,
      ["地区", "基期", "目标", "最新实际", "状态"],
      entries.map((e) => [
        regionOf(e),
        e.baseline ? `${figure(e.baseline.value)}（${e.baseline.year}）` : "—",
        e.target.value != null ? `${figure(e.target.value)}（${e.target.year}）` : "—",
        e.actual ? `${figure(e.actual.value)}（${e.actual.year}）` : "—",
        progressLabels[e.status],
      ]),
    ),
    municipal
      ? h(
          "p",
          { class: "sum" },
          `区级（含功能区）规划目标合计 ${figure(rollup.districtTargetSum)}，市级目标 ${figure(municipal.target.value)}${unit}，差额 ${figure(rollup.targetGap)}${unit}。各区目标年份与口径可能不同，合计仅供参考。`,
        )
      : null,
  );
  queueMicrotask(() =>
    draw(chart, {
      legend: { bottom: 0 },
      tooltip: { renderMode: "richText", trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 16, top: 36, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: entries.map(regionOf), axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: municipal?.unit ?? "" },
      series: [
        { name: "目标", type: "bar", data: entries.map((e) => e.target.value ?? null), itemStyle: { color: "#b45309" } },
        { name: "最新实际", type: "bar", data: entries.map((e) => e.actual?.value ?? null), itemStyle: { color: "#1d4ed8" } },
      ],
    }),
  );
  return section;
}
