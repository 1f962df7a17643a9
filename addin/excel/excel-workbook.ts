/// <reference types="office-js" />
/**
 * The Office.js adapter: the workbook open in Excel as a WorkbookReader and WorkbookWriter.
 * The only module (with its helpers in this folder) that calls Excel.run. Reads are one
 * Excel.run: sheet names and used ranges, then the cells in row slices sized so that no
 * response exceeds the payload budget. Writes replace each output sheet (a new sheet takes
 * the old one's place) and write whole 2-D ranges, number formats before values, in batches
 * of at most the budget. Features above the host's requirement sets are skipped and listed.
 */
import type { CellEdit, WorkbookReader, WorkbookSnapshot, WorkbookWriter } from "../../src/io/workbook.js";
import { columnLetters, type Grid } from "../../src/model/cell.js";
import { UserError } from "../../src/model/failure.js";
import { fitCellText, MAX_CELL_TEXT } from "../../src/report/excel-limits.js";
import { checkSheetNames, type SheetSpec } from "../../src/report/sheet-spec.js";
import { INPUT_SHEETS } from "../../src/validate/sheets.js";
import { ACTION_OVERHEAD, Batcher, jsonLength, PAYLOAD_BUDGET } from "./batches.js";
import { dateFormats, GridRows } from "./read-cells.js";
import { Requirements, type SetSupported, type SkippedFeature } from "./requirements.js";
import { planSheet, type SheetTarget } from "./write-sheet.js";

/** The part of the `Excel` global the adapter uses (the fake host provides the same). */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** The part of the `Office` global the adapter uses. */
export interface OfficeHost {
  readonly context: { readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export interface WorkbookProgress {
  readonly phase: "reading" | "writing";
  /** 0…1 of this phase. */
  readonly fraction: number;
}

export interface ExcelWorkbookOptions {
  /** Default: the `Excel` global. */
  readonly excel?: ExcelHost;
  /** Default: the `Office` global. */
  readonly office?: OfficeHost;
  /** Bytes per request and per response (default 4,000,000: under Excel on the web's 5 MB). */
  readonly payloadBudget?: number;
  readonly onProgress?: (p: WorkbookProgress) => void;
}

/** Response bytes per cell (values, types, formats) assumed before anything was read. */
const INITIAL_CELL_BYTES = 40;
const MIN_CELL_BYTES = 12;
/** Margin on a sheet's measured bytes per cell (later rows may hold longer texts), and on the average for an unread sheet. */
const MEASURED_MARGIN = 1.1;
const UNREAD_MARGIN = 1.25;
/** Share of the budget a sheet's first slice may take: its bytes per cell are not known yet. */
const PROBE_SHARE = 1 / 8;

export class ExcelWorkbook implements WorkbookReader, WorkbookWriter {
  private readonly excel: ExcelHost;
  private readonly requirements: Requirements;
  private readonly budget: number;
  private lastSkipped: SkippedFeature[] = [];
  onProgress: ((p: WorkbookProgress) => void) | undefined;

  constructor(options: ExcelWorkbookOptions = {}) {
    const g = globalThis as unknown as { Excel?: ExcelHost; Office?: OfficeHost };
    const excel = options.excel ?? g.Excel;
    if (!excel) throw new UserError("EXCEL_NOT_READY", {});
    this.excel = excel;
    const office = options.office ?? g.Office;
    const isSetSupported: SetSupported = (name, version) => office?.context?.requirements?.isSetSupported(name, version) ?? version === "1.1";
    this.requirements = new Requirements(isSetSupported);
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
    this.onProgress = options.onProgress;
  }

  /** Whether the host supports ExcelApi `version`. */
  supports(version: string): boolean {
    return this.requirements.supports(version);
  }

  /** Features the last writeSheets had to leave out, for the task pane to mention. */
  get skipped(): readonly SkippedFeature[] {
    return this.lastSkipped;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  async read(wanted: readonly string[]): Promise<WorkbookSnapshot> {
    const req = this.requirements;
    const valuesOnly = req.has("usedRangeValuesOnly");
    return this.run(async (ctx) => {
      const collection = ctx.workbook.worksheets;
      collection.load("items/name");
      await ctx.sync();
      const names = collection.items.map((w) => w.name);
      const present = names.filter((n, i) => wanted.includes(n) && names.indexOf(n) === i);
      // Blank sheet: A1 (read as one blank cell).
      const used = new Map(
        present.map((n) => {
          const r = valuesOnly ? collection.getItem(n).getUsedRange(true) : collection.getItem(n).getUsedRange();
          r.load("rowIndex,columnIndex,rowCount,columnCount");
          return [n, r] as const;
        }),
      );
      if (present.length > 0) await ctx.sync();

      interface Pending {
        readonly name: string;
        readonly sheet: Excel.Worksheet;
        readonly row0: number;
        readonly col0: number;
        readonly cols: number;
        readonly rows: number;
        next: number;
        /** Measured response bytes per cell, once a slice was read. */
        cellBytes: number | null;
        readonly grid: GridRows;
      }
      const pending: Pending[] = [];
      for (const name of present) {
        const r = used.get(name)!;
        pending.push({
          name,
          sheet: collection.getItem(name),
          row0: r.rowIndex,
          col0: r.columnIndex,
          cols: r.columnCount,
          rows: r.rowCount,
          next: 0,
          cellBytes: null,
          grid: new GridRows(),
        });
      }
      const totalCells = pending.reduce((n, p) => n + p.rows * p.cols, 0);
      let doneCells = 0;
      let seenBytes = 0;
      let seenCells = 0;
      const isDate = dateFormats();
      const estimate = (p: Pending) =>
        p.cellBytes !== null ? p.cellBytes * MEASURED_MARGIN : Math.max(MIN_CELL_BYTES, seenCells > 0 ? (seenBytes / seenCells) * UNREAD_MARGIN : INITIAL_CELL_BYTES);

      // Row slices, as many per sync as the response budget allows by each sheet's bytes per cell.
      while (pending.some((p) => p.next < p.rows)) {
        let room = this.budget;
        const slices: { p: Pending; from: number; to: number; range: Excel.Range }[] = [];
        for (const p of pending) {
          while (p.next < p.rows && room > 0) {
            const probe = p.cellBytes === null;
            const perRow = p.cols * estimate(p) + 8;
            let count = Math.floor((probe ? Math.min(room, this.budget * PROBE_SHARE) : room) / perRow);
            if (count < 1) {
              if (slices.length > 0) break;
              count = 1; // one row over the budget: alone
            }
            const from = p.next;
            const to = Math.min(p.rows, from + count);
            const range = p.sheet.getRange(address(p.row0 + from, p.col0, p.row0 + to - 1, p.col0 + p.cols - 1));
            range.load("values,valueTypes,numberFormat");
            slices.push({ p, from, to, range });
            p.next = to;
            room -= (to - from) * perRow + ACTION_OVERHEAD;
            if (probe) break; // the rest once its size per cell is known
          }
          if (room <= 0) break;
        }
        try {
          await ctx.sync();
        } catch (e) {
          if (errorCode(e) !== "ResponsePayloadSizeLimitExceeded" || slices.every((s) => s.to - s.from === 1)) throw e;
          // Longer texts than assumed: read these rows again in smaller slices.
          for (const s of slices) {
            s.p.next = Math.min(s.p.next, s.from);
            s.p.cellBytes = estimate(s.p) * 2;
          }
          continue;
        }
        for (const { p, from, range } of slices) {
          const values = range.values;
          const types = range.valueTypes;
          const formats = range.numberFormat;
          p.grid.place(p.row0 + from, p.col0, values, types, formats, isDate);
          const cells = values.length * p.cols;
          const bytes = jsonLength(values) + jsonLength(types) + jsonLength(formats);
          p.cellBytes = Math.max(MIN_CELL_BYTES, bytes / Math.max(1, cells));
          seenBytes += bytes;
          seenCells += cells;
          doneCells += cells;
        }
        this.onProgress?.({ phase: "reading", fraction: totalCells === 0 ? 1 : doneCells / totalCells });
      }

      const sheets = new Map<string, Grid>();
      for (const name of present) {
        const p = pending.find((x) => x.name === name);
        sheets.set(name, { name, rows: p ? p.grid.finish() : [] });
      }
      return { sheetNames: names, sheets };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  async writeSheets(specs: readonly SheetSpec[]): Promise<void> {
    checkSheetNames(specs);
    const req = this.requirements;
    const valuesOnly = req.has("usedRangeValuesOnly");
    try {
      await this.run(async (ctx) => {
        const collection = ctx.workbook.worksheets;
        collection.load("items/name");
        const appendSpecs = specs.filter((s) => s.append !== undefined);
        await ctx.sync();
        const items = collection.items.map((w, position) => ({ name: w.name, position }));
        const existing = new Map(items.map((w) => [w.name.toLowerCase(), w]));
        for (const s of specs) {
          const found = existing.get(s.name.toLowerCase());
          if (found && (INPUT_SHEETS as readonly string[]).includes(found.name)) {
            throw new UserError("INPUT_SHEET_EXISTS", { sheet: found.name });
          }
        }

        // Where appended rows go: below the last used row of an existing sheet (a blank sheet's used range is A1).
        const appendAt = new Map<string, number>();
        const late: [string, Excel.Range, Excel.Range][] = [];
        for (const s of appendSpecs) {
          if (!existing.has(s.name.toLowerCase())) continue;
          const sheet = collection.getItem(existing.get(s.name.toLowerCase())!.name);
          const used = valuesOnly ? sheet.getUsedRange(true) : sheet.getUsedRange();
          used.load("rowIndex,rowCount");
          const first = used.getCell(0, 0);
          first.load("valueTypes");
          late.push([s.name, used, first]);
        }
        if (late.length > 0) {
          await ctx.sync();
          for (const [name, used, first] of late) {
            const blank = used.rowCount === 1 && first.valueTypes[0]?.[0] === "Empty";
            appendAt.set(name, blank ? 0 : used.rowIndex + used.rowCount);
          }
        }

        const totalBytes = specs.reduce((n, s) => n + jsonLength(s.rows), 0) || 1;
        let writtenBytes = 0;
        const suspend = req.has("suspendCalculation");
        const batcher = new Batcher(
          ctx,
          this.budget,
          () => {
            if (suspend) ctx.workbook.application.suspendApiCalculationUntilNextSync();
          },
          () => this.onProgress?.({ phase: "writing", fraction: Math.min(0.99, writtenBytes / totalBytes) }),
        );
        const taken = new Set(items.map((w) => w.name.toLowerCase()));
        let tmpNumber = 0;
        const tempName = () => {
          let name: string;
          do name = `~评分助手临时${++tmpNumber}`;
          while (taken.has(name.toLowerCase()));
          taken.add(name.toLowerCase());
          return name;
        };

        let first: Excel.Worksheet | null = null;
        for (const spec of specs) {
          const old = existing.get(spec.name.toLowerCase());
          const target: SheetTarget =
            spec.append && old
              ? { kind: "append", name: old.name, firstRow: appendAt.get(spec.name) ?? 0 }
              : old
                ? { kind: "replace", name: old.name, position: old.position, tempName: tempName() }
                : { kind: "new" };
          const sheet = await planSheet(ctx, batcher, spec, target, req);
          first ??= target.kind === "append" ? null : sheet;
          writtenBytes += jsonLength(spec.rows);
        }
        if (first) {
          const sheet = first;
          await batcher.op(ACTION_OVERHEAD, () => sheet.activate());
        }
        await batcher.flush();
        this.onProgress?.({ phase: "writing", fraction: 1 });
      });
    } finally {
      this.lastSkipped = req.takeSkipped();
    }
  }

  async patchCells(sheetName: string, edits: readonly CellEdit[]): Promise<void> {
    if (edits.length === 0) return;
    await this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      // Text Excel would take for something else needs the cell's format: literal in "@", else after an apostrophe.
      const risky = new Map<string, Excel.Range>();
      for (const e of edits) {
        if (typeof e.value === "string" && isRiskyText(e.value) && !risky.has(e.cell)) {
          const r = sheet.getRange(e.cell);
          r.load("numberFormat");
          risky.set(e.cell, r);
        }
      }
      sheet.load("name");
      await syncOrExplain(ctx, sheetName);

      const value = (e: CellEdit): string | number | boolean => {
        if (e.value === null) return "";
        if (typeof e.value !== "string") {
          if (typeof e.value === "number" && !Number.isFinite(e.value)) throw new RangeError(`${sheetName}!${e.cell}: cannot write ${e.value}`);
          return e.value;
        }
        const r = risky.get(e.cell);
        // Excel's 32,767 characters a cell: the apostrophe that keeps text literal is not stored, but is sent.
        return r && r.numberFormat[0]?.[0] !== "@" ? `'${fitCellText(e.value, MAX_CELL_TEXT - 1)}` : fitCellText(e.value);
      };

      // Runs of consecutive cells in a row: one range write each.
      const byRow = new Map<number, Map<number, string | number | boolean>>();
      for (const e of edits) {
        const { row, col } = parseCell(e.cell);
        let cols = byRow.get(row);
        if (!cols) byRow.set(row, (cols = new Map()));
        cols.set(col, value(e));
      }
      const runs: { row: number; col: number; values: (string | number | boolean)[] }[] = [];
      for (const [row, cols] of [...byRow].sort((a, b) => a[0] - b[0])) {
        const sorted = [...cols].sort((a, b) => a[0] - b[0]);
        for (const [col, v] of sorted) {
          const last = runs[runs.length - 1];
          if (last && last.row === row && last.col + last.values.length === col) last.values.push(v);
          else runs.push({ row, col, values: [v] });
        }
      }
      const batcher = new Batcher(ctx, this.budget);
      for (const run of runs) {
        await batcher.op(ACTION_OVERHEAD + jsonLength(run.values), () => {
          sheet.getRange(address(run.row, run.col, run.row, run.col + run.values.length - 1)).values = [run.values];
        });
      }
      try {
        await batcher.flush();
      } catch (e) {
        if (errorCode(e) === "AccessDenied") throw new UserError("SHEET_PROTECTED", { sheet: sheetName });
        throw e;
      }
    });
  }

  /** Excel.run, with what Excel refuses because of the user's state (editing a cell, protection) as a UserError. */
  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.excel.run(batch);
    } catch (e) {
      const code = errorCode(e);
      if (code === "InvalidOperationInCellEditMode") throw new UserError("EXCEL_CELL_EDITING", {});
      if (code === "AccessDenied") throw new UserError("EXCEL_ACCESS_DENIED", {});
      throw e;
    }
  }

  /** Shows a cell: activates its sheet and selects it (clicking an issue in the task pane). */
  async select(sheetName: string, cell: string | null): Promise<void> {
    await this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(cell ?? "A1").select();
      await syncOrExplain(ctx, sheetName);
    });
  }
}

async function syncOrExplain(ctx: Excel.RequestContext, sheetName: string): Promise<void> {
  try {
    await ctx.sync();
  } catch (e) {
    if (errorCode(e) === "ItemNotFound") throw new UserError("SHEET_NOT_FOUND", { sheet: sheetName });
    throw e;
  }
}

export function errorCode(e: unknown): string | undefined {
  return e !== null && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

/** 0-based bounds → "A1:C9". */
export function address(r0: number, c0: number, r1: number, c1: number): string {
  const tl = `${columnLetters(c0)}${r0 + 1}`;
  return r0 === r1 && c0 === c1 ? tl : `${tl}:${columnLetters(c1)}${r1 + 1}`;
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not a cell address: ${ref}`);
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * Text that Excel, entering it into a cell that is not text-formatted, would turn into
 * something else: a formula (= + - @), a hidden apostrophe prefix, a number, percentage, date,
 * time, TRUE/FALSE or an error value.
 */
export function isRiskyText(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@']/.test(s)) return true;
  const t = s.trim();
  return /^[\d\s.,:/%$¥€()eE+\-年月日]+$/.test(t) || /^(true|false)$/i.test(t) || t.startsWith("#");
}

