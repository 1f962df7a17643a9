import type { Severity } from "../model/issues.js";

export const SEVERITY_ZH: Readonly<Record<Severity, string>> = { fatal: "致命", error: "错误", warning: "警告" };
export const STATUS_ZH = { final: "正式", provisional: "暂定", fatal: "无结果" } as const;

/** ★★★★☆ for 4 of 5; 0 stars (a vetoed branch capped at 0) shows as 无星. */
export function starText(stars: number): string {
  return stars === 0 ? "无星" : "★".repeat(stars) + "☆".repeat(5 - stars);
}
