import { describe, expect, test } from "vitest";
import { num } from "../../src/model/cell.js";
import { assessment, keys, type NoteRow, type RuleSpec } from "../helpers/assessment-builder.js";

// Columns: C = 1.1 (4), D = 1.2 (96, N/A for 综合管理类), E = B1 (2). Rows: 2 = ZB001, 3 = ZB002.
const RULES: readonly RuleSpec[] = [
  { code: "1.1", type: "基础", area: "甲", points: 4 },
  { code: "1.2", type: "基础", area: "甲", points: 96, notApplicable: ["综合管理类"] },
  { code: "B1", type: "加分", area: "加分项", points: 2 },
];

/** ZB001: A gives 1.1 = 3, B gives 1.1 = 3.5 — two deductions; B1 below its 分值 needs no note. */
function workbook(requirement?: string) {
  return assessment()
    .rules(RULES)
    .branches([{ code: "ZB001" }, { code: "ZB002", category: "综合管理类" }])
    .settings(requirement === undefined ? {} : { 扣分说明要求: requirement })
    .scoresA({ ZB001: { "1.1": 3, B1: 1 } })
    .scoresB({ ZB001: { "1.1": 3.5, B1: 1 } });
}
const note = (branch: string, item: string, rater: string, text = "未按要求开展学习"): NoteRow => ({ branch, item, rater, note: text });
const missing = (severity: "error" | "warning", sheet: string, cell: string | null) =>
  ({ severity, code: "DEDUCTION_NOTE_MISSING", sheet, cell }) as const;

describe("扣分说明 (deduction notes)", () => {
  test("必填: each deduction without a note is an error on the score's cell in that rater's grid", async () => {
    const r = await workbook("必填").notes([]).result();
    expect(keys(r.issues)).toEqual([missing("error", "评分A", "C2"), missing("error", "评分B", "C2")]);
    expect(r.status).toBe("provisional");
  });

  test("提示 (the default): the same as warnings", async () => {
    const r = await workbook().notes([]).result();
    expect(keys(r.issues)).toEqual([missing("warning", "评分A", "C2"), missing("warning", "评分B", "C2")]);
    expect(r.status).toBe("final");
  });

  test("不检查: nothing is checked and the sheet is not read (no HEADER_MISSING either)", async () => {
    const r = await workbook("不检查")
      .sheet("扣分说明", [["乱写的表"]])
      .result();
    expect(r.issues).toEqual([]);
  });

  test("a note per branch, item and rater; 评分方 A, B or the configured names", async () => {
    const byLetter = await workbook("必填")
      .notes([note("ZB001", "1.1", "A"), note("ZB001", "1.1", "B")])
      .result();
    expect(byLetter.issues).toEqual([]);
    const byName = await workbook("必填")
      .settings({ 评分A名称: "组织部", 评分B名称: "生产部" })
      .notes([note("ZB001", "1.1", "组织部"), note("ZB001", "1.1", " 生产部 ")])
      .result();
    expect(byName.issues).toEqual([]);
  });

  test("the default rater names 党建部门 / 业务部门 count when not renamed", async () => {
    const r = await workbook("必填")
      .notes([note("ZB001", "1.1", "党建部门"), note("ZB001", "1.1", "业务部门")])
      .result();
    expect(r.issues).toEqual([]);
  });

  test("a note for the other rater, another item, another branch, by 仲裁, or with a blank 说明 does not count", async () => {
    const r = await workbook("必填")
      .notes([
        note("ZB001", "1.1", "B"),
        note("ZB001", "1.2", "A"),
        note("ZB002", "1.1", "A"),
        note("ZB001", "1.1", "仲裁"),
        note("ZB001", "1.1", "A", "  "),
        note("ZB001", "1.1", "C"),
      ])
      .result();
    expect(keys(r.issues)).toEqual([missing("error", "评分A", "C2")]);
  });

  test("a number 项目编号 matches the item code", async () => {
    const r = await workbook("必填")
      .notes([{ branch: "ZB001", item: num(1.1), rater: "A", note: "x" }, note("ZB001", "1.1", "B")])
      .result();
    expect(r.issues).toEqual([]);
  });

  test("only applicable 基础 items below their 分值: not bonus items, not N/A items, not full marks", async () => {
    const r = await workbook("必填")
      .scoresA({ ZB001: { "1.1": 4, B1: 0 }, ZB002: { "1.2": 50 } })
      .scoresB({ ZB001: { "1.1": 4, B1: 0 } })
      .notes([])
      .result();
    expect(keys(r.issues, "DEDUCTION_NOTE_MISSING")).toEqual([]);
  });

  test("a missing or blank score needs no note", async () => {
    const r = await workbook("必填")
      .scoresA({ ZB001: { "1.1": null } })
      .scoresB({ ZB001: { "1.1": 4 } })
      .notes([])
      .result();
    expect(keys(r.issues, "DEDUCTION_NOTE_MISSING")).toEqual([]);
  });

  test("no 扣分说明 sheet: a single issue on sheet 扣分说明 without a cell, counting the deductions", async () => {
    const required = await workbook("必填").result();
    expect(keys(required.issues)).toEqual([missing("error", "扣分说明", null)]);
    expect(required.issues[0]!.message).toContain("2");
    const hint = await workbook("提示").result();
    expect(keys(hint.issues)).toEqual([missing("warning", "扣分说明", null)]);
  });

  test("no deduction at all and no sheet: no issue", async () => {
    const r = await assessment().rules(RULES).branches(1).settings({ 扣分说明要求: "必填" }).result();
    expect(r.issues).toEqual([]);
  });

  test("a 扣分说明 without its header row: HEADER_MISSING (error) and it counts as absent", async () => {
    const r = await workbook("提示")
      .sheet("扣分说明", [
        ["支部编码", "项目编号", "说明"],
        ["ZB001", "1.1", "x"],
      ])
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "HEADER_MISSING", sheet: "扣分说明", cell: null },
      missing("warning", "扣分说明", null),
    ]);
  });

  test("header row below a title, columns in any order, 佐证材料 optional", async () => {
    const r = await workbook("必填")
      .sheet("扣分说明", [
        ["扣分说明（2026Q3）"],
        ["说明", "评分方", "项目编号", "支部编码"],
        ["未开展学习", "A", "1.1", "ZB001"],
        ["少一次", "B", "1.1", "ZB001"],
      ])
      .result();
    expect(r.issues).toEqual([]);
  });

  test("a note row with content but no 支部编码: BRANCH_CODE_MISSING (error) on its cell", async () => {
    const r = await workbook("提示")
      .notes([note("ZB001", "1.1", "A"), note("ZB001", "1.1", "B"), { branch: null, item: "1.1", rater: "A", note: "x" }])
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_CODE_MISSING", sheet: "扣分说明", cell: "A4" }]);
  });
});
