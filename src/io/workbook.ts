import type { CellEdit, WorkbookSnapshot } from "../model/workbook.js";
import { UserError, type FileRole, type UnreadableCode, type UnreadableParams, type UnreadableReason } from "../model/failure.js";
import type { SheetSpec } from "../report/sheet-spec.js";

/** Like the web's AbortSignal, which satisfies it (the pure core has no DOM types). */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/** A run stopped through its CancelSignal (by the pipeline between steps, or by an adapter within one). */
export class RunCancelled extends Error {
  constructor(readonly reason?: unknown) {
    super("cancelled");
    this.name = "RunCancelled";
  }
}

/** What a step may tell its adapter: where to report how far it is (done of total, null: unknown) and whether to stop. */
export interface StepOptions {
  readonly onProgress?: (done: number, total: number | null) => void;
  readonly signal?: CancelSignal;
}

/**
 * What the pipeline needs from a workbook, whatever holds it (an .xlsx file or Excel itself).
 * Reading is one batch: the adapter returns the names of all sheets and the grids of the
 * requested sheets that exist.
 */
export interface WorkbookReader {
  read(wanted: readonly string[], options?: StepOptions): Promise<WorkbookSnapshot>;
}

/**
 * The file could not be read as a workbook at all (not a zip, not .xlsx, encrypted, empty,
 * damaged): `reason` says what is wrong with it, as data, and what to do follows from it. A
 * user's problem (UserError WORKBOOK_UNREADABLE); the run turns it into a fatal issue, other
 * callers name the file.
 */
export class WorkbookUnreadableError extends UserError<"WORKBOOK_UNREADABLE"> {
  constructor(
    readonly reason: UnreadableReason,
    which: { readonly file?: string; readonly role?: FileRole } = {},
  ) {
    super("WORKBOOK_UNREADABLE", { reason, ...which });
    this.name = "WorkbookUnreadableError";
  }

  /** The same failure, saying which file it was. */
  of(which: { readonly file?: string; readonly role?: FileRole }): WorkbookUnreadableError {
    return new WorkbookUnreadableError(this.reason, which);
  }
}

/** A file that cannot be read for this reason. */
export function unreadable<C extends UnreadableCode>(code: C, params: UnreadableParams[C]): WorkbookUnreadableError {
  return new WorkbookUnreadableError({ code, params } as UnreadableReason);
}

/**
 * What the pipeline writes, whatever holds the workbook. The .xlsx adapter (CLI, browser file
 * mode) and the Office.js adapter (Excel) implement it; input sheets are only ever touched by
 * patchCells, which the rater merge uses.
 */
/**
 * Makes a new workbook holding just these sheets, as .xlsx bytes (the annual grade's workbook:
 * its inputs are other files, so it is never written into one of them).
 */
export type NewWorkbook = (sheets: readonly SheetSpec[]) => Uint8Array;

export interface WorkbookWriter {
  /** Adds or replaces these output sheets (a spec with `append` appends its rows). */
  writeSheets(sheets: readonly SheetSpec[], options?: StepOptions): Promise<void>;
  /** Sets the given cells' values on an existing sheet, leaving everything else as it is. */
  patchCells(sheet: string, edits: readonly CellEdit[]): Promise<void>;
}
