/**
 * A rater's 扣分说明 rows carried into the target along with their grid: raters explain their
 * deductions in their own copy, and those notes are typed data too. Rows the target does not
 * already hold (same 支部编码, 项目编号, 评分方 and 说明) are appended below its last row.
 */
import type { CellEdit, WorkbookSnapshot } from "../model/workbook.js";
import { a1, type GridRow } from "../model/cell.js";
import { SHEETS, TABLES, tableTitles } from "../model/sheets.js";
import { dataRows, field, findTable, type Table } from "../validate/table.js";
import { cellText, isBlank, normalizeText } from "../validate/text.js";

const NOTES_TITLES = TABLES.notes.required;
const COLUMNS = tableTitles("notes");

export interface NotesMerge {
  readonly sheet: typeof SHEETS.notes;
  readonly edits: CellEdit[];
  /** Rows appended to the target. */
  readonly appended: number;
  /** Rows of the rater's file that could not be carried over (the target has no usable 扣分说明). */
  readonly notCarried: number;
}

const rowKey = (table: Table, cells: GridRow) => NOTES_TITLES.map((t) => normalizeText(cellText(field(table, cells, t)))).join("\u0000");

/** null when the rater's file has no 扣分说明 rows (nothing to carry). */
export function planNotesMerge(target: WorkbookSnapshot, source: WorkbookSnapshot): NotesMerge | null {
  const sourceGrid = source.sheets.get(SHEETS.notes);
  const from = sourceGrid ? findTable(sourceGrid, NOTES_TITLES) : null;
  if (!from) return null;
  const incoming = [...dataRows(from.grid, from.headerRow)].map((r) => r.cells);
  if (incoming.length === 0) return null;

  const targetGrid = target.sheets.get(SHEETS.notes);
  const into = targetGrid ? findTable(targetGrid, NOTES_TITLES) : null;
  if (!into) return { sheet: SHEETS.notes, edits: [], appended: 0, notCarried: incoming.length };

  const present = new Set<string>();
  let last = into.headerRow;
  for (const { index, cells } of dataRows(into.grid, into.headerRow)) {
    present.add(rowKey(into, cells));
    last = index;
  }
  const edits: CellEdit[] = [];
  let appended = 0;
  for (const cells of incoming) {
    const key = rowKey(from, cells);
    if (present.has(key)) continue;
    present.add(key);
    const row = last + 1 + appended++;
    for (const title of COLUMNS) {
      const col = into.columns.get(title);
      const c = field(from, cells, title);
      if (col !== undefined && !isBlank(c)) edits.push({ cell: a1(row, col), value: c!.kind === "number" ? c!.value : cellText(c) });
    }
  }
  return { sheet: SHEETS.notes, edits, appended, notCarried: 0 };
}
