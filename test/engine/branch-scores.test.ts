import { describe, expect, test } from "vitest";
import { assessment, branchOf, itemOf, keys, type RuleSpec } from "../helpers/assessment-builder.js";

const DEFAULT_AREAS = ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设", "中心工作融合", "队伍建设与群众满意"];

describe("§4 Branch scores", () => {
  test("with the default rules and no N/A, 基础得分 is the sum of the finals; areas in rule order with score, max, rate", async () => {
    const r = await assessment()
      .branches(1)
      .scores({ ZB001: { "1.1": 3.5, "2.2": 2 } })
      .result();
    const b = branchOf(r, "ZB001");
    expect(r.areas).toEqual(DEFAULT_AREAS);
    expect(b.areas.map((a) => a.name)).toEqual(DEFAULT_AREAS);
    expect(b.areas[0]).toEqual({ name: "政治建设", score: 11.5, max: 12, rate: 95.83 });
    expect(b.areas[1]).toEqual({ name: "思想建设", score: 9, max: 10, rate: 90 });
    expect(b.areas[6]).toEqual({ name: "中心工作融合", score: 24, max: 24, rate: 100 });
    expect(b).toMatchObject({ base: 98.5, bonus: 0, total: 98.5 });
  });

  test("N/A items: 综合管理类 with 7.1 and 7.2 not applicable → base = round2(Σ × 100 / 88)", async () => {
    const r = await assessment()
      .branches([
        { code: "ZB001", category: "综合管理类" },
        { code: "ZB002", category: "生产类" },
      ])
      .scores({ ZB001: { "1.1": 3 }, ZB002: { "1.1": 3 } })
      .result();
    const m = branchOf(r, "ZB001");
    // Σ applicable finals = 88 − 1 = 87; 87 × 100 / 88 = 98.863636… → 98.86.
    expect(m.base).toBe(98.86);
    expect(m.areas.find((a) => a.name === "中心工作融合")).toEqual({ name: "中心工作融合", score: 12, max: 12, rate: 100 });
    expect(itemOf(r, "ZB001", "7.1")).toMatchObject({ a: null, b: null, c: null, final: null, status: "不适用" });
    expect(itemOf(r, "ZB001", "7.2")).toMatchObject({ final: null, status: "不适用" });
    expect(branchOf(r, "ZB002").base).toBe(99);
    expect(r.status).toBe("final");
  });

  test("N/A base items scaled up: full marks on every applicable item is 100", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: "管理" }])
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ category: "综合管理类", base: 100, total: 100, totalA: 100, totalB: 100 });
  });

  test("the N/A token typed for an N/A item is accepted silently", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: "综合管理类" }])
      .scores({ ZB001: { "7.1": "不适用", "7.2": "/" } })
      .result();
    expect(r.issues).toEqual([]);
    expect(branchOf(r, "ZB001").base).toBe(100);
  });

  test("areas are ordered by first appearance among base items; bonus and veto areas are not areas", async () => {
    const rules: RuleSpec[] = [
      { code: "B1", type: "加分", area: "丁", points: 1 },
      { code: "2.1", type: "基础", area: "乙", points: 30 },
      { code: "1.1", type: "基础", area: "甲", points: 30 },
      { code: "2.2", type: "基础", area: "乙", points: 40 },
      { code: "V1", type: "否决", area: "丙" },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(1)
      .scores({ ZB001: { "2.2": 20 } })
      .result();
    expect(r.areas).toEqual(["乙", "甲"]);
    expect(branchOf(r, "ZB001").areas).toEqual([
      { name: "乙", score: 50, max: 70, rate: 71.43 },
      { name: "甲", score: 30, max: 30, rate: 100 },
    ]);
  });

  test("an area with no applicable item: score 0, max 0, rate null", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 60 },
      { code: "2.1", type: "基础", area: "乙", points: 20, notApplicable: ["辅助类"] },
      { code: "2.2", type: "基础", area: "乙", points: 20, notApplicable: "辅助" },
    ];
    const r = await assessment()
      .rules(rules)
      .branches([{ code: "ZB001", category: "辅助类" }])
      .scores({ ZB001: { "1.1": 45 } })
      .result();
    const b = branchOf(r, "ZB001");
    expect(b.areas).toEqual([
      { name: "甲", score: 45, max: 60, rate: 75 },
      { name: "乙", score: 0, max: 0, rate: null },
    ]);
    expect(b.base).toBe(75);
  });

  test("a branch with no applicable base item has 基础得分 0 (and is not part of the ICC)", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 100, notApplicable: ["辅助类"] },
      { code: "B1", type: "加分", area: "加分项", points: 5 },
    ];
    const r = await assessment()
      .rules(rules)
      .branches([{ code: "ZB001", category: "辅助类" }, { code: "ZB002" }, { code: "ZB003" }])
      .scores({ ZB001: { B1: 2 } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 0, bonus: 2, total: 2, totalA: 2, totalB: 2 });
    expect(branchOf(r, "ZB001").areas).toEqual([{ name: "甲", score: 0, max: 0, rate: null }]);
    expect(r.agreement).toMatchObject({ iccBranches: 2 });
  });

  test("加分 = min(加分上限, Σ bonus finals): default cap 5", async () => {
    const r = await assessment()
      .branches(2)
      .scores({ ZB001: { B1: 2, B2: 1, B3: 2, B4: 1, B5: 1 }, ZB002: { B1: 2, B2: 1, B3: 1.5 } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 100, bonus: 5, total: 105 });
    expect(branchOf(r, "ZB002")).toMatchObject({ bonus: 4.5, total: 104.5 });
  });

  test("加分上限 from 考核设置 (3, 0, 2.5)", async () => {
    const all = { ZB001: { B1: 2, B2: 1, B3: 2 } };
    for (const [cap, bonus] of [
      ["3", 3],
      ["0", 0],
      ["2.5", 2.5],
    ] as const) {
      const r = await assessment().branches(1).settings({ 加分上限: cap }).scores(all).result();
      expect(branchOf(r, "ZB001")).toMatchObject({ bonus, total: 100 + bonus });
    }
  });

  test("总分 = 基础得分 + 加分, not rounded again", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 3 },
      { code: "B1", type: "加分", area: "加分项", points: 5 },
    ];
    const r = await assessment()
      .rules(rules)
      .branches(1)
      .scores({ ZB001: { "1.1": 1, B1: 0.01 } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 33.33, bonus: 0.01, total: 33.34 });
  });

  test("A方总分 / B方总分: each rater's scores alone, missing = 0, same scaling and bonus cap", async () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 40 },
      { code: "1.2", type: "基础", area: "甲", points: 40, notApplicable: ["综合管理类"] },
      { code: "2.1", type: "基础", area: "乙", points: 20 },
      { code: "B1", type: "加分", area: "加分项", points: 4 },
      { code: "B2", type: "加分", area: "加分项", points: 4 },
    ];
    const r = await assessment()
      .rules(rules)
      .branches([{ code: "ZB001", category: "综合管理类" }])
      .scoresA({ ZB001: { "1.1": 30, "2.1": null, B1: 4, B2: 4 } })
      .scoresB({ ZB001: { "1.1": 39, "2.1": 20, B1: 1, B2: null } })
      .result();
    const b = branchOf(r, "ZB001");
    // A: (30 + 0) × 100 / 60 = 50; bonus min(5, 8) = 5 → 55.  B: (39 + 20) × 100 / 60 = 98.333… → 98.33; bonus 1 → 99.33.
    expect(b.totalA).toBe(55);
    expect(b.totalB).toBe(99.33);
    // Finals: 1.1 disputed (|30 − 39| = 9 ≤ τ 10 → agrees: 34.5), 2.1 缺评 → 20; base (34.5 + 20) × 100 / 60 = 90.83.
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ final: 34.5, status: "一致" });
    expect(itemOf(r, "ZB001", "2.1")).toMatchObject({ final: 20, status: "缺评" });
    expect(b.base).toBe(90.83);
    // B1: |4 − 1| = 3 > τ 1 → provisional mean 2.5; B2: A 4, B blank = 0 → provisional 2; Σ 4.5 ≤ 5.
    expect(b.bonus).toBe(4.5);
    expect(b.total).toBe(95.33);
  });

  test("an invalid category: every item applies (7.1, 7.2 included) and category is null", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: "机关" }])
      .scores({ ZB001: { "7.1": 4 } })
      .result();
    expect(branchOf(r, "ZB001")).toMatchObject({ category: null, base: 96, categoryRank: null });
    expect(itemOf(r, "ZB001", "7.1")).toMatchObject({ final: 4, status: "一致" });
    expect(keys(r.issues, "CATEGORY_INVALID")).toEqual([{ severity: "error", code: "CATEGORY_INVALID", sheet: "支部名册", cell: "C2" }]);
  });

  test("items: one per branch × base/bonus item in rule order, none for veto items", async () => {
    const r = await assessment().branches(2).result();
    expect(r.items).toHaveLength(2 * 32);
    expect(r.items.slice(0, 2).map((i) => `${i.branch}/${i.item}`)).toEqual(["ZB001/1.1", "ZB001/1.2"]);
    expect(r.items.some((i) => i.item.startsWith("V"))).toBe(false);
  });
});
