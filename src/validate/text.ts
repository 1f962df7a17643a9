import { cellValueText, EXCEL_ERROR_VALUES, type Cell, type GridRow } from "../model/cell.js";
import { numberText } from "../model/decimal.js";
import { maybeSpace } from "../model/white-space.js";

/**
 * Without leading and trailing white space, including U+3000 (ideographic space) and NBSP,
 * which Chinese input leaves behind: exactly what String.prototype.trim removes. (A regular
 * expression like /\s+$/ takes quadratic time on a long run of spaces inside the text.)
 */
export function trimText(s: string): string {
  // Most cells have nothing to trim: skip the call for them (it shows in big grids).
  if (s === "" || (!maybeSpace(s.charCodeAt(0)) && !maybeSpace(s.charCodeAt(s.length - 1)))) return s;
  return s.trim();
}

/** Trim then NFKC: full-width `３．５` becomes `3.5`. */
export function normalizeText(s: string): string {
  return trimText(s.normalize("NFKC"));
}

/** A cell as trimmed text: numbers as their shortest decimal text, booleans as TRUE/FALSE; blank → "". */
export function cellText(c: Cell): string {
  return c !== null && c.kind === "text" ? trimText(c.value) : cellValueText(c);
}

/** Blank: no cell, or text that is only whitespace. */
export function isBlank(c: Cell): boolean {
  return c === null || (c.kind === "text" && trimText(c.value) === "");
}

/**
 * Whether a row holds anything that is not blank. Rows read from a file may be sparse (a cell
 * in column XFD does not make a row 16,384 cells long: see the .xlsx sheet reader), so a long
 * row is walked by its filled cells only, never over its length.
 */
export function hasContent(cells: GridRow): boolean {
  if (cells.length <= 256) {
    for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i] ?? null)) return true;
    return false;
  }
  // Object.keys lists only the cells that are there (a sparse row's holes are not).
  for (const key of Object.keys(cells)) if (!isBlank(cells[Number(key)] ?? null)) return true;
  return false;
}

const ERROR_VALUES: ReadonlySet<string> = new Set(EXCEL_ERROR_VALUES);

/** An Excel error value, stored as an error cell or typed as text, in either case. */
export function isErrorValue(c: Cell): boolean {
  if (c === null) return false;
  if (c.kind === "error") return true;
  return c.kind === "text" && /[#＃]/.test(c.value) && ERROR_VALUES.has(normalizeText(c.value).toUpperCase());
}

/** The key of a row (编号, 支部编码, 设置项): trimmed text, numbers as their shortest decimal text, an error value as written (cellText's text). */
export function keyText(c: Cell): string {
  return cellText(c);
}

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/**
 * A number where settings and rules expect one: a stored number (not date-formatted), or
 * text that is a plain number after NFKC (`６０`, `40.000`). Returns its decimal text.
 */
export function plainNumberText(c: Cell): string | null {
  if (c === null) return null;
  if (c.kind === "number") return c.isDate ? null : numberText(c.value);
  if (c.kind === "text") {
    const t = normalizeText(c.value);
    return PLAIN_NUMBER.test(t) ? t : null;
  }
  return null;
}
