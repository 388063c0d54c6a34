// `/plans/{code}`: the plan's indicators as cards (baseline → actual → target, status colour), each
// opening its yearly chart, source text and data-quality flags; the key tasks, filterable by unit.
// The figures refresh in place while the page is open, so a register grant shows without a reload.
import { ApiError, must, plansApi, type Indicator, type IndicatorProgress, type Plan, type PlanProgress } from "../api/client";
import { indicatorsOf, regionNames } from "../data";
import { failure, h, loading } from "../dom";
import { figure, levelLabels, percent, progressLabels, qualifierLabels } from "../format";
import { openIndicatorChart } from "./indicator-chart";
import { renderTasks } from "./tasks";

/** How often the open page asks for the plan's progress again. */
const refreshMilliseconds = 2000;

export async function renderPlan(main: HTMLElement, signal: AbortSignal, code: string): Promise<void> {
  const status = loading();
  main.append(status);
  let plan: Plan;
  let indicators: Indicator[];
  let first: { progress: PlanProgress; etag: string | null };
  try {
    const planAnswer = await plansApi.GET("/api/v1/plans/{code}", { params: { path: { code } }, signal });
    if (planAnswer.response.status === 404) {
      status.replaceWith(h("h1", {}, "未找到该规划"), h("p", {}, `没有编号为 ${code} 的公开规划。`, h("a", { href: "/" }, "返回规划总览")));
      return;
    }
    plan = must("规划", planAnswer);
    const regions = await regionNames(signal);
    [indicators, first] = await Promise.all([indicatorsOf(code, signal), readProgress(code, null, signal).then((p) => p ?? Promise.reject(new Error("no progress")))]);
    const region = regions.get(plan.regionCode)?.name ?? plan.regionCode;
    status.replaceWith(header(plan, region));
  } catch (error) {
    if (!signal.aborted) status.replaceWith(failure(error));
    return;
  }

  const cards = new Map<string, IndicatorCard>();
  const updated = h("p", { class: "updated", role: "status", "aria-live": "polite" });
  const grid = h("ul", { class: "cards" });
  // In the progress's order (by code), which is the document's.
  const order = new Map(first.progress.indicators.map((entry, index) => [entry.code, index]));
  indicators.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  for (const indicator of indicators) {
    const card = new IndicatorCard(plan, indicator, signal);
    cards.set(indicator.code, card);
    grid.append(card.element);
  }
  main.append(
    h("section", { "aria-labelledby": "indicators-title" }, h("h2", { id: "indicators-title" }, `主要指标（${indicators.length} 项）`), updated, grid),
  );
  const apply = (progress: PlanProgress, announce: boolean): void => {
    let changed = false;
    for (const entry of progress.indicators) changed = (cards.get(entry.code)?.update(entry) ?? false) || changed;
    updated.dataset["asOf"] = progress.asOf;
    if (announce && changed) updated.textContent = `数据已于 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })} 更新`;
  };
  apply(first.progress, false);
  updated.textContent = `数据截至 ${first.progress.asOf}，页面每 ${refreshMilliseconds / 1000} 秒自动刷新`;

  main.append(await renderTasks(plan.code, signal));
  poll(plan.code, first.etag, signal, (progress) => apply(progress, true));
}

function header(plan: Plan, region: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(
    h("p", { class: "breadcrumb" }, h("a", { href: "/" }, "规划总览"), " › ", levelLabels[plan.level]),
    h("h1", {}, plan.title),
    h(
      "dl",
      { class: "plan-meta" },
      h("dt", {}, "地区"), h("dd", {}, region),
      h("dt", {}, "规划期"), h("dd", {}, `${plan.periodStart}–${plan.periodEnd} 年（基期 ${plan.baselineYear} 年）`),
      plan.issuer ? h("dt", {}, "发布机关") : null, plan.issuer ? h("dd", {}, plan.issuer) : null,
      plan.documentNumber ? h("dt", {}, "文号") : null, plan.documentNumber ? h("dd", {}, plan.documentNumber) : null,
      plan.parentPlanCode ? h("dt", {}, "上级规划") : null,
      plan.parentPlanCode ? h("dd", {}, h("a", { href: `/plans/${encodeURIComponent(plan.parentPlanCode)}` }, plan.parentPlanTitle ?? plan.parentPlanCode)) : null,
    ),
  );
  return fragment;
}

/** The progress, or null when it has not changed since the entity tag given (304). */
async function readProgress(code: string, etag: string | null, signal: AbortSignal): Promise<{ progress: PlanProgress; etag: string | null } | null> {
  const answer = await plansApi.GET("/api/v1/plans/{code}/progress", {
    params: { path: { code } },
    headers: etag ? { "If-None-Match": etag } : {},
    signal,
    cache: "no-store",
  });
  if (answer.response.status === 304) return null;
  return { progress: must("规划进展", answer), etag: answer.response.headers.get("ETag") };
}

function poll(code: string, etag: string | null, signal: AbortSignal, apply: (progress: PlanProgress) => void): void {
  let current = etag;
  const tick = async (): Promise<void> => {
    try {
      const answer = await readProgress(code, current, signal);
      if (answer) {
        current = answer.etag;
        apply(answer.progress);
      }
    } catch (error) {
      // A failed refresh keeps the figures shown; the next one tries again.
      if (!(error instanceof ApiError) && !signal.aborted) console.warn(error);
    }
    if (!signal.aborted) setTimeout(() => void tick(), refreshMilliseconds);
  };
  setTimeout(() => void tick(), refreshMilliseconds);
}

class IndicatorCard {
  readonly element: HTMLLIElement;
  private readonly actual: HTMLElement;
  private readonly actualUnit: HTMLElement;
  private readonly actualYear: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly expected: HTMLElement;
  private readonly origin: HTMLElement;
  private readonly panel: HTMLElement;
  private last = "";
  private refreshChart: (() => void) | null = null;

  constructor(plan: Plan, private readonly indicator: Indicator, signal: AbortSignal) {
    const id = `indicator-${indicator.code.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const finalTarget = [...indicator.targets].sort((a, b) => a.year - b.year).at(-1);
    const unit = indicator.unit ? ` ${indicator.unit}` : "";
    this.actual = h("span", { class: "value" }, "—");
    this.actualUnit = h("span", {});
    this.actualYear = h("span", { class: "year" }, "实际");
    this.badge = h("span", { class: "badge status-noData" }, progressLabels.noData);
    this.fill = h("span", { class: "fill" });
    this.expected = h("span", { class: "expected", title: "按时间进度应达到的位置" });
    this.bar = h("div", { class: "progress", role: "img", "aria-label": "完成进度" }, this.fill, this.expected);
    this.origin = h("p", { class: "origin" });
    const toggle = h("button", { type: "button", class: "open", "aria-expanded": "false", "aria-controls": `${id}-panel` }, "查看年度数据");
    this.panel = h("div", { class: "panel", id: `${id}-panel`, hidden: true });
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "收起年度数据" : "查看年度数据";
      this.panel.hidden = !open;
      if (open && this.refreshChart === null) this.refreshChart = openIndicatorChart(this.panel, plan, indicator, signal);
    });
    this.element = h(
      "li",
      { class: "card", id, "data-indicator": indicator.code },
      h(
        "article",
        { "aria-labelledby": `${id}-name` },
        h("header", {}, h("h3", { id: `${id}-name` }, indicator.name), this.badge),
        h(
          "dl",
          { class: "figures" },
          h("div", {}, h("dt", {}, `基期 ${indicator.baseline?.year ?? ""}`), h("dd", { class: "baseline" }, figure(indicator.baseline?.value), indicator.baseline ? unit : "")),
          h("div", {}, h("dt", {}, this.actualYear), h("dd", { class: "actual" }, this.actual, this.actualUnit)),
          h(
            "div",
            {},
            h("dt", {}, `目标 ${finalTarget?.year ?? ""}`),
            h("dd", { class: "target" }, finalTarget?.value === null || finalTarget === undefined ? finalTarget?.raw ?? "—" : figure(finalTarget.value), finalTarget?.value != null ? unit : "", finalTarget?.qualifier ? ` ${qualifierLabels[finalTarget.qualifier] ?? ""}` : ""),
          ),
        ),
        this.bar,
        this.origin,
        indicator.flags.length > 0 ? h("p", { class: "flag-note" }, `⚑ ${indicator.flags.length} 条数据质量提示`) : null,
        toggle,
        this.panel,
      ),
    );
  }

  /** Shows the indicator's latest progress; true when a figure changed. */
  update(progress: IndicatorProgress): boolean {
    const key = JSON.stringify([progress.actual, progress.status, progress.progressPercent, progress.expectedPercent]);
    if (key === this.last) return false;
    const changed = this.last !== "";
    this.last = key;
    this.actual.textContent = figure(progress.actual?.value);
    this.actualUnit.textContent = progress.actual && this.indicator.unit ? ` ${this.indicator.unit}` : "";
    this.actualYear.textContent = progress.actual ? `实际 ${progress.actual.year}` : "实际";
    this.badge.className = `badge status-${progress.status}`;
    this.badge.textContent = progressLabels[progress.status];
    this.element.dataset["status"] = progress.status;
    const done = Math.max(0, Math.min(100, progress.progressPercent ?? 0));
    this.fill.className = `fill status-${progress.status}`;
    this.fill.style.width = `${done}%`;
    const expected = progress.expectedPercent;
    this.expected.hidden = expected === null || expected === undefined;
    this.expected.style.left = `${Math.max(0, Math.min(100, expected ?? 0))}%`;
    this.bar.setAttribute("aria-label", `完成进度 ${percent(progress.progressPercent)}，按时间进度应为 ${percent(expected)}`);
    this.origin.textContent = progress.actual
      ? progress.actual.origin === "metric"
        ? `实际值由登记系统自动统计（${progress.actual.source}）`
        : "实际值为人工填报"
      : this.indicator.metric
        ? "已绑定登记统计，尚无数据"
        : "尚无实际值";
    if (changed) this.refreshChart?.();
    return changed;
  }
}
