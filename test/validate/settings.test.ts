import { describe, expect, test } from "vitest";
import { num, err, bool, text } from "../../src/model/cell.js";
import { assessment, keys, type CellInput } from "../helpers/assessment-builder.js";

const PERIOD: CellInput[] = ["考核周期", "2026Q3"];

/** Validates a workbook whose 考核设置 holds exactly these rows under the header (row 1). */
async function withSettings(rows: readonly (readonly CellInput[])[]) {
  return assessment().branches(1).settingsRows(rows).result();
}

const SETTING_CODES = ["SETTING_INVALID", "SETTING_UNKNOWN", "PERIOD_MISSING"] as const;

describe("考核设置: 考核周期", () => {
  test.each([
    ["2026Q3", "2026Q3"],
    ["2026-Q3", "2026Q3"],
    ["2026q3", "2026Q3"],
    ["2026-q1", "2026Q1"],
    ["2026年第三季度", "2026Q3"],
    ["2026年第3季度", "2026Q3"],
    ["2026年三季度", "2026Q3"],
    ["2026年3季度", "2026Q3"],
    ["2026年第四季度", "2026Q4"],
    ["2026年第一季度", "2026Q1"],
    ["2025年二季度", "2025Q2"],
    ["２０２６-q3", "2026Q3"],
    ["２０２６年第３季度", "2026Q3"],
    [" 2026 - Q 3 ", "2026Q3"],
    ["2026 年 第三 季度", "2026Q3"],
    ["\u30002026Q3\u00a0", "2026Q3"],
  ])("%j is accepted as %s", async (typed, period) => {
    const r = await withSettings([["考核周期", typed]]);
    expect(r.period).toBe(period);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
  });

  test.each([["2026Q5"], ["2026Q0"], ["2026年第五季度"], ["26Q3"], ["2026-03"], ["2026 年第三季"], ["Q3 2026"], ["2026QQ3"]])(
    "invalid %j: only SETTING_INVALID on the 值 cell (no PERIOD_MISSING), period null",
    async (typed) => {
      const r = await withSettings([["考核周期", typed]]);
      expect(r.period).toBeNull();
      expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B2" }]);
      expect(r.status).toBe("provisional");
    },
  );

  test("a number, a date-formatted number, a boolean or an error value is not a period", async () => {
    for (const v of [num(2026), num(46000, true), bool(true), err("#N/A")]) {
      const r = await withSettings([["考核周期", v]]);
      expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B2" }]);
      expect(r.period).toBeNull();
    }
  });

  test("absent → PERIOD_MISSING (error, sheet 考核设置, no cell)", async () => {
    const r = await withSettings([["评分A名称", "党委"]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "PERIOD_MISSING", sheet: "考核设置", cell: null }]);
    expect(r.period).toBeNull();
  });

  test("blank value (or whitespace only) → PERIOD_MISSING", async () => {
    for (const v of [null, "   ", "\u3000"]) {
      const r = await withSettings([["考核周期", v]]);
      expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "PERIOD_MISSING", sheet: "考核设置", cell: null }]);
    }
  });
});

describe("考核设置: values, defaults and fallbacks", () => {
  test("an empty table takes every default with no issue but PERIOD_MISSING", async () => {
    const r = await withSettings([]);
    expect(r.settings).toEqual({
      tolerance: 0.25,
      arbitration: "三评取近",
      bonusCap: 5,
      vetoStarCap: 1,
      vetoLast: true,
      starThresholds: [90, 80, 70, 60],
      ranking: "并列跳位",
      raterAName: "党建部门",
      raterBName: "业务部门",
      deductionNotes: "提示",
    });
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "PERIOD_MISSING", sheet: "考核设置", cell: null }]);
  });

  test("every setting accepted", async () => {
    const r = await withSettings([
      PERIOD,
      ["评分A名称", "党委组织部"],
      ["评分B名称", 2026],
      ["分差阈值比例", "0.3"],
      ["仲裁规则", "仲裁为准"],
      ["加分上限", "3.5"],
      ["否决星级上限", 0],
      ["否决排末位", "否"],
      ["星级阈值", "95，85、75, 65"],
      ["排名方式", "中国式"],
      ["扣分说明要求", "不检查"],
    ]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
    expect(r.settings).toEqual({
      tolerance: 0.3,
      arbitration: "仲裁为准",
      bonusCap: 3.5,
      vetoStarCap: 0,
      vetoLast: false,
      starThresholds: [95, 85, 75, 65],
      ranking: "中国式",
      raterAName: "党委组织部",
      raterBName: "2026",
      deductionNotes: "不检查",
    });
  });

  test.each<[string, CellInput, number]>([
    ["0.25", "0.25", 0.25],
    ["25%", "25%", 0.25],
    ["30 %", "30 %", 0.3],
    ["12.5%", "12.5%", 0.125],
    ["100%", "100%", 1],
    ["1", "1", 1],
    ["number 0.5", 0.5, 0.5],
    ["full-width ０．３", "０．３", 0.3],
    ["a formula's 0.30000000000000004", 0.30000000000000004, 0.3],
    ["many decimals 0.333", "0.333", 0.333],
  ])("分差阈值比例 %s is accepted", async (_, v, ratio) => {
    const r = await withSettings([PERIOD, ["分差阈值比例", v]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
    expect(r.settings!.tolerance).toBe(ratio);
  });

  // Each invalid value: SETTING_INVALID on the 值 cell (B3), the default kept.
  const INVALID: [string, CellInput, string, unknown][] = [
    ["分差阈值比例", "0", "tolerance", 0.25],
    ["分差阈值比例", "1.01", "tolerance", 0.25],
    ["分差阈值比例", "101%", "tolerance", 0.25],
    ["分差阈值比例", "-0.2", "tolerance", 0.25],
    ["分差阈值比例", "%", "tolerance", 0.25],
    ["分差阈值比例", "abc", "tolerance", 0.25],
    ["分差阈值比例", num(0.25, true), "tolerance", 0.25],
    ["仲裁规则", "取平均", "arbitration", "三评取近"],
    ["加分上限", "2.555", "bonusCap", 5],
    ["加分上限", "-1", "bonusCap", 5],
    ["加分上限", num(3, true), "bonusCap", 5],
    ["加分上限", "五", "bonusCap", 5],
    ["加分上限", -1, "bonusCap", 5],
    ["加分上限", 2.555, "bonusCap", 5],
    ["分差阈值比例", -0.25, "tolerance", 0.25],
    ["否决星级上限", "6", "vetoStarCap", 1],
    ["否决星级上限", "1.5", "vetoStarCap", 1],
    ["否决星级上限", "-1", "vetoStarCap", 1],
    ["否决排末位", "Y", "vetoLast", true],
    ["否决排末位", bool(false), "vetoLast", true],
    ["星级阈值", "90,80,70", "starThresholds", [90, 80, 70, 60]],
    ["星级阈值", "90,90,70,60", "starThresholds", [90, 80, 70, 60]],
    ["星级阈值", "60,70,80,90", "starThresholds", [90, 80, 70, 60]],
    ["星级阈值", "90,80,70,-60", "starThresholds", [90, 80, 70, 60]],
    ["星级阈值", "90;80;70;60", "starThresholds", [90, 80, 70, 60]],
    ["星级阈值", "90,80,,60", "starThresholds", [90, 80, 70, 60]],
    ["排名方式", "并列", "ranking", "并列跳位"],
    ["扣分说明要求", "可选", "deductionNotes", "提示"],
  ];
  test.each(INVALID)("%s = %j → SETTING_INVALID on B3, default kept", async (name, v, field, fallback) => {
    const r = await withSettings([PERIOD, [name, v]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([{ severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B3" }]);
    expect((r.settings as Record<string, unknown>)[field]).toEqual(fallback);
    expect(r.status).toBe("provisional");
  });

  test('否决星级上限: an integer typed as a plain number with trailing zeros ("2.0", "３") is an integer', async () => {
    for (const [v, cap] of [
      ["2.0", 2],
      ["３", 3],
      ["0.00", 0],
      [num(4), 4],
    ] as const) {
      const r = await withSettings([PERIOD, ["否决星级上限", v]]);
      expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
      expect(r.settings!.vetoStarCap).toBe(cap);
    }
  });

  test("a blank 值 takes the default with no issue", async () => {
    const r = await withSettings([PERIOD, ["加分上限", null], ["评分A名称", " "]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
    expect(r.settings).toMatchObject({ bonusCap: 5, raterAName: "党建部门" });
  });

  test("plain numbers as text in 考核设置 are accepted without warning (６０, 40.000)", async () => {
    const r = await withSettings([PERIOD, ["加分上限", "4.000"], ["星级阈值", "９０,８０,７０,６０"]]);
    expect(r.issues.filter((i) => i.sheet === "考核设置")).toEqual([]);
    expect(r.settings).toMatchObject({ bonusCap: 4, starThresholds: [90, 80, 70, 60] });
  });

  test("an unknown 设置项 is a warning on its 设置项 cell, every such row", async () => {
    const r = await withSettings([PERIOD, ["考核年度", "2026"], ["评分C名称", "纪委"], ["考核年度", null]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([
      { severity: "warning", code: "SETTING_UNKNOWN", sheet: "考核设置", cell: "A3" },
      { severity: "warning", code: "SETTING_UNKNOWN", sheet: "考核设置", cell: "A4" },
      { severity: "warning", code: "SETTING_UNKNOWN", sheet: "考核设置", cell: "A5" },
    ]);
    expect(r.status).toBe("final");
  });

  test("a value with a blank 设置项 is SETTING_INVALID on the 设置项 cell", async () => {
    const r = await withSettings([PERIOD, [null, "0.3"], ["  ", "是"]]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([
      { severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "A3" },
      { severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "A4" },
    ]);
  });

  test("a repeated 设置项: the first non-blank value counts, a later non-blank one is SETTING_INVALID on its 值 cell", async () => {
    const r = await withSettings([
      PERIOD,
      ["加分上限", null],
      ["加分上限", "3"],
      ["加分上限", "4"],
      ["加分上限", null],
      ["考核周期", "2026Q4"],
    ]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([
      { severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B5" },
      { severity: "error", code: "SETTING_INVALID", sheet: "考核设置", cell: "B7" },
    ]);
    expect(r.settings!.bonusCap).toBe(3);
    expect(r.period).toBe("2026Q3");
  });

  test("setting names and values are trimmed (U+3000, NBSP)", async () => {
    const r = await withSettings([
      [" 考核周期\u3000", "2026Q2"],
      ["\u00a0排名方式", " 中国式\u3000"],
    ]);
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
    expect(r.period).toBe("2026Q2");
    expect(r.settings!.ranking).toBe("中国式");
  });

  test("the header row may be below a title, with columns in any order and extra columns", async () => {
    const r = await assessment()
      .branches(1)
      .sheet("考核设置", [
        ["考核设置说明"],
        [],
        ["备注", "值", "设置项"],
        ["", "2026年第二季度", "考核周期"],
        ["x", "中国式", "排名方式"],
        ["", "7", "加分上限 "],
      ])
      .result();
    expect(keys(r.issues, ...SETTING_CODES)).toEqual([]);
    expect(r.period).toBe("2026Q2");
    expect(r.settings).toMatchObject({ ranking: "中国式", bonusCap: 7 });
  });

  test("the settings actually drive the scoring (加分上限, 仲裁规则 from text cells)", async () => {
    const r = await assessment()
      .branches(1)
      .settings({ 加分上限: text("1"), 仲裁规则: "仲裁为准" })
      .scoresA({ ZB001: { B1: 2, "1.1": 4 } })
      .scoresB({ ZB001: { B1: 2, "1.1": 1 } })
      .arbitration({ ZB001: { "1.1": 2.2 } })
      .result();
    expect(r.branches[0]).toMatchObject({ bonus: 1, base: 98.2 });
  });
});
