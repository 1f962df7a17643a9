import type { Decimal } from "../model/decimal.js";
import type { Settings } from "../model/settings.js";

/** A branch's quarterly 总分 in hundredths, with the quarter (1–4) it belongs to. */
export interface QuarterTotal {
  readonly quarter: number;
  readonly total: number;
}

/**
 * 年度得分 in hundredths (annual.md §3): round2(Σ w_q × 总分_q / Σ w_q) over the quarters the
 * branch has, exact. w_q = 1 for 季度平均; for 季度加权 the latest quarter's 季度权重 at q's
 * quarter number, so the weights are renormalised over the branch's own quarters.
 */
export function annualScore(totals: readonly QuarterTotal[], settings: Settings): number {
  if (totals.length === 0) throw new Error("an annual score needs at least one quarter");
  const weights = settings.annualMethod === "季度加权" ? settings.quarterWeights : null;
  const weightOf = (quarter: number): Decimal => weights?.[quarter - 1] ?? { n: 1n, scale: 0 };
  // One common scale for the weights keeps Σ w × total and Σ w in integers.
  const scale = totals.reduce((m, t) => Math.max(m, weightOf(t.quarter).scale), 0);
  let num = 0n;
  let den = 0n;
  for (const t of totals) {
    const w = weightOf(t.quarter);
    const scaled = w.n * 10n ** BigInt(scale - w.scale);
    num += scaled * BigInt(t.total);
    den += scaled;
  }
  // Totals and weights are ≥ 0 and the weights > 0: round half up.
  return Number((2n * num + den) / (2n * den));
}
