import type { Grid } from "./cell.js";

/** What a workbook adapter read: every sheet name, and the grids of the sheets asked for. */
export interface WorkbookSnapshot {
  /** Every sheet name in workbook order. */
  readonly sheetNames: readonly string[];
  /** Grids of the requested sheets that exist, by name. */
  readonly sheets: ReadonlyMap<string, Grid>;
}

/** One cell of an input sheet to set (a rater's grid merged into the target workbook). */
export interface CellEdit {
  /** A1 address on the sheet being patched. */
  readonly cell: string;
  /** Strings are written as literal text, never as formulas. null clears the value. */
  readonly value: string | number | boolean | null;
}
