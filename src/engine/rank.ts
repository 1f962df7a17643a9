import type { Settings } from "../model/settings.js";
import type { ScoredBranch } from "./score.js";

export interface Rankable {
  readonly code: string;
  readonly total: number;
  readonly base: number;
  readonly vetoed: boolean;
}

/** Compares strings by Unicode code point (not UTF-16 units, which misorder astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Ranks branches (scoring.md §6): with 否决排末位 the non-vetoed first, then the vetoed; by
 * 总分 descending within each group. Equal totals in one group share a rank (并列跳位 1,2,2,4
 * or 中国式 1,2,2,3); inside a tie, 基础得分 descending then 支部编码 ascending.
 * Returns the branches in display order with their ranks.
 */
export function rankBranches<T extends Rankable>(
  branches: readonly T[],
  mode: Settings["ranking"],
  vetoLast: boolean,
): { branch: T; rank: number }[] {
  const group = (b: T) => (vetoLast && b.vetoed ? 1 : 0);
  const sorted = [...branches].sort(
    (p, q) => group(p) - group(q) || q.total - p.total || q.base - p.base || compareCodePoints(p.code, q.code),
  );
  const out: { branch: T; rank: number }[] = [];
  sorted.forEach((b, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && group(prev.branch) === group(b) && prev.branch.total === b.total;
    const rank = tied ? prev.rank : mode === "并列跳位" ? i + 1 : (prev?.rank ?? 0) + 1;
    out.push({ branch: b, rank });
  });
  return out;
}

/**
 * The overall ranking (display order) and each branch's rank within its category; a branch
 * with an invalid category (null) has no category rank.
 */
export function rankOverallAndByCategory<T extends ScoredBranch>(
  scored: readonly T[],
  mode: Settings["ranking"],
  vetoLast: boolean,
): (T & { readonly rank: number; readonly categoryRank: number | null })[] {
  const rankable = scored.map((s) => ({ s, code: s.branch.code, total: s.total, base: s.base, vetoed: s.vetoItems.length > 0 }));
  const byCategory = new Map<string, typeof rankable>();
  for (const r of rankable) {
    const c = r.s.branch.category;
    if (c === null) continue;
    const group = byCategory.get(c);
    if (group) group.push(r);
    else byCategory.set(c, [r]);
  }
  const categoryRank = new Map<string, number>();
  for (const group of byCategory.values()) {
    for (const { branch, rank } of rankBranches(group, mode, vetoLast)) categoryRank.set(branch.code, rank);
  }
  return rankBranches(rankable, mode, vetoLast).map(({ branch, rank }) => ({
    ...branch.s,
    rank,
    categoryRank: categoryRank.get(branch.code) ?? null,
  }));
}
