import type { Grid } from "../model/cell.js";

/**
 * What the pipeline needs from a workbook, whatever holds it (an .xlsx file or Excel itself).
 * Reading is one batch: the adapter returns the names of all sheets and the grids of the
 * requested sheets that exist.
 */
export interface WorkbookReader {
  read(wanted: readonly string[]): Promise<WorkbookSnapshot>;
}

export interface WorkbookSnapshot {
  /** Every sheet name in workbook order. */
  readonly sheetNames: readonly string[];
  /** Grids of the requested sheets that exist, by name. */
  readonly sheets: ReadonlyMap<string, Grid>;
}

/** The file could not be read as a workbook at all (not a zip, not .xlsx, encrypted, empty). */
export class WorkbookUnreadableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "WorkbookUnreadableError";
  }
}
