// The three public APIs the pages read, typed by the committed OpenAPI documents (npm run generate).
// Same origin: the gateway serves these pages and routes /api/v1/... to the services.
import createClient from "openapi-fetch";
import type { paths as PlansPaths, components as PlansComponents } from "./generated/plans";
import type { paths as EnterprisesPaths, components as EnterprisesComponents } from "./generated/enterprises";
import type { paths as PlatformsPaths, components as PlatformsComponents } from "./generated/platforms";

const baseUrl = window.location.origin;

export const plansApi = createClient<PlansPaths>({ baseUrl });
export const enterprisesApi = createClient<EnterprisesPaths>({ baseUrl });
export const platformsApi = createClient<PlatformsPaths>({ baseUrl });

export type Plan = PlansComponents["schemas"]["PlanResponse"];
export type PlanProgress = PlansComponents["schemas"]["PlanProgressResponse"];
export type IndicatorProgress = PlansComponents["schemas"]["IndicatorProgressResponse"];
export type Indicator = PlansComponents["schemas"]["IndicatorResponse"];
export type Observation = PlansComponents["schemas"]["ObservationResponse"];
export type KeyTask = PlansComponents["schemas"]["TaskResponse"];
export type Region = PlansComponents["schemas"]["RegionResponse"];
export type ProgressStatus = PlansComponents["schemas"]["ProgressStatus"];
export type KeyTaskStatus = PlansComponents["schemas"]["KeyTaskStatus"];
export type PlanLevel = PlansComponents["schemas"]["PlanLevel"];
export type Rollup = PlansComponents["schemas"]["RollupResponse"];
export type RollupEntry = PlansComponents["schemas"]["RollupEntry"];
export type EnterpriseStatistics = EnterprisesComponents["schemas"]["StatisticsResponse"];
export type QualificationType = EnterprisesComponents["schemas"]["QualificationType"];
export type PlatformStatistics = PlatformsComponents["schemas"]["StatisticsResponse"];

/** An answer the page cannot use: the problem's code and detail, for the message shown. */
export class ApiError extends Error {
  constructor(what: string, status: number, problem: unknown) {
    const detail = typeof problem === "object" && problem !== null && "detail" in problem ? String(problem.detail) : "";
    super(`${what}：HTTP ${status}${detail ? `，${detail}` : ""}`);
  }
}

/** The data of an openapi-fetch answer, or an ApiError naming what was asked for. */
export function must<T>(what: string, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data === undefined) {
    throw new ApiError(what, answer.response.status, answer.error);
  }
  return answer.data;
}
