/**
 * Regenerating a workbook's scoring grids from its own 支部名册 and 评分细则 (新建考核模板 →
 * 按本工作簿的支部名册重新生成): after people add, remove, rename or re-categorise branches, or
 * change the rules, the four grids are laid out again as a new template lays them out, and
 * every value already typed goes back to its branch and item, matched by 支部编码 and 项目编号
 * (never by position). What has no cell any more (a removed branch or item, an item that no
 * longer applies to the branch's category…) is kept aside in 未能放回的评分 and listed.
 * 支部名册, 评分细则, 考核设置 and 扣分说明 stay as they are (only 考核周期 is set when asked);
 * sheets a template has and the workbook lacks are added. Pure: a snapshot in, a plan out.
 */
import type { Branch } from "../model/branch.js";
import type { Cell, Grid } from "../model/cell.js";
import { a1, cellAt, rowCell } from "../model/cell.js";
import { UserError } from "../model/failure.js";
import type { Issue } from "../model/issues.js";
import { SET_ASIDE_SHEET, notPlacedReason, type NotPlaced, type RegenerationSummary, type StaleNote } from "../model/regeneration.js";
import type { RuleItem, Rules } from "../model/rules.js";
import { GRID_SHEETS, INPUT_SHEETS, SCORE_GRID, SHEETS, TABLES, type GridSheet } from "../model/sheets.js";
import type { CellEdit, WorkbookSnapshot } from "../model/workbook.js";
import { defaultRules } from "../model/default-rules.js";
import type { WorkbookReader, WorkbookWriter } from "../io/workbook.js";
import { hdr, txt, type OutEntry, type OutValue, type SheetSpec } from "../report/sheet-spec.js";
import { isNotApplicableToken } from "../validate/cell-readers.js";
import { findGridHeader, gridShape } from "../validate/grids.js";
import { readRules } from "../validate/rules.js";
import { readSettings } from "../validate/settings.js";
import { dataRows, field, findTable, type Table } from "../validate/table.js";
import { cellText, hasContent, isBlank, keyText } from "../validate/text.js";
import { instructionsSheet } from "./instructions.js";
import { notesSheet, rulesSheet } from "./input-sheets.js";
import { RosterSourceError, rosterFromTable } from "./roster-source.js";
import { EXAMPLE_BRANCHES, notApplicable, templateGridSheet, templateSettingsSheet } from "./template-workbook.js";

/** The sheets a regeneration reads. */
export const REGENERATION_READS: readonly string[] = INPUT_SHEETS;

export interface RegenerationOptions {
  /** 考核周期 to set (already normalised); null keeps what 考核设置 says. */
  readonly period: string | null;
  /** When, as written next to the values kept aside (localTimestamp). */
  readonly time: string;
}

/** What to write, computed before anything is written. */
export interface RegenerationPlan {
  /** Sheets replacing the workbook's sheets of the same name (the grids, 填报说明), in workbook order. */
  readonly replace: readonly SheetSpec[];
  /** Template sheets the workbook lacks, in template order. */
  readonly add: readonly SheetSpec[];
  /** 未能放回的评分 rows, appended below earlier runs' (null: nothing was left out). */
  readonly setAside: SheetSpec | null;
  /** Cells of input sheets to set: 考核周期, the example roster's notice once no example is left. */
  readonly patches: readonly Patch[];
  readonly summary: RegenerationSummary;
}

/** Cells to set on a sheet, and what they held (to put back should a later step fail). */
export interface Patch {
  readonly sheet: string;
  readonly edits: readonly CellEdit[];
  readonly undo: readonly CellEdit[];
}

const GRID_TITLES = [SCORE_GRID.codeTitle, SCORE_GRID.nameTitle];
const SET_ASIDE_TITLES = ["重新生成时间", "评分表", "支部编码", "支部名称", "项目编号", "原单元格", "原内容", "未能放回的原因"];

/** Plans the regeneration of a workbook read with REGENERATION_READS. Throws a UserError when it cannot be done. */
export function planRegeneration(wb: WorkbookSnapshot, options: RegenerationOptions): RegenerationPlan {
  const has = (name: string) => wb.sheetNames.includes(name);
  const branches = ownRoster(wb);
  const rules = ownRules(wb);
  const settings = ownSettings(wb, options.period);

  const old = GRID_SHEETS.map((name) => oldGrid(wb, name));
  const roster = new Map(branches.map((b) => [b.code, b]));
  const items = new Map(rules.items.map((it) => [it.code, it]));
  const notPlaced: NotPlaced[] = [];
  let kept = 0;

  const grids = GRID_SHEETS.map((name, g) => {
    const grid = old[g]!;
    const placed = new Map<string, OutValue>();
    if (grid) {
      for (const entry of carryOver(grid, name, roster, items)) {
        if ("reason" in entry) notPlaced.push(entry);
        else {
          placed.set(`${entry.branch}\u0000${entry.item}`, entry.value);
          kept++;
        }
      }
    }
    return templateGridSheet(name, rules, branches, (b, it) => placed.get(`${b.code}\u0000${it.code}`) ?? null);
  });

  const oldBranches = new Set(old.flatMap((g) => (g ? [...g.rows.keys()] : [])));
  const oldItems = new Set(old.flatMap((g) => (g ? [...g.columns.keys()] : [])));
  const firstGrid = old[0];
  const exampleRoster = branches.some((b) => EXAMPLE_BRANCHES.some((e) => e.code === b.code));
  const instructions = instructionsSheet({ period: settings.period, exampleRoster });

  const replace: SheetSpec[] = [];
  const add: SheetSpec[] = [];
  const place = (spec: SheetSpec) => (has(spec.name) ? replace : add).push(spec);
  place(instructions);
  if (!has(SHEETS.settings)) add.push(templateSettingsSheet({ period: options.period }));
  if (!has(SHEETS.rules)) add.push(rulesSheet(rules.items));
  grids.forEach(place);
  if (!has(SHEETS.notes)) add.push(notesSheet([]));
  // Replaced sheets in the workbook's order, so that writing them keeps their places.
  replace.sort((a, b) => wb.sheetNames.indexOf(a.name) - wb.sheetNames.indexOf(b.name));

  const patches = [...settings.patches, ...noticePatch(wb, exampleRoster)];
  return {
    replace,
    add,
    setAside: notPlaced.length === 0 ? null : setAsideSheet(notPlaced, options.time),
    patches,
    summary: {
      branches: branches.length,
      items: rules.items.length,
      kept,
      addedBranches: branches.filter((b) => !oldBranches.has(b.code)).map((b) => b.code),
      removedBranches: [...oldBranches].filter((code) => !roster.has(code)),
      renamedBranches: firstGrid ? renamed(firstGrid, roster) : [],
      addedItems: rules.items.filter((it) => !oldItems.has(it.code)).map((it) => it.code),
      removedItems: [...oldItems].filter((code) => !items.has(code)),
      notPlaced,
      notPlacedSheet: notPlaced.length === 0 ? null : SET_ASIDE_SHEET,
      staleNotes: staleNotes(wb, roster, items),
      addedSheets: add.map((s) => s.name),
      period: settings.change,
    },
  };
}

/** Reads the workbook (REGENERATION_READS) and plans its regeneration. */
export async function planWorkbookRegeneration(reader: WorkbookReader, options: RegenerationOptions): Promise<RegenerationPlan> {
  return planRegeneration(await reader.read(REGENERATION_READS), options);
}

/**
 * Carries a plan out on a copy of the workbook (the .xlsx adapter: the CLI, the file mode):
 * the patches, then every sheet. Excel, which writes into the open workbook, does it in its own,
 * safer order (addin/excel).
 */
export async function applyRegeneration(writer: WorkbookWriter, plan: RegenerationPlan): Promise<void> {
  for (const p of plan.patches) await writer.patchCells(p.sheet, p.edits);
  await writer.writeSheets([...plan.replace, ...plan.add, ...(plan.setAside ? [plan.setAside] : [])]);
}

// ---------------------------------------------------------------------------------------------
// The sheets the grids are laid out from

/** 支部名册 as validation reads it; any problem stops the regeneration (listed). */
function ownRoster(wb: WorkbookSnapshot): Branch[] {
  const grid = wb.sheets.get(SHEETS.roster);
  const table = grid ? findTable(grid, TABLES.roster.required) : null;
  if (!table) throw new UserError("OWN_ROSTER_MISSING", { sheet: grid !== undefined, ...TABLES.roster });
  try {
    return rosterFromTable(table, SHEETS.roster).branches;
  } catch (e) {
    if (e instanceof RosterSourceError) throw sheetProblems(SHEETS.roster, e.problems);
    throw e;
  }
}

/** 评分细则 as validation reads it (the default rules when the workbook has none); a fatal problem stops the regeneration. */
function ownRules(wb: WorkbookSnapshot): Rules {
  const grid = wb.sheets.get(SHEETS.rules);
  if (!grid) return defaultRules();
  const table = findTable(grid, TABLES.rules.required);
  if (!table) throw new UserError("OWN_SHEET_HEADER_MISSING", { sheet: SHEETS.rules, titles: TABLES.rules.required });
  const { rules, issues } = readRules(table);
  const fatal = issues.filter((i) => i.severity === "fatal");
  if (fatal.length > 0) throw sheetProblems(SHEETS.rules, fatal);
  return rules;
}

function sheetProblems(sheet: string, problems: readonly Issue[]): UserError<"OWN_SHEET_PROBLEMS"> {
  return new UserError("OWN_SHEET_PROBLEMS", { sheet, count: problems.length }, problems);
}

/**
 * 考核周期 after the regeneration, and the edit that sets it when a period was given and differs
 * from what 考核设置 says (a row of its own under the table when there is none).
 */
function ownSettings(
  wb: WorkbookSnapshot,
  period: string | null,
): { period: string | null; change: RegenerationSummary["period"]; patches: Patch[] } {
  const grid = wb.sheets.get(SHEETS.settings);
  if (!grid) return { period, change: null, patches: [] };
  const table = findTable(grid, TABLES.settings.required);
  if (!table) {
    if (period === null) return { period: null, change: null, patches: [] };
    throw new UserError("OWN_SHEET_HEADER_MISSING", { sheet: SHEETS.settings, titles: TABLES.settings.required });
  }
  const current = readSettings(table).settings.period;
  if (period === null || period === current) return { period: current, change: null, patches: [] };
  const valueCol = table.columns.get("值")!;
  const nameCol = table.columns.get("设置项")!;
  let row: number | null = null;
  let last = table.headerRow;
  for (const { index, cells } of dataRows(grid, table.headerRow)) {
    last = index;
    if (row === null && keyText(cells[nameCol] ?? null) === "考核周期") row = index;
  }
  const held = row === null ? null : cellAt(grid, row, valueCol);
  const shown = cellText(held);
  const edits: CellEdit[] =
    row !== null
      ? [{ cell: a1(row, valueCol), value: period }]
      : [
          { cell: a1(last + 1, nameCol), value: "考核周期" },
          { cell: a1(last + 1, valueCol), value: period },
        ];
  const undo = edits.map((e) => ({ cell: e.cell, value: row !== null && held !== null ? asTyped(held) : null }));
  return { period, change: { from: shown === "" ? null : shown, to: period }, patches: [{ sheet: SHEETS.settings, edits, undo }] };
}

/** A template's example roster starts with a notice: once no example branch is left it no longer applies. */
function noticePatch(wb: WorkbookSnapshot, exampleRoster: boolean): Patch[] {
  const first = rowCell(wb.sheets.get(SHEETS.roster)?.rows[0], 0);
  if (exampleRoster || first === null || first.kind !== "text" || !first.value.startsWith("以下为示例支部")) return [];
  return [{ sheet: SHEETS.roster, edits: [{ cell: "A1", value: null }], undo: [{ cell: "A1", value: first.value }] }];
}

// ---------------------------------------------------------------------------------------------
// The old grids

/** An old grid: where its branches and items are (first row / column of a repeated code counts, as in validation). */
interface OldGrid {
  readonly grid: Grid;
  readonly headerRow: number;
  readonly rows: ReadonlyMap<string, number>;
  readonly columns: ReadonlyMap<string, number>;
  readonly shape: ReturnType<typeof gridShape>;
}

function oldGrid(wb: WorkbookSnapshot, name: GridSheet): OldGrid | null {
  const grid = wb.sheets.get(name);
  if (!grid) return null;
  const headerRow = findGridHeader(grid);
  if (headerRow === null) {
    // A blank sheet has nothing to carry over; anything else could be lost.
    if (grid.rows.every((r) => !hasContent(r))) return null;
    throw new UserError("OWN_SHEET_HEADER_MISSING", { sheet: name, titles: GRID_TITLES });
  }
  const shape = gridShape(grid, headerRow);
  const rows = new Map<string, number>();
  for (const { code, row } of shape.branchRows) if (code !== "" && !rows.has(code)) rows.set(code, row);
  const columns = new Map<string, number>();
  for (const { code, col } of shape.itemColumns) if (!columns.has(code)) columns.set(code, col);
  return { grid, headerRow, rows, columns, shape };
}

/** A value that goes back into the new grid. */
interface Placed {
  readonly branch: string;
  readonly item: string;
  readonly value: OutValue;
}

/**
 * Every typed value of an old grid's branch rows, placed or not. A not-applicable token is no
 * score: it goes nowhere where the item does not apply (the new cell says 不适用 again) or the
 * branch or item is gone, and means "no arbitration" in 仲裁; where the item now applies it is
 * listed, as the cell needs a score now.
 */
function* carryOver(
  old: OldGrid,
  sheet: GridSheet,
  roster: ReadonlyMap<string, Branch>,
  items: ReadonlyMap<string, RuleItem>,
): Generator<Placed | NotPlaced> {
  const header = old.grid.rows[old.headerRow] ?? [];
  for (const { code, row, cells } of old.shape.branchRows) {
    const name = cellText(cells[1] ?? null);
    const branch = roster.get(code);
    for (let col = SCORE_GRID.firstItemColumn; col < cells.length; col++) {
      const cell = cells[col] ?? null;
      if (cell === null || isBlank(cell)) continue;
      const item = keyText(header[col] ?? null);
      const na = isNotApplicableToken(cell);
      const aside = (reason: NotPlaced["reason"]): NotPlaced => ({
        sheet,
        cell: a1(row, col),
        branch: code,
        name,
        item,
        value: asTyped(cell),
        reason,
      });
      if (code === "") {
        if (!na) yield aside({ kind: "no-code" });
      } else if (old.rows.get(code) !== row) {
        if (!na) yield aside({ kind: "duplicate-row" });
      } else if (item === "") {
        if (!na) yield aside({ kind: "no-item-code" });
      } else if (old.columns.get(item) !== col) {
        if (!na) yield aside({ kind: "duplicate-column" });
      } else if (!branch) {
        if (!na) yield aside({ kind: "branch-removed", sameName: sameNameCode(name, roster) });
      } else {
        const it = items.get(item);
        if (!it) {
          if (!na) yield aside({ kind: "item-removed" });
        } else if (notApplicable(it, branch)) {
          if (!na) yield aside({ kind: "not-applicable", category: branch.category! });
        } else if (na) {
          if (sheet !== SHEETS.arbitration) yield aside({ kind: "now-applicable", category: branch.category ?? "" });
        } else {
          yield { branch: code, item, value: asTyped(cell) };
        }
      }
    }
  }
}

/**
 * A cell's value as it was typed: numbers, text and booleans as they are; a date (no score, so
 * validation reports it either way) and an error value as the text people see.
 */
function asTyped(c: Exclude<Cell, null>): string | number | boolean {
  if (c.kind === "number") return c.isDate ? cellText(c) : c.value;
  return c.value;
}

/** The code of the one roster branch named like a removed one (its code changed?), else null. */
function sameNameCode(name: string, roster: ReadonlyMap<string, Branch>): string | null {
  if (name === "") return null;
  const same = [...roster.values()].filter((b) => b.name === name);
  return same.length === 1 ? same[0]!.code : null;
}

/** Branches whose name in the old grid differs from the roster's (their scores are kept: matched by code). */
function renamed(old: OldGrid, roster: ReadonlyMap<string, Branch>): RegenerationSummary["renamedBranches"] {
  const out: { code: string; from: string; to: string }[] = [];
  for (const [code, row] of old.rows) {
    const b = roster.get(code);
    const from = cellText(cellAt(old.grid, row, 1));
    if (b && from !== "" && from !== b.name) out.push({ code, from, to: b.name });
  }
  return out;
}

/** 扣分说明 rows about a branch or an item that is gone: left where they are, and listed. */
function staleNotes(wb: WorkbookSnapshot, roster: ReadonlyMap<string, Branch>, items: ReadonlyMap<string, RuleItem>): StaleNote[] {
  const grid = wb.sheets.get(SHEETS.notes);
  const table: Table | null = grid ? findTable(grid, TABLES.notes.required) : null;
  if (!table) return [];
  const out: StaleNote[] = [];
  for (const { index, cells } of dataRows(table.grid, table.headerRow)) {
    const branch = keyText(field(table, cells, "支部编码"));
    const item = keyText(field(table, cells, "项目编号"));
    const branchGone = branch !== "" && !roster.has(branch);
    const itemGone = item !== "" && !items.has(item);
    if (branchGone || itemGone) {
      out.push({
        cell: a1(index, table.columns.get("支部编码")!),
        branch,
        item,
        gone: branchGone && itemGone ? "both" : branchGone ? "branch" : "item",
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 未能放回的评分

/** The values kept aside, one row each; appended below earlier runs' rows, the header only on a new sheet. */
function setAsideSheet(entries: readonly NotPlaced[], time: string): SheetSpec {
  const rows: OutEntry[][] = entries.map((e) => [
    txt(time),
    txt(e.sheet),
    txt(e.branch),
    txt(e.name),
    txt(e.item),
    txt(`${e.sheet}!${e.cell}`),
    typeof e.value === "string" ? txt(e.value) : e.value,
    txt(notPlacedReason(e.reason)),
  ]);
  return {
    name: SET_ASIDE_SHEET,
    rows: [SET_ASIDE_TITLES.map(hdr), ...rows],
    columnWidths: [19, 8, 12, 28, 10, 12, 10, 60],
    freezeRows: 1,
    append: { appendSkip: 1 },
  };
}
