// annual.md §3: the annual score, the year's vetoes, joined / dropped branches, category and rule changes.
import { describe, expect, it } from "vitest";
import { annualScore } from "../../src/annual/annual-score.js";
import { parseDecimal } from "../../src/model/decimal.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/model/settings.js";
import { ONE_ITEM_RULES } from "../helpers/assessment-builder.js";
import { branch, codes, issuesOf, q, result, year } from "./year-builder.js";

const weighted = (w: string): Settings => ({
  ...DEFAULT_SETTINGS,
  annualMethod: "季度加权",
  quarterWeights: w.split(",").map((x) => parseDecimal(x)!) as unknown as Settings["quarterWeights"],
});

describe("§3 年度得分 = round2(Σ w × 总分 / Σ w), exact", () => {
  it("季度平均: the plain mean, rounded half up once at the end", () => {
    expect(
      annualScore(
        [
          { quarter: 1, total: 8001 },
          { quarter: 2, total: 8002 },
        ],
        DEFAULT_SETTINGS,
      ),
    ).toBe(8002); // 80.015 → 80.02
    expect(
      annualScore(
        [1, 2, 3].map((quarter) => ({ quarter, total: [9001, 9002, 9002][quarter - 1]! })),
        DEFAULT_SETTINGS,
      ),
    ).toBe(9002); // 90.0166…
    expect(
      annualScore(
        [1, 2, 3].map((quarter) => ({ quarter, total: [9001, 9001, 9002][quarter - 1]! })),
        DEFAULT_SETTINGS,
      ),
    ).toBe(9001); // 90.0133…
    // A float mean would say 0.1 + 0.2 … here 10.01, 10.02, 10.02 and 10.03 are exactly 10.02.
    expect(
      annualScore(
        [1, 2, 3, 4].map((quarter) => ({ quarter, total: [1001, 1002, 1002, 1003][quarter - 1]! })),
        DEFAULT_SETTINGS,
      ),
    ).toBe(1002);
  });

  it("季度加权: the latest quarter's weights by quarter number, decimals exact", () => {
    const four = [1, 2, 3, 4].map((quarter) => ({ quarter, total: [8000, 8000, 9000, 10000][quarter - 1]! }));
    expect(annualScore(four, weighted("1,1,1,2"))).toBe(9000); // (80 + 80 + 90 + 200) / 5
    expect(annualScore(four, weighted("0.5,0.5,1,1.5"))).toBe(9143); // (40 + 40 + 90 + 150) / 3.5 = 91.428…
    expect(annualScore(four, weighted("1,1,1,1"))).toBe(8750);
  });

  it("weights are renormalised over the quarters the branch has", () => {
    // Joined in Q3: (90×1 + 100×3) / (1 + 3) = 97.5, whatever Q1 and Q2 weigh.
    expect(
      annualScore(
        [
          { quarter: 3, total: 9000 },
          { quarter: 4, total: 10000 },
        ],
        weighted("5,5,1,3"),
      ),
    ).toBe(9750);
    // 1/3 weights round once: (91 × 0.3 + 92 × 0.7) / 1.0 = 91.7
    expect(
      annualScore(
        [
          { quarter: 1, total: 9100 },
          { quarter: 2, total: 9200 },
        ],
        weighted("0.3,0.7,1,1"),
      ),
    ).toBe(9170);
    expect(
      annualScore(
        [
          { quarter: 1, total: 9100 },
          { quarter: 2, total: 9101 },
        ],
        weighted("1,2,1,1"),
      ),
    ).toBe(9101); // 91.00666…
  });

  it("through the pipeline: the JSON score, the per-quarter entries, 季度加权 from the latest quarter only", async () => {
    const t = [{ ZB001: 80 }, { ZB001: 80 }, { ZB001: 90 }, { ZB001: 100 }];
    const avg = await result(...year(t));
    expect(branch(avg, "ZB001").score).toBe(87.5);
    const quarters = year(t, { settings: { 年度计分方式: "季度加权", 季度权重: "9,9,9,9" } });
    quarters[3] = q("2026Q4", t[3]!, { settings: { 年度计分方式: "季度加权", 季度权重: "1,1,1,2" } });
    const w = await result(...quarters);
    expect(branch(w, "ZB001").score).toBe(90);
    expect(branch(w, "ZB001").quarters.map((x) => x?.total)).toEqual([80, 80, 90, 100]);
  });

  it("totals with a bonus above 100 count as they are", async () => {
    const r = await result(...year([{ ZB001: 103.5 }, { ZB001: 104 }, { ZB001: 100 }, { ZB001: 99.99 }]));
    expect(branch(r, "ZB001").score).toBe(101.87); // 407.49 / 4 = 101.8725
  });
});

describe("§3 the year's vetoes", () => {
  it("vetoed for the year when vetoed in any of its quarters; vetoQuarters in quarter order", async () => {
    const quarters = [1, 2, 3, 4].map((n) => q(`2026Q${n}`, { ZB001: 95, ZB002: 90 }, { vetoed: n === 2 || n === 4 ? ["ZB001"] : [] }));
    const r = await result(quarters[3]!, quarters[0]!, quarters[1]!, quarters[2]!);
    expect(branch(r, "ZB001")).toMatchObject({ vetoed: true, vetoQuarters: ["2026Q2", "2026Q4"], scoreStars: 5, stars: 1 });
    expect(branch(r, "ZB001").quarters.map((x) => x?.vetoed)).toEqual([false, true, false, true]);
    expect(branch(r, "ZB002")).toMatchObject({ vetoed: false, vetoQuarters: [] });
  });
});

describe("§3 branches joining, leaving, renamed codes", () => {
  it("ANNUAL_BRANCH_PARTIAL: a branch that joined scores over the quarters it has", async () => {
    const r = await result(
      q("2026Q1", { ZB001: 80 }),
      q("2026Q2", { ZB001: 80 }),
      q("2026Q3", { ZB001: 80, ZB002: 90 }),
      q("2026Q4", { ZB001: 80, ZB002: 95 }),
    );
    expect(branch(r, "ZB002")).toMatchObject({ score: 92.5, quarters: [null, null, expect.anything(), expect.anything()] });
    expect(issuesOf(r, "ANNUAL_BRANCH_PARTIAL")).toEqual([
      expect.objectContaining({ severity: "warning", period: null, file: null, sheet: null, cell: null }),
    ]);
    expect(issuesOf(r, "ANNUAL_BRANCH_PARTIAL")[0]!.message).toContain("ZB002");
    expect(r.status).toBe("final");
  });

  it("ANNUAL_BRANCH_PARTIAL is relative to the usable quarters (a mid-year run of complete branches has none)", async () => {
    const r = await result(q("2026Q1", { ZB001: 80 }), q("2026Q2", { ZB001: 85 }));
    expect(issuesOf(r, "ANNUAL_BRANCH_PARTIAL")).toEqual([]);
  });

  it("ANNUAL_BRANCH_DROPPED: once per branch that some quarter has and the latest roster does not; it is not graded", async () => {
    const r = await result(q("2026Q1", { ZB001: 80, OLD: 99, GONE: 70 }), q("2026Q2", { ZB001: 80, OLD: 99 }), q("2026Q3", { ZB001: 80 }));
    expect(r.branches.map((b) => b.code)).toEqual(["ZB001"]);
    expect(issuesOf(r, "ANNUAL_BRANCH_DROPPED").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["warning", null, null, null, null],
      ["warning", null, null, null, null],
    ]);
    expect(issuesOf(r, "ANNUAL_BRANCH_DROPPED")[0]!.message).toContain("OLD");
    expect(issuesOf(r, "ANNUAL_BRANCH_DROPPED")[0]!.message).toContain("2026Q1、2026Q2");
  });

  it("codes are equal as each quarter reads them: trimmed, but no case folding and no NFKC", async () => {
    const r = await result(
      q(
        "2026Q1",
        { "ZB 001": 80, zb002: 80, ZB003: 80 },
        {
          edit: (b) =>
            b
              .branches([{ code: " ZB003 " }, { code: "ZB 001" }, { code: "zb002" }])
              .scores({ " ZB003 ": { "1.1": 80 }, "ZB 001": { "1.1": 80 }, zb002: { "1.1": 80 } }),
        },
      ),
      q("2026Q2", { ZB001: 90, ZB002: 90, ZB003: 90, ＺＢ004: 90 }),
    );
    expect(branch(r, "ZB003").quarters[0]).not.toBeNull();
    expect(branch(r, "ZB001").quarters[0]).toBeNull();
    expect(branch(r, "ZB002").quarters[0]).toBeNull();
    expect(issuesOf(r, "ANNUAL_BRANCH_DROPPED").map((i) => i.message.match(/“([^”]*)”/)![1])).toEqual([
      "ZB 001 ZB 001党支部",
      "zb002 zb002党支部",
    ]);
    expect(codes(r).filter((c) => c === "ANNUAL_BRANCH_PARTIAL")).toHaveLength(3);
  });
});

describe("§3 ANNUAL_CATEGORY_CHANGED", () => {
  const cat = (category: string) => [
    { code: "ZB001", category },
    { code: "ZB002", category: "生产类" },
  ];
  const withCategories = (...cats: string[]) => cats.map((c, i) => q(`2026Q${i + 1}`, { ZB001: 90, ZB002: 80 }, { branches: cat(c) }));

  it("one per branch, the annual roster's category counts", async () => {
    const r = await result(...withCategories("辅助类", "辅助", "生产类", "生产类"));
    expect(issuesOf(r, "ANNUAL_CATEGORY_CHANGED")).toEqual([
      expect.objectContaining({ severity: "warning", period: null, file: null, sheet: null, cell: null }),
    ]);
    expect(issuesOf(r, "ANNUAL_CATEGORY_CHANGED")[0]!.message).toContain("2026Q1：辅助类；2026Q2：辅助类");
    expect(branch(r, "ZB001")).toMatchObject({ category: "生产类", categoryRank: 1 });
  });

  it("short forms are the same category", async () => {
    const r = await result(...withCategories("生产", "生产类", " 生产 ", "生产类"));
    expect(issuesOf(r, "ANNUAL_CATEGORY_CHANGED")).toEqual([]);
  });

  it("valid ↔ invalid differs; two invalid texts do not", async () => {
    const changed = await result(...withCategories("车间", "生产类"));
    expect(issuesOf(changed, "ANNUAL_CATEGORY_CHANGED")).toHaveLength(1);
    const invalidNow = await result(...withCategories("生产类", "车间"));
    expect(issuesOf(invalidNow, "ANNUAL_CATEGORY_CHANGED")).toHaveLength(1);
    expect(branch(invalidNow, "ZB001")).toMatchObject({ category: null, categoryRank: null });
    const bothInvalid = await result(...withCategories("车间", "工段"));
    expect(issuesOf(bothInvalid, "ANNUAL_CATEGORY_CHANGED")).toEqual([]);
  });
});

describe("§3 ANNUAL_RULES_CHANGED: 编号, 类型, 考核方面 and 分值 (not of 否决 items), in order", () => {
  const rulesQuarter = (period: string, change: (rules: typeof ONE_ITEM_RULES) => typeof ONE_ITEM_RULES, file?: string) =>
    q(period, { ZB001: 90 }, { ...(file ? { file } : {}), edit: (b) => b.rules(change(ONE_ITEM_RULES)) });
  const same = (r: typeof ONE_ITEM_RULES) => r;

  it.each([
    [
      "a base item's 分值",
      (r: typeof ONE_ITEM_RULES) => [
        { ...r[0]!, points: 90 },
        { code: "1.2", type: "基础" as const, area: "甲", points: 10 },
        ...r.slice(1),
      ],
    ],
    ["a bonus item's 分值", (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "B1" ? { ...x, points: 3 } : x))],
    ["an item's 考核方面", (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "1.1" ? { ...x, area: "乙" } : x))],
    ["an item's 类型", (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "B1" ? { ...x, type: "基础" as const } : x))],
    ["an item's 编号", (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "B1" ? { ...x, code: "B2" } : x))],
    ["the order of the items", (r: typeof ONE_ITEM_RULES) => [r[0]!, r[2]!, r[1]!]],
    ["an item more", (r: typeof ONE_ITEM_RULES) => [...r, { code: "V2", type: "否决" as const, area: "否决项" }]],
  ])("%s: one warning per such quarter, with its period and file", async (_, change) => {
    const r = await result(rulesQuarter("2026Q1", change, "一季度.xlsx"), rulesQuarter("2026Q2", change), rulesQuarter("2026Q3", same));
    expect(issuesOf(r, "ANNUAL_RULES_CHANGED").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["warning", "2026Q1", "一季度.xlsx", null, null],
      ["warning", "2026Q2", "2026Q2.xlsx", null, null],
    ]);
  });

  it.each([
    ["a 否决 item's 分值", (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "V1" ? { ...x, points: 50 } : x))],
    ["考核内容 and 评分标准", (r: typeof ONE_ITEM_RULES) => r.map((x) => ({ ...x, content: "新内容", criteria: "新标准" }))],
    [
      "不适用类别 and 分差阈值",
      (r: typeof ONE_ITEM_RULES) => r.map((x) => (x.code === "1.1" ? { ...x, notApplicable: ["辅助类"], tolerance: 3 } : x)),
    ],
  ])("%s do not count", async (_, change) => {
    const r = await result(rulesQuarter("2026Q1", change), rulesQuarter("2026Q2", same));
    expect(issuesOf(r, "ANNUAL_RULES_CHANGED")).toEqual([]);
  });

  it("says what differs", async () => {
    const r = await result(
      rulesQuarter("2026Q1", (x) => x.map((i) => (i.code === "B1" ? { ...i, points: 3 } : i))),
      rulesQuarter("2026Q4", same),
    );
    expect(issuesOf(r, "ANNUAL_RULES_CHANGED")[0]!.message).toContain(
      "第 2 项：本季度为 B1（加分，加分项，3 分），最新季度为 B1（加分，加分项，5 分）",
    );
  });
});
