import { describe, expect, test } from "vitest";
import { assessment, branchOf, itemOf, keys, type RuleSpec, type Scores } from "../helpers/assessment-builder.js";

/** 1.1 and 1.2 have 4 points (τ = 1), 9.9 fills the base to 100; B1 is a 2-point bonus (τ = 0.5). */
const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 4 },
  { code: "1.2", type: "基础", area: "甲", points: 4 },
  { code: "9.9", type: "基础", area: "乙", points: 92 },
  { code: "B1", type: "加分", area: "加分项", points: 2 },
  { code: "V1", type: "否决", area: "否决项" },
];

function build(a: Scores, b: Scores, c?: Scores, settings: Record<string, string> = {}) {
  const x = assessment()
    .rules(RULES)
    .branches(1)
    .settings({ 扣分说明要求: "不检查", ...settings })
    .scoresA(a)
    .scoresB(b);
  return c ? x.arbitration(c) : x;
}
const one = (item: string, v: number | string | null) => ({ ZB001: { [item]: v } });

describe("§2.1 A and B agree (|A − B| ≤ τ)", () => {
  test("final = round2((A + B) / 2), status 一致, no issue", async () => {
    const r = await build(one("1.1", 3.25), one("1.1", 4)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: 3.25, b: 4, c: null, final: 3.63, status: "一致" });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe("final");
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 99.63, total: 99.63, pending: 0 });
  });

  test("equal scores: final is that score", async () => {
    const r = await build(one("1.1", 2.5), one("1.1", 2.5)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ final: 2.5, status: "一致" });
  });
});

describe("§2.2 A and B disagree (|A − B| > τ)", () => {
  test("no C: 超差待仲裁, DISPUTE_PENDING on the 评分A cell, provisional final = round2((A + B) / 2)", async () => {
    const r = await build(one("1.2", 3.75), one("1.2", 1)).result();
    expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ a: 3.75, b: 1, c: null, final: 2.38, status: "超差待仲裁" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "D2" }]);
    expect(r.status).toBe("provisional");
    expect(branchOf(r, "ZB001")).toMatchObject({ pending: 1, base: 98.38 });
  });

  test("a blank 仲裁 cell or an N/A token in 仲裁 is no arbitration", async () => {
    for (const token of [null, "不适用", "N/A", "/"]) {
      const r = await build(one("1.2", 4), one("1.2", 1), { ZB001: { "1.1": 4, "1.2": token } }).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ c: null, status: "超差待仲裁", final: 2.5 });
      expect(keys(r.issues, "DISPUTE_PENDING")).toHaveLength(1);
    }
  });

  describe("仲裁为准", () => {
    test("final = C whatever A and B are", async () => {
      const r = await build(one("1.2", 4), one("1.2", 1), one("1.2", 3.9), { 仲裁规则: "仲裁为准" }).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ a: 4, b: 1, c: 3.9, final: 3.9, status: "已仲裁" });
      expect(r.issues).toEqual([]);
      expect(r.status).toBe("final");
      expect(branchOf(r, "ZB001").pending).toBe(0);
    });

    test("C equidistant from A and B: still C", async () => {
      const r = await build(one("1.2", 3), one("1.2", 1), one("1.2", 2), { 仲裁规则: "仲裁为准" }).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 2, status: "已仲裁" });
    });
  });

  describe("三评取近 (the default rule)", () => {
    test("|N − C| ≤ τ: final = round2((C + N) / 2) with N the nearer of A and B", async () => {
      const r = await build(one("1.2", 4), one("1.2", 1), one("1.2", 3.5)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ c: 3.5, final: 3.75, status: "已仲裁" });
      expect(r.status).toBe("final");
    });

    test("N may be B: A = 0.5, B = 4, C = 3 → (3 + 4) / 2 = 3.5", async () => {
      const r = await build(one("1.2", 0.5), one("1.2", 4), one("1.2", 3)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 3.5, status: "已仲裁" });
    });

    test("|N − C| = τ is inclusive: A = 4, B = 1, C = 3 → (3 + 4) / 2", async () => {
      const r = await build(one("1.2", 4), one("1.2", 1), one("1.2", 3)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 3.5, status: "已仲裁" });
    });

    test("the mean with C is rounded half up: (3.25 + 4) / 2 = 3.625 → 3.63", async () => {
      const r = await build(one("1.2", 4), one("1.2", 1), one("1.2", 3.25)).result();
      expect(itemOf(r, "ZB001", "1.2").final).toBe(3.63);
    });

    test("|N − C| > τ: final = C", async () => {
      const r = await build(one("1.2", 4), one("1.2", 0), one("1.2", 2.99)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 2.99, status: "已仲裁" });
    });

    test("|A − C| = |B − C| (equidistant, even within τ): final = C", async () => {
      const r = await build(one("1.2", 3), one("1.2", 1), one("1.2", 2)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 2, status: "已仲裁" });
    });

    test("equidistant beyond τ: final = C", async () => {
      const r = await build(one("1.2", 4), one("1.2", 0), one("1.2", 2)).result();
      expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ final: 2, status: "已仲裁" });
    });

    test("on a bonus item (τ = 0.5): A = 2, B = 0, C = 1.5 → 1.75", async () => {
      const r = await build(one("B1", 2), one("B1", 0), one("B1", 1.5)).result();
      expect(itemOf(r, "ZB001", "B1")).toMatchObject({ final: 1.75, status: "已仲裁" });
      expect(branchOf(r, "ZB001").bonus).toBe(1.75);
    });
  });
});

describe("§2.2 an invalid C is no C", () => {
  test("an out-of-range 仲裁 score: SCORE_OUT_OF_RANGE in 仲裁 and the dispute stays pending", async () => {
    const r = await build(one("1.2", 4), one("1.2", 1), one("1.2", 5)).result();
    expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ c: null, final: 2.5, status: "超差待仲裁" });
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "SCORE_OUT_OF_RANGE", sheet: "仲裁", cell: "D2" },
      { severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "D2" },
    ]);
  });
});

describe("§2.3 exactly one of A, B present → 缺评", () => {
  test("a blank base cell: final = the other score, SCORE_MISSING, provisional", async () => {
    const r = await build(one("1.1", null), one("1.1", 3)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: null, b: 3, final: 3, status: "缺评" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "SCORE_MISSING", sheet: "评分A", cell: "C2" }]);
    expect(r.status).toBe("provisional");
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 99, pending: 0 });
  });

  test("an invalid base cell counts as blank: final = A", async () => {
    const r = await build(one("1.1", 2), one("1.1", 5)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: 2, b: null, final: 2, status: "缺评" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "SCORE_OUT_OF_RANGE", sheet: "评分B", cell: "C2" }]);
  });

  test("a rater with no row: every base item is scored from the other rater", async () => {
    const r = await build(one("1.1", 3), {})
      .branches([{ code: "ZB001" }, { code: "ZB002" }])
      .scoresB(undefined, { rows: ["ZB002"] })
      .result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: 3, b: null, final: 3, status: "缺评" });
    expect(itemOf(r, "ZB001", "9.9")).toMatchObject({ a: 92, b: null, final: 92, status: "缺评" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_NOT_SCORED", sheet: "评分B", cell: null }]);
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 99, totalA: 99, totalB: 0 });
  });

  test("a bonus item with no column in 评分A takes B's value, no dispute", async () => {
    const r = await build({}, one("B1", 2))
      .scoresA(undefined, { columns: ["1.1", "1.2", "9.9", "V1"] })
      .result();
    expect(itemOf(r, "ZB001", "B1")).toMatchObject({ a: null, b: 2, final: 2, status: "缺评" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "HEADER_ITEM_MISSING", sheet: "评分A", cell: null }]);
    expect(branchOf(r, "ZB001")).toMatchObject({ bonus: 2, pending: 0 });
  });

  test("a blank bonus cell is 0, not missing: A blank and B = 1 is a dispute (τ = 0.5)", async () => {
    const r = await build(one("B1", null), one("B1", 1)).result();
    expect(itemOf(r, "ZB001", "B1")).toMatchObject({ a: 0, b: 1, final: 0.5, status: "超差待仲裁" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "F2" }]);
  });

  test("an invalid bonus cell is 0: A = 'abc', B = 0.5 agree (τ = 0.5)", async () => {
    const r = await build(one("B1", "abc"), one("B1", 0.5)).result();
    expect(itemOf(r, "ZB001", "B1")).toMatchObject({ a: 0, b: 0.5, final: 0.25, status: "一致" });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "SCORE_NOT_NUMBER", sheet: "评分A", cell: "F2" }]);
  });
});

describe("§2.4 neither A nor B present → 缺评, final 0", () => {
  test("both cells blank", async () => {
    const r = await build(one("1.1", null), one("1.1", null)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: null, b: null, final: 0, status: "缺评" });
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "SCORE_MISSING", sheet: "评分A", cell: "C2" },
      { severity: "error", code: "SCORE_MISSING", sheet: "评分B", cell: "C2" },
    ]);
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 96, pending: 0 });
    expect(r.status).toBe("provisional");
  });

  test("a bonus item with no column in either grid: final 0", async () => {
    const cols = { columns: ["1.1", "1.2", "9.9", "V1"] };
    const r = await build({}, {}).scoresA(undefined, cols).scoresB(undefined, cols).result();
    expect(itemOf(r, "ZB001", "B1")).toMatchObject({ a: null, b: null, final: 0, status: "缺评" });
  });
});

describe("§2.5 C for an item that is not disputed → ignored, ARBITRATION_IGNORED", () => {
  test("an agreed item: C ignored, warning on the 仲裁 cell", async () => {
    const r = await build(one("1.1", 4), one("1.1", 3.5), one("1.1", 1)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ final: 3.75, status: "一致" });
    expect(keys(r.issues)).toEqual([{ severity: "warning", code: "ARBITRATION_IGNORED", sheet: "仲裁", cell: "C2" }]);
    expect(r.status).toBe("final");
  });

  test("a 缺评 item is not disputed either: C ignored", async () => {
    const r = await build(one("1.1", null), one("1.1", 3), one("1.1", 1)).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ final: 3, status: "缺评" });
    expect(keys(r.issues, "ARBITRATION_IGNORED")).toEqual([
      { severity: "warning", code: "ARBITRATION_IGNORED", sheet: "仲裁", cell: "C2" },
    ]);
  });

  test("the warning points at the 仲裁 cell wherever its column is", async () => {
    const r = await build(one("1.1", 4), one("1.1", 4), one("1.1", 2))
      .layout("仲裁", { columns: ["备注", "1.1"], headerRow: 2 })
      .result();
    expect(keys(r.issues, "ARBITRATION_IGNORED")).toEqual([
      { severity: "warning", code: "ARBITRATION_IGNORED", sheet: "仲裁", cell: "D4" },
    ]);
    expect(keys(r.issues, "HEADER_ITEM_UNKNOWN")).toEqual([
      { severity: "warning", code: "HEADER_ITEM_UNKNOWN", sheet: "仲裁", cell: "C3" },
    ]);
  });
});
