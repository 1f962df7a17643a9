import { bool, num, text, type Cell, type Grid } from "../model/cell.js";
import type { WorkbookReader } from "./workbook.js";
import type { WorkbookSnapshot } from "../model/workbook.js";
import { cellValue, type SheetSpec } from "../report/sheet-spec.js";

/** A SheetSpec's values as the grid a workbook adapter would report (no dates, no errors). */
export function specGrid(sheet: SheetSpec): Grid {
  return {
    name: sheet.name,
    rows: sheet.rows.map((row) =>
      row.map((e): Cell => {
        const v = cellValue(e);
        if (v === null) return null;
        if (typeof v === "number") return num(v);
        if (typeof v === "boolean") return bool(v);
        return v === "" ? null : text(v);
      }),
    ),
  };
}

/** A workbook held in memory as SheetSpecs (tests, benchmarks, previews): no file involved. */
export class SheetSpecReader implements WorkbookReader {
  constructor(private readonly sheets: readonly SheetSpec[]) {}

  snapshot(wanted?: readonly string[]): WorkbookSnapshot {
    const grids = new Map<string, Grid>();
    for (const s of this.sheets) {
      if ((wanted === undefined || wanted.includes(s.name)) && !grids.has(s.name)) grids.set(s.name, specGrid(s));
    }
    return { sheetNames: this.sheets.map((s) => s.name), sheets: grids };
  }

  async read(wanted: readonly string[]): Promise<WorkbookSnapshot> {
    return this.snapshot(wanted);
  }
}
