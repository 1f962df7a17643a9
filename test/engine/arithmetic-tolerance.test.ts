import { describe, expect, test } from "vitest";
import { assessment, branchOf, itemOf, keys, type RuleSpec } from "../helpers/assessment-builder.js";

/** Items of 4 points (τ = 1 at the default ratio) and 3 points, summing to 100 with a filler. */
const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 4 },
  { code: "1.2", type: "基础", area: "甲", points: 3 },
  { code: "1.3", type: "基础", area: "甲", points: 4, tolerance: 0.5 },
  { code: "1.4", type: "基础", area: "甲", points: 4, tolerance: 2 },
  { code: "1.5", type: "基础", area: "甲", points: 4, tolerance: 0 },
  { code: "9.9", type: "基础", area: "乙", points: 81 },
  { code: "B1", type: "加分", area: "加分项", points: 2 },
];

function pair(item: string, a: number, b: number, settings: Record<string, string | number> = {}) {
  return assessment()
    .rules(RULES)
    .branches(1)
    .settings(settings)
    .scoresA({ ZB001: { [item]: a } })
    .scoresB({ ZB001: { [item]: b } })
    .result();
}

describe("§0 Arithmetic", () => {
  test("round2 rounds half up: (3.5 + 3.25) / 2 = 3.375 → 3.38", async () => {
    const r = await pair("1.1", 3.5, 3.25);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: 3.5, b: 3.25, final: 3.38, status: "一致" });
  });

  test("round2 half up on the base score: 0.01 of 8 points → 0.125 → 0.13", async () => {
    const r = await assessment()
      .rules([{ code: "1.1", type: "基础", area: "甲", points: 8 }])
      .branches(1)
      .scores({ ZB001: { "1.1": 0.01 } })
      .result();
    expect(branchOf(r, "ZB001").base).toBe(0.13);
  });

  test("round2 on a scaled base score: 1 of 3 → 33.33, 2 of 3 → 66.67", async () => {
    const rules: RuleSpec[] = [{ code: "1.1", type: "基础", area: "甲", points: 3 }];
    const r = await assessment()
      .rules(rules)
      .branches(2)
      .scores({ ZB001: { "1.1": 1 }, ZB002: { "1.1": 2 } })
      .result();
    expect(branchOf(r, "ZB001").base).toBe(33.33);
    expect(branchOf(r, "ZB002").base).toBe(66.67);
  });

  test("sums are exact, not binary floats: 0.1 + 0.2 is 0.3 in the area and the base score", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 50 },
      { code: "1.2", type: "基础", area: "甲", points: 50 },
      { code: "B1", type: "加分", area: "加分项", points: 5 },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(1)
      .scores({ ZB001: { "1.1": 0.1, "1.2": 0.2, B1: 0.7 } })
      .result();
    const b = branchOf(r, "ZB001");
    expect(b.areas[0]).toEqual({ name: "甲", score: 0.3, max: 100, rate: 0.3 });
    expect(b.base).toBe(0.3);
    expect(b.bonus).toBe(0.7);
    expect(b.total).toBe(1);
  });

  test("many 2-decimal finals sum exactly over the default rules", async () => {
    // Every base item loses 0.01 on both sides: 27 items → 100 − 0.27 = 99.73 exactly.
    const r = await assessment()
      .branches(1)
      .scores(({ item }) => (item.type === "基础" ? item.points! - 0.01 : undefined))
      .settings({ 扣分说明要求: "不检查" })
      .result();
    const b = branchOf(r, "ZB001");
    expect(b.base).toBe(99.73);
    expect(b.areas.find((a) => a.name === "组织建设")).toEqual({ name: "组织建设", score: 17.95, max: 18, rate: 99.72 });
  });

  test("no rounding where §0 does not say round2: an area score keeps its exact 2-decimal sum", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 3 },
      { code: "1.2", type: "基础", area: "甲", points: 3 },
      { code: "2.1", type: "基础", area: "乙", points: 94 },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(1)
      .scores({ ZB001: { "1.1": 1.11, "1.2": 2.22 } })
      .result();
    const b = branchOf(r, "ZB001");
    expect(b.areas[0]).toEqual({ name: "甲", score: 3.33, max: 6, rate: 55.5 });
    expect(b.base).toBe(97.33);
  });
});

describe("§1 Tolerance", () => {
  test("τ = 分差阈值比例 × 分值, inclusive: |A − B| = τ agrees", async () => {
    const r = await pair("1.1", 4, 3);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ final: 3.5, status: "一致", tolerance: 1 });
    expect(r.status).toBe("final");
  });

  test("|A − B| one hundredth above τ is a dispute", async () => {
    const r = await pair("1.1", 4, 2.99);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ status: "超差待仲裁", tolerance: 1 });
  });

  test("the ratio comes from 考核设置 (0.5 × 4 = 2)", async () => {
    const r = await pair("1.1", 4, 2, { 分差阈值比例: 0.5 });
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ status: "一致", final: 3, tolerance: 2 });
  });

  test("the ratio written as 25% is 0.25", async () => {
    const agree = await pair("1.1", 4, 3, { 分差阈值比例: "25%" });
    expect(itemOf(agree, "ZB001", "1.1").status).toBe("一致");
    const dispute = await pair("1.1", 4, 2.99, { 分差阈值比例: "25%" });
    expect(itemOf(dispute, "ZB001", "1.1").status).toBe("超差待仲裁");
  });

  test("a per-item 分差阈值 smaller than ratio × 分值 overrides it (0.5 instead of 1)", async () => {
    const agree = await pair("1.3", 4, 3.5);
    expect(itemOf(agree, "ZB001", "1.3")).toMatchObject({ status: "一致", tolerance: 0.5, final: 3.75 });
    const dispute = await pair("1.3", 4, 3);
    expect(itemOf(dispute, "ZB001", "1.3")).toMatchObject({ status: "超差待仲裁", tolerance: 0.5 });
  });

  test("a per-item 分差阈值 larger than ratio × 分值 overrides it (2 instead of 1)", async () => {
    const r = await pair("1.4", 4, 2);
    expect(itemOf(r, "ZB001", "1.4")).toMatchObject({ status: "一致", tolerance: 2, final: 3 });
  });

  test("分差阈值 0: only equal scores agree", async () => {
    expect(itemOf(await pair("1.5", 3, 3), "ZB001", "1.5").status).toBe("一致");
    expect(itemOf(await pair("1.5", 3, 2.99), "ZB001", "1.5").status).toBe("超差待仲裁");
  });

  test("a ratio with many decimals is exact: 0.333 × 3 = 0.999, so 0.99 agrees and 1 does not", async () => {
    const agree = await pair("1.2", 3, 2.01, { 分差阈值比例: 0.333 });
    expect(itemOf(agree, "ZB001", "1.2")).toMatchObject({ status: "一致", final: 2.51 });
    const dispute = await pair("1.2", 3, 2, { 分差阈值比例: 0.333 });
    expect(itemOf(dispute, "ZB001", "1.2")).toMatchObject({ status: "超差待仲裁" });
    // The JSON's extra `tolerance` field is τ / 100 in floating point (0.9990000000000001): reported, not asserted exactly.
    expect(itemOf(dispute, "ZB001", "1.2").tolerance).toBe(0.999);
  });

  test("tolerance of a bonus item: 0.25 × 2 = 0.5", async () => {
    const agree = await pair("B1", 2, 1.5);
    expect(itemOf(agree, "ZB001", "B1")).toMatchObject({ status: "一致", final: 1.75, tolerance: 0.5 });
    const dispute = await pair("B1", 2, 1.49);
    expect(itemOf(dispute, "ZB001", "B1").status).toBe("超差待仲裁");
    expect(keys(dispute.issues, "DISPUTE_PENDING")).toEqual([{ severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "I2" }]);
  });
});
