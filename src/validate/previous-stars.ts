import { excelNumber } from "../model/decimal.js";
import { a1, type Cell, type Grid } from "../model/cell.js";
import type { InvalidPreviousStars, PreviousStars } from "../model/previous-stars.js";
import { PREVIOUS_STARS_TITLE, TABLES } from "../model/sheets.js";
import { dataRows, field, findTable } from "./table.js";
import { cellText, isBlank, keyText, normalizeText } from "./text.js";

/**
 * 上年星级 of the roster's branches (annual.md §2), read only by the annual run: for each code's
 * first row (a repeated code's later rows are not otherwise checked), the grade, or nothing
 * when blank or when the column is absent. Invalid cells are listed and count as nothing.
 */
export function readPreviousStars(roster: Grid | null): PreviousStars {
  const stars = new Map<string, number>();
  const invalid: InvalidPreviousStars[] = [];
  const table = roster && findTable(roster, TABLES.roster.required);
  const col = table?.columns.get(PREVIOUS_STARS_TITLE);
  if (!table || col === undefined) return { stars, invalid };
  const seen = new Set<string>();
  for (const { index, cells } of dataRows(table.grid, table.headerRow)) {
    const code = keyText(field(table, cells, "支部编码"));
    if (code === "" || seen.has(code)) continue;
    seen.add(code);
    const cell = cells[col] ?? null;
    if (isBlank(cell)) continue;
    const grade = parsePreviousStars(cell);
    if (grade === null) invalid.push({ code, cell: a1(index, col), value: cellText(cell) });
    else stars.set(code, grade);
  }
  return { stars, invalid };
}

const STARS = /^(★*)(☆*)$/u;

/**
 * A non-blank 上年星级 cell → 0–5, or null when it is not a grade: a whole number 0–5 (a
 * date-formatted number is not), text that is a plain integer after trimming and NFKC, or
 * stars as the product writes them (`★★★★☆`, `★★★★`, `☆☆☆☆☆`: ★s then ☆s, one to five signs).
 */
export function parsePreviousStars(cell: Cell): number | null {
  if (cell === null) return null;
  if (cell.kind === "number") {
    const v = excelNumber(cell.value);
    return !cell.isDate && Number.isInteger(v) && v >= 0 && v <= 5 ? Math.abs(v) : null; // abs: -0 is 0
  }
  if (cell.kind !== "text") return null;
  const t = normalizeText(cell.value);
  if (/^\d+$/.test(t)) {
    const v = Number(t);
    return v <= 5 ? v : null;
  }
  const m = STARS.exec(t);
  const signs = [...t].length;
  return m && signs >= 1 && signs <= 5 ? [...m[1]!].length : null;
}
