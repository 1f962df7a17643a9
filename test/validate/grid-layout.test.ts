import { describe, expect, test } from "vitest";
import { num, text } from "../../src/model/cell.js";
import { assessment, branchOf, itemOf, keys, type RuleSpec } from "../helpers/assessment-builder.js";

// Columns in every grid by default: C = 1.1 (4), D = 1.2 (96), E = B1 (2), F = V1.
const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 4 },
  { code: "1.2", type: "基础", area: "甲", points: 96 },
  { code: "B1", type: "加分", area: "加分项", points: 2 },
  { code: "V1", type: "否决", area: "否决项" },
];

function workbook(branches = 2) {
  return assessment().rules(RULES).branches(branches).settings({ 扣分说明要求: "不检查" });
}

describe("grid header row", () => {
  test("found within the first 10 rows (row 10), below title rows; annotation rows 项目名称/分值 skipped", async () => {
    const r = await workbook()
      .scoresA(
        { ZB001: { "1.1": 3 } },
        { headerRow: 9, aboveHeader: [["2026Q3 评分表（党建部门）"], ["说明：请填写分数"]], annotations: ["项目名称", "分值"] },
      )
      .result();
    expect(r.issues).toEqual([]);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: 3, b: 4, final: 3.5 });
  });

  test("a header in row 11 is not found: HEADER_MISSING (fatal) for 评分A/评分B", async () => {
    const r = await workbook().scoresA(undefined, { headerRow: 10 }).result();
    expect(r.status).toBe("fatal");
    expect(keys(r.issues)).toEqual([{ severity: "fatal", code: "HEADER_MISSING", sheet: "评分A", cell: null }]);
  });

  test("the header is the row whose column A is 支部编码 (trimmed); 支部编码 in another column is not a header", async () => {
    const ok = await workbook().scoresB(undefined, { codeHeader: " 支部编码\u3000" }).result();
    expect(ok.status).toBe("final");
    const moved = await workbook()
      .sheet("评分B", [
        [null, "支部编码", "1.1"],
        [null, "ZB001", 4],
      ])
      .result();
    expect(keys(moved.issues)).toEqual([{ severity: "fatal", code: "HEADER_MISSING", sheet: "评分B", cell: null }]);
  });

  test("item columns in any order give the same results", async () => {
    const plain = await workbook()
      .scoresA({ ZB001: { "1.1": 3, B1: 0.5 } })
      .result();
    const shuffled = await workbook()
      .scoresA({ ZB001: { "1.1": 3, B1: 0.5 } }, { columns: ["V1", "B1", "1.2", "1.1"] })
      .result();
    expect(shuffled).toEqual(plain);
    expect(itemOf(plain, "ZB001", "B1")).toMatchObject({ a: 0.5, final: 0.25 });
  });

  test("a number header cell is read as its code (1.1)", async () => {
    const r = await workbook()
      .scoresA(undefined, { columns: [num(1.1), "1.2", "B1", "V1"] })
      .result();
    expect(r.issues).toEqual([]);
  });

  test("annotation rows only directly under the header; the template's 分值 row is not data", async () => {
    const r = await workbook()
      .scoresA(undefined, { annotations: ["分值"] })
      .scoresB(undefined, { annotations: ["项目名称"] })
      .result();
    expect(r.issues).toEqual([]);
    expect(r.branches).toHaveLength(2);
  });

  test("HEADER_ITEM_MISSING: error, no cell, once per grid for a missing column; the item is scored from the other rater", async () => {
    const r = await workbook()
      .scoresA(undefined, { columns: ["1.2", "B1", "V1"] })
      .scoresB({ ZB001: { "1.1": 2 } })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "HEADER_ITEM_MISSING", sheet: "评分A", cell: null }]);
    expect(itemOf(r, "ZB001", "1.1")).toMatchObject({ a: null, b: 2, final: 2, status: "缺评" });
    expect(r.status).toBe("provisional");
  });

  test("HEADER_ITEM_MISSING in both grids: one issue per grid", async () => {
    const cols = { columns: ["1.1", "1.2", "V1"] };
    const r = await workbook().scoresA(undefined, cols).scoresB(undefined, cols).result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "HEADER_ITEM_MISSING", sheet: "评分A", cell: null },
      { severity: "error", code: "HEADER_ITEM_MISSING", sheet: "评分B", cell: null },
    ]);
  });

  test("HEADER_ITEM_DUPLICATE: error on the repeated header cell; the first column counts", async () => {
    const r = await workbook()
      .scoresA({ ZB001: { "1.1": 3 } }, { columns: ["1.1", "1.2", "B1", "V1", "1.1"] })
      .set("评分A", "G2", 1)
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "HEADER_ITEM_DUPLICATE", sheet: "评分A", cell: "G1" }]);
    expect(itemOf(r, "ZB001", "1.1").a).toBe(3);
  });

  test("HEADER_ITEM_UNKNOWN: warning on the header cell, column ignored whatever it holds", async () => {
    const r = await workbook()
      .scoresA(undefined, { columns: ["1.1", "备注", "1.2", "B1", "V1", "9.9"] })
      .set("评分A", "D2", "本季度表现突出")
      .set("评分A", "H3", "#REF!")
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "warning", code: "HEADER_ITEM_UNKNOWN", sheet: "评分A", cell: "D1" },
      { severity: "warning", code: "HEADER_ITEM_UNKNOWN", sheet: "评分A", cell: "H1" },
    ]);
    expect(r.status).toBe("final");
  });

  test("仲裁 and 自评 may omit item columns (no HEADER_ITEM_MISSING)", async () => {
    const r = await workbook()
      .arbitration({ ZB001: { "1.2": 90 } }, { columns: ["1.2"] })
      .self(undefined, { columns: ["1.1"] })
      .scoresA({ ZB001: { "1.2": 96 } })
      .scoresB({ ZB001: { "1.2": 60 } })
      .result();
    expect(r.issues).toEqual([]);
    expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ c: 90, final: 93, status: "已仲裁" });
  });

  test("a 仲裁 without its header row: HEADER_MISSING (error), ignored", async () => {
    const r = await workbook()
      .scoresA({ ZB001: { "1.2": 96 } })
      .scoresB({ ZB001: { "1.2": 60 } })
      .sheet("仲裁", [
        ["编码", "1.2"],
        ["ZB001", 90],
      ])
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "HEADER_MISSING", sheet: "仲裁", cell: null },
      { severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "D2" },
    ]);
    expect(itemOf(r, "ZB001", "1.2")).toMatchObject({ c: null, status: "超差待仲裁" });
  });
});

describe("grid branch rows", () => {
  test("rows in any order; blank rows skipped", async () => {
    const plain = await workbook(3)
      .scoresA({ ZB002: { "1.1": 3.5 } })
      .result();
    const shuffled = await workbook(3)
      .scoresA({ ZB002: { "1.1": 3.5 } }, { rows: ["ZB003", "ZB001", "ZB002"] })
      .patch("评分A", (rows) => [rows[0]!, [], rows[1]!, [text(" ")], rows[2]!, rows[3]!, []])
      .result();
    expect(shuffled).toEqual(plain);
  });

  test("BRANCH_UNKNOWN: error on the 支部编码 cell, row ignored", async () => {
    const r = await workbook()
      .scoresA(undefined, { rows: ["ZB001", "ZB099", "ZB002"] })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_UNKNOWN", sheet: "评分A", cell: "A3" }]);
    expect(r.branches.map((b) => b.code)).toEqual(["ZB001", "ZB002"]);
  });

  test("BRANCH_DUPLICATE: error on the later row's 支部编码 cell; the first row counts", async () => {
    const r = await workbook()
      .scoresA({ ZB001: { "1.1": 3 } }, { rows: ["ZB001", "ZB002", "ZB001"] })
      .set("评分A", "C4", 0)
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_DUPLICATE", sheet: "评分A", cell: "A4" }]);
    expect(itemOf(r, "ZB001", "1.1").a).toBe(3);
  });

  test("the repeated row's cells are not checked", async () => {
    const r = await workbook()
      .scoresA(undefined, { rows: ["ZB001", "ZB002", "ZB002"] })
      .set("评分A", "C4", "abc")
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_DUPLICATE", sheet: "评分A", cell: "A4" }]);
  });

  test("BRANCH_NOT_SCORED: once per grid, no cell, for all the missing branches of that grid", async () => {
    const r = await workbook(4)
      .scoresA(undefined, { rows: ["ZB002"] })
      .scoresB(undefined, { rows: ["ZB001", "ZB002", "ZB003"] })
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "BRANCH_NOT_SCORED", sheet: "评分A", cell: null },
      { severity: "error", code: "BRANCH_NOT_SCORED", sheet: "评分B", cell: null },
    ]);
    expect(r.issues[0]!.message).toContain("ZB001、ZB003、ZB004");
    expect(branchOf(r, "ZB004")).toMatchObject({ base: 0, totalA: 0, totalB: 0 });
    expect(itemOf(r, "ZB004", "1.1")).toMatchObject({ a: null, b: null, final: 0, status: "缺评" });
  });

  test("no BRANCH_NOT_SCORED for 仲裁 and 自评", async () => {
    const r = await workbook(3)
      .arbitration({}, { rows: [] })
      .self(undefined, { rows: ["ZB002"] })
      .result();
    expect(r.issues).toEqual([]);
  });

  test("BRANCH_NAME_MISMATCH: warning on the 支部名称 cell; blank names and surrounding spaces are fine", async () => {
    const r = await workbook(3)
      .scoresA(undefined, { name: (b) => (b.code === "ZB001" ? "第二党支部" : b.code === "ZB002" ? null : ` ${b.code}党支部\u3000`) })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "warning", code: "BRANCH_NAME_MISMATCH", sheet: "评分A", cell: "B2" }]);
    expect(r.status).toBe("final");
  });

  test("BRANCH_CODE_MISSING: a row with content but no 支部编码 (error, on the A cell)", async () => {
    const r = await workbook()
      .scoresA(undefined, { extraRows: [[null, "某支部", 3]] })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_CODE_MISSING", sheet: "评分A", cell: "A4" }]);
  });

  test("in 自评 the row problems are warnings", async () => {
    const r = await workbook()
      .self(undefined, { rows: ["ZB001", "ZB777", "ZB001"], extraRows: [[null, null, 1]], columns: ["1.1", "1.1", "X"] })
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "warning", code: "HEADER_ITEM_DUPLICATE", sheet: "自评", cell: "D1" },
      { severity: "warning", code: "HEADER_ITEM_UNKNOWN", sheet: "自评", cell: "E1" },
      { severity: "warning", code: "BRANCH_UNKNOWN", sheet: "自评", cell: "A3" },
      { severity: "warning", code: "BRANCH_DUPLICATE", sheet: "自评", cell: "A4" },
      { severity: "warning", code: "BRANCH_CODE_MISSING", sheet: "自评", cell: "A5" },
    ]);
    expect(r.status).toBe("final");
  });

  test("in 仲裁 the row problems are errors", async () => {
    const r = await workbook()
      .arbitration({}, { rows: ["ZB777"] })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_UNKNOWN", sheet: "仲裁", cell: "A2" }]);
  });

  test("a rater with no cell (row missing) vs a blank cell: only the blank cell is SCORE_MISSING", async () => {
    const r = await workbook()
      .scoresA(undefined, { rows: ["ZB001"] })
      .set("评分A", "C2", null)
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "SCORE_MISSING", sheet: "评分A", cell: "C2" },
      { severity: "error", code: "BRANCH_NOT_SCORED", sheet: "评分A", cell: null },
    ]);
  });

  test("DISPUTE_PENDING points at 评分A's cell where A's row is (header lower, columns reordered)", async () => {
    const r = await workbook()
      .scoresA(
        { ZB002: { "1.1": 4 } },
        { headerRow: 3, annotations: ["项目名称", "分值"], columns: ["V1", "B1", "1.2", "1.1"], rows: ["ZB002", "ZB001"] },
      )
      .scoresB({ ZB002: { "1.1": 0 } })
      .result();
    // Header in row 4, annotations rows 5–6, ZB002 in row 7; 1.1 is the 4th item column: F.
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "DISPUTE_PENDING", sheet: "评分A", cell: "F7" }]);
  });
});
