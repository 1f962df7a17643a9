/** A1 addresses of the fake host: rectangles on one sheet, 0-based and inclusive. */
import { columnIndex, columnLetters } from "../../src/model/cell.js";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

export const rectRows = (r: Rect): number => r.r1 - r.r0 + 1;
export const rectCols = (r: Rect): number => r.c1 - r.c0 + 1;
export const rectCells = (r: Rect): number => rectRows(r) * rectCols(r);

/** Splits `'My sheet'!A1:B2` or `Sheet1!A1` into the sheet name (unquoted) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/;

/** A local A1 address (cell, range, whole columns `C:E`, whole rows `3:5`) → rectangle; null if malformed. */
export function parseRect(local: string): Rect | null {
  const s = local.trim();
  const parts = s.split(":");
  if (parts.length === 2) {
    const a = CELL.exec(parts[0]!);
    const b = CELL.exec(parts[1]!);
    if (a && b) return ordered(Number(a[2]) - 1, columnIndex(a[1]!), Number(b[2]) - 1, columnIndex(b[1]!));
    const cols = COLS.exec(s);
    if (cols) return ordered(0, columnIndex(cols[1]!), MAX_ROWS - 1, columnIndex(cols[2]!));
    const rows = ROWS.exec(s);
    if (rows) return ordered(Number(rows[1]) - 1, 0, Number(rows[2]) - 1, MAX_COLUMNS - 1);
    return null;
  }
  if (parts.length === 1) {
    const a = CELL.exec(s);
    if (a) return ordered(Number(a[2]) - 1, columnIndex(a[1]!), Number(a[2]) - 1, columnIndex(a[1]!));
  }
  return null;
}

function ordered(ra: number, ca: number, rb: number, cb: number): Rect | null {
  const rect = { r0: Math.min(ra, rb), c0: Math.min(ca, cb), r1: Math.max(ra, rb), c1: Math.max(ca, cb) };
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLUMNS) return null;
  return rect;
}

/** Rectangle → local A1 address as Excel reports it (`A1`, `A1:C3`, `A:C`, `3:5`). */
export function formatRect(r: Rect): string {
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${columnLetters(r.c0)}:${columnLetters(r.c1)}`;
  if (r.c0 === 0 && r.c1 === MAX_COLUMNS - 1) return `${r.r0 + 1}:${r.r1 + 1}`;
  const tl = `${columnLetters(r.c0)}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? tl : `${tl}:${columnLetters(r.c1)}${r.r1 + 1}`;
}

/** A sheet name as Excel writes it in an address: quoted unless it is letters, digits and underscores. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && inner.r1 <= outer.r1 && inner.c1 <= outer.c1;
}
