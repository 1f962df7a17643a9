import { describe, expect, it } from "vitest";
import type { MergeSummary } from "../../addin/operations.js";
import type { WorkbookSnapshot } from "../../src/model/workbook.js";
import { a1, num, text, type Cell, type Grid } from "../../src/model/cell.js";
import { MergeError, planMerge, type MergePlan } from "../../src/merge/plan-merge.js";
import { mergeReport, hasLeftovers } from "../../src/merge/merge-report.js";
import { mergeReportText } from "../../src/model/failure-messages.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { GRID_LAYOUT, templateSheets } from "../../src/template/template-workbook.js";
import { applyEdits, BRANCHES } from "../template/fill-template.js";
import { thrown } from "../helpers/thrown.js";

/** The merge report as the terminal prints it. */
const reportText = (plan: Parameters<typeof mergeReport>[0]) => mergeReportText(mergeReport(plan));
const rules = defaultRules();
const codes = rules.items.map((i) => i.code);
const GRIDS = ["评分A", "评分B", "仲裁", "自评"];

const snapshotOf = (sheets: readonly SheetSpec[]): WorkbookSnapshot => new SheetSpecReader(sheets).snapshot();
const template = () => templateSheets({ branches: BRANCHES, period: "2026Q3" });

/** The target's cell of a branch and item, as an A1 address (found from the template's own layout). */
function targetCell(branch: string, item: string): string {
  const row = GRID_LAYOUT.firstBranchRow + BRANCHES.findIndex((b) => b.code === branch);
  const col = GRID_LAYOUT.firstItemColumn + codes.indexOf(item);
  return a1(row, col);
}

/**
 * A rater's grid laid out differently from the target: header on row 1 with no band, the given
 * branch and item order, a remark column (blank unless `remark`); `value` null leaves the cell blank.
 */
function raterGrid(
  name: string,
  branches: readonly string[],
  items: readonly string[],
  value: (b: string, i: string) => Cell,
  remark: string | null = null,
): Grid {
  return {
    name,
    rows: [
      [text("支部编码"), text("支部名称"), ...items.map(text), text("备注")],
      [text("项目名称")],
      [text("分值")],
      ...branches.map((b) => [text(b), text(`${b} 名称`), ...items.map((i) => value(b, i)), remark === null ? null : text(remark)]),
    ],
  };
}

const source = (...grids: Grid[]): WorkbookSnapshot => ({
  sheetNames: grids.map((g) => g.name),
  sheets: new Map(grids.map((g) => [g.name, g])),
});

const mergeError = (f: () => unknown): MergeError => thrown(MergeError, f);

describe("planMerge", () => {
  it("copies by 支部编码 and item code, whatever the row and column order", () => {
    const branches = BRANCHES.map((b) => b.code).reverse();
    const items = ["8.3", "V2", "1.1", "B1", "7.3", "3.2"];
    const grid = raterGrid("评分B", branches, items, (b, i) =>
      i.startsWith("V") ? text("否") : i === "B1" ? (b === "ZB01" ? num(2) : null) : num(Number(b.slice(2)) / 2),
    );
    const plan = planMerge(snapshotOf(template()), source(grid), "评分B", codes);
    expect(plan.sheet).toBe("评分B");
    const expected = BRANCHES.flatMap((b) =>
      ["3.2", "7.3", "8.3", "1.1", "V2", "B1"].flatMap((i) => {
        const v = i.startsWith("V") ? "否" : i === "B1" ? (b.code === "ZB01" ? 2 : null) : Number(b.code.slice(2)) / 2;
        return v === null ? [] : [{ cell: targetCell(b.code, i), value: v }];
      }),
    );
    const key = (e: { cell: string }) => e.cell;
    expect([...plan.edits].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(expected.sort((x, y) => key(x).localeCompare(key(y))));
    expect(plan.copied).toBe(plan.edits.length);
    expect(plan).toMatchObject({ conflicts: [], unknownBranches: [], unknownItems: [], skipped: [] });
    // The target has no 备注 column; it is empty here, so there is nothing to report.
    expect(hasLeftovers(plan)).toBe(false);
  });

  it("checks the cells it writes against the target's layout: ZB03 1.1 in 评分B is C7", () => {
    const grid = raterGrid("评分B", ["ZB03"], ["1.1"], () => num(3.5));
    expect(planMerge(snapshotOf(template()), source(grid), "评分B").edits).toEqual([{ cell: "C7", value: 3.5 }]);
  });

  it("reports a conflict for a filled target cell with another value, leaves it, and merges the rest", () => {
    const target = template().map((s) =>
      s.name === "评分A"
        ? applyEdits(s, [
            { cell: targetCell("ZB01", "1.1"), value: 4 },
            { cell: targetCell("ZB01", "1.2"), value: 3 },
            { cell: targetCell("ZB02", "V1"), value: "否" },
          ])
        : s,
    );
    const grid = raterGrid("评分A", ["ZB01", "ZB02"], ["1.1", "1.2", "1.3", "V1"], (b, i) =>
      i === "V1" ? text(" 否 ") : b === "ZB01" && i === "1.1" ? text("4") : b === "ZB01" && i === "1.2" ? num(2.5) : num(4),
    );
    const plan = planMerge(snapshotOf(target), source(grid), "评分A", codes);
    expect(plan.conflicts).toEqual([{ cell: targetCell("ZB01", "1.2"), branch: "ZB01", item: "1.2", target: "3", incoming: "2.5" }]);
    // Identical values (4 and "4", "否" and " 否 ") are no edits; the rest is merged.
    expect(plan.edits).toEqual([
      { cell: targetCell("ZB01", "1.3"), value: 4 },
      { cell: targetCell("ZB01", "V1"), value: " 否 " },
      { cell: targetCell("ZB02", "1.1"), value: 4 },
      { cell: targetCell("ZB02", "1.2"), value: 4 },
      { cell: targetCell("ZB02", "1.3"), value: 4 },
    ]);
    expect(hasLeftovers(plan)).toBe(true);
    expect(reportText(plan)).toContain(`评分A!${targetCell("ZB01", "1.2")}  支部 ZB01，项目 1.2：目标为“3”，导入文件为“2.5”`);
  });

  it("reports codes the target does not have; blank source cells never clear anything", () => {
    const grid = raterGrid("评分A", ["ZB01", "ZB99", "ZB02"], ["1.1", "X9", "X8", "V1"], (b, i) =>
      b === "ZB02" || i === "X8" ? null : i === "V1" ? text("是") : num(1),
    );
    const target = template().map((s) => (s.name === "评分A" ? applyEdits(s, [{ cell: targetCell("ZB02", "1.1"), value: 2 }]) : s));
    const plan = planMerge(snapshotOf(target), source(grid), "评分A");
    expect(plan.unknownBranches).toEqual(["ZB99"]);
    // X8 and the remark column are empty: nothing of them is lost.
    expect(plan.unknownItems).toEqual(["X9"]);
    expect(plan.edits).toEqual([
      { cell: targetCell("ZB01", "1.1"), value: 1 },
      { cell: targetCell("ZB01", "V1"), value: "是" },
    ]);
    // A filled remark column the target lacks is reported too; with the rule codes so is an empty rule item.
    const remarked = raterGrid("评分A", ["ZB01"], ["1.1", "7.1"], (_, i) => (i === "1.1" ? num(1) : null), "已核对");
    const target2 = template().map((s) =>
      s.name === "评分A" ? { ...s, rows: s.rows.map((r) => r.filter((_, c) => c !== 2 + codes.indexOf("7.1"))) } : s,
    );
    expect(planMerge(snapshotOf(target2), source(remarked), "评分A").unknownItems).toEqual(["备注"]);
    expect(planMerge(snapshotOf(target2), source(remarked), "评分A", codes).unknownItems).toEqual(["7.1", "备注"]);
    const report = reportText(plan);
    expect(report).toContain("ZB99");
    expect(report).toContain("X9");
  });

  it("skips date cells, rows without a code and repeated rows, and says so", () => {
    const grid: Grid = {
      name: "评分A",
      rows: [
        [text("支部编码"), text("支部名称"), text("1.1"), text("1.2")],
        [text("ZB01"), null, num(46000, true), num(3)],
        [null, text("无编码"), num(2)],
        [text("ZB01"), null, num(1)],
      ],
    };
    const plan = planMerge(snapshotOf(template()), source(grid), "评分A");
    expect(plan.edits).toEqual([{ cell: targetCell("ZB01", "1.2"), value: 3 }]);
    expect(plan.skipped.map((s) => [s.cell, s.branch, s.item])).toEqual([
      ["C2", "ZB01", "1.1"],
      ["C3", "", "1.1"],
      ["C4", "ZB01", "1.1"],
    ]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(["date", "no-branch-code", "branch-repeated"]);
    expect(reportText(plan).split("\n").slice(-3)).toEqual([
      "  导入文件 评分A!C2：单元格是日期格式，未导入。请改为数字后重新导入。",
      "  导入文件 评分A!C3：这一行没有支部编码，未导入。",
      "  导入文件 评分A!C4：支部编码“ZB01”重复出现，只导入第一行。",
    ]);
  });

  it("detects the one grid with scores; the template's 不适用 cells do not count", () => {
    // A copy of the template where only 评分B has scores (every grid has 不适用 prefilled).
    const copy = template().map((s) => (s.name === "评分B" ? applyEdits(s, [{ cell: targetCell("ZB01", "2.1"), value: 4 }]) : s));
    const plan = planMerge(snapshotOf(template()), snapshotOf(copy), null, codes);
    expect(plan.sheet).toBe("评分B");
    expect(plan.edits).toEqual([{ cell: targetCell("ZB01", "2.1"), value: 4 }]);
    // An unfilled copy: nothing to merge.
    const none = mergeError(() => planMerge(snapshotOf(template()), snapshotOf(template()), null, codes));
    expect(none.kind).toBe("nothing-filled");
    expect(none.message).toContain("都没有填写任何分数");
  });

  it("asks which grid to take when several have scores, and takes the one named", () => {
    const copy = template().map((s) =>
      s.name === "评分A" || s.name === "自评" ? applyEdits(s, [{ cell: targetCell("ZB02", "1.1"), value: 3 }]) : s,
    );
    const e = mergeError(() => planMerge(snapshotOf(template()), snapshotOf(copy), null));
    expect(e.kind).toBe("ambiguous");
    expect(e.message).toContain("评分A 1 格，自评 1 格");
    expect(e.message).toContain("请在“作为”中选择要导入的评分表");
    expect(planMerge(snapshotOf(template()), snapshotOf(copy), "自评").sheet).toBe("自评");
    expect(mergeError(() => planMerge(snapshotOf(template()), snapshotOf(copy), "评分C")).kind).toBe("invalid-as");
  });

  it("refuses grids it cannot match: missing sheets or header rows", () => {
    const withoutArbitration = template().filter((s) => s.name !== "仲裁");
    const grid = raterGrid("仲裁", ["ZB01"], ["1.1"], () => num(3));
    expect(mergeError(() => planMerge(snapshotOf(withoutArbitration), source(grid), null)).kind).toBe("target-sheet-missing");
    expect(mergeError(() => planMerge(snapshotOf(template()), source(grid), "评分A")).kind).toBe("source-sheet-missing");
    const headless: Grid = {
      name: "评分A",
      rows: [
        [text("编码"), text("1.1")],
        [text("ZB01"), num(3)],
      ],
    };
    expect(mergeError(() => planMerge(snapshotOf(template()), source(headless), "评分A")).message).toContain("找不到表头");
  });

  it("is a MergeSummary for the task pane", () => {
    const plan: MergePlan = planMerge(snapshotOf(template()), source(raterGrid("评分A", ["ZB01"], ["1.1"], () => num(3))), null);
    const summary: MergeSummary = plan;
    expect(summary.copied).toBe(1);
    expect(GRIDS).toContain(summary.sheet);
  });
});

describe("planMerge: the rater's 扣分说明", () => {
  const notes = (rows: (string | null)[][]): Grid => ({
    name: "扣分说明",
    rows: [
      [text("支部编码"), text("项目编号"), text("评分方"), text("说明"), text("佐证材料")],
      ...rows.map((r) => r.map((v) => (v === null ? null : text(v)))),
    ],
  });
  const withGrid = (...extra: Grid[]) =>
    source(
      raterGrid("评分A", ["ZB01"], ["1.1"], () => num(3)),
      ...extra,
    );

  it("appends the rows the target lacks below its last row, by column title", () => {
    const target = template().map((s) =>
      s.name === "扣分说明"
        ? applyEdits(s, [
            { cell: "A2", value: "ZB01" },
            { cell: "B2", value: "1.2" },
            { cell: "C2", value: "A" },
            { cell: "D2", value: "已有" },
          ])
        : s,
    );
    // The rater's sheet has its columns in another order.
    const theirs: Grid = {
      name: "扣分说明",
      rows: [
        [text("说明"), text("支部编码"), text("项目编号"), text("评分方")],
        [text("已有"), text("ZB01"), text("1.2"), text(" A ")],
        [text("少学习一次"), text("ZB01"), text("1.1"), text("A")],
      ],
    };
    const plan = planMerge(snapshotOf(target), withGrid(theirs), null);
    expect(plan.notes).toEqual({
      sheet: "扣分说明",
      appended: 1,
      notCarried: 0,
      edits: [
        { cell: "A3", value: "ZB01" },
        { cell: "B3", value: "1.1" },
        { cell: "C3", value: "A" },
        { cell: "D3", value: "少学习一次" },
      ],
    });
    expect(reportText(plan)).toContain("“扣分说明”：追加 1 行");
  });

  it("has nothing to carry without notes, and reports notes the target cannot take", () => {
    expect(planMerge(snapshotOf(template()), withGrid(), null).notes).toBeNull();
    expect(planMerge(snapshotOf(template()), withGrid(notes([])), null).notes).toBeNull();
    const noSheet = template().filter((s) => s.name !== "扣分说明");
    const plan = planMerge(snapshotOf(noSheet), withGrid(notes([["ZB01", "1.1", "A", "说明"]])), null);
    expect(plan.notes).toMatchObject({ edits: [], appended: 0, notCarried: 1 });
    expect(hasLeftovers(plan)).toBe(true);
  });
});
