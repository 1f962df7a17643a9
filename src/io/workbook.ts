import type { Grid } from "../model/cell.js";
import type { SheetSpec } from "../report/sheet-spec.js";

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

/**
 * The workbook was read, but the results cannot be written into it without damaging it or
 * its audit trail (a Strict Open XML file, a chart sheet where an output sheet goes, a full
 * 运行记录). The reason, in Chinese, says what to do; the input is never written either way.
 */
export class WorkbookUnwritableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "WorkbookUnwritableError";
  }
}

/** One cell of an input sheet to set (a rater's grid merged into the target workbook). */
export interface CellEdit {
  /** A1 address on the sheet being patched. */
  readonly cell: string;
  /** Strings are written as literal text, never as formulas. null clears the value. */
  readonly value: string | number | boolean | null;
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
