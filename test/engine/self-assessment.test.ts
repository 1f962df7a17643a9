import { describe, expect, test } from "vitest";
import { assessment, branchOf, keys, type RuleSpec } from "../helpers/assessment-builder.js";

const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 60 },
  { code: "1.2", type: "基础", area: "甲", points: 40, notApplicable: ["综合管理类"] },
  { code: "B1", type: "加分", area: "加分项", points: 4 },
  { code: "B2", type: "加分", area: "加分项", points: 4 },
  { code: "V1", type: "否决", area: "否决项" },
];

describe("§9 Self-assessment (自评)", () => {
  test("自评总分 is computed like A方总分 (scaled base + capped bonus); 自评偏差 = 自评总分 − 总分", async () => {
    const r = await assessment()
      .rules(RULES)
      .branches([{ code: "ZB001" }, { code: "ZB002", category: "综合管理类" }])
      .scores({ ZB001: { "1.1": 50, "1.2": 30 }, ZB002: { "1.1": 45 } })
      .self({ ZB001: { "1.1": 60, "1.2": 39.5, B1: 4, B2: 3 }, ZB002: { "1.1": 50, "1.2": null, B1: 0.5, B2: null } })
      .result();
    // ZB001: 99.5 + min(5, 7) = 104.5; 总分 80 → gap 24.5.
    expect(branchOf(r, "ZB001")).toMatchObject({ total: 80, selfTotal: 104.5, selfGap: 24.5 });
    // ZB002 (1.2 N/A): 50 × 100 / 60 = 83.33 + 0.5 = 83.83; 总分 45 × 100 / 60 = 75 → gap 8.83.
    expect(branchOf(r, "ZB002")).toMatchObject({ base: 75, total: 75, selfTotal: 83.83, selfGap: 8.83 });
  });

  test("blank 自评 cells count as 0 and raise no issue", async () => {
    const r = await assessment()
      .rules(RULES)
      .branches(1)
      .settings({ 扣分说明要求: "不检查" })
      .self({ ZB001: { "1.1": 55, "1.2": null, B1: null } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ total: 100, selfTotal: 55, selfGap: -45 });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe("final");
  });

  test("null without a 自评 sheet", async () => {
    const r = await assessment().rules(RULES).branches(1).result();
    expect(branchOf(r, "ZB001")).toMatchObject({ selfTotal: null, selfGap: null });
  });

  test("null for a branch with no 自评 row; other branches still get theirs", async () => {
    const r = await assessment()
      .rules(RULES)
      .branches(2)
      .self(undefined, { rows: ["ZB002"] })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ selfTotal: null, selfGap: null });
    expect(branchOf(r, "ZB002")).toMatchObject({ selfTotal: 100, selfGap: 0 });
    expect(keys(r.issues, "BRANCH_NOT_SCORED")).toEqual([]);
  });

  test("自评 does not affect the score, the status or the ranking; its problems are warnings", async () => {
    const base = await assessment()
      .rules(RULES)
      .branches(2)
      .scoresA({ ZB001: { "1.1": 58 } })
      .result();
    const withSelf = await assessment()
      .rules(RULES)
      .branches(2)
      .scoresA({ ZB001: { "1.1": 58 } })
      .self({ ZB001: { "1.1": 99, "1.2": "abc", V1: "是" }, ZB002: { "1.1": "#N/A" } })
      .result();
    const strip = (x: typeof base) => x.branches.map(({ selfTotal: _s, selfGap: _g, ...rest }) => rest);
    expect(strip(withSelf)).toEqual(strip(base));
    expect(withSelf.status).toBe("final");
    expect(keys(withSelf.issues, "SCORE_OUT_OF_RANGE", "SCORE_NOT_NUMBER", "CELL_ERROR_VALUE")).toEqual([
      { severity: "warning", code: "SCORE_OUT_OF_RANGE", sheet: "自评", cell: "C2" },
      { severity: "warning", code: "SCORE_NOT_NUMBER", sheet: "自评", cell: "D2" },
      { severity: "warning", code: "CELL_ERROR_VALUE", sheet: "自评", cell: "C3" },
    ]);
    // Invalid cells count as blank (0): ZB001 self = 0 + 0 → 0.
    expect(branchOf(withSelf, "ZB001")).toMatchObject({ selfTotal: 0, vetoed: false });
  });

  test("a 自评 without its header row is a warning and is ignored", async () => {
    const r = await assessment()
      .rules(RULES)
      .branches(1)
      .sheet("自评", [["随便写的"], ["ZB001", "x", 50]])
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "warning", code: "HEADER_MISSING", sheet: "自评", cell: null }]);
    expect(r.status).toBe("final");
    expect(branchOf(r, "ZB001").selfTotal).toBeNull();
  });
});
