import type { RankedBranch } from "../engine/assess.js";
import { compareCodePoints, rankBranches } from "../engine/rank.js";
import { divRoundHalfUp, fromHundredths } from "../model/decimal.js";
import type { UnitResult } from "../model/result.js";
import type { Settings } from "../model/settings.js";

/** Whether the roster gives units at all: a 单位汇总 and 单位内排名 only make sense then. */
const hasUnits = (branches: readonly RankedBranch[]): boolean => branches.some((b) => b.branch.unit !== "");

/**
 * Each branch's rank among the branches of its 所属单位, by the branches' own rule (scoring.md
 * §6: 否决排末位, ties by 排名方式); a branch with no unit has none.
 */
export function unitRanks(branches: readonly RankedBranch[], settings: Settings): ReadonlyMap<string, number> {
  const ranks = new Map<string, number>();
  for (const [unit, group] of byUnit(branches)) {
    if (unit === "") continue;
    const rankable = group.map((b) => ({ code: b.branch.code, total: b.total, base: b.base, vetoed: b.vetoItems.length > 0 }));
    for (const { branch, rank } of rankBranches(rankable, settings.ranking, settings.vetoLast)) ranks.set(branch.code, rank);
  }
  return ranks;
}

/**
 * 单位汇总 (null when the roster gives no unit): per unit its branches, the exact mean 总分
 * rounded by round2, highest and lowest, stars, vetoes and items awaiting arbitration. Units
 * rank by that average descending (the rounded figure people see, so equal averages tie),
 * sharing a rank by the 排名方式 (1,2,2,4 or 1,2,2,3), name ascending inside a tie; the
 * branches with no unit come last, unranked.
 */
export function unitResults(branches: readonly RankedBranch[], settings: Settings): UnitResult[] | null {
  if (!hasUnits(branches)) return null;
  const rows = [...byUnit(branches)].map(([unit, group]) => summary(unit, group));
  const ranked = rows.filter((u) => u.unit !== "").sort((p, q) => q.averageH - p.averageH || compareCodePoints(p.unit, q.unit));
  const out: UnitResult[] = [];
  ranked.forEach((u, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && ranked[i - 1]!.averageH === u.averageH;
    const rank = tied ? prev.rank! : settings.ranking === "并列跳位" ? i + 1 : (prev?.rank ?? 0) + 1;
    out.push({ ...u.result, rank });
  });
  for (const u of rows) if (u.unit === "") out.push({ ...u.result, rank: null });
  return out;
}

function byUnit(branches: readonly RankedBranch[]): Map<string, RankedBranch[]> {
  const groups = new Map<string, RankedBranch[]>();
  for (const b of branches) {
    const group = groups.get(b.branch.unit);
    if (group) group.push(b);
    else groups.set(b.branch.unit, [b]);
  }
  return groups;
}

function summary(unit: string, group: readonly RankedBranch[]): { unit: string; averageH: number; result: Omit<UnitResult, "rank"> } {
  const totals = group.map((b) => b.total);
  const averageH = divRoundHalfUp(
    totals.reduce((s, t) => s + t, 0),
    group.length,
  );
  const starCounts = [0, 0, 0, 0, 0, 0];
  for (const b of group) starCounts[b.stars]!++;
  return {
    unit,
    averageH,
    result: {
      unit,
      branches: group.length,
      average: fromHundredths(averageH),
      highest: fromHundredths(totals.reduce((m, t) => Math.max(m, t), -Infinity)),
      lowest: fromHundredths(totals.reduce((m, t) => Math.min(m, t), Infinity)),
      starCounts,
      vetoed: group.filter((b) => b.vetoItems.length > 0).length,
      pending: group.reduce((s, b) => s + b.pending, 0),
    },
  };
}
