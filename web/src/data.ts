// Reads shared by the pages: the published plans, the region names, a plan's progress and indicators, the roll-ups.
import { must, plansApi, type Indicator, type Plan, type PlanProgress, type Region, type Rollup } from "./api/client";

export async function publishedPlans(signal: AbortSignal): Promise<Plan[]> {
  const list = must("规划列表", await plansApi.GET("/api/v1/plans", { params: { query: { status: "published", pageSize: 500, sort: "code" } }, signal }));
  return list.items;
}

export async function regionNames(signal: AbortSignal): Promise<Map<string, Region>> {
  const list = must("行政区划", await plansApi.GET("/api/v1/regions", { params: { query: { pageSize: 500 } }, signal }));
  return new Map(list.items.map((region) => [region.code, region]));
}

export async function progressOf(code: string, signal: AbortSignal): Promise<PlanProgress> {
  return must("规划进展", await plansApi.GET("/api/v1/plans/{code}/progress", { params: { path: { code } }, signal }));
}

export async function indicatorsOf(code: string, signal: AbortSignal): Promise<Indicator[]> {
  const list = must("指标", await plansApi.GET("/api/v1/plans/{code}/indicators", { params: { path: { code }, query: { pageSize: 500 } }, signal }));
  return list.items;
}

/** Every metric the municipal plan shares with a district or zone plan, rolled up by the service. */
export async function rollups(signal: AbortSignal): Promise<Rollup[]> {
  return must("市区对照", await plansApi.GET("/api/v1/rollups", { signal })).items;
}
