/**
 * The workbook the fake host holds: sheets of cells with values, formulas, number formats,
 * formats, links and validations, and what Excel does when a value is entered into a cell.
 */
import { columnIndex, EXCEL_ERROR_VALUES } from "../../src/model/cell.js";
import { contains, formatRect, MAX_COLUMNS, MAX_ROWS, overlaps, type Rect } from "./address.js";
import { ErrorCodes, fail } from "./errors.js";

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

export interface Border {
  readonly style: string;
  readonly color: string;
  readonly weight: string;
}

/** A cell's formatting; instances are interned, so cells share them and compare by identity. */
export interface CellFormat {
  readonly fill: string | null;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: string;
  readonly color: string;
  readonly size: number;
  readonly fontName: string;
  readonly horizontalAlignment: string;
  readonly verticalAlignment: string;
  readonly wrapText: boolean;
  readonly locked: boolean;
  readonly borderTop: Border | null;
  readonly borderBottom: Border | null;
  readonly borderLeft: Border | null;
  readonly borderRight: Border | null;
}

const formats = new Map<string, CellFormat>();
const transitions = new WeakMap<CellFormat, Map<string, Map<unknown, CellFormat>>>();
const borders = new Map<string, Border>();

function intern(f: CellFormat): CellFormat {
  const key = JSON.stringify(f);
  let found = formats.get(key);
  if (!found) formats.set(key, (found = Object.freeze({ ...f })));
  return found;
}

/** One shared object per distinct border, so formats can be cached by identity. */
export function internBorder(b: Border): Border {
  const key = `${b.style}|${b.color}|${b.weight}`;
  let found = borders.get(key);
  if (!found) borders.set(key, (found = Object.freeze({ ...b })));
  return found;
}

export const DEFAULT_FORMAT: CellFormat = intern({
  fill: null,
  bold: false,
  italic: false,
  underline: "None",
  color: "#000000",
  size: 11,
  fontName: "等线",
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  locked: true,
  borderTop: null,
  borderBottom: null,
  borderLeft: null,
  borderRight: null,
});

/** The format with one property changed (cached, as a range format sets the same change on many cells). */
export function withFormat<K extends keyof CellFormat>(f: CellFormat, key: K, value: CellFormat[K]): CellFormat {
  let byKey = transitions.get(f);
  if (!byKey) transitions.set(f, (byKey = new Map()));
  let byValue = byKey.get(key);
  if (!byValue) byKey.set(key, (byValue = new Map()));
  // Borders come interned (internBorder), so the cache can go by identity.
  const v = value;
  let next = byValue.get(v);
  if (!next) byValue.set(v, (next = intern({ ...f, [key]: v })));
  return next;
}

export interface Hyperlink {
  readonly address?: string;
  readonly documentReference?: string;
  readonly screenTip?: string;
  readonly textToDisplay?: string;
}

export interface Validation {
  readonly rule: Readonly<Record<string, unknown>>;
  readonly prompt: Readonly<Record<string, unknown>> | null;
  readonly errorAlert: Readonly<Record<string, unknown>> | null;
  readonly ignoreBlanks: boolean;
}

export class FakeCell {
  value: number | string | boolean | null = null;
  type: ValueType = "Empty";
  formula: string | null = null;
  numberFormat = "General";
  /** Entered with a leading apostrophe: shown as text, apostrophe hidden. */
  quotePrefix = false;
  format: CellFormat = DEFAULT_FORMAT;
  hyperlink: Hyperlink | null = null;
  validation: Validation | null = null;

  hasValue(): boolean {
    return this.type !== "Empty";
  }

  isDefault(): boolean {
    return (
      this.type === "Empty" &&
      this.numberFormat === "General" &&
      this.format === DEFAULT_FORMAT &&
      this.hyperlink === null &&
      !this.quotePrefix
    );
  }
}

export interface FreezeState {
  readonly rows: number;
  readonly columns: number;
}

export interface ChartAxisState {
  title: string | null;
  minimum: number | null;
  maximum: number | null;
}

export interface SeriesState {
  name: string;
  chartType: string;
  markerStyle: string;
  values: Rect | null;
  xValues: Rect | null;
  lineStyle: string;
  lineColor: string | null;
}

export interface ChartState {
  readonly id: string;
  name: string;
  chartType: string;
  readonly sheet: FakeSheet;
  source: Rect | null;
  seriesBy: string;
  title: string | null;
  legend: { visible: boolean; position: string };
  readonly axes: { category: ChartAxisState; value: ChartAxisState };
  position: { from: string; to: string | null } | null;
  series: SeriesState[];
}

export interface PageLayoutState {
  orientation: string;
  zoom: Readonly<Record<string, unknown>>;
  printTitleRows: string | null;
  printTitleColumns: string | null;
  printArea: string | null;
  paperSize: string;
  /** Points. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** headersFooters.defaultForAllPages.centerFooter. */
  centerFooter: string;
  /** Manual horizontal page breaks: the 0-based rows that start a page. */
  rowBreaks: number[];
}

export class FakeSheet {
  readonly rows: (FakeCell | undefined)[][] = [];
  readonly columnWidths = new Map<number, number>();
  readonly merges: Rect[] = [];
  freeze: FreezeState | null = null;
  protection: { protected: boolean; options: Readonly<Record<string, unknown>> } = { protected: false, options: {} };
  readonly charts: ChartState[] = [];
  pageLayout: PageLayoutState = {
    orientation: "Portrait",
    zoom: { scale: 100 },
    printTitleRows: null,
    printTitleColumns: null,
    printArea: null,
    paperSize: "Letter",
    margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
    centerFooter: "",
    rowBreaks: [],
  };
  visibility = "Visible";

  constructor(
    public name: string,
    readonly id: string,
  ) {}

  cell(r: number, c: number): FakeCell | undefined {
    return this.rows[r]?.[c];
  }

  ensure(r: number, c: number): FakeCell {
    if (r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLUMNS) fail(ErrorCodes.invalidArgument, `cell ${r},${c} is off the sheet`);
    const row = (this.rows[r] ??= []);
    return (row[c] ??= new FakeCell());
  }

  /** Smallest rectangle holding every cell with a value (or, unless valuesOnly, any formatting); null if none. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    this.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell || (valuesOnly ? !cell.hasValue() : cell.isDefault())) return;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      });
    });
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** Fails as Excel does when a protected sheet's locked cell would change. */
  checkEditable(rect: Rect, what: "values" | "format" | "object", allow?: string): void {
    if (!this.protection.protected) return;
    if (what === "values") {
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          if ((this.cell(r, c)?.format ?? DEFAULT_FORMAT).locked) {
            fail(
              ErrorCodes.accessDenied,
              `The cell ${formatRect({ r0: r, c0: c, r1: r, c1: c })} on '${this.name}' is locked on a protected sheet.`,
            );
          }
        }
      }
      return;
    }
    if (allow !== undefined && this.protection.options[allow] === true) return;
    fail(ErrorCodes.accessDenied, `'${this.name}' is protected: cannot change ${what === "format" ? "formatting" : "objects"}.`);
  }

  addMerge(rect: Rect): void {
    if (this.merges.some((m) => overlaps(m, rect) && !(m.r0 === rect.r0 && m.c0 === rect.c0 && m.r1 === rect.r1 && m.c1 === rect.c1))) {
      fail(ErrorCodes.invalidOperation, `Cannot merge ${formatRect(rect)}: it overlaps a merged range.`);
    }
    // Excel keeps only the top-left value of a merged range.
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (r === rect.r0 && c === rect.c0) continue;
        const cell = this.cell(r, c);
        if (cell) clearContents(cell);
      }
    }
    if (!this.merges.some((m) => contains(m, rect) && contains(rect, m))) this.merges.push(rect);
  }
}

export function clearContents(cell: FakeCell): void {
  cell.value = null;
  cell.type = "Empty";
  cell.formula = null;
  cell.quotePrefix = false;
}

export class FakeWorkbookState {
  /** Workbook.name: the file's name as Excel shows it. */
  fileName = "Book1.xlsx";
  readonly sheets: FakeSheet[] = [];
  activeSheet: FakeSheet | null = null;
  selection: { sheet: FakeSheet; rect: Rect } | null = null;
  private nextId = 1;

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key || s.id === name);
  }

  add(name: string | undefined): FakeSheet {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.find(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    checkSheetName(sheetName);
    if (this.find(sheetName)) fail(ErrorCodes.itemAlreadyExists, `A sheet named '${sheetName}' already exists.`);
    const sheet = new FakeSheet(sheetName, `{fake-sheet-${this.nextId++}}`);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  rename(sheet: FakeSheet, name: string): void {
    checkSheetName(name);
    const other = this.find(name);
    if (other && other !== sheet) fail(ErrorCodes.itemAlreadyExists, `A sheet named '${name}' already exists.`);
    sheet.name = name;
  }

  remove(sheet: FakeSheet): void {
    if (!this.sheets.some((s) => s !== sheet && s.visibility === "Visible")) {
      fail(ErrorCodes.invalidOperation, "A workbook must contain at least one visible worksheet.");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets.find((s) => s.visibility === "Visible") ?? null;
    if (this.selection?.sheet === sheet) this.selection = null;
  }

  move(sheet: FakeSheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      fail(ErrorCodes.invalidArgument, `bad sheet position ${position}`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }
}

/** Excel's sheet-name rules. */
export function checkSheetName(name: string): void {
  if (
    typeof name !== "string" ||
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    fail(ErrorCodes.invalidArgument, `Invalid sheet name ${JSON.stringify(name)}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Entering a value: what Excel makes of what an add-in writes into `values`.

const ERRORS_BY_KEY = new Map(EXCEL_ERROR_VALUES.map((e) => [e.toUpperCase(), e]));

const NUMBER = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/**
 * Sets a cell from a value written through `values` (or typed by a person): numbers and
 * booleans as they are; text in a text-formatted ("@") cell literally; otherwise a leading
 * apostrophe makes the rest literal text, `=` (and, as Office.js documents, `+` and `-`) start
 * a formula, `@` is taken as a formula as in Lotus-style entry, and text that reads as a
 * number, percentage, ISO date, TRUE/FALSE or an error value is converted to it. "" clears.
 */
export function enterValue(sheet: FakeSheet, r: number, c: number, input: unknown): void {
  const cell = sheet.ensure(r, c);
  clearContents(cell);
  if (typeof input === "number") {
    if (!Number.isFinite(input)) fail(ErrorCodes.invalidArgument, `Cannot set the number ${input}.`);
    cell.value = input;
    cell.type = "Double";
    return;
  }
  if (typeof input === "boolean") {
    cell.value = input;
    cell.type = "Boolean";
    return;
  }
  if (typeof input !== "string") fail(ErrorCodes.invalidArgument, `Cannot set a value of type ${typeof input}.`);
  const s = input as string;
  if (s === "") return;
  // Excel holds at most 32,767 characters a cell (a leading apostrophe is not stored).
  if (s.length - (s.startsWith("'") && cell.numberFormat !== "@" ? 1 : 0) > 32_767)
    fail(ErrorCodes.invalidArgument, "A cell holds at most 32,767 characters.");
  if (cell.numberFormat === "@") return setText(cell, s);
  if (s.startsWith("'")) {
    setText(cell, s.slice(1));
    cell.quotePrefix = true;
    return;
  }
  const trimmed = s.trim();
  const asNumber = parseNumber(trimmed);
  if (asNumber !== null) {
    cell.value = asNumber.value;
    cell.type = "Double";
    if (asNumber.percent && cell.numberFormat === "General") cell.numberFormat = trimmed.includes(".") ? "0.00%" : "0%";
    return;
  }
  if (s.startsWith("=") && s.length > 1) return setFormula(sheet, cell, s);
  if ((s.startsWith("+") || s.startsWith("-") || s.startsWith("@")) && s.length > 1) {
    return setFormula(sheet, cell, `=${s.startsWith("@") ? s.slice(1) : s}`);
  }
  const date = ISO_DATE.exec(trimmed);
  if (date) {
    const serial = dateSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== null) {
      cell.value = serial;
      cell.type = "Double";
      if (cell.numberFormat === "General") cell.numberFormat = "yyyy/m/d";
      return;
    }
  }
  if (/^(true|false)$/i.test(trimmed)) {
    cell.value = trimmed.toLowerCase() === "true";
    cell.type = "Boolean";
    return;
  }
  const error = ERRORS_BY_KEY.get(trimmed.toUpperCase());
  if (error !== undefined) {
    cell.value = error;
    cell.type = "Error";
    return;
  }
  setText(cell, s);
}

function setText(cell: FakeCell, s: string): void {
  cell.value = s;
  cell.type = "String";
}

function parseNumber(s: string): { value: number; percent: boolean } | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  let value = Number(`${m[2]!.replace(/,/g, "")}${m[3] === undefined ? "" : `e${m[3]}`}`);
  if (m[1] === "-") value = -value;
  if (m[4] === "%") value /= 100;
  return Number.isFinite(value) ? { value, percent: m[4] === "%" } : null;
}

/** Excel's 1900 date system serial (with its phantom 1900-02-29), or null for an impossible date. */
export function dateSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  const serial = (t - Date.UTC(1899, 11, 30)) / 86_400_000;
  return serial < 61 ? serial - 1 : serial;
}

function setFormula(sheet: FakeSheet, cell: FakeCell, formula: string): void {
  cell.formula = formula;
  const result = evaluate(sheet, formula.slice(1));
  cell.value = result.value;
  cell.type = result.type;
}

/**
 * The fake does not calculate: a formula gets the value of simple arithmetic on numbers and
 * same-sheet cell references, and #NAME? for anything else (functions, names, text).
 */
function evaluate(sheet: FakeSheet, expr: string): { value: number | string; type: ValueType } {
  const tokens = expr.match(/\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\$?[A-Za-z]{1,3}\$?\d+|[-+*/^()]|\S)\s*/g)?.map((t) => t.trim()) ?? [];
  let i = 0;
  const nameError = { value: "#NAME?", type: "Error" as const };
  const peek = () => tokens[i];
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) throw nameError;
    if (t === "(") {
      const v = sum();
      if (tokens[i++] !== ")") throw nameError;
      return v;
    }
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (/^\d/.test(t)) return Number(t);
    const ref = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(t);
    if (ref) {
      const cell = sheet.cell(Number(ref[2]) - 1, columnIndex(ref[1]!));
      if (!cell || cell.type === "Empty") return 0;
      if (cell.type === "Double") return cell.value as number;
      if (cell.type === "Boolean") return cell.value ? 1 : 0;
      throw { value: cell.type === "Error" ? cell.value : "#VALUE!", type: "Error" as const };
    }
    throw nameError;
  };
  const power = (): number => {
    let v = primary();
    while (peek() === "^") {
      i++;
      v = v ** primary();
    }
    return v;
  };
  const product = (): number => {
    let v = power();
    while (peek() === "*" || peek() === "/") {
      const op = tokens[i++];
      const rhs = power();
      if (op === "/" && rhs === 0) throw { value: "#DIV/0!", type: "Error" as const };
      v = op === "*" ? v * rhs : v / rhs;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (peek() === "+" || peek() === "-") v = tokens[i++] === "+" ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    if (i !== tokens.length) return nameError;
    return { value: v, type: "Double" };
  } catch (e) {
    if (e !== null && typeof e === "object" && "type" in e) return e as { value: string; type: "Error" };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading back: what `values`, `valueTypes`, `text` and `formulas` report.

export function cellValue(cell: FakeCell | undefined): number | string | boolean {
  return cell === undefined || cell.value === null ? "" : cell.value;
}

export function cellFormula(cell: FakeCell | undefined): number | string | boolean {
  if (cell?.formula) return cell.formula;
  if (cell?.quotePrefix) return `'${String(cell.value)}`;
  return cellValue(cell);
}

/** The text Excel shows, for the formats the product uses; other formats show the number as General. */
export function cellText(cell: FakeCell | undefined): string {
  if (cell === undefined || cell.type === "Empty") return "";
  if (cell.type === "Boolean") return cell.value ? "TRUE" : "FALSE";
  if (cell.type !== "Double") return String(cell.value);
  const v = cell.value as number;
  const nf = cell.numberFormat;
  const fixed = /^0(?:\.(0+))?(%?)$/.exec(nf);
  if (fixed) return fixed[2] === "%" ? `${(v * 100).toFixed(fixed[1]?.length ?? 0)}%` : v.toFixed(fixed[1]?.length ?? 0);
  if (/[ymd]/i.test(nf.replace(/"[^"]*"|\[[^\]]*\]/g, ""))) return serialText(v);
  return generalText(v);
}

function generalText(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  return String(Number(v.toPrecision(10)));
}

function serialText(serial: number): string {
  const days = Math.floor(serial < 61 ? serial + 1 : serial);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
}
