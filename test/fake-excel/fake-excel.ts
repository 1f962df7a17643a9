/// <reference types="office-js" />
/**
 * An in-memory Excel for tests: `Excel.run`, request contexts and proxies that behave like
 * Office.js where the add-in depends on it (see fake-excel/context.ts), plus `Office` for the
 * requirement-set checks. Plain TypeScript with no Node APIs: the browser tests bundle it and
 * install it as the `Excel` / `Office` / `OfficeExtension` globals (installFakeExcel).
 *
 *   const fake = createFakeExcel({ apiVersion: "1.7" });
 *   fake.host.seedSheets(templateSheets());
 *   const wb = new ExcelWorkbook({ excel: fake.Excel, office: fake.Office });
 */
import type { Cell, Grid } from "../../src/model/cell.js";
import type { OutEntry, SheetSpec } from "../../src/report/sheet-spec.js";
import { formatRect, parseRect, type Rect } from "./address.js";
import { compareVersions, FakeRequestContext, newStats, type HostCore, type HostStats, type Limits } from "./context.js";
import { ErrorCodes, FakeOfficeError, fail } from "./errors.js";
import {
  cellText,
  DEFAULT_FORMAT,
  enterValue,
  FakeWorkbookState,
  withFormat,
  type CellFormat,
  type FakeSheet,
  type Hyperlink,
  type Validation,
  type ValueType,
} from "./state.js";
import { newWorkbook } from "./worksheet.js";

export { FakeOfficeError, ErrorCodes } from "./errors.js";
export type { HostStats, Limits } from "./context.js";
export type { FakeSheet } from "./state.js";

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set the host supports (default "1.17"). */
  readonly apiVersion?: string;
  readonly limits?: Partial<Limits>;
  /**
   * Whether `Excel.createWorkbook` exists at all (default true: Office.js defines it everywhere
   * and it fails with ApiNotFound on hosts below ExcelApi 1.8). False: an office.js without it.
   */
  readonly createWorkbook?: boolean;
}

/** What the add-in sees as `Excel`. */
export interface FakeExcelGlobal {
  /** As Excel.run: the batch gets a request context (typed as Office.js's, implemented by the fake). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: unknown, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** As Excel.createWorkbook (ExcelApi 1.8): the new workbook is kept in host.createdWorkbooks. */
  createWorkbook?(base64File?: string): Promise<void>;
  readonly ErrorCodes: typeof ErrorCodes;
}

/** What the add-in sees as `Office`. */
export interface FakeOfficeGlobal {
  readonly context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    readonly diagnostics: { readonly host: string; readonly platform: string; readonly version: string };
    readonly displayLanguage: string;
    readonly contentLanguage: string;
  };
  readonly HostType: { readonly Excel: "Excel" };
  readonly PlatformType: { readonly OfficeOnline: "OfficeOnline"; readonly PC: "PC"; readonly Mac: "Mac" };
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
}

export interface FakeExcel {
  readonly Excel: FakeExcelGlobal;
  readonly Office: FakeOfficeGlobal;
  readonly OfficeExtension: { readonly Error: typeof FakeOfficeError; readonly ErrorCodes: typeof ErrorCodes };
  readonly host: FakeHost;
}

/** Excel on the web's limits (Resource limits and performance optimization for Office Add-ins). */
export const WEB_LIMITS: Limits = { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024, readCells: 5_000_000 };

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const host = new FakeHost(options);
  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as ((ctx: Excel.RequestContext & FakeRequestContext) => Promise<T>) | undefined;
    if (typeof batch !== "function") fail(ErrorCodes.invalidArgument, "Excel.run needs a batch function.");
    const ctx = new FakeRequestContext(host, newWorkbook);
    try {
      const out = batch!(ctx as unknown as Excel.RequestContext & FakeRequestContext) as unknown;
      if (out === null || typeof out !== "object" || typeof (out as Promise<T>).then !== "function") {
        fail(ErrorCodes.runMustReturnPromise, "The batch function passed to Excel.run must return a promise.");
      }
      const value = await (out as Promise<T>);
      await ctx.sync(); // Excel.run syncs what is still queued when the batch resolves
      return value;
    } finally {
      ctx.close();
    }
  }
  const Office: FakeOfficeGlobal = {
    context: {
      requirements: { isSetSupported: (name, minVersion) => name === "ExcelApi" && host.supports(String(minVersion ?? "1.1")) },
      diagnostics: { host: "Excel", platform: "OfficeOnline", version: "16.0.0.0" },
      displayLanguage: "zh-CN",
      contentLanguage: "zh-CN",
    },
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    async onReady(callback) {
      const info = { host: "Excel", platform: "OfficeOnline" };
      callback?.(info);
      return info;
    },
  };
  async function createWorkbook(base64File?: string): Promise<void> {
    if (!host.supports("1.8")) fail(ErrorCodes.apiNotFound, "Excel.createWorkbook needs ExcelApi 1.8.");
    host.createdWorkbooks.push(base64File === undefined ? new Uint8Array(0) : decodeBase64(base64File));
  }
  return {
    Excel: options.createWorkbook === false ? { run, ErrorCodes } : { run, createWorkbook, ErrorCodes },
    Office,
    OfficeExtension: { Error: FakeOfficeError, ErrorCodes },
    host,
  };
}

/** Installs the fake as the globals Office.js would define (for the browser tests). */
export function installFakeExcel(target: Record<string, unknown>, fake: FakeExcel): void {
  target["Excel"] = fake.Excel;
  target["Office"] = fake.Office;
  target["OfficeExtension"] = fake.OfficeExtension;
}

/** A cell as a test inspects it. */
export interface CellSnapshot {
  readonly value: number | string | boolean | null;
  readonly type: ValueType;
  readonly formula: string | null;
  readonly numberFormat: string;
  readonly text: string;
  readonly quotePrefix: boolean;
  readonly format: CellFormat;
  readonly hyperlink: Hyperlink | null;
  readonly validation: Validation | null;
}

// Number formats and locking of the named styles, for seeding workbooks as people would have them.
const SEED_FORMATS: Readonly<Record<string, string>> = {
  text: "@",
  inputText: "@",
  inputDate: "yyyy-mm-dd",
  integer: "0",
  decimal2: "0.00",
  input: "0.00",
  decimal4: "0.0000",
  percent: "0.00%",
};

/** Strict base64 (Excel refuses anything else): the file's bytes; an .xlsx must be a zip (PK). */
function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) fail(ErrorCodes.invalidArgument, "base64File is not base64.");
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  if (bytes.length > 0 && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) fail(ErrorCodes.invalidArgument, "base64File is not a workbook.");
  return bytes;
}

export class FakeHost implements HostCore {
  readonly state = new FakeWorkbookState();
  /** Workbooks opened with Excel.createWorkbook, as their bytes (empty: a blank workbook). */
  readonly createdWorkbooks: Uint8Array[] = [];
  readonly limits: Limits;
  stats: HostStats = newStats();
  apiVersion: string;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.17";
    this.limits = { ...WEB_LIMITS, ...options.limits };
  }

  supports(version: string): boolean {
    return compareVersions(version, this.apiVersion) <= 0;
  }

  resetStats(): void {
    this.stats = newStats();
  }

  // -------------------------------------------------------------------------------------------
  // Building workbooks (what people did before the add-in runs)

  addSheet(name: string): FakeSheet {
    return this.state.add(name);
  }

  /** Sheets laid out from SheetSpecs: values literally (text stays text), number formats and locking by style, merges, panes, validations, protection. */
  seedSheets(specs: readonly SheetSpec[]): void {
    for (const spec of specs) {
      const sheet = this.state.find(spec.name) ?? this.state.add(spec.name);
      spec.rows.forEach((row, r) =>
        row.forEach((entry, c) => {
          const { v, style } = entryOf(entry);
          if (v === null && style === undefined) return;
          const cell = sheet.ensure(r, c);
          if (style !== undefined) {
            cell.numberFormat = SEED_FORMATS[style] ?? "General";
            if (style === "input" || style === "inputText" || style === "inputDate") cell.format = withFormat(cell.format, "locked", false);
          }
          setLiteral(sheet, r, c, v);
        }),
      );
      spec.columnWidths?.forEach((w, c) => sheet.columnWidths.set(c, w * 7 * 0.75));
      for (const m of spec.merges ?? []) sheet.merges.push(parseRect(m)!);
      if ((spec.freezeRows ?? 0) > 0 || (spec.freezeColumns ?? 0) > 0)
        sheet.freeze = { rows: spec.freezeRows ?? 0, columns: spec.freezeColumns ?? 0 };
      for (const v of spec.validations ?? []) {
        for (const area of v.range.split(/[\s,]+/)) {
          const rect = parseRect(area)!;
          for (let r = rect.r0; r <= rect.r1; r++) {
            for (let c = rect.c0; c <= rect.c1; c++) {
              sheet.ensure(r, c).validation = {
                rule:
                  v.kind === "list"
                    ? { list: { source: v.values.join(","), inCellDropDown: true } }
                    : { [v.integer ? "wholeNumber" : "decimal"]: { formula1: v.min, formula2: v.max, operator: "Between" } },
                prompt: v.prompt ? { showPrompt: true, title: v.prompt.title, message: v.prompt.text } : null,
                errorAlert: v.error ? { showAlert: true, style: "Stop", message: v.error } : null,
                ignoreBlanks: true,
              };
            }
          }
        }
      }
      if (spec.protect) sheet.protection = { protected: true, options: {} };
    }
  }

  /** A sheet holding a Grid's cells as a reader reports them (dates get a date format, errors are error values). */
  seedGrid(grid: Grid): FakeSheet {
    const sheet = this.state.find(grid.name) ?? this.state.add(grid.name);
    grid.rows.forEach((row, r) => row.forEach((cell, c) => seedCell(sheet, r, c, cell ?? null)));
    return sheet;
  }

  /** What a person typing `input` into the cell gets (Excel's entry rules: formulas, numbers, apostrophe…). */
  typeInto(sheetName: string, address: string, input: string | number | boolean): void {
    const sheet = this.sheet(sheetName);
    const rect = rectOf(address);
    if (sheet.protection.protected && sheet.cell(rect.r0, rect.c0)?.format.locked !== false) {
      fail(ErrorCodes.accessDenied, `${sheetName}!${address} is locked.`);
    }
    enterValue(sheet, rect.r0, rect.c0, input);
  }

  /** Sets a cell exactly (value, type, number format, formula) with no entry rules: a cell as some file held it. */
  setCell(
    sheetName: string,
    address: string,
    cell: {
      readonly value: number | string | boolean | null;
      readonly type?: ValueType;
      readonly numberFormat?: string;
      readonly formula?: string;
    },
  ): void {
    const sheet = this.state.find(sheetName) ?? this.state.add(sheetName);
    const rect = rectOf(address);
    const target = sheet.ensure(rect.r0, rect.c0);
    target.value = cell.value;
    target.type =
      cell.type ??
      (cell.value === null ? "Empty" : typeof cell.value === "number" ? "Double" : typeof cell.value === "boolean" ? "Boolean" : "String");
    target.formula = cell.formula ?? null;
    if (cell.numberFormat !== undefined) target.numberFormat = cell.numberFormat;
  }

  setNumberFormat(sheetName: string, address: string, numberFormat: string): void {
    const rect = rectOf(address);
    const sheet = this.sheet(sheetName);
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) sheet.ensure(r, c).numberFormat = numberFormat;
  }

  // -------------------------------------------------------------------------------------------
  // Inspecting

  sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  sheet(name: string): FakeSheet {
    const s = this.state.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cell(sheetName: string, address: string): CellSnapshot {
    const rect = rectOf(address);
    const cell = this.sheet(sheetName).cell(rect.r0, rect.c0);
    return {
      value: cell?.value ?? null,
      type: cell?.type ?? "Empty",
      formula: cell?.formula ?? null,
      numberFormat: cell?.numberFormat ?? "General",
      text: cellText(cell),
      quotePrefix: cell?.quotePrefix ?? false,
      format: cell?.format ?? DEFAULT_FORMAT,
      hyperlink: cell?.hyperlink ?? null,
      validation: cell?.validation ?? null,
    };
  }

  /** Every cell with content or formatting, as [address, snapshot] in row order. */
  cells(sheetName: string): [string, CellSnapshot][] {
    const out: [string, CellSnapshot][] = [];
    this.sheet(sheetName).rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell && !cell.isDefault()) {
          const a = formatRect({ r0: r, c0: c, r1: r, c1: c });
          out.push([a, this.cell(sheetName, a)]);
        }
      }),
    );
    return out;
  }

  /** Values from A1 to the last used cell ("" for blanks). */
  values(sheetName: string): (number | string | boolean)[][] {
    const sheet = this.sheet(sheetName);
    const used = sheet.usedRect(true);
    if (used === null) return [];
    const out: (number | string | boolean)[][] = [];
    for (let r = 0; r <= used.r1; r++) {
      const row: (number | string | boolean)[] = [];
      for (let c = 0; c <= used.c1; c++) row.push(sheet.cell(r, c)?.value ?? "");
      out.push(row);
    }
    return out;
  }

  /** The whole state of a sheet as JSON, to check that something was left untouched. */
  fingerprint(sheetName: string): string {
    const s = this.sheet(sheetName);
    return JSON.stringify({
      name: s.name,
      position: this.state.sheets.indexOf(s),
      cells: this.cells(sheetName),
      widths: [...s.columnWidths],
      merges: s.merges,
      freeze: s.freeze,
      protection: s.protection,
      charts: s.charts.map((c) => ({ ...c, sheet: undefined })),
      pageLayout: s.pageLayout,
      visibility: s.visibility,
    });
  }
}

function rectOf(address: string): Rect {
  const rect = parseRect(address);
  if (rect === null) throw new Error(`bad address ${address}`);
  return rect;
}

function entryOf(e: OutEntry): { v: string | number | boolean | null; style: string | undefined } {
  return e !== null && typeof e === "object" ? { v: e.v, style: e.style } : { v: e, style: undefined };
}

function setLiteral(sheet: FakeSheet, r: number, c: number, v: string | number | boolean | null): void {
  const cell = sheet.ensure(r, c);
  if (v === null || v === "") return;
  cell.value = v;
  cell.type = typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

function seedCell(sheet: FakeSheet, r: number, c: number, cell: Cell): void {
  if (cell === null) return;
  const target = sheet.ensure(r, c);
  switch (cell.kind) {
    case "number":
      target.value = cell.value;
      target.type = "Double";
      if (cell.isDate) target.numberFormat = "yyyy/m/d";
      return;
    case "text":
      target.value = cell.value;
      target.type = "String";
      return;
    case "bool":
      target.value = cell.value;
      target.type = "Boolean";
      return;
    case "error":
      target.value = cell.value;
      target.type = "Error";
      return;
  }
}
