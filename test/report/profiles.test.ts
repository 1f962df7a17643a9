import { describe, expect, it } from "vitest";
import type { Profile, Result } from "../../src/model/result.js";
import { ResultSchema } from "../../src/model/result.js";
import { meanRate } from "../../src/report/profiles.js";
import { assessment, type RuleSpec } from "../helpers/assessment-builder.js";

/** Five areas of one item each, the last not applicable to 辅助类; a bonus and a veto. */
const RULES: readonly RuleSpec[] = [
  { code: "a1", type: "基础", area: "甲", content: "甲项内容", points: 3 },
  { code: "b1", type: "基础", area: "乙", content: "乙项内容", points: 2 },
  { code: "c1", type: "基础", area: "丙", content: "丙项内容", points: 2 },
  { code: "d1", type: "基础", area: "丁", content: "丁项内容", points: 2 },
  { code: "e1", type: "基础", area: "戊", content: "戊项内容", points: 2, notApplicable: "辅助类" },
  { code: "B1", type: "加分", area: "加分项", content: "获上级表彰", points: 2 },
  { code: "V1", type: "否决", area: "否决项", content: "发生严重违纪", points: 0 },
];

const profileOf = (result: Result, code: string): Profile => result.profiles.find((p) => p.code === code)!;
const area = (p: Profile, name: string) => p.areas.find((a) => a.name === name);

describe("branch profiles: means", () => {
  it("rounds the exact mean of the rates half up (91.665 → 91.67), never through floats", () => {
    expect(meanRate([10000, 8333])).toBe(9167);
    expect(meanRate([10000, 8333, 10000])).toBe(9444);
    expect(meanRate([null, null])).toBeNull();
    expect(meanRate([5000, null])).toBe(5000);
  });

  it("compares each area with its category's mean and all branches' mean; areas without a rate are left out", async () => {
    const result = await assessment()
      .rules(RULES)
      .branches([
        { code: "ZB001", category: "生产类" },
        { code: "ZB002", category: "生产类" },
        { code: "ZB003", category: "辅助类" },
      ])
      .scores({ ZB002: { a1: 2.5, e1: 1 } })
      .result();
    expect(ResultSchema.safeParse(result).success).toBe(true);
    const one = profileOf(result, "ZB001");
    // 甲: 100 and 83.33 in 生产类 → 91.665 → 91.67; with 辅助类's 100 → 94.443… → 94.44.
    expect(area(one, "甲")).toEqual({
      name: "甲",
      score: 3,
      max: 3,
      rate: 100,
      categoryAverage: 91.67,
      overallAverage: 94.44,
      gap: 8.33,
    });
    // 戊 does not apply to 辅助类: ZB003 has no 戊, and the means are over 生产类's two.
    const three = profileOf(result, "ZB003");
    expect(three.areas.map((a) => a.name)).toEqual(["甲", "乙", "丙", "丁"]);
    expect(area(one, "戊")).toMatchObject({ rate: 100, categoryAverage: 75, overallAverage: 75, gap: 25 });
    expect(area(three, "甲")).toMatchObject({ categoryAverage: 100, overallAverage: 94.44, gap: 0 });
    expect([one.categoryBranches, three.categoryBranches]).toEqual([2, 1]);
    // Profiles follow the ranking.
    expect(result.profiles.map((p) => p.code)).toEqual(result.branches.map((b) => b.code));
  });

  it("leaves the category mean and 差距 empty for a branch whose category is invalid", async () => {
    const result = await assessment()
      .rules(RULES)
      .branches([
        { code: "ZB001", category: "生产类" },
        { code: "ZB002", category: "不明类" },
      ])
      .scores({ ZB002: { a1: 1 } })
      .result();
    const p = profileOf(result, "ZB002");
    expect(area(p, "甲")).toMatchObject({ rate: 33.33, categoryAverage: null, overallAverage: 66.67, gap: null });
    expect(p.weakAreas).toEqual([]);
    expect(p.categoryBranches).toBeNull();
  });
});

describe("branch profiles: 短板弱项", () => {
  const four = [1, 2, 3, 4].map((i) => ({ code: `ZB00${i}`, category: "生产类" }));

  it("names at most three areas below the category mean, the largest shortfall first, ties in rule order", async () => {
    const result = await assessment()
      .rules(RULES)
      .branches(four)
      // Four areas below: 丁 and 乙 equally far (50 against 87.5), then 丙 (75 against 93.75), then 甲 (83.33 against 95.83).
      .scores({ ZB001: { a1: 2.5, b1: 1, c1: 1.5, d1: 1 } })
      .result();
    const p = profileOf(result, "ZB001");
    expect(p.weakAreas).toEqual([
      { name: "乙", gap: -37.5, items: ["b1"] },
      { name: "丁", gap: -37.5, items: ["d1"] },
      { name: "丙", gap: -18.75, items: ["c1"] },
    ]);
    expect(area(p, "甲")!.gap).toBe(-12.5);
  });

  it("lists only shortfalls: a branch at or above its category mean everywhere has none", async () => {
    const result = await assessment()
      .rules(RULES)
      .branches(four)
      .scores({ ZB001: { b1: 1 } })
      .result();
    for (const code of ["ZB002", "ZB003", "ZB004"]) {
      const p = profileOf(result, code);
      expect(area(p, "乙")!.gap).toBe(12.5);
      expect(area(p, "甲")!.gap).toBe(0);
      expect(p.weakAreas, code).toEqual([]);
    }
    expect(profileOf(result, "ZB001").weakAreas).toEqual([{ name: "乙", gap: -37.5, items: ["b1"] }]);
  });
});

describe("branch profiles: deductions, bonuses and vetoes", () => {
  it("lists every base item below its 分值 with its status and the raters' notes; bonuses given and vetoes triggered", async () => {
    const result = await assessment()
      .rules(RULES)
      .branches([
        { code: "ZB001", category: "生产类" },
        { code: "ZB002", category: "生产类" },
      ])
      .scoresA({ ZB001: { b1: 1, c1: 2, B1: 1.5, V1: "是" } })
      .scoresB({ ZB001: { b1: 1, c1: 0.5, B1: 1.5, V1: "是" } })
      .arbitration({ ZB001: { c1: 1 } })
      .notes([
        { branch: "ZB001", item: "b1", rater: "A", note: "少开一次支委会" },
        { branch: "ZB001", item: "b1", rater: "B", note: "少开一次支委会" },
        { branch: "ZB001", item: "c1", rater: "仲裁", note: "按仲裁意见扣分" },
        { branch: "ZB001", item: "a1", rater: "A", note: "未扣分项目的说明不列出" },
      ])
      .result();
    const p = profileOf(result, "ZB001");
    expect(p.deductions).toEqual([
      {
        item: "b1",
        area: "乙",
        content: "乙项内容",
        max: 2,
        final: 1,
        deducted: 1,
        status: "一致",
        notes: [
          { rater: "A", text: "少开一次支委会" },
          { rater: "B", text: "少开一次支委会" },
        ],
      },
      {
        item: "c1",
        area: "丙",
        content: "丙项内容",
        max: 2,
        final: 0.75,
        deducted: 1.25,
        status: "已仲裁",
        notes: [{ rater: "仲裁", text: "按仲裁意见扣分" }],
      },
    ]);
    expect(p.bonuses).toEqual([{ item: "B1", content: "获上级表彰", score: 1.5 }]);
    expect(p.vetoes).toEqual([{ item: "V1", content: "发生严重违纪" }]);
    const other = profileOf(result, "ZB002");
    expect([other.deductions, other.bonuses, other.vetoes]).toEqual([[], [], []]);
  });

  it("has no profiles on a fatal run", async () => {
    const result = await assessment().without("评分A").result();
    expect(result.status).toBe("fatal");
    expect(result.profiles).toEqual([]);
  });
});
