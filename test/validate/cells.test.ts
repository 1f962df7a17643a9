import { describe, expect, test } from "vitest";
import { bool, err, EXCEL_ERROR_VALUES, num, text } from "../../src/model/cell.js";
import type { IssueCode } from "../../src/model/issues.js";
import type { ReportedIssue } from "../../src/model/result.js";
import { assessment, branchOf, itemOf, keys, type CellInput, type RuleSpec } from "../helpers/assessment-builder.js";

/**
 * Columns in every grid: C = 1.1 (基础, 4 points), D = 1.2 (基础, 96 points, N/A for 综合管理类),
 * E = B1 (加分, 2 points), F = V1 (否决). Row 2 = ZB001 (生产类), row 3 = ZB002 (综合管理类).
 */
const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 4 },
  { code: "1.2", type: "基础", area: "甲", points: 96, notApplicable: ["综合管理类"] },
  { code: "B1", type: "加分", area: "加分项", points: 2 },
  { code: "V1", type: "否决", area: "否决项" },
];
const BRANCHES = [{ code: "ZB001" }, { code: "ZB002", category: "综合管理类" }];
const COLUMN: Record<string, string> = { "1.1": "C", "1.2": "D", B1: "E", V1: "F" };

function workbook() {
  return assessment().rules(RULES).branches(BRANCHES).settings({ 扣分说明要求: "不检查" });
}

/** Issues about one cell (dispute reports, which point at 评分A cells too, left out). */
function cellIssues(issues: readonly ReportedIssue[], sheet: string, cell: string) {
  return keys(
    issues.filter((i) => i.sheet === sheet && i.cell === cell && i.code !== "DISPUTE_PENDING" && i.code !== "VETO_DISPUTE_PENDING"),
  );
}

/** Writes one value into 评分A at (branch, item) and returns the result, the issues on that cell and A's value. */
async function scoreA(item: string, value: CellInput, branch = "ZB001") {
  const cell = `${COLUMN[item]}${branch === "ZB001" ? 2 : 3}`;
  const r = await workbook().set("评分A", cell, value).result();
  return { r, issues: cellIssues(r.issues, "评分A", cell), a: r.items.find((i) => i.branch === branch && i.item === item)?.a, cell };
}

const issue = (code: IssueCode, cell: string, severity: "error" | "warning" = "error", sheet = "评分A") => ({
  severity,
  code,
  sheet,
  cell,
});

describe("grid cells: 基础 items", () => {
  test.each<[string, CellInput, number]>([
    ["0", 0, 0],
    ["分值", 4, 4],
    ["two decimals", 3.25, 3.25],
    ["a formula's 0.30000000000000004 (15 significant digits)", 0.1 + 0.2, 0.3],
    ["a formula's 3.5000000000000004", 3.5000000000000004, 3.5],
  ])("a number (%s) is accepted silently", async (_, v, value) => {
    const { issues, a } = await scoreA("1.1", v);
    expect(issues).toEqual([]);
    expect(a).toBe(value);
  });

  test("blank: SCORE_MISSING (error) in 评分A and 评分B", async () => {
    const r = await workbook().set("评分A", "C2", null).set("评分B", "D2", text("  ")).result();
    expect(keys(r.issues, "SCORE_MISSING")).toEqual([issue("SCORE_MISSING", "C2"), issue("SCORE_MISSING", "D2", "error", "评分B")]);
  });

  test.each<[string, CellInput, number]>([
    ["full-width ３．５", "３．５", 3.5],
    ["text 3.500 (decimals counted on the value)", "3.500", 3.5],
    ["text +3", "+3", 3],
    ["text with spaces", " 3.5\u3000", 3.5],
  ])("text holding a number (%s) is accepted with SCORE_NORMALIZED (warning)", async (_, v, value) => {
    const { issues, a, r } = await scoreA("1.1", v);
    expect(issues).toEqual([issue("SCORE_NORMALIZED", "C2", "warning")]);
    expect(a).toBe(value);
    expect(r.status).toBe("final");
  });

  test.each<[string, CellInput, IssueCode]>([
    ["above 分值", 4.01, "SCORE_OUT_OF_RANGE"],
    ["below 0", -0.5, "SCORE_OUT_OF_RANGE"],
    ["text -1", "-1", "SCORE_OUT_OF_RANGE"],
    ["three decimals", 3.255, "SCORE_PRECISION"],
    ["38.456 whatever its display format", 38.456, "SCORE_PRECISION"],
    ["text with 3 decimals", "3.125", "SCORE_PRECISION"],
    ["text 3 decimals and out of range: precision comes first", "-3.555", "SCORE_PRECISION"],
    ["text", "优秀", "SCORE_NOT_NUMBER"],
    ["a decimal comma", "3,5", "SCORE_NOT_NUMBER"],
    ["exponent notation", "1e0", "SCORE_NOT_NUMBER"],
    ["a boolean", bool(true), "SCORE_NOT_NUMBER"],
    ["text TRUE", "TRUE", "SCORE_NOT_NUMBER"],
    ["a date-formatted number", num(3, true), "SCORE_NOT_NUMBER"],
    ["an error cell", err("#DIV/0!"), "CELL_ERROR_VALUE"],
    ["an error value typed as text, lower case", "#n/a", "CELL_ERROR_VALUE"],
    ["不适用 where the item applies", "不适用", "SCORE_NA_NOT_ALLOWED"],
    ["N/A where the item applies", "n/a", "SCORE_NA_NOT_ALLOWED"],
    ["NA", "NA", "SCORE_NA_NOT_ALLOWED"],
    ["full-width ＮＡ", "ＮＡ", "SCORE_NA_NOT_ALLOWED"],
    ["/", "/", "SCORE_NA_NOT_ALLOWED"],
    ["—", "—", "SCORE_NA_NOT_ALLOWED"],
    ["-", " - ", "SCORE_NA_NOT_ALLOWED"],
  ])("%s → one issue, the first that applies (%s), an error; the cell counts as blank with no SCORE_MISSING", async (_, v, code) => {
    const { issues, a, r } = await scoreA("1.1", v);
    expect(issues).toEqual([issue(code, "C2")]);
    expect(a).toBeNull();
    expect(keys(r.issues, "SCORE_MISSING")).toEqual([]);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ status: "缺评", final: 4 });
    expect(r.status).toBe("provisional");
  });

  test("the error values are workbook.md's, in its order", () => {
    expect(EXCEL_ERROR_VALUES.join(" ")).toBe(
      "#N/A #REF! #VALUE! #DIV/0! #NAME? #NUM! #NULL! #SPILL! #CALC! #GETTING_DATA #FIELD! #BLOCKED! #CONNECT! #UNKNOWN! #BUSY! #PYTHON! #EXTERNAL!",
    );
  });

  test.each(EXCEL_ERROR_VALUES)("error value %s, as an error cell or as text in either case → CELL_ERROR_VALUE", async (e) => {
    for (const v of [err(e), text(e), text(e.toLowerCase()), text(` ${e} `)]) {
      const { issues } = await scoreA("1.1", v);
      expect(issues).toEqual([issue("CELL_ERROR_VALUE", "C2")]);
    }
  });

  test("'#N/A!' or '#ABC' typed as text is not an error value but text", async () => {
    expect((await scoreA("1.1", "#ABC")).issues).toEqual([issue("SCORE_NOT_NUMBER", "C2")]);
  });

  describe("an item that does not apply to the branch's category", () => {
    test.each<[string, CellInput]>([
      ["blank", null],
      ["不适用", "不适用"],
      ["N/A", "N/A"],
      ["na", "na"],
      ["/", "/"],
      ["—", "—"],
      ["-", "-"],
      ["full-width －", "－"],
    ])("%s: accepted silently, status 不适用", async (_, v) => {
      const { issues, r } = await scoreA("1.2", v, "ZB002");
      expect(issues).toEqual([]);
      expect(itemOf(r, "ZB002", "1.2")).toMatchObject({ status: "不适用", final: null });
      expect(r.status).toBe("final");
    });

    test.each<[string, CellInput]>([
      ["a number", 3],
      ["an out-of-range number", 500],
      ["text", "abc"],
      ["a boolean", bool(false)],
    ])("%s: SCORE_NA_IGNORED (warning), ignored", async (_, v) => {
      const { issues, r } = await scoreA("1.2", v, "ZB002");
      expect(issues).toEqual([issue("SCORE_NA_IGNORED", "D3", "warning")]);
      expect(itemOf(r, "ZB002", "1.2")).toMatchObject({ status: "不适用", final: null });
      expect(branchOf(r, "ZB002").base).toBe(100);
      expect(r.status).toBe("final");
    });

    test("an error value comes first: CELL_ERROR_VALUE (error)", async () => {
      const { issues } = await scoreA("1.2", err("#REF!"), "ZB002");
      expect(issues).toEqual([issue("CELL_ERROR_VALUE", "D3")]);
    });
  });
});

describe("grid cells: 加分 items", () => {
  test("blank counts as 0 with no issue", async () => {
    const { issues, a, r } = await scoreA("B1", null);
    expect(issues).toEqual([]);
    expect(a).toBe(0);
    expect(r.status).toBe("final");
  });

  test.each<[string, CellInput, number]>([
    ["number", 1.5, 1.5],
    ["分值", 2, 2],
  ])("a %s 0…分值 is accepted", async (_, v, value) => {
    const { issues, a } = await scoreA("B1", v);
    expect(issues).toEqual([]);
    expect(a).toBe(value);
  });

  test("text number: SCORE_NORMALIZED (warning)", async () => {
    const { issues, a } = await scoreA("B1", "１");
    expect(issues).toEqual([issue("SCORE_NORMALIZED", "E2", "warning")]);
    expect(a).toBe(1);
  });

  test.each<[string, CellInput, IssueCode]>([
    ["不适用 (not allowed on bonus items)", "不适用", "SCORE_NOT_NUMBER"],
    ["N/A", "N/A", "SCORE_NOT_NUMBER"],
    ["above 分值", 2.5, "SCORE_OUT_OF_RANGE"],
    ["three decimals", 0.125, "SCORE_PRECISION"],
    ["an error value", err("#VALUE!"), "CELL_ERROR_VALUE"],
    ["text", "有", "SCORE_NOT_NUMBER"],
  ])("%s → %s (error); counts as 0", async (_, v, code) => {
    const { issues, a } = await scoreA("B1", v);
    expect(issues).toEqual([issue(code, "E2")]);
    expect(a).toBe(0);
  });
});

describe("grid cells: 否决 items", () => {
  const both = (v: CellInput) => workbook().set("评分A", "F2", v).set("评分B", "F2", v).result();

  test.each<[string, CellInput, boolean]>([
    ["是", "是", true],
    ["否", "否", false],
    ["Y", "Y", true],
    ["y", "y", true],
    ["N", "N", false],
    ["n", " n ", false],
    ["number 1", 1, true],
    ["number 0", 0, false],
    ["text 1", "1", true],
    ["text 0", "0", false],
    ["full-width １", "１", true],
    ["boolean TRUE", bool(true), true],
    ["boolean FALSE", bool(false), false],
    ["text true", "true", true],
    ["text FALSE", "FALSE", false],
    ["√", "√", true],
    ["×", "×", false],
    ["blank", null, false],
  ])("%s is accepted", async (_, v, vetoed) => {
    const r = await both(v);
    expect(cellIssues(r.issues, "评分A", "F2")).toEqual([]);
    expect(branchOf(r, "ZB001").vetoed).toBe(vetoed);
    expect(r.status).toBe("final");
  });

  test.each<[string, CellInput, IssueCode]>([
    ["有", "有", "VETO_INVALID"],
    ["x", "x", "VETO_INVALID"],
    ["number 2", 2, "VETO_INVALID"],
    ["number 1 formatted as a date", num(1, true), "VETO_INVALID"],
    ["不适用 (in 评分A)", "不适用", "VETO_INVALID"],
    ["是的", "是的", "VETO_INVALID"],
    ["an error value", err("#NAME?"), "CELL_ERROR_VALUE"],
  ])("%s → %s (error) in each rater's grid; counts as 否", async (_, v, code) => {
    const r = await both(v);
    expect(cellIssues(r.issues, "评分A", "F2")).toEqual([issue(code, "F2")]);
    expect(cellIssues(r.issues, "评分B", "F2")).toEqual([issue(code, "F2", "error", "评分B")]);
    expect(branchOf(r, "ZB001").vetoed).toBe(false);
    expect(keys(r.issues, "VETO_DISPUTE_PENDING")).toEqual([]);
  });
});

describe("grid cells: severities by sheet", () => {
  const bad: [string, CellInput, IssueCode][] = [
    ["C2", 9, "SCORE_OUT_OF_RANGE"],
    ["E2", "x", "SCORE_NOT_NUMBER"],
    ["F2", "maybe", "VETO_INVALID"],
    ["D3", 5, "SCORE_NA_IGNORED"],
  ];

  test("in 仲裁: errors (SCORE_NA_IGNORED stays a warning)", async () => {
    const x = workbook().arbitration({}, { rows: ["ZB001", "ZB002"] });
    for (const [cell, v] of bad) x.set("仲裁", cell, v);
    const r = await x.result();
    expect(keys(r.issues.filter((i) => i.sheet === "仲裁"))).toEqual([
      issue("SCORE_OUT_OF_RANGE", "C2", "error", "仲裁"),
      issue("SCORE_NOT_NUMBER", "E2", "error", "仲裁"),
      issue("VETO_INVALID", "F2", "error", "仲裁"),
      issue("SCORE_NA_IGNORED", "D3", "warning", "仲裁"),
    ]);
  });

  test("in 自评: warnings only; the status stays final", async () => {
    const x = workbook().self();
    for (const [cell, v] of bad) x.set("自评", cell, v);
    const r = await x.result();
    expect(keys(r.issues)).toEqual([
      issue("SCORE_OUT_OF_RANGE", "C2", "warning", "自评"),
      issue("SCORE_NOT_NUMBER", "E2", "warning", "自评"),
      issue("VETO_INVALID", "F2", "warning", "自评"),
      issue("SCORE_NA_IGNORED", "D3", "warning", "自评"),
    ]);
    expect(r.status).toBe("final");
  });

  test("in 自评 blank base cells count as 0 without SCORE_MISSING", async () => {
    const r = await workbook()
      .self(() => null)
      .result();
    expect(r.issues).toEqual([]);
    expect(branchOf(r, "ZB001").selfTotal).toBe(0);
  });

  test("in 仲裁 a not-applicable token means no arbitration, on base, bonus and veto items", async () => {
    const r = await workbook()
      .scoresA({ ZB001: { "1.1": 4, B1: 2, V1: "是" } })
      .scoresB({ ZB001: { "1.1": 1, B1: 0, V1: "否" } })
      .arbitration({ ZB001: { "1.1": "不适用", B1: "N/A", V1: "/" } })
      .result();
    expect(r.issues.filter((i) => i.sheet === "仲裁")).toEqual([]);
    expect(keys(r.issues)).toEqual([issue("DISPUTE_PENDING", "C2"), issue("DISPUTE_PENDING", "E2"), issue("VETO_DISPUTE_PENDING", "F2")]);
  });

  test("SCORE_NORMALIZED is a warning in every grid", async () => {
    const r = await workbook()
      .set("评分B", "C2", "4")
      .arbitration({}, { rows: ["ZB001"] })
      .set("仲裁", "E2", "1")
      .result();
    expect(keys(r.issues, "SCORE_NORMALIZED")).toEqual([
      issue("SCORE_NORMALIZED", "C2", "warning", "评分B"),
      issue("SCORE_NORMALIZED", "E2", "warning", "仲裁"),
    ]);
  });
});

describe("grid cells: an invalid cell and the other rater", () => {
  test("an invalid base cell against a valid one: 缺评, no dispute, no SCORE_MISSING", async () => {
    const r = await workbook().set("评分A", "C2", "abc").set("评分B", "C2", 1).result();
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: null, b: 1, final: 1, status: "缺评" });
    expect(keys(r.issues)).toEqual([issue("SCORE_NOT_NUMBER", "C2")]);
  });

  test("an invalid bonus cell counts as 0 and the dispute it creates is still reported", async () => {
    const r = await workbook().set("评分A", "E2", 9).set("评分B", "E2", 2).result();
    expect(itemOf(r, "ZB001", "B1")).toMatchObject({ a: 0, b: 2, status: "超差待仲裁", final: 1 });
    expect(keys(r.issues)).toEqual([issue("SCORE_OUT_OF_RANGE", "E2"), issue("DISPUTE_PENDING", "E2")]);
  });

  test("an invalid veto cell counts as 否 and the dispute it creates is still reported", async () => {
    const r = await workbook().set("评分A", "F2", "?").set("评分B", "F2", "是").result();
    expect(keys(r.issues)).toEqual([issue("VETO_INVALID", "F2"), issue("VETO_DISPUTE_PENDING", "F2")]);
    expect(branchOf(r, "ZB001")).toMatchObject({ vetoed: true, pending: 1 });
  });
});
