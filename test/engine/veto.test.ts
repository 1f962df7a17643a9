import { describe, expect, test } from "vitest";
import { assessment, branchOf, keys, ONE_ITEM_RULES, type CellInput, type RuleSpec } from "../helpers/assessment-builder.js";

// Columns: C = 1.1 (100 points), D = B1, E = V1.
const V1 = (v: CellInput) => ({ ZB001: { V1: v } });

function vetoCase(a: CellInput, b: CellInput, c?: CellInput) {
  const x = assessment().rules(ONE_ITEM_RULES).branches(1).scoresA(V1(a)).scoresB(V1(b));
  return c === undefined ? x : x.arbitration(V1(c));
}

describe("§3 Veto items (否决)", () => {
  test("A = B = 是: vetoed, no issue", async () => {
    const r = await vetoCase("是", "是").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, vetoItems: ["V1"], pending: 0, total: 100, stars: 1 });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe("final");
  });

  test("A = B = 否: not vetoed", async () => {
    const r = await vetoCase("否", "否").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: false, vetoItems: [], stars: 5 });
  });

  test("blank counts as 否: blank and 否 agree", async () => {
    const r = await vetoCase(null, "否").result();
    expect(branchOf(r, "ZB001").vetoed).toBe(false);
    expect(r.issues).toEqual([]);
  });

  test("equal values with a C anyway: the value stands, ARBITRATION_IGNORED on the 仲裁 cell", async () => {
    const r = await vetoCase("否", "否", "是").result();
    expect(branchOf(r, "ZB001").vetoed).toBe(false);
    expect(keys(r.issues)).toEqual([{ severity: "warning", code: "ARBITRATION_IGNORED", sheet: "仲裁", cell: "E2" }]);
    const r2 = await vetoCase("是", "是", "否").result();
    expect(branchOf(r2, "ZB001").vetoed).toBe(true);
    expect(keys(r2.issues)).toEqual([{ severity: "warning", code: "ARBITRATION_IGNORED", sheet: "仲裁", cell: "E2" }]);
  });

  test("different with C = 否: not vetoed; with C = 是: vetoed; no issue", async () => {
    const no = await vetoCase("是", "否", "否").result();
    expect(branchOf(no, "ZB001")).toMatchObject({ vetoed: false, pending: 0 });
    expect(no.issues).toEqual([]);
    const yes = await vetoCase("否", "是", "是").result();
    expect(branchOf(yes, "ZB001")).toMatchObject({ vetoed: true, vetoItems: ["V1"], pending: 0 });
    expect(yes.issues).toEqual([]);
    expect(yes.status).toBe("final");
  });

  test("different without C: provisionally 是, VETO_DISPUTE_PENDING on the 评分A cell, pending 1", async () => {
    const r = await vetoCase("否", "是").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, vetoItems: ["V1"], pending: 1, stars: 1 });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" }]);
    expect(r.status).toBe("provisional");
  });

  test("blank against 是 is a dispute too", async () => {
    const r = await vetoCase(null, "是").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 1 });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" }]);
  });

  test("a blank or N/A 仲裁 cell does not decide a veto dispute", async () => {
    for (const c of [null, "不适用"]) {
      const r = await vetoCase("是", "否")
        .arbitration({ ZB001: { "1.1": null, V1: c } }, { rows: ["ZB001"] })
        .result();
      expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 1 });
      expect(keys(r.issues)).toEqual([{ severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" }]);
    }
  });

  test("an invalid 仲裁 veto cell decides nothing: VETO_INVALID in 仲裁 and the dispute stays pending", async () => {
    const r = await vetoCase("是", "否", "也许").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 1 });
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "VETO_INVALID", sheet: "仲裁", cell: "E2" },
      { severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" },
    ]);
  });

  test("an invalid veto cell counts as 否, and the dispute it creates is still reported", async () => {
    const r = await vetoCase("可能", "是").result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 1 });
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "VETO_INVALID", sheet: "评分A", cell: "E2" },
      { severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" },
    ]);
  });

  test("a rater with no cell defers to the other: no column V1 in 评分A and B = 是 → vetoed, no dispute", async () => {
    const r = await vetoCase(null, "是")
      .scoresA(undefined, { columns: ["1.1", "B1"] })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 0 });
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "HEADER_ITEM_MISSING", sheet: "评分A", cell: null }]);
  });

  test("pending counts base, bonus and veto items awaiting arbitration", async () => {
    const r = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(2)
      .scoresA({ ZB001: { "1.1": 90, B1: 5, V1: "是" } })
      .scoresB({ ZB001: { "1.1": 50, B1: 0, V1: "否" } })
      .result();
    expect(branchOf(r, "ZB001").pending).toBe(3);
    expect(branchOf(r, "ZB002").pending).toBe(0);
    expect(keys(r.issues, "DISPUTE_PENDING", "VETO_DISPUTE_PENDING")).toEqual([
      { severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "C2" },
      { severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "D2" },
      { severity: "error", code: "VETO_DISPUTE_PENDING", sheet: "评分A", cell: "E2" },
    ]);
  });

  test("any veto item at 是 vetoes the branch; vetoItems lists them in rule order", async () => {
    const rules: RuleSpec[] = [
      ...ONE_ITEM_RULES,
      { code: "V2", type: "否决", area: "否决项" },
      { code: "V3", type: "否决", area: "否决项" },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(1)
      .scores({ ZB001: { V1: "否", V2: "是", V3: "是" } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, vetoItems: ["V2", "V3"] });
  });

  test("a veto does not change the scores, only stars and ranking", async () => {
    const r = await vetoCase("是", "是")
      .scores({ ZB001: { "1.1": 88, B1: 3, V1: "是" } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 88, bonus: 3, total: 91, vetoed: true, stars: 1, tier: "第三阶梯" });
  });
});
