/// <reference types="office-js" />
/**
 * The Office.js adapter: the workbook open in Excel as a WorkbookReader and WorkbookWriter.
 * The only module (with its helpers in this folder) that calls Excel.run. Reads are one
 * Excel.run: sheet names and used ranges, then the cells in row slices sized so that no
 * response exceeds the payload budget. Writes replace each output sheet (a new sheet takes
 * the old one's place) and write whole 2-D ranges, number formats before values, in batches
 * of at most the budget. Features above the host's requirement sets are skipped and listed.
 */
import { RunCancelled, type StepOptions, type WorkbookReader, type WorkbookWriter } from "../../src/io/workbook.js";
import type { CellEdit, WorkbookSnapshot } from "../../src/model/workbook.js";
import { parseA1, rangeA1, type Grid } from "../../src/model/cell.js";
import { UserError } from "../../src/model/failure.js";
import { fitCellText, MAX_CELL_TEXT } from "../../src/report/excel-limits.js";
import { checkSheetNames, type SheetSpec } from "../../src/report/sheet-spec.js";
import { INPUT_SHEETS } from "../../src/model/sheets.js";
import { ACTION_OVERHEAD, Batcher, jsonLength, PAYLOAD_BUDGET, yieldToPage } from "./batches.js";
import { dateFormats, GridRows } from "./read-cells.js";
import { ReadPlan } from "./read-plan.js";
import { Requirements, type SetSupported, type SkippedFeature } from "./requirements.js";
import { planSheet } from "./write-sheet.js";
import { deleteSheets, finishSwap, renameForSwap, swapDone, undoSwap, type SheetSwap } from "./swap-sheets.js";

/** The part of the `Excel` global the adapter uses (the fake host provides the same). */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Opens an .xlsx (base64) as a new workbook in a new window (ExcelApi 1.8). */
  createWorkbook?(base64File?: string): Promise<void>;
}

/** The part of the `Office` global the adapter uses. */
export interface OfficeHost {
  readonly context: { readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export interface ExcelWorkbookOptions {
  /** Default: the `Excel` global. */
  readonly excel?: ExcelHost;
  /** Default: the `Office` global. */
  readonly office?: OfficeHost;
  /** Bytes per request and per response (default 4,000,000: under Excel on the web's 5 MB). */
  readonly payloadBudget?: number;
}

export class ExcelWorkbook implements WorkbookReader, WorkbookWriter {
  private readonly excel: ExcelHost;
  private readonly requirements: Requirements;
  private readonly budget: number;
  private lastSkipped: SkippedFeature[] = [];

  constructor(options: ExcelWorkbookOptions = {}) {
    const g = globalThis as unknown as { Excel?: ExcelHost; Office?: OfficeHost };
    const excel = options.excel ?? g.Excel;
    if (!excel) throw new UserError("EXCEL_NOT_READY", {});
    this.excel = excel;
    const office = options.office ?? g.Office;
    const isSetSupported: SetSupported = (name, version) =>
      office?.context?.requirements?.isSetSupported(name, version) ?? version === "1.1";
    this.requirements = new Requirements(isSetSupported);
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
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

  async read(wanted: readonly string[], options: StepOptions = {}): Promise<WorkbookSnapshot> {
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

      const ranges = present.map((n) => used.get(n)!);
      const worksheets = present.map((n) => collection.getItem(n));
      const grids = present.map(() => new GridRows());
      const plan = new ReadPlan(
        ranges.map((r) => ({ rows: r.rowCount, cols: r.columnCount })),
        this.budget,
      );
      const isDate = dateFormats();
      while (!plan.done) {
        if (options.signal?.aborted) throw new RunCancelled(options.signal.reason);
        const slices = plan.nextBatch().map((slice) => {
          const r = ranges[slice.sheet]!;
          const range = worksheets[slice.sheet]!.getRange(
            rangeA1(r.rowIndex + slice.from, r.columnIndex, r.rowIndex + slice.to - 1, r.columnIndex + r.columnCount - 1),
          );
          range.load("values,valueTypes,numberFormat");
          return { slice, range };
        });
        try {
          await ctx.sync();
        } catch (e) {
          if (errorCode(e) === "ResponsePayloadSizeLimitExceeded" && plan.tooLarge(slices.map((s) => s.slice))) continue;
          throw e;
        }
        for (const { slice, range } of slices) {
          const r = ranges[slice.sheet]!;
          grids[slice.sheet]!.place(r.rowIndex + slice.from, r.columnIndex, range.values, range.valueTypes, range.numberFormat, isDate);
          plan.measured(slice, jsonLength(range.values) + jsonLength(range.valueTypes) + jsonLength(range.numberFormat));
        }
        options.onProgress?.(plan.doneCells, plan.totalCells);
        await yieldToPage();
      }

      const sheets = new Map<string, Grid>(present.map((name, i) => [name, { name, rows: grids[i]!.finish() }]));
      return { sheetNames: names, sheets };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Writing

  /**
   * Every output sheet is written as a new sheet under a temporary name; only when all are
   * written do they take their names (a sheet they replace steps aside and goes, see
   * swap-sheets.ts) and are the appended rows (运行记录) added. A cancel (the signal, seen after
   * every sync) or a failure before that deletes the temporary sheets: the workbook is as it was.
   */
  async writeSheets(specs: readonly SheetSpec[], options: StepOptions = {}): Promise<void> {
    checkSheetNames(specs);
    const req = this.requirements;
    const { signal } = options;
    const stopIfCancelled = () => {
      if (signal?.aborted) throw new RunCancelled(signal.reason);
    };
    const written: { spec: SheetSpec; temp: string; old: string | null }[] = [];
    const appends: SheetSpec[] = [];
    let existing = new Map<string, { name: string; position: number }>();
    const totalBytes = specs.reduce((n, s) => n + jsonLength(s.rows), 0) || 1;
    let writtenBytes = 0;
    const progress = () => options.onProgress?.(Math.min(writtenBytes, totalBytes), totalBytes);
    let finished = false;
    try {
      await this.run(async (ctx) => {
        const collection = ctx.workbook.worksheets;
        collection.load("items/name");
        await ctx.sync();
        const items = collection.items.map((w, position) => ({ name: w.name, position }));
        existing = new Map(items.map((w) => [w.name.toLowerCase(), w]));
        for (const s of specs) {
          const found = existing.get(s.name.toLowerCase());
          if (found && (INPUT_SHEETS as readonly string[]).includes(found.name)) {
            throw new UserError("INPUT_SHEET_EXISTS", { sheet: found.name });
          }
        }
        const suspend = req.has("suspendCalculation");
        const batcher = new Batcher(
          ctx,
          this.budget,
          () => {
            if (suspend) ctx.workbook.application.suspendApiCalculationUntilNextSync();
          },
          () => {
            progress();
            stopIfCancelled();
          },
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
        for (const spec of specs) {
          const old = existing.get(spec.name.toLowerCase());
          if (spec.append && old) {
            appends.push(spec);
            continue;
          }
          stopIfCancelled();
          const temp = tempName();
          written.push({ spec, temp, old: old?.name ?? null });
          await planSheet(ctx, batcher, spec, { kind: "new", name: temp }, req);
          writtenBytes += jsonLength(spec.rows);
        }
        stopIfCancelled();
        // Nothing replaced (a first run): the new sheets take their names in the last batch.
        if (!written.some((w) => w.old !== null)) {
          await this.finishWrite(ctx, batcher, written, appends, existing);
          finished = true;
        }
        await batcher.flush();
      });
    } catch (e) {
      this.lastSkipped = req.takeSkipped();
      // Whatever was written goes again; the sheets of the workbook were not touched.
      if (!finished) await this.deleteSheets(written.map((w) => w.temp)).catch(() => undefined);
      throw e;
    }
    if (finished) {
      this.lastSkipped = req.takeSkipped();
      options.onProgress?.(totalBytes, totalBytes);
      return;
    }

    // The swap: renames only, so it is quick and does not depend on the sheets' size.
    const swaps: SheetSwap[] = written.flatMap((w) => (w.old === null ? [] : [{ name: w.old, temp: w.temp, backup: `${w.temp}旧` }]));
    try {
      await this.swapSheets(swaps);
    } catch (e) {
      this.lastSkipped = req.takeSkipped();
      await this.deleteSheets(written.filter((w) => w.old === null).map((w) => w.temp)).catch(() => undefined);
      throw e;
    }
    try {
      await this.finishSwap(swaps);
      await this.run(async (ctx) => {
        const batcher = new Batcher(ctx, this.budget);
        await this.finishWrite(ctx, batcher, written, appends, existing);
        await batcher.flush();
      });
      options.onProgress?.(totalBytes, totalBytes);
    } finally {
      this.lastSkipped = req.takeSkipped();
    }
  }

  /** New sheets take their names (replacing ones have theirs from the swap), the first is shown, rows are appended. */
  private async finishWrite(
    ctx: Excel.RequestContext,
    batcher: Batcher,
    written: readonly { spec: SheetSpec; temp: string; old: string | null }[],
    appends: readonly SheetSpec[],
    existing: ReadonlyMap<string, { name: string }>,
  ): Promise<void> {
    const sheets = ctx.workbook.worksheets;
    for (const w of written) {
      if (w.old === null) await batcher.op(ACTION_OVERHEAD, () => void (sheets.getItem(w.temp).name = w.spec.name));
    }
    const first = written[0];
    if (first) await batcher.op(ACTION_OVERHEAD, () => sheets.getItem(first.old ?? first.spec.name).activate());
    if (appends.length > 0) await this.appendRows(ctx, batcher, appends, existing);
  }

  /** Rows appended below an existing sheet's last used row (a blank sheet's used range is A1). */
  private async appendRows(
    ctx: Excel.RequestContext,
    batcher: Batcher,
    specs: readonly SheetSpec[],
    existing: ReadonlyMap<string, { name: string }>,
  ): Promise<void> {
    const valuesOnly = this.requirements.has("usedRangeValuesOnly");
    const late = specs.map((s) => {
      const name = existing.get(s.name.toLowerCase())!.name;
      const sheet = ctx.workbook.worksheets.getItem(name);
      const used = valuesOnly ? sheet.getUsedRange(true) : sheet.getUsedRange();
      used.load("rowIndex,rowCount");
      const first = used.getCell(0, 0);
      first.load("valueTypes");
      return { spec: s, name, used, first };
    });
    await ctx.sync(); // the batch so far goes with it (the batcher may sync a little early after)
    for (const { spec, name, used, first } of late) {
      const blank = used.rowCount === 1 && (first.valueTypes[0]?.[0] as string | undefined) === "Empty";
      const firstRow = blank ? 0 : used.rowIndex + used.rowCount;
      await planSheet(ctx, batcher, spec, { kind: "append", name, firstRow }, this.requirements);
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
          if (typeof e.value === "number" && !Number.isFinite(e.value))
            throw new RangeError(`${sheetName}!${e.cell}: cannot write ${e.value}`);
          return e.value;
        }
        const r = risky.get(e.cell);
        // Excel's 32,767 characters a cell: the apostrophe that keeps text literal is not stored, but is sent.
        return r && r.numberFormat[0]?.[0] !== "@" ? `'${fitCellText(e.value, MAX_CELL_TEXT - 1)}` : fitCellText(e.value);
      };

      // Runs of consecutive cells in a row: one range write each.
      const byRow = new Map<number, Map<number, string | number | boolean>>();
      for (const e of edits) {
        const { row, col } = parseA1(e.cell);
        let cols = byRow.get(row);
        if (!cols) byRow.set(row, (cols = new Map<number, string | number | boolean>()));
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
          sheet.getRange(rangeA1(run.row, run.col, run.row, run.col + run.values.length - 1)).values = [run.values];
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

  /** Every sheet's name, in workbook order. */
  async sheetNames(): Promise<string[]> {
    return [...(await this.read([])).sheetNames];
  }

  /**
   * Puts sheets written under temporary names in the place of the sheets they replace (a
   * regenerated template's grids), step 1: the old sheets step aside under backup names and
   * the new ones take their names, in one sync. Should it fail, it is undone (the old sheets
   * keep their names, the new ones are deleted) and the failure thrown, unless Excel had done
   * it after all.
   */
  async swapSheets(swaps: readonly SheetSwap[]): Promise<void> {
    try {
      await this.run((ctx) => renameForSwap(ctx, swaps));
    } catch (e) {
      if (await this.run((ctx) => swapDone(ctx, swaps)).catch(() => false)) return;
      await this.run((ctx) => undoSwap(ctx, swaps)).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Step 2: the old sheets are deleted and the new ones put where they stood; tried twice.
   * Should it still fail, the old sheets stay under their backup names: nothing is lost.
   */
  async finishSwap(swaps: readonly SheetSwap[]): Promise<void> {
    try {
      await this.run((ctx) => finishSwap(ctx, swaps));
    } catch {
      await this.run((ctx) => finishSwap(ctx, swaps));
    }
  }

  /** Deletes these sheets where they exist (undoing a write that did not complete). */
  async deleteSheets(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.run((ctx) => deleteSheets(ctx, names));
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

  // -------------------------------------------------------------------------------------------
  // The workbook itself

  /** The open workbook's file name (ExcelApi 1.7); null where the host cannot say. */
  async fileName(): Promise<string | null> {
    if (!this.requirements.supports("1.7")) return null;
    return this.run(async (ctx) => {
      ctx.workbook.load("name");
      await ctx.sync();
      return ctx.workbook.name || null;
    });
  }

  /** Whether this Excel can open a new workbook from a file's bytes (Excel.createWorkbook, ExcelApi 1.8). */
  canCreateWorkbook(): boolean {
    return typeof this.excel.createWorkbook === "function" && this.requirements.supports("1.8");
  }

  /** Opens the .xlsx bytes as a new workbook (a new window; unsaved until the user saves it). Check canCreateWorkbook first. */
  async createWorkbook(bytes: Uint8Array): Promise<void> {
    await this.excel.createWorkbook!(base64(bytes));
  }
}

/** Standard base64 without Node's Buffer (the pane runs in a browser): btoa over binary text built in 8 KB slices (no argument-count limits). */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x2000) parts.push(String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x2000))));
  return btoa(parts.join(""));
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
  return e !== null && typeof e === "object" && "code" in e ? String(e.code) : undefined;
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
