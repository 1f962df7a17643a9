import { describe, expect, it } from "vitest";
import { denseRows } from "../helpers/sheet-values.js";
import { num, text, type Cell } from "../../src/model/cell.js";
import type { IssueCode } from "../../src/model/issues.js";
import { MAX_POINTS } from "../../src/model/rules.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { runAssessment } from "../../src/pipeline.js";
import { assessment, codes, type AssessmentBuilder } from "../helpers/assessment-builder.js";
import { buildXlsx } from "../helpers/xlsx-fixture.js";

/** Every number anywhere in a value that is not finite (JSON would write it as null). */
function nonFinite(x: unknown, path = "", out: string[] = []): string[] {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) out.push(`${path} = ${x}`);
  } else if (Array.isArray(x)) x.forEach((y, i) => nonFinite(y, `${path}[${i}]`, out));
  else if (x !== null && typeof x === "object") for (const [k, y] of Object.entries(x)) nonFinite(y, `${path}.${k}`, out);
  return out;
}

const EXTREMES: readonly [string, Cell][] = [
  ["1E+308", num(1e308)],
  ["-1E+308", num(-1e308)],
  ["the largest double", num(Number.MAX_VALUE)],
  ["5E-324", num(5e-324)],
  ["1E+21", num(1e21)],
  ["2^53 + 1", num(2 ** 53 + 1)],
  ["text 1E+308", text("1E+308")],
  ["text of 400 nines", text("9".repeat(400))],
  ["text 0.000…1 (400 decimals)", text(`0.${"0".repeat(399)}1`)],
];

const setRule = (row: (r: Cell[][]) => number, col: number, v: Cell) => (b: AssessmentBuilder) =>
  b.patch("评分细则", (rows) => {
    const r = row(rows);
    rows[r] = [...rows[r]!];
    rows[r][col] = v;
    return rows;
  });
const firstBonusRow = (rows: Cell[][]) => rows.findIndex((r) => r[1]?.kind === "text" && r[1].value === "加分");

/** Where a number goes, and the issue it must give there for every extreme value. */
const PLACES: readonly [string, (b: AssessmentBuilder, v: Cell) => AssessmentBuilder, IssueCode][] = [
  ["a 基础 分值", (b, v) => setRule(() => 1, 4, v)(b), "RULE_INVALID"],
  ["a 加分 分值", (b, v) => setRule(firstBonusRow, 4, v)(b), "RULE_INVALID"],
  ["a 分差阈值", (b, v) => setRule(() => 1, 7, v)(b), "RULE_INVALID"],
  ["加分上限", (b, v) => b.settings({ 加分上限: v }), "SETTING_INVALID"],
  ["分差阈值比例", (b, v) => b.settings({ 分差阈值比例: v }), "SETTING_INVALID"],
  ["否决星级上限", (b, v) => b.settings({ 否决星级上限: v }), "SETTING_INVALID"],
  ["a 星级阈值", (b, v) => b.settings({ 星级阈值: v?.kind === "text" ? text(`${v.value},80,70,60`) : v }), "SETTING_INVALID"],
  ["a rater's 基础 score", (b, v) => b.scoresA({ ZB001: { "1.1": v } }), "SCORE_OUT_OF_RANGE"],
  ["a rater's 加分 score", (b, v) => b.scoresB({ ZB002: { B1: v } }), "SCORE_OUT_OF_RANGE"],
  ["an arbitration score", (b, v) => b.arbitration({ ZB001: { "1.1": v } }), "SCORE_OUT_OF_RANGE"],
  ["a self-assessment score", (b, v) => b.self({ ZB003: { "1.1": v } }), "SCORE_OUT_OF_RANGE"],
  ["a 否决 cell", (b, v) => b.scoresA({ ZB001: { V1: v } }), "VETO_INVALID"],
];

/** Scores: text that is no number, and tiny or over-precise numbers, have their own codes; a tiny ratio is a ratio. */
function expectedCode(placeName: string, place: IssueCode, name: string, v: Cell): IssueCode | null {
  const tiny = name === "5E-324" || name.startsWith("text 0.000");
  if (placeName === "分差阈值比例" && tiny) return null;
  if (place !== "SCORE_OUT_OF_RANGE") return place;
  if (v?.kind === "text" && name === "text 1E+308") return "SCORE_NOT_NUMBER";
  if (tiny) return "SCORE_PRECISION";
  return place;
}

describe("extreme numbers in rules, settings and grids", () => {
  describe.each(PLACES)("in %s", (place, put, code) => {
    it.each(EXTREMES)("%s gives its issue, no crash, and no NaN or Infinity in the result or the sheets", async (name, v) => {
      const { result, sheets } = await put(assessment().branches(3), v).run();
      const expected = expectedCode(place, code, name, v);
      if (expected === null) expect(codes(result.issues)).toEqual([]);
      else expect(codes(result.issues)).toContain(expected);
      expect(nonFinite(result)).toEqual([]);
      expect(nonFinite(sheets.map((s) => s.rows))).toEqual([]);
    });
  });

  it("takes -0 as 0 and keeps values up to the bound", async () => {
    const r = await assessment()
      .branches(2)
      .settings({ 加分上限: num(-0), 星级阈值: `${MAX_POINTS},80,70,60` })
      .scoresA({ ZB001: { B1: num(-0) } })
      .result();
    expect(codes(r.issues)).toEqual([]);
    expect(r.settings!.bonusCap).toBe(0);
    expect(Object.is(r.settings!.bonusCap, -0)).toBe(false);
    expect(r.settings!.starThresholds).toEqual([MAX_POINTS, 80, 70, 60]);
    const big = await assessment()
      .branches(1)
      .rules([{ code: "1.1", type: "基础", area: "甲", points: MAX_POINTS, tolerance: MAX_POINTS }])
      .scores({ ZB001: { "1.1": MAX_POINTS } })
      .result();
    expect(big.status).toBe("final");
    expect(big.branches[0]!.base).toBe(100);
  });

  it("reads extreme numbers stored in a file: scores out of range, a number beyond a double as text", async () => {
    const build = assessment()
      .branches(1)
      .rules([{ code: "1.1", type: "基础", area: "甲", points: 100 }]);
    const snap = build.build().snapshot();
    const sheets = [...snap.sheets.values()].map((g) => ({
      name: g.name,
      rows: denseRows(g)
        .map(
          (r, i) =>
            `<row r="${i + 1}">${r.map((c, j) => (c === null ? "" : `<c r="${String.fromCharCode(65 + j)}${i + 1}"${c.kind === "number" ? `><v>${g.name === "评分A" && i > 0 && j === 2 ? "1.7976931348623157E+308" : g.name === "评分B" && i > 0 && j === 2 ? "1E+309" : c.value}</v>` : ` t="inlineStr"><is><t>${String(c.value)}</t></is>`}</c>`)).join("")}</row>`,
        )
        .join(""),
    }));
    const { result } = await runAssessment(new XlsxReader(buildXlsx({ sheets })), null, { now: new Date(2026, 9, 1) });
    expect(result.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual(
      expect.arrayContaining([
        ["SCORE_OUT_OF_RANGE", "评分A", "C2"],
        ["SCORE_NOT_NUMBER", "评分B", "C2"],
      ]),
    );
    expect(nonFinite(result)).toEqual([]);
  });
});
