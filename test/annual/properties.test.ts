// Properties of the annual grade over random years built as real quarterly workbooks.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { quotaOf } from "../../src/annual/annual-stars.js";
import { parseDecimal } from "../../src/model/decimal.js";
import type { AnnualResult } from "../../src/model/annual-result.js";
import { q, result } from "./year-builder.js";

const RUNS = { numRuns: 40 };
const POOL = ["A01", "A02", "A03", "B01", "B02", "B03", "C01", "C02", "C03", "C04", "C05", "C06"];
const CATEGORIES = ["生产类", "辅助类", "综合管理类"];

interface YearCase {
  /** Per quarter: its number, the branches present with their total (hundredths) and veto. */
  readonly quarters: { n: number; branches: { code: string; total: number; vetoed: boolean }[] }[];
  readonly settings: Record<string, string>;
  readonly previous: Record<string, number>;
  readonly category: Record<string, string>;
}

const quarterArb = fc.record({
  branches: fc.uniqueArray(
    fc.record({
      code: fc.constantFrom(...POOL),
      // Coarse totals make ties (and ties across a quota line) common.
      total: fc.oneof(
        fc.integer({ min: 12, max: 21 }).map((n) => n * 500),
        fc.integer({ min: 0, max: 10500 }),
      ),
      vetoed: fc.integer({ min: 0, max: 9 }).map((k) => k < 2),
    }),
    { minLength: 1, maxLength: 10, selector: (b) => b.code },
  ),
});

const caseArb: fc.Arbitrary<YearCase> = fc.record({
  quarters: fc
    .uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
    .chain((ns) => fc.tuple(...ns.map((n) => quarterArb.map((x) => ({ n, ...x }))))),
  settings: fc.record({
    年度计分方式: fc.constantFrom("季度平均", "季度加权"),
    季度权重: fc.array(fc.constantFrom("1", "2", "0.5", "1.25", "3"), { minLength: 4, maxLength: 4 }).map((w) => w.join(",")),
    五星比例上限: fc.constantFrom("", "10%", "20%", "0.33", "1"),
    四星比例上限: fc.constantFrom("", "10%", "30%", "0.5"),
    逐级晋升: fc.constantFrom("是", "否"),
    否决星级上限: fc.constantFrom("0", "1", "3", "5"),
    否决排末位: fc.constantFrom("是", "否"),
    排名方式: fc.constantFrom("并列跳位", "中国式"),
  }),
  previous: fc.dictionary(fc.constantFrom(...POOL), fc.integer({ min: 0, max: 5 })),
  category: fc.dictionary(fc.constantFrom(...POOL), fc.constantFrom(...CATEGORIES)),
});

async function grade(c: YearCase): Promise<AnnualResult> {
  return result(
    ...c.quarters.map(({ n, branches }) =>
      q(`2026Q${n}`, Object.fromEntries(branches.map((b) => [b.code, b.total / 100])), {
        branches: branches.map((b) => ({ code: b.code, category: c.category[b.code] ?? "生产类" })),
        vetoed: branches.filter((b) => b.vetoed).map((b) => b.code),
        settings: c.settings,
        previousStars: c.previous,
      }),
    ),
  );
}

const latestOf = (c: YearCase) => [...c.quarters].sort((a, b) => a.n - b.n).at(-1)!;

describe("annual properties", () => {
  test("the annual ranking is a permutation of the latest quarter's roster, with ranks in display order", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const r = await grade(c);
        expect(r.status).not.toBe("fatal");
        expect([...r.branches.map((b) => b.code)].sort()).toEqual(
          latestOf(c)
            .branches.map((b) => b.code)
            .sort(),
        );
        r.branches.forEach((b, i) => {
          if (i === 0) return expect(b.rank).toBe(1);
          const prev = r.branches[i - 1]!;
          expect(b.rank).toBeGreaterThanOrEqual(prev.rank);
          const sameGroup = !r.settings!.vetoLast || prev.vetoed === b.vetoed;
          if (sameGroup && prev.score === b.score) expect(b.rank).toBe(prev.rank);
          else expect(b.rank).toBeGreaterThan(prev.rank);
        });
      }),
      RUNS,
    );
  });

  test("quotas are never exceeded, and stars never rise above the score's stars", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const r = await grade(c);
        const s = r.settings!;
        const n = r.branches.length;
        for (const [level, ratio] of [
          [5, s.fiveStarCap],
          [4, s.fourStarCap],
        ] as const) {
          if (ratio === null) continue;
          expect(r.branches.filter((b) => b.stars === level).length).toBeLessThanOrEqual(quotaOf(n, parseDecimal(String(ratio))!));
        }
        for (const b of r.branches) {
          expect(b.stars).toBeLessThanOrEqual(b.scoreStars);
          expect(b.stars).toBeGreaterThanOrEqual(0);
          if (b.vetoed) expect(b.stars).toBeLessThanOrEqual(s.vetoStarCap);
          if (s.stepwise && b.previousStars !== null) expect(b.stars).toBeLessThanOrEqual(b.previousStars + 1);
          // The adjustments lead from the score's stars to the annual stars, one lowering at a time.
          let at = b.scoreStars;
          for (const a of b.adjustments) {
            expect(a.from).toBe(at);
            expect(a.to).toBeLessThan(a.from);
            at = a.to;
          }
          expect(at).toBe(b.stars);
        }
      }),
      RUNS,
    );
  });

  test("the annual score lies between the branch's lowest and highest quarterly 总分", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const r = await grade(c);
        for (const b of r.branches) {
          const totals = b.quarters.flatMap((x) => (x ? [x.total] : []));
          expect(totals.length).toBeGreaterThan(0);
          expect(b.score).toBeGreaterThanOrEqual(Math.min(...totals));
          expect(b.score).toBeLessThanOrEqual(Math.max(...totals));
          expect(b.vetoed).toBe(b.quarters.some((x) => x?.vetoed === true));
        }
      }),
      RUNS,
    );
  });
});
