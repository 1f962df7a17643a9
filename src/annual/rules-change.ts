import type { RuleItemKey, RulesDifference } from "../model/issues.js";
import type { RuleItem } from "../model/rules.js";

/** What of an item counts for the year (annual.md §3): 编号, 类型, 考核方面, and 分值 unless it is a 否决 item. */
function keyOf(it: RuleItem): RuleItemKey {
  return { code: it.code, type: it.type, area: it.area, points: it.type === "veto" ? null : it.max / 100 };
}

const same = (a: RuleItemKey, b: RuleItemKey): boolean =>
  a.code === b.code && a.type === b.type && a.area === b.area && a.points === b.points;

/**
 * The first difference between a quarter's rule list and the latest quarter's, or null when
 * they are the same for the year (other columns — 考核内容, 评分标准, 不适用类别, 分差阈值 — do
 * not count).
 */
export function rulesDifference(quarter: readonly RuleItem[], latest: readonly RuleItem[]): RulesDifference | null {
  const n = Math.min(quarter.length, latest.length);
  for (let i = 0; i < n; i++) {
    const [a, b] = [keyOf(quarter[i]!), keyOf(latest[i]!)];
    if (!same(a, b)) return { kind: "item", position: i + 1, quarter: a, latest: b };
  }
  if (quarter.length !== latest.length) return { kind: "count", quarter: quarter.length, latest: latest.length };
  return null;
}
