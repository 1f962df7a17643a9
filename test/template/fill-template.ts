/**
 * Filling a template the way people do: cell edits on its sheets, found by the codes in the
 * grid (never by assumed positions), applied in memory or patched into the .xlsx.
 */
import type { CellEdit } from "../../src/model/workbook.js";
import type { Branch } from "../../src/model/branch.js";
import { a1, parseA1, type Grid } from "../../src/model/cell.js";
import type { RuleItem, Rules } from "../../src/model/rules.js";
import type { OutEntry, SheetSpec } from "../../src/report/sheet-spec.js";
import { specGrid } from "../../src/io/sheet-spec-reader.js";
import { findGridHeader } from "../../src/validate/grids.js";
import { cellText } from "../../src/validate/text.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { rosterSheet, type RosterEntry } from "../../src/template/input-sheets.js";
import { notApplicable, templateSheets } from "../../src/template/template-workbook.js";

/** A roster with every category, two 综合管理类 branches (7.1 and 7.2 do not apply to them). */
export const BRANCHES: readonly RosterEntry[] = [
  { code: "ZB01", name: "炼钢厂第一党支部", category: "生产类", unit: "炼钢厂", members: 42 },
  { code: "ZB02", name: "设备检修中心党支部", category: "辅助类", unit: "设备检修中心", members: 27 },
  { code: "ZB03", name: "机关党委办公室党支部", category: "综合管理类", unit: "机关党委", members: 18 },
  { code: "ZB04", name: "机关财务党支部", category: "综合管理类", unit: "机关党委", members: null },
  { code: "ZB05", name: "销售公司华东营销党支部", category: "市场经营类", unit: "销售公司" },
  { code: "ZB06", name: "冶金建设公司党支部", category: "非公改制类", unit: "冶金建设公司", members: 9 },
];

/** BRANCHES as a roster .csv with the three required columns (UTF-8, no BOM). */
export const rosterCsv = (): Uint8Array =>
  new TextEncoder().encode("支部编码,支部名称,支部类别\n" + BRANCHES.map((b) => [b.code, b.name, b.category].join(",")).join("\n") + "\n");

export type Filler = (branch: string, item: RuleItem) => string | number | boolean | null;

/**
 * Edits filling a grid (a sheet read back from a file, or a spec through specGrid): every open
 * score cell (not the prefilled 不适用) gets `value(branch, item, at)` unless null (`at`: the cell's
 * 0-based row and column, for values that vary by place).
 */
export function gridEdits(
  grid: Grid,
  rules: Rules,
  value: (branch: string, item: RuleItem, at: { readonly row: number; readonly col: number }) => ReturnType<Filler>,
): CellEdit[] {
  const header = findGridHeader(grid);
  if (header === null) throw new Error(`${grid.name}: no header row`);
  const byCode = new Map(rules.items.map((it) => [it.code, it]));
  const edits: CellEdit[] = [];
  const at = (r: number, c: number) => cellText(grid.rows[r]?.[c] ?? null);
  grid.rows.forEach((row, r) => {
    const code = at(r, 0);
    if (r <= header || code === "" || code === "项目名称" || code === "分值") return;
    (grid.rows[header] ?? []).forEach((_, c) => {
      const item = c >= 2 ? byCode.get(at(header, c)) : undefined;
      if (!item || at(r, c) === "不适用") return;
      const v = value(code, item, { row: r, col: c });
      if (v !== null) edits.push({ cell: a1(r, c), value: v });
    });
  });
  return edits;
}

/** gridEdits on a spec, as it would read back. */
export const specEdits = (spec: SheetSpec, rules: Rules, value: Filler): CellEdit[] => gridEdits(specGrid(spec), rules, value);

/** A spec with edits applied (styles kept), as patchCells would leave the sheet. */
export function applyEdits(spec: SheetSpec, edits: readonly CellEdit[]): SheetSpec {
  const rows: OutEntry[][] = spec.rows.map((r) => [...r]);
  for (const e of edits) {
    const { row, col } = parseA1(e.cell);
    while (rows.length <= row) rows.push([]);
    const line = rows[row]!;
    while (line.length <= col) line.push(null);
    const old = line[col];
    line[col] = old !== null && typeof old === "object" ? { ...old, v: e.value } : e.value;
  }
  return { ...spec, rows };
}

/** Edits for 扣分说明 rows under its header: branch, item, rater, note. */
export function noteEdits(notes: readonly (readonly [string, string, string, string])[]): CellEdit[] {
  return notes.flatMap((n, i) => n.map((v, c) => ({ cell: a1(i + 1, c), value: v })));
}

const CATEGORY_OF = (branches: readonly Branch[]) => new Map(branches.map((b) => [b.code, b]));

/**
 * A complete, consistent filling for A and B (and a self-assessment): deductions of 0.5 on
 * every third applicable item per branch (B agreeing within tolerance), a bonus for the first
 * branch, V1 = 是 for the last one; with a 扣分说明 row for every deduction.
 */
export function consistentScores(rules: Rules, branches: readonly Branch[]) {
  const byCode = CATEGORY_OF(branches);
  const deducted = (branch: string, it: RuleItem) => {
    const n = branches.findIndex((b) => b.code === branch);
    return it.type === "base" && (n + rules.items.indexOf(it)) % 3 === 0;
  };
  const score =
    (rater: "A" | "B" | "self"): Filler =>
    (branch, it) => {
      const b = byCode.get(branch)!;
      if (it.type === "veto") return it.code === "V1" && branch === branches.at(-1)!.code ? "是" : "否";
      if (it.type === "bonus") return it.code === "B1" && branch === branches[0]!.code ? it.max / 100 : rater === "B" ? null : 0;
      if (notApplicable(it, b)) throw new Error("filled a 不适用 cell");
      if (!deducted(branch, it)) return it.max / 100;
      // B reads a few criteria a little more strictly, within tolerance.
      return it.max / 100 - (rater === "B" && it.max >= 400 ? 0.75 : 0.5);
    };
  const notes: [string, string, string, string][] = [];
  for (const b of branches) {
    for (const it of rules.items) {
      if (!notApplicable(it, b) && deducted(b.code, it)) {
        notes.push([b.code, it.code, "A", "台账缺项，扣分"]);
        notes.push([b.code, it.code, "B", "台账缺项，扣分"]);
      }
    }
  }
  return { a: score("A"), b: score("B"), self: score("self"), notes };
}

/** Fills a template's A, B and self grids and notes consistently. */
export function filledTemplate(sheets: SheetSpec[], rules: Rules, branches: readonly RosterEntry[]): SheetSpec[] {
  const s = consistentScores(rules, branches);
  const fill: Record<string, ((spec: SheetSpec) => SheetSpec) | undefined> = {
    评分A: (spec) => applyEdits(spec, specEdits(spec, rules, s.a)),
    评分B: (spec) => applyEdits(spec, specEdits(spec, rules, s.b)),
    自评: (spec) => applyEdits(spec, specEdits(spec, rules, s.self)),
    扣分说明: (spec) => applyEdits(spec, noteEdits(s.notes)),
  };
  return sheets.map((spec) => fill[spec.name]?.(spec) ?? spec);
}

/** A filled quarter whose roster people then edited: ZB02 renamed, ZB04 removed, ZB05 re-categorised, ZB07 added. */
export function editedQuarter(): SheetSpec[] {
  const filled = filledTemplate(templateSheets({ branches: BRANCHES, period: "2026Q3" }), defaultRules(), BRANCHES);
  const roster = rosterSheet([
    BRANCHES[0]!,
    { ...BRANCHES[1]!, name: "设备检修中心第一党支部" },
    BRANCHES[2]!,
    { ...BRANCHES[4]!, category: "综合管理类" },
    BRANCHES[5]!,
    { code: "ZB07", name: "新设党支部", category: "辅助类", unit: "新设单位" },
  ]);
  return filled.map((s) => (s.name === "支部名册" ? roster : s));
}
