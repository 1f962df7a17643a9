/** Excel's range values → the Cell model, exactly as the .xlsx reader reports the same cells. */
import { isDateFormatCode } from "../../src/io/xlsx/styles.js";
import { bool, err, num, text, type Cell } from "../../src/model/cell.js";

const EMPTY_ROW: readonly Cell[] = Object.freeze([]);

/** Whether a number format shows a date or time (the .xlsx reader's rule), cached per format. */
export function dateFormats(): (numberFormat: unknown) => boolean {
  const cache = new Map<string, boolean>();
  return (nf) => {
    if (typeof nf !== "string" || nf === "General" || nf === "@") return false;
    let d = cache.get(nf);
    if (d === undefined) cache.set(nf, (d = isDateFormatCode(nf)));
    return d;
  };
}

/**
 * One cell from `values`, `valueTypes` and `numberFormat`: errors as error cells, booleans,
 * numbers (a date format makes a date), text (a formula's "" is text "", as in the file), blank.
 */
export function toCell(value: unknown, type: unknown, numberFormat: unknown, isDate: (nf: unknown) => boolean): Cell {
  switch (type) {
    case "Empty":
      return null;
    case "String":
      return text(String(value));
    case "Double":
    case "Integer":
      return typeof value === "number" ? num(value, isDate(numberFormat)) : text(String(value));
    case "Boolean":
      return bool(value === true);
    case "Error":
      return err(String(value).trim());
    default:
      // Linked data types and anything newer: what `values` shows.
      if (typeof value === "number") return num(value, isDate(numberFormat));
      if (typeof value === "boolean") return bool(value);
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what `values` shows: text, or Excel's own text of a newer type
      return value === "" || value === null || value === undefined ? null : text(String(value));
  }
}

/** Grid rows being assembled from row slices placed at their sheet position. */
export class GridRows {
  private readonly rows: Cell[][] = [];

  place(
    firstRow: number,
    firstCol: number,
    values: unknown[][],
    types: unknown[][],
    formats: unknown[][],
    isDate: (nf: unknown) => boolean,
  ): void {
    values.forEach((vals, i) => {
      const r = firstRow + i;
      let row: Cell[] | undefined;
      for (let j = 0; j < vals.length; j++) {
        const cell = toCell(vals[j], types[i]?.[j], formats[i]?.[j], isDate);
        if (cell === null) continue;
        row ??= this.rows[r] ??= [];
        const c = firstCol + j;
        while (row.length < c) row.push(null);
        row[c] = cell;
      }
    });
  }

  /** Dense rows from A1: skipped rows are empty, trailing blank cells and rows dropped. */
  finish(): (readonly Cell[])[] {
    const out: (readonly Cell[])[] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (r === undefined) {
        out.push(EMPTY_ROW);
        continue;
      }
      let end = r.length;
      while (end > 0 && r[end - 1] === null) end--;
      r.length = end;
      out.push(end === 0 ? EMPTY_ROW : r);
    }
    while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }
}
