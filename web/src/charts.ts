// Apache ECharts, imported piece by piece: the core, the two chart types and the components the pages
// use, drawn on canvas (tooltips too, as rich text: the content security policy allows no inline style).
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

const charts = new Set<echarts.ECharts>();

/** Draws an option into a container; the chart follows the container's width. */
export function draw(container: HTMLElement, option: ChartOption): echarts.ECharts {
  const existing = echarts.getInstanceByDom(container);
  const chart = existing ?? echarts.init(container, undefined, { renderer: "canvas" });
  charts.add(chart);
  chart.setOption(
    {
      aria: { enabled: true },
      animation: !window.matchMedia("(prefers-reduced-motion: reduce)").matches,
      textStyle: { fontFamily: "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
      tooltip: { renderMode: "richText", trigger: "axis" },
      ...option,
    },
    true,
  );
  // The container may have been hidden (width 0) when the chart was first made.
  chart.resize();
  return chart;
}

/** Disposes of every chart of the page being left. */
export function disposeCharts(): void {
  for (const chart of charts) chart.dispose();
  charts.clear();
}

window.addEventListener("resize", () => {
  for (const chart of charts) chart.resize();
});
