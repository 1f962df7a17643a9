import type { Grid } from "../model/cell.js";
import { UserError, type FileRole, type UnreadableRemedy } from "../model/failure.js";
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

/**
 * The file could not be read as a workbook at all (not a zip, not .xlsx, encrypted, empty,
 * damaged): `reason` says what is wrong with it, in Chinese, and `remedy` what to do when it is
 * not the usual "save it again from Excel". A user's problem (UserError WORKBOOK_UNREADABLE);
 * the run turns it into a fatal issue, other callers name the file.
 */
export class WorkbookUnreadableError extends UserError<"WORKBOOK_UNREADABLE"> {
  constructor(
    readonly reason: string,
    which: { readonly file?: string; readonly role?: FileRole; readonly remedy?: UnreadableRemedy } = {},
  ) {
    super("WORKBOOK_UNREADABLE", { reason, ...which });
    this.name = "WorkbookUnreadableError";
  }

  /** The same failure, saying which file it was. */
  of(which: { readonly file?: string; readonly role?: FileRole }): WorkbookUnreadableError {
    return new WorkbookUnreadableError(this.reason, { ...which, ...(this.params.remedy === undefined ? {} : { remedy: this.params.remedy }) });
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
