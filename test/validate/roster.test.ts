import { describe, expect, test } from "vitest";
import { num, text } from "../../src/model/cell.js";
import { assessment, branchOf, keys } from "../helpers/assessment-builder.js";

// Roster columns as the builder writes them: A 支部编码, B 支部名称, C 支部类别, D 所属单位, E 党员人数.

describe("支部名册", () => {
  test.each([
    ["生产", "生产类"],
    ["辅助", "辅助类"],
    ["管理", "综合管理类"],
    ["综合管理", "综合管理类"],
    ["经营", "市场经营类"],
    ["市场经营", "市场经营类"],
    ["非公", "非公改制类"],
    ["非公改制", "非公改制类"],
    ["非公改制类", "非公改制类"],
    [" 辅助类\u3000", "辅助类"],
  ])("支部类别 %j is normalised to %s", async (typed, category) => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: typed }])
      .result();
    expect(r.issues).toEqual([]);
    expect(branchOf(r, "ZB001").category).toBe(category);
  });

  test("an invalid or blank 支部类别: CATEGORY_INVALID (error) on that cell; category null", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", category: "机关类" }, { code: "ZB002", category: "" }, { code: "ZB003" }])
      .result();
    expect(keys(r.issues)).toEqual([
      { severity: "error", code: "CATEGORY_INVALID", sheet: "支部名册", cell: "C2" },
      { severity: "error", code: "CATEGORY_INVALID", sheet: "支部名册", cell: "C3" },
    ]);
    expect(r.status).toBe("provisional");
    expect([branchOf(r, "ZB001").category, branchOf(r, "ZB002").category, branchOf(r, "ZB003").category]).toEqual([null, null, "生产类"]);
  });

  test("a repeated 支部编码: BRANCH_DUPLICATE on the later row; the first row counts and the repeat is not otherwise checked", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", name: "第一支部" }, { code: "ZB002" }, { code: "ZB001", name: "冒名支部", category: "不存在的类别" }])
      .scoresA(undefined, { rows: ["ZB001", "ZB002"], name: () => null })
      .scoresB(undefined, { rows: ["ZB001", "ZB002"], name: () => null })
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_DUPLICATE", sheet: "支部名册", cell: "A4" }]);
    expect(r.branches.map((b) => b.code).sort()).toEqual(["ZB001", "ZB002"]);
    expect(branchOf(r, "ZB001").name).toBe("第一支部");
  });

  test("a row with content but no 支部编码: BRANCH_CODE_MISSING on the 支部编码 cell", async () => {
    const r = await assessment()
      .branches(2)
      .patch("支部名册", (rows) => [...rows, [null, text("漏填编码的支部"), text("生产类")], [], [text(" ")]])
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "BRANCH_CODE_MISSING", sheet: "支部名册", cell: "A4" }]);
    expect(r.branches).toHaveLength(2);
  });

  test("no row with a code: ROSTER_EMPTY (fatal, sheet 支部名册, no cell), after the row problems", async () => {
    const empty = await assessment().branches([]).result();
    expect(empty.status).toBe("fatal");
    expect(keys(empty.issues)).toEqual([{ severity: "fatal", code: "ROSTER_EMPTY", sheet: "支部名册", cell: null }]);

    const codeless = await assessment()
      .branches([])
      .patch("支部名册", (rows) => [...rows, [null, text("某支部")]])
      .result();
    expect(keys(codeless.issues)).toEqual([
      { severity: "error", code: "BRANCH_CODE_MISSING", sheet: "支部名册", cell: "A2" },
      { severity: "fatal", code: "ROSTER_EMPTY", sheet: "支部名册", cell: null },
    ]);
    expect(codeless.branches).toEqual([]);
  });

  test("ROSTER_EMPTY stops the grid stage: no grid issue at all", async () => {
    const r = await assessment().branches([]).set("评分A", "C2", "abc").set("评分A", "A2", "ZZ9").result();
    expect(r.issues.map((i) => i.code)).toEqual(["ROSTER_EMPTY"]);
  });

  test("a blank 支部名称 is the empty string in the result", async () => {
    const r = await assessment()
      .branches([{ code: "ZB001", name: "" }])
      .result();
    expect(branchOf(r, "ZB001").name).toBe("");
    expect(r.issues).toEqual([]);
  });

  test("a number 支部编码 is read as its shortest decimal text, in the roster and in the grids", async () => {
    const r = await assessment()
      .branches([{ code: "1001" }])
      .set("支部名册", "A2", num(1001))
      .set("评分A", "A2", num(1001))
      .result();
    expect(r.issues).toEqual([]);
    expect(r.branches.map((b) => b.code)).toEqual(["1001"]);
  });

  test("header row below a title, columns in any order, optional columns absent", async () => {
    const r = await assessment()
      .branches([
        { code: "ZB001", name: "一支部" },
        { code: "ZB002", name: "二支部" },
      ])
      .sheet("支部名册", [
        ["2026 年支部名册"],
        [],
        [],
        ["支部类别", "备注", "支部编码", "支部名称"],
        ["辅助", "", "ZB001", "一支部"],
        ["经营类", "x", "ZB002", "二支部"],
      ])
      .result();
    expect(keys(r.issues)).toEqual([{ severity: "error", code: "CATEGORY_INVALID", sheet: "支部名册", cell: "A6" }]);
    expect(r.branches.map((b) => [b.code, b.category])).toEqual([
      ["ZB001", "辅助类"],
      ["ZB002", null],
    ]);
  });

  test("no header row → HEADER_MISSING (fatal)", async () => {
    const r = await assessment().set("支部名册", "C1", "类别").result();
    expect(r.status).toBe("fatal");
    expect(keys(r.issues)).toEqual([{ severity: "fatal", code: "HEADER_MISSING", sheet: "支部名册", cell: null }]);
  });
});
