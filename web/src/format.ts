// Chinese labels for the API's enum values, and number formatting as the documents print them.
import type { KeyTaskStatus, PlanLevel, ProgressStatus } from "./api/client";

export const progressLabels: Record<ProgressStatus, string> = {
  achieved: "已完成",
  onTrack: "进度正常",
  behind: "进度滞后",
  noData: "暂无数据",
};

export const progressOrder: ProgressStatus[] = ["achieved", "onTrack", "behind", "noData"];

export const taskLabels: Record<KeyTaskStatus, string> = {
  notStarted: "未开始",
  inProgress: "推进中",
  completed: "已完成",
  delayed: "已延期",
};

export const levelLabels: Record<PlanLevel, string> = {
  municipal: "市级规划",
  district: "区级规划",
  functionalZone: "功能区规划",
};

export const qualifierLabels: Record<string, string> = {
  atLeast: "以上",
  atMost: "以内",
  approximately: "左右",
  strive: "力争",
};

const numberFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

/** 7420 → "7,420"; null → "—". */
export function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${numberFormat.format(Math.round(value))}%`;
}
