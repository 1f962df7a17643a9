/** Sheet contents as plain values, trailing blanks trimmed: comparable between what a reader reports and what the report specifies. */
import type { Cell, Grid } from "../../src/model/cell.js";
import { cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";

type Value = string | number | boolean;

/**
 * A grid's rows with every cell up to each row's end, blank ones as null: an .xlsx reader's row
 * has holes where nothing is filled (the code reads cells with rowCell), so tests that walk or
 * compare whole rows read them through this.
 */
export function denseRows(grid: Grid | undefined): Cell[][] {
  return (grid?.rows ?? []).map((row) => Array.from(row, (c) => c ?? null));
}

/** A read grid's values (blank cells as ""). */
export function gridValues(grid: Grid | undefined): Value[][] {
  return trimBlank(denseRows(grid).map((row) => row.map((c) => (c === null ? "" : c.value))));
}

/** A sheet spec's values as a writer puts them in cells. */
export function specValues(spec: SheetSpec | undefined): Value[][] {
  return trimBlank((spec?.rows ?? []).map((row) => row.map((e) => cellValue(e) ?? "")));
}

/** Rows without trailing blank cells, and no trailing empty rows. */
export function trimBlank(rows: Value[][]): Value[][] {
  const out = rows.map((row) => {
    const r = [...row];
    while (r.length > 0 && r[r.length - 1] === "") r.pop();
    return r;
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}
