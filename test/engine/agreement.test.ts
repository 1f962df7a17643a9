import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { iccOf } from "../../src/engine/agreement.js";
import { assessment, ONE_ITEM_RULES, SMALL_RULES, type RuleSpec } from "../helpers/assessment-builder.js";

/**
 * ICC(2,1), absolute agreement (Shrout & Fleiss 1979, case 2), written out plainly in floating
 * point from the two-way ANOVA: an independent check of the engine's exact integer version.
 */
function icc21(rows: readonly (readonly number[])[]): number | null {
  const parts = icc21Parts(rows);
  return parts === null || parts.den === 0 ? null : parts.num / parts.den;
}

function icc21Parts(rows: readonly (readonly number[])[]): { num: number; den: number } | null {
  const n = rows.length;
  const k = 2;
  if (n < 2) return null;
  const grand = rows.flat().reduce((s, x) => s + x, 0) / (n * k);
  const rowMeans = rows.map((r) => (r[0]! + r[1]!) / k);
  const colMeans = [0, 1].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const ssr = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssc = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const sst = rows.flat().reduce((s, x) => s + (x - grand) ** 2, 0);
  const sse = sst - ssr - ssc;
  const msr = ssr / (n - 1);
  const msc = ssc / (k - 1);
  const mse = sse / ((n - 1) * (k - 1));
  return { num: msr - mse, den: msr + (k - 1) * mse + (k * (msc - mse)) / n };
}

/** The engine rounds to 4 decimals; the float reference must agree within that rounding. */
function expectIccNear(actual: number | null, reference: number | null): void {
  if (reference === null) return void expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - reference)).toBeLessThanOrEqual(0.00005 + 1e-9);
}

// SMALL_RULES: 1.1 (30, τ 7.5), 1.2 (30, τ 7.5), 2.1 (40, τ 10).
const A = {
  ZB001: { "1.1": 30, "1.2": 30, "2.1": 40 },
  ZB002: { "1.1": 20, "1.2": 30, "2.1": 30 },
  ZB003: { "1.1": 30, "1.2": 10, "2.1": 40 },
};
const B = {
  ZB001: { "1.1": 25, "1.2": 30, "2.1": 40 },
  ZB002: { "1.1": 30, "1.2": 30, "2.1": 40 },
  ZB003: { "1.1": 30, "1.2": 30, "2.1": 40 },
};

describe("§8 Rater agreement (双评一致性)", () => {
  test("一致率, 平均绝对分差, 平均偏差 over all (branch, base item) pairs, 4 decimals", async () => {
    const r = await assessment().rules(SMALL_RULES).branches(3).scoresA(A).scoresB(B).result();
    // diffs A − B: ZB001 5, 0, 0; ZB002 −10, 0, −10; ZB003 0, −20, 0. Agree (≤ τ): 7 of 9.
    expect(r.agreement).toMatchObject({ pairs: 9, rate: 0.7778, meanAbsDiff: 5, meanDiff: -3.8889 });
  });

  test("per-item 一致率 and 平均绝对分差", async () => {
    const r = await assessment().rules(SMALL_RULES).branches(3).scoresA(A).scoresB(B).result();
    expect(r.agreement!.perItem).toEqual([
      { item: "1.1", pairs: 3, rate: 0.6667, meanAbsDiff: 5 },
      { item: "1.2", pairs: 3, rate: 0.6667, meanAbsDiff: 6.6667 },
      { item: "2.1", pairs: 3, rate: 1, meanAbsDiff: 3.3333 },
    ]);
  });

  test("agreement uses the raw A and B, not arbitrated finals", async () => {
    const r = await assessment()
      .rules(SMALL_RULES)
      .branches(3)
      .scoresA(A)
      .scoresB(B)
      .arbitration({ ZB002: { "1.1": 25 } })
      .result();
    expect(r.agreement).toMatchObject({ pairs: 9, rate: 0.7778, meanAbsDiff: 5 });
  });

  test("ICC(2,1) of A方总分 vs B方总分 matches a plain Shrout–Fleiss computation", async () => {
    const totalsA = [95.5, 80, 70.25, 60, 88, 91];
    const totalsB = [93, 82.5, 68, 65, 90, 91];
    const scoresA = Object.fromEntries(totalsA.map((t, i) => [`ZB00${i + 1}`, { "1.1": t }]));
    const scoresB = Object.fromEntries(totalsB.map((t, i) => [`ZB00${i + 1}`, { "1.1": t }]));
    const r = await assessment().rules(ONE_ITEM_RULES).branches(6).scoresA(scoresA).scoresB(scoresB).result();
    expect(r.branches.map((b) => [b.totalA, b.totalB]).sort()).toEqual(totalsA.map((t, i) => [t, totalsB[i]]).sort());
    expect(r.agreement!.icc).toBe(0.9767);
    expect(r.agreement!.iccBranches).toBe(6);
    expectIccNear(r.agreement!.icc, icc21(totalsA.map((t, i) => [t, totalsB[i]!])));
  });

  test("ICC on totals with bonus and N/A scaling (the 2-decimal A方总分/B方总分 of §4)", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 60 },
      { code: "1.2", type: "基础", area: "甲", points: 40, notApplicable: ["辅助类"] },
      { code: "B1", type: "加分", area: "加分项", points: 5 },
    ];
    const branches = [
      { code: "ZB001", category: "辅助类" },
      { code: "ZB002", category: "生产类" },
      { code: "ZB003", category: "辅助类" },
      { code: "ZB004", category: "生产类" },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(branches)
      .scoresA({
        ZB001: { "1.1": 50, B1: 1 },
        ZB002: { "1.1": 55, "1.2": 31 },
        ZB003: { "1.1": 41.5 },
        ZB004: { "1.1": 60, "1.2": 40, B1: 5 },
      })
      .scoresB({
        ZB001: { "1.1": 52, B1: 0 },
        ZB002: { "1.1": 58, "1.2": 35 },
        ZB003: { "1.1": 44 },
        ZB004: { "1.1": 59, "1.2": 40, B1: 4 },
      })
      .result();
    const pairs = r.branches.map((b) => [b.totalA, b.totalB] as const);
    // ZB001: 50 × 100 / 60 = 83.33 + 1 → 84.33 / 86.67 + 0 → 86.67.
    expect(r.branches.find((b) => b.code === "ZB001")).toMatchObject({ totalA: 84.33, totalB: 86.67 });
    expectIccNear(r.agreement!.icc, icc21(pairs));
  });

  test("ICC leaves out branches with a missing A or B on an applicable base item; null when fewer than 2 remain", async () => {
    const r = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(3)
      .scoresA({ ZB001: { "1.1": 90 }, ZB002: { "1.1": null }, ZB003: { "1.1": 70 } })
      .scoresB({ ZB001: { "1.1": 85 }, ZB002: { "1.1": 60 }, ZB003: { "1.1": 75 } })
      .result();
    expect(r.agreement).toMatchObject({ pairs: 2, iccBranches: 2 });
    expectIccNear(
      r.agreement!.icc,
      icc21([
        [90, 85],
        [70, 75],
      ]),
    );

    const one = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(2)
      .scoresA({ ZB001: { "1.1": 90 }, ZB002: { "1.1": null } })
      .scoresB({ ZB001: { "1.1": 85 }, ZB002: { "1.1": 60 } })
      .result();
    expect(one.agreement).toMatchObject({ pairs: 1, iccBranches: 1, icc: null, rate: 1, meanAbsDiff: 5, meanDiff: 5 });
  });

  test("ICC is null when n < 2 (one branch) and when the denominator is 0 (all totals equal)", async () => {
    const single = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(1)
      .scoresA({ ZB001: { "1.1": 90 } })
      .result();
    expect(single.agreement).toMatchObject({ icc: null, iccBranches: 1 });
    const equal = await assessment().rules(ONE_ITEM_RULES).branches(3).result();
    expect(equal.agreement).toMatchObject({ icc: null, iccBranches: 3, rate: 1, meanAbsDiff: 0, meanDiff: 0 });
  });

  test("pairs exclude N/A items and missing cells; with no pair every figure is null", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: "综合管理类" }])
      .result();
    expect(r.agreement).toMatchObject({ pairs: 25 });
    expect(r.agreement!.perItem.find((p) => p.item === "7.1")).toEqual({ item: "7.1", pairs: 0, rate: null, meanAbsDiff: null });

    const none = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(2)
      .scoresA(() => null)
      .result();
    expect(none.agreement).toMatchObject({ pairs: 0, rate: null, meanAbsDiff: null, meanDiff: null, icc: null, iccBranches: 0 });
  });

  test("bonus items are not part of the agreement pairs", async () => {
    const r = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(1)
      .scoresA({ ZB001: { B1: 5 } })
      .scoresB({ ZB001: { B1: 0 } })
      .result();
    expect(r.agreement).toMatchObject({ pairs: 1, rate: 1, meanAbsDiff: 0 });
    expect(r.agreement!.perItem.map((p) => p.item)).toEqual(["1.1"]);
  });

  test("iccOf (exact, hundredths) agrees with the float formula on random totals", () => {
    const total = fc.integer({ min: 0, max: 10500 });
    fc.assert(
      fc.property(fc.array(fc.tuple(total, total), { minLength: 2, maxLength: 12 }), (rows) => {
        const got = iccOf(rows.map(([a, b]) => ({ totalA: a, totalB: b })));
        const points = rows.map(([a, b]) => [a / 100, b / 100]);
        expect(got.n).toBe(rows.length);
        // The exact denominator is 0 exactly when the float one is 0 up to rounding noise.
        if (got.value === null) return void expect(Math.abs(icc21Parts(points)!.den)).toBeLessThan(1e-9);
        expectIccNear(got.value, icc21(points));
      }),
      {
        numRuns: 200,
        examples: [
          [
            [
              [100, 200],
              [200, 100],
            ],
          ],
          [
            [
              [5000, 5000],
              [5000, 5000],
              [5000, 5000],
            ],
          ],
        ],
      },
    );
  });
});
