import { a1, rowCell, type Cell, type Grid, type GridRow } from "../model/cell.js";
import { hasContent, trimText } from "./text.js";

/** How far down a header row may be (title rows, notes above the table). */
export const HEADER_SEARCH_ROWS = 10;

export interface Table {
  readonly sheet: string;
  /** 0-based index of the header row. */
  readonly headerRow: number;
  /** Column index of every title found in the header row (first occurrence). */
  readonly columns: ReadonlyMap<string, number>;
  readonly grid: Grid;
}

function titleOf(c: Cell): string {
  return c !== null && c.kind === "text" ? trimText(c.value) : "";
}

/** The first row within the first 10 that holds every required title, or null. */
export function findTable(grid: Grid, required: readonly string[]): Table | null {
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.rows.length);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    const columns = new Map<string, number>();
    row.forEach((c, i) => {
      const t = titleOf(c ?? null);
      if (t && !columns.has(t)) columns.set(t, i);
    });
    if (required.every((t) => columns.has(t))) return { sheet: grid.name, headerRow: r, columns, grid };
  }
  return null;
}

/** Rows below the header that are not entirely empty, with their 0-based index. */
export function* dataRows(grid: Grid, after: number): Generator<{ index: number; cells: GridRow }> {
  for (let r = after + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (hasContent(cells)) yield { index: r, cells };
  }
}

/** The cell of a titled column in a row (null when the title is absent). */
export function field(table: Table, cells: GridRow, title: string): Cell {
  const col = table.columns.get(title);
  return col === undefined ? null : rowCell(cells, col);
}

/** The A1 address of a titled column in a row. */
export function fieldAddress(table: Table, row: number, title: string): string {
  return a1(row, table.columns.get(title) ?? 0);
}
