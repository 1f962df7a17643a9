import { describe, expect, it } from "vitest";
import { denseRows } from "../helpers/sheet-values.js";
import { SheetSpecReader, specGrid } from "../../src/io/sheet-spec-reader.js";
import { a1, type Grid } from "../../src/model/cell.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { UserError } from "../../src/model/failure.js";
import { notPlacedReason, SET_ASIDE_SHEET, type NotPlaced } from "../../src/model/regeneration.js";
import type { RuleItem, Rules } from "../../src/model/rules.js";
import type { CellEdit } from "../../src/model/workbook.js";
import { runAssessment } from "../../src/pipeline.js";
import { cellValue, type OutCell, type SheetSpec } from "../../src/report/sheet-spec.js";
import { rosterSheet, rulesSheet, type RosterEntry } from "../../src/template/input-sheets.js";
import { planRegeneration, REGENERATION_READS, type RegenerationPlan } from "../../src/template/regenerate.js";
import { regenerationReport } from "../../src/template/regeneration-report.js";
import { GRID_LAYOUT, templateSheets } from "../../src/template/template-workbook.js";
import { findGridHeader } from "../../src/validate/grids.js";
import { cellText } from "../../src/validate/text.js";
import { applyEdits, BRANCHES, filledTemplate } from "./fill-template.js";

const NOW = new Date("2026-10-08T09:30:00");
const TIME = "2026-10-08 09:30:00";
const rules = defaultRules();

/** The workbook's sheets with some replaced (by name) or added. */
function withSheets(sheets: readonly SheetSpec[], ...changed: SheetSpec[]): SheetSpec[] {
  const byName = new Map(changed.map((s) => [s.name, s]));
  return [...sheets.map((s) => byName.get(s.name) ?? s), ...changed.filter((c) => !sheets.some((s) => s.name === c.name))];
}

/** A cell of a spec by branch code and item code (found through the header row, never by position). */
function cellOf(spec: SheetSpec, branch: string, item: string): { row: number; col: number } {
  const grid = specGrid(spec);
  const header = findGridHeader(grid)!;
  const col = grid.rows[header]!.findIndex((c) => cellText(c ?? null) === item);
  const row = grid.rows.findIndex((r, i) => i > header + 2 && cellText(r[0] ?? null) === branch);
  if (col < 0 || row < 0) throw new Error(`${spec.name}: no cell for ${branch} ${item}`);
  return { row, col };
}
const typed = (spec: SheetSpec, branch: string, item: string, value: CellEdit["value"]): SheetSpec => {
  const { row, col } = cellOf(spec, branch, item);
  return applyEdits(spec, [{ cell: a1(row, col), value }]);
};
const valueAt = (spec: SheetSpec, branch: string, item: string) => {
  const { row, col } = cellOf(spec, branch, item);
  return spec.rows[row]![col];
};

/** What writing the plan into the workbook leaves (as the adapters do): patches, replaced and added sheets, rows appended. */
function applied(sheets: readonly SheetSpec[], plan: RegenerationPlan): SheetSpec[] {
  let out = sheets.map((s) => {
    const edits = plan.patches.filter((p) => p.sheet === s.name).flatMap((p) => p.edits);
    return edits.length > 0 ? applyEdits(s, edits) : s;
  });
  out = withSheets(out, ...plan.replace, ...plan.add);
  if (plan.setAside) {
    const old = out.find((s) => s.name === SET_ASIDE_SHEET);
    const appended = old ? { ...old, rows: [...old.rows, ...plan.setAside.rows.slice(1)] } : plan.setAside;
    out = withSheets(out, appended);
  }
  return out;
}

const plan = (sheets: readonly SheetSpec[], period: string | null = null) =>
  planRegeneration(new SheetSpecReader(sheets).snapshot(REGENERATION_READS), { period, time: TIME });

/** A filled quarter: A, B, 自评 and notes filled; an arbitration score; a score typed as text; a 不适用 typed where the item applies. */
function filledQuarter(): SheetSpec[] {
  let sheets = filledTemplate(templateSheets({ branches: BRANCHES, period: "2026Q3" }), rules, BRANCHES);
  const grid = (name: string) => sheets.find((s) => s.name === name)!;
  sheets = withSheets(
    sheets,
    typed(grid("仲裁"), "ZB01", "1.1", 3.5),
    typed(typed(grid("评分A"), "ZB02", "1.2", "3.5"), "ZB02", "2.1", "不适用"),
  );
  return sheets;
}

/** The roster after people edited it: renamed, re-categorised both ways, removed, added, a code changed. */
const EDITED_ROSTER: RosterEntry[] = [
  BRANCHES[0]!, // ZB01 unchanged
  { ...BRANCHES[1]!, name: "设备检修中心第一党支部" }, // ZB02 renamed
  { ...BRANCHES[2]!, category: "生产类" }, // ZB03: 7.1 and 7.2 apply now
  // ZB04 removed
  { ...BRANCHES[4]!, category: "综合管理类" }, // ZB05: 7.1 and 7.2 no longer apply
  { ...BRANCHES[5]!, code: "ZB16" }, // ZB06's code changed
  { code: "ZB07", name: "新设党支部", category: "辅助类", unit: "新设单位" },
];

function groupBy<T>(list: readonly T[], key: (x: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of list) (out[key(x)] ??= []).push(x);
  return out;
}

const reasons = (list: readonly NotPlaced[]) => list.map((e) => `${e.sheet}!${e.branch}/${e.item}:${e.reason.kind}`);

describe("regenerating the grids from the workbook's own roster", () => {
  it("keeps every typed value by branch code and item code and lists what it cannot place", () => {
    const before = filledQuarter();
    const edited = withSheets(before, rosterSheet(EDITED_ROSTER));
    const p = plan(edited);
    const s = p.summary;

    expect(s.branches).toBe(6);
    expect(s.addedBranches).toEqual(["ZB16", "ZB07"]);
    expect(s.removedBranches).toEqual(["ZB04", "ZB06"]);
    expect(s.renamedBranches).toEqual([{ code: "ZB02", from: "设备检修中心党支部", to: "设备检修中心第一党支部" }]);
    expect(s.addedItems).toEqual([]);
    expect(s.removedItems).toEqual([]);
    expect(s.addedSheets).toEqual([]);
    expect(s.period).toBeNull();
    expect(p.replace.map((x) => x.name)).toEqual(["填报说明", "评分A", "评分B", "仲裁", "自评"]);
    expect(p.add).toEqual([]);

    // Not placed: ZB04 and ZB06's scores (ZB06 hinting at its new code), ZB05's 7.1/7.2 scores
    // (no longer applicable), the 不适用 of ZB03 (now applicable; not in 仲裁, where it means
    // "no arbitration") and the 不适用 typed into ZB02's 2.1.
    const byKind = groupBy(s.notPlaced, (e) => e.reason.kind);
    const filledPerBranch = (code: string, grid: string) =>
      before
        .find((x) => x.name === grid)!
        .rows.filter((r) => cellValue(r[0]) === code)
        .flatMap((r) => r.slice(2).filter((c) => cellValue(c) !== null && cellValue(c) !== "不适用")).length;
    const removedFilled = ["评分A", "评分B", "自评"].reduce((n, g) => n + filledPerBranch("ZB04", g) + filledPerBranch("ZB06", g), 0);
    expect(byKind["branch-removed"]).toHaveLength(removedFilled);
    expect(new Set(byKind["branch-removed"]!.map((e) => e.branch))).toEqual(new Set(["ZB04", "ZB06"]));
    expect(byKind["branch-removed"]!.find((e) => e.branch === "ZB06")!.reason).toEqual({ kind: "branch-removed", sameName: "ZB16" });
    expect(byKind["branch-removed"]!.find((e) => e.branch === "ZB04")!.reason).toEqual({ kind: "branch-removed", sameName: null });
    expect(reasons(byKind["not-applicable"]!).sort()).toEqual(
      ["评分A", "评分B", "自评"].flatMap((g) => [`${g}!ZB05/7.1:not-applicable`, `${g}!ZB05/7.2:not-applicable`]).sort(),
    );
    expect(reasons(byKind["now-applicable"]!).sort()).toEqual(
      [
        ...["评分A", "评分B", "自评"].flatMap((g) => [`${g}!ZB03/7.1:now-applicable`, `${g}!ZB03/7.2:now-applicable`]),
        "评分A!ZB02/2.1:now-applicable",
      ].sort(),
    );
    expect(Object.keys(byKind).sort()).toEqual(["branch-removed", "not-applicable", "now-applicable"]);
    // The values as typed, with their old cells.
    const zb05 = byKind["not-applicable"]!.find((e) => e.sheet === "评分A" && e.item === "7.1")!;
    const oldA = before.find((x) => x.name === "评分A")!;
    const at = cellOf(oldA, "ZB05", "7.1");
    expect(zb05).toMatchObject({ cell: a1(at.row, at.col), value: cellValue(oldA.rows[at.row]![at.col]), name: "销售公司华东营销党支部" });
    expect(typeof zb05.value).toBe("number");
    expect(notPlacedReason(zb05.reason)).toBe("支部类别为“综合管理类”，此项不适用");

    // Placed: everything else, in the branch's new row; text stays text.
    const newA = p.replace.find((x) => x.name === "评分A")!;
    for (const it of rules.items) {
      if (it.code === "2.1") continue;
      expect(cellValue(valueAt(newA, "ZB01", it.code)), it.code).toEqual(cellValue(valueAt(oldA, "ZB01", it.code)));
    }
    expect(valueAt(newA, "ZB02", "1.2")).toEqual({ v: "3.5", style: "input" });
    expect(valueAt(newA, "ZB02", "2.1")).toEqual({ v: null, style: "input" });
    expect(valueAt(newA, "ZB05", "7.1")).toMatchObject({ v: "不适用", tone: "muted" });
    expect(valueAt(newA, "ZB03", "7.1")).toEqual({ v: null, style: "input" });
    expect(valueAt(newA, "ZB07", "1.1")).toEqual({ v: null, style: "input" });
    expect(
      cellValue(
        valueAt(
          p.replace.find((x) => x.name === "仲裁")!,
          "ZB01",
          "1.1",
        ),
      ),
    ).toBe(3.5);
    expect(
      newA.rows.slice(GRID_LAYOUT.firstBranchRow).map((r) => [cellValue(r[0]), cellValue(r[1])]),
      "rows in roster order with the roster's names",
    ).toEqual(EDITED_ROSTER.map((b) => [b.code, b.name]));

    // Every typed score is either placed or listed (and the 不适用 typed into an open cell is listed above).
    const typedBefore = ["评分A", "评分B", "仲裁", "自评"].reduce(
      (n, g) =>
        n +
        before
          .find((x) => x.name === g)!
          .rows.slice(GRID_LAYOUT.firstBranchRow)
          .flatMap((r) => r.slice(2))
          .filter((c) => cellValue(c) !== null && cellValue(c) !== "不适用").length,
      0,
    );
    expect(s.kept + s.notPlaced.filter((e) => e.value !== "不适用").length).toBe(typedBefore);

    // 未能放回的评分: one row per value, below a header, appended on later runs.
    expect(s.notPlacedSheet).toBe(SET_ASIDE_SHEET);
    expect(p.setAside!.append).toEqual({ appendSkip: 1 });
    expect(p.setAside!.rows.map((r) => r.map(cellValue))[0]).toEqual([
      "重新生成时间",
      "评分表",
      "支部编码",
      "支部名称",
      "项目编号",
      "原单元格",
      "原内容",
      "未能放回的原因",
    ]);
    expect(p.setAside!.rows).toHaveLength(1 + s.notPlaced.length);
    expect(p.setAside!.rows[1]!.map(cellValue)).toEqual([
      TIME,
      s.notPlaced[0]!.sheet,
      s.notPlaced[0]!.branch,
      s.notPlaced[0]!.name,
      s.notPlaced[0]!.item,
      `${s.notPlaced[0]!.sheet}!${s.notPlaced[0]!.cell}`,
      s.notPlaced[0]!.value,
      notPlacedReason(s.notPlaced[0]!.reason),
    ]);

    // 扣分说明 stays; its rows about ZB04 and ZB06 are listed.
    expect(new Set(s.staleNotes.map((n) => n.branch))).toEqual(new Set(["ZB04", "ZB06"]));

    const report = regenerationReport(s);
    expect(report).toContain("评分表已按支部名册重新生成：6 个支部、36 个考核项");
    expect(report).toContain("新增支部 2 个：ZB16、ZB07");
    expect(report).toContain("同名支部现在的编码是“ZB16”");
    expect(report).toContain(`已逐格保存在“${SET_ASIDE_SHEET}”工作表中`);
    expect(report).toContain(
      "支部 ZB05（销售公司华东营销党支部） 项目 7.1、7.2 共 6 格（评分A、评分B、自评）：支部类别为“综合管理类”，此项不适用",
    );
    expect(report).toContain(
      "支部 ZB02（设备检修中心党支部） 项目 2.1 共 1 格（评分A）：原为“不适用”，但此项适用于“辅助类”支部，请填写分数",
    );
  });

  it("scores the kept scores exactly as before for the branches that did not change", async () => {
    const before = filledQuarter();
    const edited = withSheets(before, rosterSheet(EDITED_ROSTER));
    const after = applied(edited, plan(edited));
    const old = (await runAssessment(new SheetSpecReader(before), null, { now: NOW })).result;
    const now = (await runAssessment(new SheetSpecReader(after), null, { now: NOW })).result;
    const scores = (r: typeof old, code: string) => {
      const b = r.branches.find((x) => x.code === code)!;
      return {
        areas: b.areas,
        base: b.base,
        bonus: b.bonus,
        total: b.total,
        stars: b.stars,
        vetoed: b.vetoed,
        totalA: b.totalA,
        totalB: b.totalB,
        selfTotal: b.selfTotal,
      };
    };
    for (const code of ["ZB01", "ZB02"]) expect(scores(now, code), code).toEqual(scores(old, code));
    // The regenerated grids have no layout problem: only the new rows and cells still need scores.
    const codes = new Set(now.issues.map((i) => i.code));
    for (const c of ["BRANCH_UNKNOWN", "BRANCH_NOT_SCORED", "HEADER_ITEM_MISSING", "SCORE_NA_IGNORED"]) expect(codes).not.toContain(c);
    expect(now.issues.filter((i) => i.code === "SCORE_MISSING").every((i) => /ZB03|ZB07|ZB16|ZB02/.test(i.message))).toBe(true);
  });

  it("follows the rules: a new item gets a column, a removed item's values are kept aside", () => {
    const before = filledQuarter();
    const items: RuleItem[] = rules.items
      .filter((it) => it.code !== "8.3")
      .flatMap((it) => (it.code === "8.2" ? [it, { ...it, code: "8.4", content: "新增的考核内容", max: 400 }] : [it]));
    const edited = withSheets(before, rulesSheet(items));
    const p = plan(edited);
    expect(p.summary.addedItems).toEqual(["8.4"]);
    expect(p.summary.removedItems).toEqual(["8.3"]);
    expect(p.summary.addedBranches).toEqual([]);
    expect(new Set(p.summary.notPlaced.map((e) => `${e.item}:${e.reason.kind}`))).toEqual(
      new Set(["8.3:item-removed", "2.1:now-applicable"]),
    );
    const newA = p.replace.find((x) => x.name === "评分A")!;
    const header = denseRows(specGrid(newA))[GRID_LAYOUT.headerRow]!.map(cellText);
    expect(header.slice(2)).toEqual(items.map((it) => it.code));
    expect(valueAt(newA, "ZB01", "8.4")).toEqual({ v: null, style: "input" });
    // The notes about 8.3 stay in 扣分说明 and are listed.
    expect(p.summary.staleNotes.every((n) => n.item === "8.3")).toBe(true);
    expect(p.summary.staleNotes.length).toBeGreaterThan(0);
  });

  it("lists rows without a code, repeated rows and columns, unnamed columns; keeps dates, booleans and errors as typed", () => {
    const base = templateSheets({ branches: BRANCHES, period: "2026Q3" });
    const a = base.find((s) => s.name === "评分A")!;
    const header = GRID_LAYOUT.headerRow;
    const width = a.rows[header]!.length;
    const rows = a.rows.map((r) => [...r]);
    rows[header] = [...rows[header]!, null, { v: "1.1", style: "header" }]; // an unnamed column, then 1.1 again
    rows[GRID_LAYOUT.firstBranchRow] = [...rows[GRID_LAYOUT.firstBranchRow]!, "备注文字", 2];
    rows.push(["", "无编码支部", 3]); // a row without a code
    rows.push(["ZB01", "炼钢厂第一党支部", 1]); // ZB01 again
    const sheets = withSheets(base, { ...a, rows });
    const snapshot = new SheetSpecReader(sheets).snapshot(REGENERATION_READS);
    // Values a file can hold that a spec cannot: a date, an error, a boolean.
    const grid = snapshot.sheets.get("评分A")!;
    const cells = grid.rows.map((r) => [...r]);
    const r0 = GRID_LAYOUT.firstBranchRow;
    cells[r0]![2] = { kind: "number", value: 46000, isDate: true };
    cells[r0]![3] = { kind: "error", value: "#N/A" };
    cells[r0 + 1]![2] = { kind: "bool", value: true };
    const sheetsMap = new Map(snapshot.sheets);
    sheetsMap.set("评分A", { name: "评分A", rows: cells } satisfies Grid);
    const p = planRegeneration({ ...snapshot, sheets: sheetsMap }, { period: null, time: TIME });
    expect(reasons(p.summary.notPlaced)).toEqual([
      "评分A!ZB01/:no-item-code",
      "评分A!ZB01/1.1:duplicate-column",
      "评分A!/1.1:no-code",
      "评分A!ZB01/1.1:duplicate-row",
    ]);
    expect(p.summary.notPlaced.map((e) => e.value)).toEqual(["备注文字", 2, 3, 1]);
    expect(p.summary.notPlaced[2]).toMatchObject({ name: "无编码支部", cell: a1(rows.length - 2, 2) });
    expect(p.summary.notPlaced[0]!.cell).toBe(a1(r0, width));
    const newA = p.replace.find((x) => x.name === "评分A")!;
    expect(cellValue(valueAt(newA, "ZB01", "1.1"))).toBe(cellText({ kind: "number", value: 46000, isDate: true }));
    expect(cellValue(valueAt(newA, "ZB01", "1.2"))).toBe("#N/A");
    expect(cellValue(valueAt(newA, "ZB02", "1.1"))).toBe(true);
    expect(p.summary.kept).toBe(3);
  });

  it("builds the template around a roster typed into an otherwise empty workbook, with the period asked for", () => {
    const roster = rosterSheet(BRANCHES);
    const p = plan([{ name: "Sheet1", rows: [] }, roster], "2026Q4");
    expect(p.replace).toEqual([]);
    expect(p.add.map((s) => s.name)).toEqual(["填报说明", "考核设置", "评分细则", "评分A", "评分B", "仲裁", "自评", "扣分说明"]);
    expect(p.summary.addedSheets).toEqual(p.add.map((s) => s.name));
    expect(p.summary.addedBranches).toEqual(BRANCHES.map((b) => b.code));
    expect(p.summary.kept).toBe(0);
    expect(p.setAside).toBeNull();
    const settings = p.add.find((s) => s.name === "考核设置")!;
    expect(settings.rows.map((r) => r.map(cellValue)).find((r) => r[0] === "考核周期")![1]).toBe("2026Q4");
    expect(p.summary.period).toBeNull(); // a new 考核设置, not a change
  });

  it("sets 考核周期 only when asked and different; leaves 考核设置, 评分细则 and 支部名册 otherwise alone", () => {
    const sheets = filledQuarter();
    expect(plan(sheets).patches).toEqual([]);
    expect(plan(sheets, "2026Q3").patches).toEqual([]);
    const p = plan(sheets, "2026Q4");
    const settings = sheets.find((s) => s.name === "考核设置")!;
    const row = settings.rows.findIndex((r) => cellValue(r[0]) === "考核周期");
    expect(p.patches).toEqual([
      { sheet: "考核设置", edits: [{ cell: `B${row + 1}`, value: "2026Q4" }], undo: [{ cell: `B${row + 1}`, value: "2026Q3" }] },
    ]);
    expect(p.summary.period).toEqual({ from: "2026Q3", to: "2026Q4" });
    for (const name of ["考核设置", "评分细则", "支部名册", "扣分说明"]) {
      expect([...p.replace, ...p.add].map((s) => s.name)).not.toContain(name);
    }
    expect(cellValue(p.replace.find((s) => s.name === "填报说明")!.rows[0]![0])).toContain("2026Q4");
  });

  it("clears the example roster's notice once the examples are replaced", () => {
    const example = templateSheets({ period: "2026Q3" });
    const roster = example.find((s) => s.name === "支部名册")!;
    expect(plan(example).patches).toEqual([]);
    const own = { ...rosterSheet(BRANCHES), rows: [roster.rows[0]!, ...rosterSheet(BRANCHES).rows] };
    const p = plan(withSheets(example, own));
    expect(p.patches).toEqual([
      { sheet: "支部名册", edits: [{ cell: "A1", value: null }], undo: [{ cell: "A1", value: cellValue(roster.rows[0]![0]) }] },
    ]);
    expect(p.summary.removedBranches).toEqual(["示例01", "示例02", "示例03", "示例04"]);
    expect(p.summary.notPlaced).toEqual([]); // the examples' prefilled 不适用 are no scores
  });

  it("refuses, changing nothing, when the roster or the rules cannot be read, or a grid has lost its header", () => {
    const sheets = filledQuarter();
    const failure = (s: SheetSpec[]) => {
      try {
        plan(s);
      } catch (e) {
        if (e instanceof UserError) return e;
        throw e;
      }
      throw new Error("no failure");
    };
    expect(failure(sheets.filter((s) => s.name !== "支部名册"))).toMatchObject({ code: "OWN_ROSTER_MISSING", params: { sheet: false } });
    expect(failure(withSheets(sheets, { name: "支部名册", rows: [["编码", "名称"]] }))).toMatchObject({
      code: "OWN_ROSTER_MISSING",
      params: { sheet: true },
    });
    const twice = rosterSheet([BRANCHES[0]!, BRANCHES[0]!, { ...BRANCHES[1]!, category: null }]);
    const rosterProblem = failure(withSheets(sheets, { ...twice, rows: twice.rows.map((r, i) => (i === 3 ? [r[0]!, r[1]!, "车间"] : r)) }));
    expect(rosterProblem).toMatchObject({ code: "OWN_SHEET_PROBLEMS", params: { sheet: "支部名册", count: 2 } });
    expect(rosterProblem.problems.map((i) => i.code)).toEqual(["BRANCH_DUPLICATE", "CATEGORY_INVALID"]);
    expect(rosterProblem.message).toMatch(/^本工作簿的“支部名册”有 2 处问题，评分表没有重新生成，工作簿未作任何改动。/);

    const broken: Rules = { items: [{ ...rules.items[0]!, max: -100 }], areas: [] };
    expect(failure(withSheets(sheets, rulesSheet(broken.items)))).toMatchObject({
      code: "OWN_SHEET_PROBLEMS",
      params: { sheet: "评分细则" },
    });
    const a = sheets.find((s) => s.name === "评分A")!;
    expect(
      failure(withSheets(sheets, { ...a, rows: a.rows.map((r) => r.map((c) => (cellValue(c) === "支部编码" ? "编码" : c))) })),
    ).toMatchObject({
      code: "OWN_SHEET_HEADER_MISSING",
      params: { sheet: "评分A" },
    });
    // A blank grid has nothing to lose: it is simply laid out again.
    expect(plan(withSheets(sheets, { name: "自评", rows: [] })).replace.map((s) => s.name)).toContain("自评");
  });

  it("writes kept values into open, validated cells and nothing into 不适用 cells", () => {
    const before = filledQuarter();
    const p = plan(withSheets(before, rosterSheet(EDITED_ROSTER)));
    for (const spec of p.replace.filter((s) => s.name !== "填报说明")) {
      spec.rows.slice(GRID_LAYOUT.firstBranchRow).forEach((row) =>
        row.slice(2).forEach((c) => {
          const cell = c as OutCell;
          if (cell.v !== null && cell.v !== "不适用") expect(["input", "inputText"]).toContain(cell.style);
        }),
      );
      expect(spec.protect).toBe(true);
    }
  });
});
