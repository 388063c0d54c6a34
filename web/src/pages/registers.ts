// `/registers`: the registers' public statistics. Qualified enterprises by district and zone at each
// year end and today; active platforms by type and level.
import { enterprisesApi, must, platformsApi, type EnterpriseStatistics, type PlatformStatistics, type QualificationType } from "../api/client";
import { draw } from "../charts";
import { failure, h, loading } from "../dom";
import { figure } from "../format";

const qualificationLabels: Record<QualificationType, string> = {
  TechSme: "科技型中小企业",
  HighTech: "国家高新技术企业",
  Eagle: "雏鹰企业",
  Gazelle: "瞪羚企业",
  Leader: "科技领军企业",
  LeaderCultivation: "领军（培育）企业",
};
const levelNames: Record<string, string> = { national: "国家级", municipal: "市级", district: "区级" };

export async function renderRegisters(main: HTMLElement, signal: AbortSignal): Promise<void> {
  main.append(
    h("h1", {}, "登记统计"),
    h("p", { class: "lead" }, "企业资质与创新平台登记的公开统计（无需登录）。各区合计为全市数，功能区单列、不计入全市合计。"),
  );
  await Promise.all([enterpriseSection(main, signal), platformSection(main, signal)]);
}

/** Year ends from 2021 to last year, then today (no asOf). */
function dates(): { label: string; asOf?: string }[] {
  const thisYear = new Date().getFullYear();
  const ends = [];
  for (let year = 2021; year < thisYear; year++) ends.push({ label: `${year} 年末`, asOf: `${year}-12-31` });
  return [...ends, { label: "今日" }];
}

async function enterpriseSection(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const types = Object.keys(qualificationLabels) as QualificationType[];
  const select = h("select", { id: "qualification-type" }, ...types.map((t) => h("option", { value: t, selected: t === "HighTech" }, qualificationLabels[t])));
  const chart = h("div", { class: "chart tall", role: "img", "aria-label": "各区、功能区有效资质企业数变化图" });
  const body = h("div", {}, loading());
  const section = h(
    "section",
    { "aria-labelledby": "enterprises-title" },
    h("h2", { id: "enterprises-title" }, "有效资质企业数（按区、功能区）"),
    h("div", { class: "filter" }, h("label", { for: "qualification-type" }, "资质类型"), select),
    chart,
    body,
  );
  const load = async (): Promise<void> => {
    const type = select.value as QualificationType;
    try {
      const points = dates();
      const answers: EnterpriseStatistics[] = await Promise.all(
        points.map(async (point) =>
          must("企业统计", await enterprisesApi.GET("/api/v1/enterprises/statistics", { params: { query: { metric: "qualified", type, groupBy: "region", ...(point.asOf ? { asOf: point.asOf } : {}) } }, signal })),
        ),
      );
      const regions = new Map<string, { name: string; kind: string; counts: number[] }>();
      answers.forEach((answer, index) => {
        for (const row of answer.rows) {
          const region = regions.get(row.regionCode) ?? { name: row.regionName, kind: row.kind, counts: points.map(() => 0) };
          region.counts[index] = row.count;
          regions.set(row.regionCode, region);
        }
      });
      const shown = [...regions.values()].filter((r) => r.kind !== "municipality" && r.counts.some((c) => c > 0));
      // An empty chart says nothing: the sentence below it does.
      chart.hidden = shown.length === 0;
      draw(chart, {
        legend: { type: "scroll", bottom: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 48, containLabel: true },
        xAxis: { type: "category", data: points.map((p) => p.label) },
        yAxis: { type: "value", name: "家", minInterval: 1 },
        series: shown.map((r) => ({ name: r.name, type: "line", data: r.counts })),
      });
      body.replaceChildren(
        shown.length === 0 ? h("p", {}, `登记系统中暂无${qualificationLabels[type]}。`) : "",
        scrollTable(
          `${qualificationLabels[type]}数量（家）`,
          ["地区", ...points.map((p) => p.label)],
          [...regions.values()].map((r) => [r.kind === "functionalZone" ? `${r.name}（功能区）` : r.name, ...r.counts.map((c) => figure(c))]),
        ),
      );
    } catch (error) {
      if (!signal.aborted) body.replaceChildren(failure(error));
    }
  };
  select.addEventListener("change", () => void load());
  main.append(section);
  await load();
}

async function platformSection(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const chart = h("div", { class: "chart tall", role: "img", "aria-label": "各类创新平台按级别数量图" });
  const section = h("section", { "aria-labelledby": "platforms-title" }, h("h2", { id: "platforms-title" }, "在运行创新平台（按类型、级别）"), chart);
  main.append(section);
  try {
    const stats: PlatformStatistics = must("平台统计", await platformsApi.GET("/api/v1/platforms/statistics", { params: { query: { metric: "active", groupBy: "type,level" } }, signal }));
    const types = [...new Map(stats.rows.map((row) => [row.type ?? "", row.typeName ?? row.type ?? ""])).entries()];
    const levels = ["national", "municipal", "district"];
    const count = (type: string, level: string): number => stats.rows.find((row) => row.type === type && row.level === level)?.count ?? 0;
    if (stats.total === 0) {
      chart.replaceWith(h("p", {}, `登记系统中暂无在运行的创新平台（统计日 ${stats.asOf}）。`));
      return;
    }
    draw(chart, {
      legend: { bottom: 0 },
      tooltip: { renderMode: "richText", trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 36, bottom: 40, containLabel: true },
      yAxis: { type: "category", data: types.map(([, name]) => name), inverse: true },
      xAxis: { type: "value", minInterval: 1 },
      series: levels.map((level) => ({ name: levelNames[level], type: "bar", stack: "level", data: types.map(([type]) => count(type, level)) })),
    });
    section.append(
      h("p", {}, `共 ${figure(stats.total)} 个平台（统计日 ${stats.asOf}）。`),
      scrollTable("创新平台数量（个）", ["类型", ...levels.map((l) => levelNames[l] ?? l)], types.map(([type, name]) => [name, ...levels.map((l) => figure(count(type, l)))])),
    );
  } catch (error) {
    if (!signal.aborted) section.append(failure(error));
  }
}

/** A table in a region of its own that scrolls sideways on a narrow screen, reachable by keyboard. */
export function scrollTable(caption: string, head: string[], rows: string[][]): HTMLElement {
  return h(
    "div",
    { class: "table-scroll", role: "region", "aria-label": caption, tabindex: 0 },
    h(
      "table",
      {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...head.map((cell) => h("th", { scope: "col" }, cell)))),
      h("tbody", {}, ...rows.map(([first, ...rest]) => h("tr", {}, h("th", { scope: "row" }, first ?? ""), ...rest.map((cell) => h("td", {}, cell))))),
    ),
  );
}
