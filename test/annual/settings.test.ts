// annual.md §2: the five annual settings (known to the quarterly validation) and the 上年星级 column.
import { describe, expect, it, test } from "vitest";
import { parsePreviousStars } from "../../src/validate/previous-stars.js";
import { bool, err, num, text } from "../../src/model/cell.js";
import { assessment, keys, type CellInput } from "../helpers/assessment-builder.js";
import { branch, issuesOf, q, result } from "./year-builder.js";

const PERIOD: CellInput[] = ["考核周期", "2026Q3"];
const SETTING_CODES = ["SETTING_INVALID", "SETTING_UNKNOWN", "PERIOD_MISSING"] as const;
const quarterly = (rows: readonly (readonly CellInput[])[]) => assessment().branches(2).settingsRows(rows).result();
/** The year's settings from one quarter whose 考核设置 holds this setting. */
const annualSettings = async (name: string, v: CellInput) =>
  (await result(q("2026Q4", { ZB001: 90 }, { settings: { [name]: v } }))).settings!;

describe("§2 the quarterly validation knows the annual settings", () => {
  it("valid values: no issue, no SETTING_UNKNOWN, and the quarter's own results do not change", async () => {
    const plain = await quarterly([PERIOD]);
    const withAnnual = await quarterly([
      PERIOD,
      ["年度计分方式", "季度加权"],
      ["季度权重", "1,1,1,2"],
      ["五星比例上限", "10%"],
      ["四星比例上限", 0.3],
      ["逐级晋升", "是"],
    ]);
    expect(keys(withAnnual.issues, ...SETTING_CODES)).toEqual([]);
    expect({ ...withAnnual, issues: [] }).toEqual({ ...plain, issues: [] });
    expect(withAnnual.status).toBe("final");
  });

  const INVALID: [string, CellInput][] = [
    ["年度计分方式", "加权"],
    ["季度权重", "1,1,1"],
    ["季度权重", "1,1,1,1,1"],
    ["季度权重", "1,0,1,1"],
    ["季度权重", "1,-1,1,1"],
    ["季度权重", "1,,1,1"],
    ["季度权重", "1;1;1;1"],
    ["季度权重", 1],
    ["五星比例上限", "0"],
    ["五星比例上限", "0%"],
    ["五星比例上限", "1.5"],
    ["五星比例上限", "120%"],
    ["五星比例上限", "一成"],
    ["五星比例上限", num(0.1, true)],
    ["四星比例上限", "-0.3"],
    ["四星比例上限", bool(true)],
    ["逐级晋升", "Y"],
    ["逐级晋升", err("#N/A")],
  ];
  test.each(INVALID)("%s = %j → SETTING_INVALID on the 值 cell; the quarter is provisional but scores the same", async (name, v) => {
    const r = await quarterly([PERIOD, [name, v]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B3" }]);
    expect(r.issues.find((i) => i.code === "SETTING_INVALID")!.message).toContain(name);
    expect(r.status).toBe("provisional");
    const plain = await quarterly([PERIOD]);
    expect(r.branches).toEqual(plain.branches);
  });
});

describe("§2 accepted values and defaults, as the year uses them", () => {
  test.each([
    ["年度计分方式", "季度加权", { method: "季度加权" }],
    ["年度计分方式", " 季度平均 ", { method: "季度平均" }],
    ["季度权重", "1，1、1,2", { weights: [1, 1, 1, 2] }],
    ["季度权重", "０．５, 1.5 ,2,3", { weights: [0.5, 1.5, 2, 3] }],
    ["五星比例上限", "12.5%", { fiveStarCap: 0.125 }],
    ["五星比例上限", "１０％", { fiveStarCap: 0.1 }],
    ["五星比例上限", 0.2, { fiveStarCap: 0.2 }],
    ["五星比例上限", "1", { fiveStarCap: 1 }],
    ["四星比例上限", "30%", { fourStarCap: 0.3 }],
    ["四星比例上限", "", { fourStarCap: null }],
    ["逐级晋升", "是", { stepwise: true }],
    ["逐级晋升", "否", { stepwise: false }],
  ] as const)("%s = %j", async (name, v, expected) => {
    expect(await annualSettings(name, v)).toMatchObject(expected);
  });

  it("an invalid value falls back to the default for the year", async () => {
    expect(await annualSettings("季度权重", "1,1,1")).toMatchObject({ weights: [1, 1, 1, 1] });
    expect(await annualSettings("五星比例上限", "150%")).toMatchObject({ fiveStarCap: null });
    expect(await annualSettings("年度计分方式", "加权")).toMatchObject({ method: "季度平均" });
  });
});

describe("§2 上年星级", () => {
  test.each([
    [num(4), 4],
    [num(0), 0],
    [num(5), 5],
    [num(3.0000000000000004), 3],
    [text("4"), 4],
    [text(" ４ "), 4],
    [text("0"), 0],
    [text("05"), 5],
    [text("★★★★☆"), 4],
    [text("★★★★"), 4],
    [text("☆☆☆☆☆"), 0],
    [text("☆"), 0],
    [text("★★★★★"), 5],
    [text(" ★★☆ "), 2],
  ] as const)("%j is %i", (cell, stars) => {
    expect(parsePreviousStars(cell)).toBe(stars);
  });

  test.each([
    [num(6)],
    [num(-1)],
    [num(4.5)],
    [num(4, true)],
    [text("4.0")],
    [text("-1")],
    [text("6")],
    [text("四星")],
    [text("无星")],
    [text("★☆★")],
    [text("☆★")],
    [text("★★★★★★")],
    [text("★★★☆☆☆")],
    [text("4星")],
    [bool(true)],
    [err("#N/A")],
  ] as const)("%j is not a grade", (cell) => {
    expect(parsePreviousStars(cell)).toBeNull();
  });

  it("read from the latest quarter's 支部名册 only; blank is none; invalid → PREVIOUS_STARS_INVALID on that cell, treated as none", async () => {
    const early = q("2026Q1", { ZB001: 90, ZB002: 80, ZB003: 70 }, { previousStars: { ZB001: "坏", ZB002: "也坏" } });
    const latest = q(
      "2026Q2",
      { ZB001: 90, ZB002: 80, ZB003: 70 },
      { file: "二季度.xlsx", previousStars: { ZB001: "★★★☆☆", ZB002: "五" } },
    );
    const r = await result(early, latest);
    expect(branch(r, "ZB001")).toMatchObject({ previousStars: 3, starChange: 2 });
    expect(branch(r, "ZB002")).toMatchObject({ previousStars: null, starChange: null });
    expect(branch(r, "ZB003")).toMatchObject({ previousStars: null, starChange: null });
    expect(issuesOf(r, "PREVIOUS_STARS_INVALID").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["error", "2026Q2", "二季度.xlsx", "支部名册", "F3"],
    ]);
    expect(issuesOf(r, "PREVIOUS_STARS_INVALID")[0]!.message).toContain("“五”");
    expect(r.status).toBe("provisional");
  });

  it("a repeated code's later row is not checked; the quarterly validation never reads the column", async () => {
    const latest = q(
      "2026Q4",
      { ZB001: 90 },
      {
        previousStars: { ZB001: 4 },
        edit: (b) => b.patch("支部名册", (rows) => [...rows, [text("ZB001"), text("重复"), text("生产类"), null, null, text("乱填")]]),
      },
    );
    const r = await result(latest);
    expect(issuesOf(r, "PREVIOUS_STARS_INVALID")).toEqual([]);
    expect(branch(r, "ZB001").previousStars).toBe(4);
    const quarterOnly = await assessment()
      .branches(1)
      .patch("支部名册", (rows) => rows.map((row, i) => [...row, text(i === 0 ? "上年星级" : "乱填")]))
      .result();
    expect(quarterOnly.issues.filter((i) => i.sheet === "支部名册")).toEqual([]);
  });

  it("no 上年星级 column: every branch has none", async () => {
    const r = await result(q("2026Q4", { ZB001: 95 }, { settings: { 逐级晋升: "是" } }));
    expect(branch(r, "ZB001")).toMatchObject({ previousStars: null, stars: 5, starChange: null });
  });
});
