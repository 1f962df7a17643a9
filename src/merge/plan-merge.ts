/**
 * Merging a rater's filled copy into the assessment workbook (scorecard merge, 导入评分表).
 * Raters fill separate copies of the template (double-blind); this plans which cells of the
 * target's grid to set, matching rows by 支部编码 and columns by item code (never by position).
 * Pure: snapshots in, cell edits and a summary out; the caller patches the file.
 */
import type { WorkbookReader } from "../io/workbook.js";
import type { CellEdit, WorkbookSnapshot } from "../model/workbook.js";
import { a1, cellAt, type Cell, type Grid } from "../model/cell.js";
import { UserError, type FailureParams } from "../model/failure.js";
import type { MergeSkipReason } from "../model/merge-report.js";
import { isNotApplicableToken } from "../validate/cell-readers.js";
import { findGridHeader, gridShape } from "../validate/grids.js";
import { GRID_SHEETS, SHEETS, TABLES, type GridSheet } from "../model/sheets.js";
import { dataRows, field, findTable } from "../validate/table.js";
import { cellText, isBlank, keyText, normalizeText } from "../validate/text.js";
import { planNotesMerge, type NotesMerge } from "./plan-notes.js";

export interface MergeConflict {
  /** The target's cell (A1 on `sheet`): left as it is. */
  readonly cell: string;
  readonly branch: string;
  readonly item: string;
  /** What the target holds and what the rater's file holds, as people read them. */
  readonly target: string;
  readonly incoming: string;
}

/** A filled cell of the rater's file that was not merged for another reason than a conflict. */
export interface MergeSkip {
  /** The cell in the rater's file (A1 on `sheet`). */
  readonly cell: string;
  readonly branch: string;
  readonly item: string;
  readonly reason: MergeSkipReason;
}

/** What a merge will do; structurally a MergeSummary (addin/operations.ts) plus the edits. */
export interface MergePlan {
  readonly sheet: GridSheet;
  readonly edits: CellEdit[];
  /** Cells copied into the target (= edits.length). */
  readonly copied: number;
  readonly conflicts: readonly MergeConflict[];
  /** 支部编码 of the rater's file that the target's grid has no row for. */
  readonly unknownBranches: readonly string[];
  /** Item codes of the rater's file that the target's grid has no column for. */
  readonly unknownItems: readonly string[];
  readonly skipped: readonly MergeSkip[];
  /** The rater's 扣分说明 rows to append to the target's (null: the rater's file has none). */
  readonly notes: NotesMerge | null;
}

export type MergeErrorKind =
  "invalid-as" | "ambiguous" | "nothing-filled" | "source-sheet-missing" | "target-sheet-missing" | "header-missing";

type MergeFailureCode = "MERGE_GRID_UNKNOWN" | "MERGE_NOTHING_FILLED" | "MERGE_AMBIGUOUS" | "MERGE_SHEET_MISSING" | "MERGE_HEADER_MISSING";

/** A merge that cannot be planned: a user's problem, its message from the failure catalogue. */
export class MergeError<C extends MergeFailureCode = MergeFailureCode> extends UserError<C> {
  constructor(code: C, params: FailureParams[C]) {
    super(code, params);
    this.name = "MergeError";
  }

  get kind(): MergeErrorKind {
    switch (this.code) {
      case "MERGE_GRID_UNKNOWN":
        return "invalid-as";
      case "MERGE_NOTHING_FILLED":
        return "nothing-filled";
      case "MERGE_AMBIGUOUS":
        return "ambiguous";
      case "MERGE_HEADER_MISSING":
        return "header-missing";
      default:
        return (this.params as FailureParams["MERGE_SHEET_MISSING"]).in === "rater" ? "source-sheet-missing" : "target-sheet-missing";
    }
  }
}

/** A grid's header row, item columns (first of a repeated code) and branch rows (first of a repeated code). */
interface GridIndex {
  readonly grid: Grid;
  readonly headerRow: number;
  /** Item code → column, in column order. */
  readonly columns: ReadonlyMap<string, number>;
  /** 支部编码 → row, in row order. */
  readonly rows: ReadonlyMap<string, number>;
  /** Rows after the first of a repeated code, and rows with content but no code. */
  readonly extraRows: readonly number[];
}

function indexGrid(grid: Grid): GridIndex | null {
  const headerRow = findGridHeader(grid);
  if (headerRow === null) return null;
  const shape = gridShape(grid, headerRow);
  const columns = new Map<string, number>();
  for (const { code, col } of shape.itemColumns) if (!columns.has(code)) columns.set(code, col);
  const rows = new Map<string, number>();
  const extraRows: number[] = [];
  for (const { code, row } of shape.branchRows) {
    if (code === "" || rows.has(code)) extraRows.push(row);
    else rows.set(code, row);
  }
  return { grid, headerRow, columns, rows, extraRows };
}

const at = (g: GridIndex, row: number, col: number): Cell => cellAt(g.grid, row, col);

/** A score someone typed: not blank and not the 不适用 a template prefills. */
const isScore = (c: Cell): boolean => !isBlank(c) && !isNotApplicableToken(c);

function filledCount(g: GridIndex, isItem: (code: string) => boolean): number {
  let n = 0;
  for (const [code, col] of g.columns) {
    if (isItem(code)) for (const row of g.rows.values()) if (isScore(at(g, row, col))) n++;
  }
  return n;
}

/** Whether any data row of a column holds something (a column worth reporting when it cannot be merged). */
function columnFilled(g: GridIndex, col: number): boolean {
  return [...g.rows.values(), ...g.extraRows].some((row) => !isBlank(at(g, row, col)));
}

/** Two cells say the same when their trimmed, NFKC'd text matches (3.5 and "3.5"; any two 不适用 tokens). */
function sameValue(a: Cell, b: Cell): boolean {
  return canonical(a) === canonical(b);
}

function canonical(c: Cell): string {
  if (isNotApplicableToken(c)) return "\u0000NA";
  if (c !== null && c.kind === "text") return normalizeText(c.value).toUpperCase();
  return cellText(c).toUpperCase();
}

/**
 * Plans merging `source` (a rater's copy) into `target`. `as` names the grid to take; null
 * detects it: the only one of 评分A/评分B/仲裁/自评 in `source` with any score filled (cells
 * holding only the template's 不适用 do not count). Both snapshots must include the grids.
 * Columns are matched by their header, remark columns included. `rulesItemCodes` (the target's
 * 评分细则 codes), when given, decides which columns count as scores for the detection; a
 * source column the target lacks is reported when it is a rule item or holds anything.
 *
 * A filled source cell is copied to the target's cell of the same branch and item when that is
 * blank; when it holds the same value nothing is done; when it holds another value it is left
 * alone and reported as a conflict. Blank source cells never clear anything. When both
 * snapshots include 扣分说明, the rater's notes the target lacks are planned too (`notes`):
 * raters explain their deductions in their own copy.
 */
export function planMerge(
  target: WorkbookSnapshot,
  source: WorkbookSnapshot,
  as: string | null,
  rulesItemCodes?: readonly string[],
): MergePlan {
  const codes = rulesItemCodes ? new Set(rulesItemCodes) : null;
  const isItem = (code: string) => codes === null || codes.has(code);
  const sheet = as === null ? detectGrid(source, isItem) : checkedName(as);

  const sourceGrid = source.sheets.get(sheet);
  if (!sourceGrid) throw new MergeError("MERGE_SHEET_MISSING", { sheet, in: "rater" });
  const targetGrid = target.sheets.get(sheet);
  if (!targetGrid) throw new MergeError("MERGE_SHEET_MISSING", { sheet, in: "target" });
  const src = indexGrid(sourceGrid);
  if (!src) throw new MergeError("MERGE_HEADER_MISSING", { sheet, in: "rater" });
  const dst = indexGrid(targetGrid);
  if (!dst) throw new MergeError("MERGE_HEADER_MISSING", { sheet, in: "target" });

  const edits: CellEdit[] = [];
  const conflicts: MergeConflict[] = [];
  const skipped: MergeSkip[] = [];
  const unknownBranches = [...src.rows.keys()].filter((code) => !dst.rows.has(code));
  // A column the target lacks: reported when it is a rule item or holds anything (a remark column people filled).
  const unknownItems = [...src.columns]
    .filter(([code, col]) => !dst.columns.has(code) && ((codes !== null && codes.has(code)) || columnFilled(src, col)))
    .map(([code]) => code);

  for (const [branch, sr] of src.rows) {
    const tr = dst.rows.get(branch);
    if (tr === undefined) continue;
    for (const [item, sc] of src.columns) {
      const tc = dst.columns.get(item);
      const incoming = at(src, sr, sc);
      if (tc === undefined || incoming === null || isBlank(incoming)) continue;
      const value = editValue(incoming);
      if (value === undefined) {
        skipped.push({ cell: a1(sr, sc), branch, item, reason: "date" });
        continue;
      }
      const current = at(dst, tr, tc);
      if (isBlank(current)) edits.push({ cell: a1(tr, tc), value });
      else if (!sameValue(current, incoming))
        conflicts.push({ cell: a1(tr, tc), branch, item, target: cellText(current), incoming: cellText(incoming) });
    }
  }
  for (const r of src.extraRows) {
    const branch = keyText(at(src, r, 0));
    const filled = [...src.columns].filter(([item, c]) => dst.columns.has(item) && isScore(at(src, r, c)));
    if (filled.length === 0) continue;
    const reason = branch === "" ? "no-branch-code" : "branch-repeated";
    for (const [item, c] of filled) skipped.push({ cell: a1(r, c), branch, item, reason });
  }
  return { sheet, edits, copied: edits.length, conflicts, unknownBranches, unknownItems, skipped, notes: planNotesMerge(target, source) };
}

/** The value to write for a source cell; undefined for a date (its serial number is no score). */
function editValue(c: Exclude<Cell, null>): CellEdit["value"] | undefined {
  switch (c.kind) {
    case "number":
      return c.isDate ? undefined : c.value;
    case "text":
      return c.value;
    case "bool":
      return c.value;
    // An error value is kept visible as its text, so validation still reports it.
    case "error":
      return c.value;
  }
}

function checkedName(as: string): GridSheet {
  const name = as.trim();
  if (!(GRID_SHEETS as readonly string[]).includes(name)) {
    throw new MergeError("MERGE_GRID_UNKNOWN", { as, grids: GRID_SHEETS });
  }
  return name as GridSheet;
}

function detectGrid(source: WorkbookSnapshot, isItem: (code: string) => boolean): GridSheet {
  const filled = GRID_SHEETS.flatMap((name) => {
    const grid = source.sheets.get(name);
    const index = grid ? indexGrid(grid) : null;
    const n = index ? filledCount(index, isItem) : 0;
    return n > 0 ? [{ name, n }] : [];
  });
  if (filled.length === 1) return filled[0]!.name;
  if (filled.length === 0) throw new MergeError("MERGE_NOTHING_FILLED", { grids: GRID_SHEETS });
  throw new MergeError("MERGE_AMBIGUOUS", { filled: filled.map((f) => ({ sheet: f.name, cells: f.n })) });
}

/**
 * planMerge over two workbooks, whatever holds them (the CLI's .xlsx files, the task pane's
 * open workbook): reads the four grids and 扣分说明 of each, and the target's 评分细则 for its
 * item codes. Patch `plan.edits` into `plan.sheet`, then `plan.notes.edits` into 扣分说明.
 */
export async function planRaterMerge(target: WorkbookReader, source: WorkbookReader, as: string | null): Promise<MergePlan> {
  const [t, s] = await Promise.all([
    target.read([...GRID_SHEETS, SHEETS.rules, SHEETS.notes]),
    source.read([...GRID_SHEETS, SHEETS.notes]),
  ]);
  return planMerge(t, s, as, ruleItemCodes(t));
}

/** Every 编号 typed in a workbook's 评分细则 (valid rows or not), or undefined without a usable sheet. */
export function ruleItemCodes(wb: WorkbookSnapshot): string[] | undefined {
  const grid = wb.sheets.get(SHEETS.rules);
  const table = grid ? findTable(grid, TABLES.rules.required) : null;
  if (!grid || !table) return undefined;
  const codes = [...dataRows(grid, table.headerRow)].map(({ cells }) => keyText(field(table, cells, "编号"))).filter((c) => c !== "");
  return codes.length > 0 ? codes : undefined;
}
