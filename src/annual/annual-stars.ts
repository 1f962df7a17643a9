import type { Decimal } from "../model/decimal.js";
import { starsOf } from "../engine/score.js";
import { annualIssue, type AnnualIssue } from "../model/issues.js";
import type { StarAdjustment } from "../model/annual-result.js";
import type { Settings } from "../model/settings.js";

/** A graded branch as the star steps see it, in display order (annual.md §4). */
export interface StarCandidate {
  readonly code: string;
  /** 年度得分 in hundredths. */
  readonly score: number;
  readonly vetoed: boolean;
  /** 上年星级, or null. */
  readonly previousStars: number | null;
  /** The overall annual rank. */
  readonly rank: number;
}

export interface AnnualStars {
  /** Step 1: the stars of the score alone (计分星级). */
  readonly scoreStars: number;
  /** 年度星级: after the veto cap, 逐级晋升 and the quotas. */
  readonly stars: number;
  /** Each step that lowered the stars, in order. */
  readonly adjustments: readonly StarAdjustment[];
}

/**
 * Annual stars (annual.md §5), for branches given in display order: the score's stars, then the
 * veto cap, then 逐级晋升, then the quotas of 5★ and then 4★ — a quota is a ceiling, so a tie
 * across the line drops as a whole (ANNUAL_QUOTA_TIE when fewer than the quota keep the level).
 * Returns the stars in the same order as the branches.
 */
export function annualStars(branches: readonly StarCandidate[], settings: Settings): { stars: AnnualStars[]; issues: AnnualIssue[] } {
  const issues: AnnualIssue[] = [];
  const state = branches.map((b) => {
    const scoreStars = starsOf(b.score, settings, false);
    const st = { scoreStars, stars: scoreStars, adjustments: [] as StarAdjustment[] };
    if (b.vetoed) lower(st, "veto", settings.vetoStarCap);
    if (settings.stepwise && b.previousStars !== null) lower(st, "stepwise", b.previousStars + 1);
    return st;
  });

  for (const [level, ratio] of [
    [5, settings.fiveStarCap],
    [4, settings.fourStarCap],
  ] as const) {
    if (ratio === null) continue;
    const cap = quotaOf(branches.length, ratio);
    const holders = state.map((st, i) => ({ st, rank: branches[i]!.rank })).filter((x) => x.st.stars === level);
    if (holders.length <= cap) continue;
    // Those ranked strictly above the first branch past the quota keep the level.
    const line = holders[cap]!.rank;
    const kept = holders.filter((x) => x.rank < line).length;
    for (const { st } of holders.slice(kept)) lower(st, "quota", level - 1);
    if (kept < cap) {
      const tied = holders.filter((x) => x.rank === line).length;
      issues.push(annualIssue("ANNUAL_QUOTA_TIE", { level, cap, kept, tied, rank: line }));
    }
  }
  return { stars: state, issues };
}

/** Caps the stars at `to`, noting the step when it lowers them. */
function lower(st: { stars: number; adjustments: StarAdjustment[] }, step: StarAdjustment["step"], to: number): void {
  if (to >= st.stars) return;
  st.adjustments.push({ step, from: st.stars, to });
  st.stars = to;
}

/** ⌊N × r⌋, exact. */
export function quotaOf(graded: number, ratio: Decimal): number {
  return Number((BigInt(graded) * ratio.n) / 10n ** BigInt(ratio.scale));
}
