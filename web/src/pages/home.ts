// `/`: the published plans by level and region, each with its share of indicators achieved, on
// track, behind and without data, as a stacked bar with the counts written beside it.
import type { Plan, PlanLevel, PlanProgress, ProgressStatus } from "../api/client";
import { publishedPlans, progressOf, regionNames } from "../data";
import { failure, h, loading } from "../dom";
import { levelLabels, progressLabels, progressOrder } from "../format";

const levels: PlanLevel[] = ["municipal", "district", "functionalZone"];

export async function renderHome(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const status = loading();
  main.append(
    h("h1", {}, "规划总览"),
    h("p", { class: "lead" }, "天津市及各区、功能区科技创新规划的指标完成情况。选择一项规划查看其指标、年度数据与重点任务。"),
    legend(),
    status,
  );
  try {
    const [plans, regions] = await Promise.all([publishedPlans(signal), regionNames(signal)]);
    const progress = await Promise.all(plans.map((plan) => progressOf(plan.code, signal)));
    const byCode = new Map(progress.map((p) => [p.planCode, p]));
    const sections = levels
      .map((level) => {
        const ofLevel = plans.filter((plan) => plan.level === level);
        if (ofLevel.length === 0) return null;
        return h(
          "section",
          { class: "plan-group", "aria-labelledby": `level-${level}` },
          h("h2", { id: `level-${level}` }, levelLabels[level]),
          h("ul", { class: "plan-list" }, ...ofLevel.map((plan) => planItem(plan, regions.get(plan.regionCode)?.name ?? plan.regionCode, byCode.get(plan.code)))),
        );
      })
      .filter((section) => section !== null);
    status.replaceWith(...(sections.length > 0 ? sections : [h("p", {}, "暂无已发布的规划。")]));
  } catch (error) {
    if (!signal.aborted) status.replaceWith(failure(error));
  }
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "图例" },
    ...progressOrder.map((status) => h("li", {}, h("span", { class: `swatch status-${status}`, "aria-hidden": "true" }), progressLabels[status])),
  );
}

function planItem(plan: Plan, regionName: string, progress: PlanProgress | undefined): HTMLElement {
  const counts = new Map<ProgressStatus, number>(progressOrder.map((s) => [s, 0]));
  for (const indicator of progress?.indicators ?? []) counts.set(indicator.status, (counts.get(indicator.status) ?? 0) + 1);
  const total = progress?.indicators.length ?? 0;
  const summary = progressOrder.map((s) => `${progressLabels[s]} ${counts.get(s) ?? 0}`).join("，");
  return h(
    "li",
    { class: "plan-item" },
    h("h3", {}, h("a", { href: `/plans/${encodeURIComponent(plan.code)}` }, plan.title)),
    h("p", { class: "meta" }, `${regionName} · ${plan.periodStart}–${plan.periodEnd} 年 · ${plan.issuer ?? ""}${plan.documentNumber ? `（${plan.documentNumber}）` : ""}`),
    h(
      "div",
      { class: "share-bar", role: "img", "aria-label": `共 ${total} 项指标：${summary}` },
      ...progressOrder
        .filter((s) => (counts.get(s) ?? 0) > 0)
        .map((s) => {
          const segment = h("span", { class: `segment status-${s}` });
          segment.style.flexGrow = String(counts.get(s) ?? 0);
          return segment;
        }),
    ),
    h("p", { class: "share-text" }, `共 ${total} 项指标：${summary}`),
  );
}
