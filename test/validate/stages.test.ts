import { describe, expect, test } from "vitest";
import { assessment, codes, keys } from "../helpers/assessment-builder.js";

/** A workbook with a problem in every stage: settings, rules (warning only), roster, grids, notes. */
function troubled() {
  return assessment()
    .branches([{ code: "ZB001" }, { code: "ZB002", category: "机关" }])
    .settings({ 考核周期: "2026Q9", 扣分说明要求: "必填" })
    .rule("1.1", { points: 5 })
    .scoresA({ ZB001: { "1.2": "abc", "1.3": 1 } });
}

describe("validation stages: a fatal stage stops the later ones", () => {
  test("the troubled workbook itself reports every stage's problems", async () => {
    const r = await troubled().result();
    expect(codes(r.issues)).toEqual([
      "SETTING_INVALID",
      "RULE_TOTAL_NOT_100",
      "CATEGORY_INVALID",
      "SCORE_NOT_NUMBER",
      "DEDUCTION_NOTE_MISSING",
      "DISPUTE_PENDING",
    ]);
    expect(r.status).toBe("provisional");
  });

  test("stage 2: a missing required sheet gives only SHEET_MISSING issues", async () => {
    const r = await troubled().without("评分B").result();
    expect(keys(r.issues)).toEqual([{ severity: "fatal", code: "SHEET_MISSING", sheet: "评分B", cell: null }]);
    expect(r.status).toBe("fatal");
  });

  test("every missing required sheet is reported, in the order 考核设置, 评分细则, 支部名册, 评分A, 评分B", async () => {
    const r = await troubled().without("评分A", "考核设置", "支部名册", "评分细则", "评分B").result();
    expect(keys(r.issues)).toEqual(
      ["考核设置", "评分细则", "支部名册", "评分A", "评分B"].map((sheet) => ({
        severity: "fatal",
        code: "SHEET_MISSING",
        sheet,
        cell: null,
      })),
    );
  });

  test("sheet names are exact: '评分A ' or '评分a' is not 评分A", async () => {
    const built = troubled()
      .without("评分A")
      .sheet("评分A ", [["支部编码"]])
      .sheet("评分a", [["支部编码"]]);
    const r = await built.result();
    expect(keys(r.issues)).toEqual([{ severity: "fatal", code: "SHEET_MISSING", sheet: "评分A", cell: null }]);
  });

  test("optional sheets may be missing; extra sheets and sheet order do not matter", async () => {
    const r = await assessment()
      .sheet("封面", [["说明"]])
      .sheetOrder(["评分B", "封面", "支部名册", "评分A", "评分细则", "考核设置"])
      .result();
    expect(r.issues).toEqual([]);
    expect(r.status).toBe("final");
  });

  test("stage 3: every required header problem, and nothing from settings, rules or grids", async () => {
    const r = await troubled().set("评分细则", "A1", "序号").scoresA(undefined, { codeHeader: "编码" }).result();
    expect(keys(r.issues)).toEqual([
      { severity: "fatal", code: "HEADER_MISSING", sheet: "评分细则", cell: null },
      { severity: "fatal", code: "HEADER_MISSING", sheet: "评分A", cell: null },
    ]);
  });

  test("stage 3: 考核设置 and 支部名册 headers too", async () => {
    const r = await troubled().set("考核设置", "B1", "取值").set("支部名册", "A1", "编码").result();
    expect(keys(r.issues)).toEqual([
      { severity: "fatal", code: "HEADER_MISSING", sheet: "考核设置", cell: null },
      { severity: "fatal", code: "HEADER_MISSING", sheet: "支部名册", cell: null },
    ]);
  });

  test("stage 4: settings and rules are reported together; a fatal rule stops the roster and grids", async () => {
    const r = await troubled().set("评分细则", "B3", "其他").result();
    // Rules with a fatal problem get no RULE_TOTAL_NOT_100: their total is not known.
    expect(codes(r.issues)).toEqual(["SETTING_INVALID", "RULE_INVALID"]);
    expect(r.status).toBe("fatal");
  });

  test("stage 5: a fatal roster stops the grids; earlier stages' issues stay", async () => {
    const r = await troubled().branches([]).result();
    expect(codes(r.issues)).toEqual(["SETTING_INVALID", "RULE_TOTAL_NOT_100", "ROSTER_EMPTY"]);
    expect(r.status).toBe("fatal");
    expect(r.branches).toEqual([]);
  });

  test("stage 6: optional sheets with problems never stop the results", async () => {
    const r = await assessment()
      .sheet("仲裁", [["无表头"]])
      .sheet("自评", [["无表头"]])
      .sheet("扣分说明", [["无表头"]])
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "HEADER_MISSING", sheet: "仲裁", cell: null },
      { severity: "warning", code: "HEADER_MISSING", sheet: "自评", cell: null },
      { severity: "error", code: "HEADER_MISSING", sheet: "扣分说明", cell: null },
    ]);
    expect(r.status).toBe("provisional");
    expect(r.branches).toHaveLength(3);
  });

  test("every issue has a non-empty Chinese message naming the cell", async () => {
    const r = await troubled().result();
    for (const i of r.issues) {
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      if (i.cell) expect(i.message).toContain(`${i.sheet}!${i.cell}`);
    }
  });
});
