/**
 * Which rows of which sheets to read in each round trip, so that no response exceeds the
 * payload budget. Pure: the adapter asks for a batch, loads those ranges, syncs, and tells the
 * plan what each slice really weighed (or that the response was too large).
 *
 * A sheet's first slice is a probe (at most 1/8 of the budget, sized by what earlier sheets
 * weighed per cell); after it, slices are sized by the sheet's own bytes per cell with a margin.
 * A row larger than the whole budget is read alone.
 */
import { ACTION_OVERHEAD } from "./batches.js";

/** Response bytes per cell (values, types, formats) assumed before anything was read. */
const INITIAL_CELL_BYTES = 40;
const MIN_CELL_BYTES = 12;
/** Margin on a sheet's measured bytes per cell (later rows may hold longer texts), and on the average for an unread sheet. */
const MEASURED_MARGIN = 1.1;
const UNREAD_MARGIN = 1.25;
/** Share of the budget a sheet's first slice may take: its bytes per cell are not known yet. */
const PROBE_SHARE = 1 / 8;
/** Bytes a row adds to a response beyond its cells (brackets, commas). */
const ROW_OVERHEAD = 8;

/** Rows [from, to) of sheet number `sheet` (0-based, of the used range). */
export interface Slice {
  readonly sheet: number;
  readonly from: number;
  readonly to: number;
}

interface SheetState {
  readonly rows: number;
  readonly cols: number;
  /** The first row not yet read. */
  next: number;
  /** Measured response bytes per cell, once a slice was read. */
  cellBytes: number | null;
}

export class ReadPlan {
  private readonly sheets: SheetState[];
  private seenBytes = 0;
  private seenCells = 0;
  /** Cells read so far, and in all. */
  doneCells = 0;
  readonly totalCells: number;

  /** `sheets`: the used ranges' sizes, in reading order. */
  constructor(
    sheets: readonly { readonly rows: number; readonly cols: number }[],
    private readonly budget: number,
  ) {
    this.sheets = sheets.map((s) => ({ rows: s.rows, cols: s.cols, next: 0, cellBytes: null }));
    this.totalCells = sheets.reduce((n, s) => n + s.rows * s.cols, 0);
  }

  get done(): boolean {
    return this.sheets.every((s) => s.next >= s.rows);
  }

  /** The slices of the next round trip: as many rows as the budget allows, sheet after sheet. */
  nextBatch(): Slice[] {
    let room = this.budget;
    const slices: Slice[] = [];
    this.sheets.forEach((s, sheet) => {
      while (room > 0 && s.next < s.rows) {
        const probe = s.cellBytes === null;
        const perRow = s.cols * this.estimate(s) + ROW_OVERHEAD;
        let count = Math.floor((probe ? Math.min(room, this.budget * PROBE_SHARE) : room) / perRow);
        if (count < 1) {
          if (slices.length > 0) return;
          count = 1; // one row over the budget: alone
        }
        const from = s.next;
        const to = Math.min(s.rows, from + count);
        slices.push({ sheet, from, to });
        s.next = to;
        room -= (to - from) * perRow + ACTION_OVERHEAD;
        if (probe) return; // the rest once its size per cell is known
      }
    });
    return slices;
  }

  /** A slice came back weighing `bytes`: the sheet's bytes per cell from now on. */
  measured(slice: Slice, bytes: number): void {
    const s = this.sheets[slice.sheet]!;
    const cells = (slice.to - slice.from) * s.cols;
    s.cellBytes = Math.max(MIN_CELL_BYTES, bytes / Math.max(1, cells));
    this.seenBytes += bytes;
    this.seenCells += cells;
    this.doneCells += cells;
  }

  /**
   * The response of this batch was over the payload limit (longer texts than assumed): its rows
   * are read again, in smaller slices. False when it cannot get smaller (single rows).
   */
  tooLarge(slices: readonly Slice[]): boolean {
    if (slices.every((s) => s.to - s.from === 1)) return false;
    for (const slice of slices) {
      const s = this.sheets[slice.sheet]!;
      s.next = Math.min(s.next, slice.from);
      s.cellBytes = this.estimate(s) * 2;
    }
    return true;
  }

  private estimate(s: SheetState): number {
    if (s.cellBytes !== null) return s.cellBytes * MEASURED_MARGIN;
    return Math.max(MIN_CELL_BYTES, this.seenCells > 0 ? (this.seenBytes / this.seenCells) * UNREAD_MARGIN : INITIAL_CELL_BYTES);
  }
}
