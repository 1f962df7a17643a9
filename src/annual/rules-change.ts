import type { RuleItem } from "../model/rules.js";

const TYPE_LABEL: Readonly<Record<RuleItem["type"], string>> = { base: "基础", bonus: "加分", veto: "否决" };

/** What of an item counts for the year (annual.md §3): 编号, 类型, 考核方面, and 分值 unless it is a 否决 item. */
function signature(it: RuleItem): string {
  return JSON.stringify([it.code, it.type, it.area, it.type === "veto" ? null : it.max]);
}

function describe(it: RuleItem): string {
  return `${it.code}（${TYPE_LABEL[it.type]}，${it.area || "未填考核方面"}${it.type === "veto" ? "" : `，${it.max / 100} 分`}）`;
}

/**
 * The first difference between a quarter's rule list and the latest quarter's, in words, or
 * null when they are the same for the year (other columns — 考核内容, 评分标准, 不适用类别,
 * 分差阈值 — do not count).
 */
export function rulesDifference(quarter: readonly RuleItem[], latest: readonly RuleItem[]): string | null {
  const n = Math.min(quarter.length, latest.length);
  for (let i = 0; i < n; i++) {
    if (signature(quarter[i]!) !== signature(latest[i]!)) return `第 ${i + 1} 项：本季度为 ${describe(quarter[i]!)}，最新季度为 ${describe(latest[i]!)}`;
  }
  if (quarter.length !== latest.length) return `本季度有 ${quarter.length} 个考核项，最新季度有 ${latest.length} 个`;
  return null;
}
