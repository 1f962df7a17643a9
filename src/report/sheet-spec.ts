/**
 * Output sheets as plain data: what to write, not how. The .xlsx writer and the Office.js
 * adapter both render these; the engine and the report builders never touch a file.
 */
export type OutValue = string | number | boolean | null;

/** Named cell styles; each adapter maps them to its own formatting. */
export type CellStyle =
  | "title"
  | "notice"
  | "header"
  | "text"
  | "integer"
  | "decimal2"
  | "decimal4"
  | "percent";

export interface OutCell {
  readonly v: OutValue;
  readonly style?: CellStyle;
}

export type OutEntry = OutValue | OutCell;

export interface SheetSpec {
  readonly name: string;
  /** Row-major from A1. Strings are always written as literal text, never as formulas. */
  readonly rows: readonly (readonly OutEntry[])[];
  /** Column widths in characters (Excel's unit), by column index. */
  readonly columnWidths?: readonly number[];
  /** Rows to keep visible at the top (frozen panes), e.g. the header. */
  readonly freezeRows?: number;
}

export function cellValue(e: OutEntry): OutValue {
  return e !== null && typeof e === "object" ? e.v : e;
}

export function cellStyle(e: OutEntry): CellStyle | undefined {
  return e !== null && typeof e === "object" ? e.style : undefined;
}
