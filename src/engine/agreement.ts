import type { Agreement } from "../model/result.js";
import type { RuleItem } from "../model/rules.js";
import { ratioTo4 } from "../model/decimal.js";
import type { ScoredBranch, ScoredItem } from "./score.js";

/**
 * Rater agreement (scoring.md §8): over (branch, applicable base item) pairs where both A and
 * B scored. All sums are exact integers (hundredths); only the final ratio is rounded.
 */
export function raterAgreement(items: readonly ScoredItem[], branches: readonly ScoredBranch[], rules: readonly RuleItem[]): Agreement {
  const perItem = new Map(rules.filter((r) => r.type === "base").map((r) => [r.code, { n: 0, agree: 0, abs: 0 }]));
  let n = 0,
    agree = 0,
    abs = 0,
    diff = 0;
  for (const it of items) {
    if (it.item.type !== "base" || it.a === null || it.b === null) continue;
    const d = it.a - it.b;
    const ok = Math.abs(d) <= it.toleranceFloor ? 1 : 0;
    n++;
    agree += ok;
    abs += Math.abs(d);
    diff += d;
    const p = perItem.get(it.item.code)!;
    p.n++;
    p.agree += ok;
    p.abs += Math.abs(d);
  }
  const ratio = (p: number, q: number) => (q === 0 ? null : ratioTo4(BigInt(p), BigInt(q)));
  const icc = iccOf(branches.filter((b) => b.fullyDoubleMarked));
  return {
    pairs: n,
    rate: ratio(agree, n),
    meanAbsDiff: ratio(abs, 100 * n),
    meanDiff: ratio(diff, 100 * n),
    icc: icc.value,
    iccBranches: icc.n,
    perItem: [...perItem].map(([item, p]) => ({ item, pairs: p.n, rate: ratio(p.agree, p.n), meanAbsDiff: ratio(p.abs, 100 * p.n) })),
  };
}

/**
 * ICC(2,1), absolute agreement (Shrout–Fleiss), of A方总分 vs B方总分 with k = 2. ICC is
 * scale-free, so the totals stay in hundredths; every sum of squares is multiplied by 2n to
 * stay an exact integer:
 *   ICC = n(SSR − SSE) / (n(SSR + SSE) + 2(n − 1)SSC − 2SSE)   (each SS scaled by 2n).
 */
export function iccOf(branches: readonly Pick<ScoredBranch, "totalA" | "totalB">[]): { value: number | null; n: number } {
  const n = BigInt(branches.length);
  if (branches.length < 2) return { value: null, n: branches.length };
  let sumA = 0n,
    sumB = 0n,
    sumRow2 = 0n,
    sumX2 = 0n;
  for (const b of branches) {
    const a = BigInt(b.totalA),
      c = BigInt(b.totalB);
    sumA += a;
    sumB += c;
    sumRow2 += (a + c) * (a + c);
    sumX2 += a * a + c * c;
  }
  const s2 = (sumA + sumB) * (sumA + sumB);
  const ssr = n * sumRow2 - s2;
  const ssc = 2n * sumA * sumA + 2n * sumB * sumB - s2;
  const sst = 2n * n * sumX2 - s2;
  const sse = sst - ssr - ssc;
  const numerator = n * (ssr - sse);
  const denominator = n * (ssr + sse) + 2n * (n - 1n) * ssc - 2n * sse;
  return { value: denominator === 0n ? null : ratioTo4(numerator, denominator), n: branches.length };
}
