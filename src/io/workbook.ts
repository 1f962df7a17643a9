import type { CellEdit, WorkbookSnapshot } from "../model/workbook.js";
import type { SheetSpec } from "../report/sheet-spec.js";

/**
 * What the pipeline needs from a workbook, whatever holds it (an .xlsx file or Excel itself).
 * Reading is one batch: the adapter returns the names of all sheets and the grids of the
 * requested sheets that exist.
 */
export interface WorkbookReader {
  read(wanted: readonly string[]): Promise<WorkbookSnapshot>;
}

/** The file could not be read as a workbook at all (not a zip, not .xlsx, encrypted, empty). */
export class WorkbookUnreadableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "WorkbookUnreadableError";
  }
}

/**
 * What the pipeline writes, whatever holds the workbook. The .xlsx adapter (CLI, browser file
 * mode) and the Office.js adapter (Excel) implement it; input sheets are only ever touched by
 * patchCells, which the rater merge uses.
 */
export interface WorkbookWriter {
  /** Adds or replaces these output sheets (a spec with `append` appends its rows). */
  writeSheets(sheets: readonly SheetSpec[]): Promise<void>;
  /** Sets the given cells' values on an existing sheet, leaving everything else as it is. */
  patchCells(sheet: string, edits: readonly CellEdit[]): Promise<void>;
}
