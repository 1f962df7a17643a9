import { numberText } from "./decimal.js";

/**
 * A cell as a workbook adapter reports it: the value a person sees, typed.
 * Formula cells carry their cached value; a formula with no cached value is blank (null).
 */
export type Cell =
  | null
  | { readonly kind: "number"; readonly value: number; readonly isDate: boolean }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "error"; readonly value: string };

/**
 * A row as read: sparse, with holes where no cell is filled (the .xlsx reader keeps memory to the
 * filled cells of sheets with far-apart data), ragged. Read its cells with rowCell, which gives
 * null for a hole: iterating it (map, every, for…of) skips holes or yields undefined.
 */
export type GridRow = readonly (Cell | undefined)[];

/** A sheet's cells, row-major from A1: rows[r][c] is the cell at row r+1, column c+1 (rowCell reads it). */
export interface Grid {
  readonly name: string;
  readonly rows: readonly GridRow[];
}

/**
 * A cell's value as the text it shows, untrimmed: numbers as their shortest decimal text at
 * Excel's 15 digits, booleans as TRUE/FALSE, errors as written; blank → "". The one place a
 * cell becomes text: validation trims it (cellText), the ledger carries it over as it was.
 */
export function cellValueText(c: Cell): string {
  if (c === null) return "";
  switch (c.kind) {
    case "text":
    case "error":
      return c.value;
    case "number":
      return numberText(c.value);
    case "bool":
      return c.value ? "TRUE" : "FALSE";
  }
}

/**
 * Excel's error values (workbook.md): what a cell shows when a formula fails, as Excel writes
 * them. Validation takes one, as an error cell or typed as text, for a cell error; the fake
 * Excel host turns one typed into a cell into an error cell, as Excel does.
 */
export const EXCEL_ERROR_VALUES: readonly string[] = [
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
  "#BUSY!",
  "#PYTHON!",
  "#EXTERNAL!",
];

export const num = (value: number, isDate = false): Cell => ({ kind: "number", value, isDate });
export const text = (value: string): Cell => ({ kind: "text", value });
export const bool = (value: boolean): Cell => ({ kind: "bool", value });
export const err = (value: string): Cell => ({ kind: "error", value });

export function cellAt(grid: Grid, row: number, col: number): Cell {
  return rowCell(grid.rows[row], col);
}

/** A row's cell, null for a blank one (a hole, past its end, or no row at all). */
export function rowCell(row: GridRow | undefined, col: number): Cell {
  return row?.[col] ?? null;
}

/** Column index (0-based) → letters: 0 → A, 27 → AB. */
export function columnLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Column letters → index (0-based), either case: A → 0, AB → 27. */
export function columnIndex(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return col - 1;
}

/** 0-based row and column → A1 address. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A sheet name as references quote it: always quoted, apostrophes doubled (`'考核结果'`, `'O''Brien'`). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** 0-based bounds → "A1:C9", or "A1" for a single cell. */
export function rangeA1(r0: number, c0: number, r1: number, c1: number): string {
  return r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
}

/** A1 address → 0-based row and column (absolute markers allowed). */
export function parseA1(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not an A1 address: ${ref}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}
