/** Range proxies of the fake host: values, formats, links, validation, merges, selection. */
import {
  formatRect,
  MAX_COLUMNS,
  MAX_ROWS,
  parseRect,
  quoteSheet,
  rectCells,
  rectCols,
  rectRows,
  splitSheet,
  type Rect,
} from "./address.js";
import { ClientObject, defineProps, sealed, type FakeRequestContext, type PropTable } from "./context.js";
import { ErrorCodes, fail } from "./errors.js";
import { newWorksheet } from "./worksheet.js";
import {
  cellFormula,
  cellText,
  cellValue,
  clearContents,
  DEFAULT_FORMAT,
  enterValue,
  internBorder,
  withFormat,
  type Border,
  type CellFormat,
  type FakeCell,
  type FakeSheet,
  type Hyperlink,
  type Validation,
} from "./state.js";

export interface RangeTarget {
  readonly sheet: FakeSheet;
  readonly rect: Rect;
}

function matrix<V>(t: RangeTarget, f: (cell: FakeCell | undefined, r: number, c: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    const row: V[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(f(t.sheet.cell(r, c), r, c));
    out.push(row);
  }
  return out;
}

/** Writes a 2-D input (or one value for every cell); null entries leave their cell as it is. */
function write2D(t: RangeTarget, input: unknown, what: string, apply: (r: number, c: number, v: unknown) => void): void {
  const rows = rectRows(t.rect);
  const cols = rectCols(t.rect);
  // "Single input copy": one value (or a 1×1 array) for a bigger range applies to every cell, as Ctrl+Enter does.
  const single = !Array.isArray(input)
    ? { v: input }
    : input.length === 1 && Array.isArray(input[0]) && input[0].length === 1 && rows * cols > 1
      ? { v: input[0][0] }
      : null;
  if (single !== null) {
    if (single.v === null || single.v === undefined) return;
    if (rows * cols > 1_000_000)
      fail(ErrorCodes.invalidArgument, `Setting ${what} of ${rows * cols} cells at once is not supported by the fake.`);
    for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) apply(r, c, single.v);
    return;
  }
  const grid = input as unknown[][];
  if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols)) {
    fail(
      ErrorCodes.invalidArgument,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows}×${cols} needed).`,
    );
  }
  grid.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null && v !== undefined) apply(t.rect.r0 + i, t.rect.c0 + j, v);
    }),
  );
}

function check2D(value: unknown, what: string): void {
  if (value === null || value === undefined) fail(ErrorCodes.invalidArgument, `${what} cannot be set to null.`);
}

function cellsWithInput(t: RangeTarget, input: unknown): Rect[] {
  if (!Array.isArray(input) || (input.length === 1 && input[0]?.length === 1)) return [t.rect];
  const out: Rect[] = [];
  input.forEach((row: unknown[], i) =>
    row?.forEach((v, j) => {
      if (v !== null && v !== undefined) out.push({ r0: t.rect.r0 + i, c0: t.rect.c0 + j, r1: t.rect.r0 + i, c1: t.rect.c0 + j });
    }),
  );
  return out;
}

/** A format property read over a range: the value if every cell agrees, else null (as Excel reports it). */
function uniform<V>(t: RangeTarget, f: (fmt: CellFormat) => V): V | null {
  let first: { v: V } | null = null;
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const v = f(t.sheet.cell(r, c)?.format ?? DEFAULT_FORMAT);
      if (first === null) first = { v };
      else if (JSON.stringify(first.v) !== JSON.stringify(v)) return null;
    }
    if (rectCells(t.rect) > 200_000) break; // whole columns: the first rows decide
  }
  return first?.v ?? null;
}

function setFormat<K extends keyof CellFormat>(t: RangeTarget, key: K, value: CellFormat[K]): void {
  t.sheet.checkEditable(t.rect, "format", "allowFormatCells");
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const cell = t.sheet.ensure(r, c);
      cell.format = withFormat(cell.format, key, value);
    }
  }
}

const isColor = (v: unknown) => typeof v === "string" && /^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(v);
const checkColor = (v: unknown) => {
  if (!isColor(v)) fail(ErrorCodes.invalidArgument, `Invalid color ${JSON.stringify(v)}.`);
};
const normColor = (v: unknown) => (String(v).startsWith("#") ? String(v).toUpperCase() : String(v));

// ---------------------------------------------------------------------------------------------

export class RangeProxy extends ClientObject<RangeTarget> {
  private formatProxy: RangeFormatProxy | null = null;
  private validationProxy: DataValidationProxy | null = null;

  constructor(ctx: FakeRequestContext, path: string, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, path, resolver, nullable);
  }

  private derive(name: string, args: unknown[], f: (t: RangeTarget) => RangeTarget | null, nullable = false): RangeProxy {
    return newRange(this.ctx, `${this.path}.${name}(${args.map((a) => JSON.stringify(a)).join(",")})`, () => f(this.resolve()), nullable);
  }

  get format(): RangeFormatProxy {
    return (this.formatProxy ??= sealed(new RangeFormatProxy(this.ctx, `${this.path}.format`, () => this.resolve())));
  }

  get dataValidation(): DataValidationProxy {
    this.ctx.need("1.8", "Range.dataValidation");
    return (this.validationProxy ??= sealed(new DataValidationProxy(this.ctx, `${this.path}.dataValidation`, () => this.resolve())));
  }

  get worksheet(): ClientObject {
    return newWorksheet(this.ctx, `${this.path}.worksheet`, () => this.resolve().sheet);
  }

  getCell(row: number, column: number): RangeProxy {
    return this.derive("getCell", [row, column], (t) => offsetRect(t, row, column, 1, 1));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.derive("getOffsetRange", [rowOffset, columnOffset], (t) =>
      offsetRect(t, rowOffset, columnOffset, rectRows(t.rect), rectCols(t.rect)),
    );
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    this.ctx.need("1.2", "Range.getResizedRange");
    return this.derive("getResizedRange", [deltaRows, deltaColumns], (t) =>
      offsetRect(t, 0, 0, rectRows(t.rect) + deltaRows, rectCols(t.rect) + deltaColumns),
    );
  }

  getRow(row: number): RangeProxy {
    return this.derive("getRow", [row], (t) => offsetRect(t, row, 0, 1, rectCols(t.rect)));
  }

  getColumn(column: number): RangeProxy {
    return this.derive("getColumn", [column], (t) => offsetRect(t, 0, column, rectRows(t.rect), 1));
  }

  getLastRow(): RangeProxy {
    return this.derive("getLastRow", [], (t) => offsetRect(t, rectRows(t.rect) - 1, 0, 1, rectCols(t.rect)));
  }

  getLastColumn(): RangeProxy {
    return this.derive("getLastColumn", [], (t) => offsetRect(t, 0, rectCols(t.rect) - 1, rectRows(t.rect), 1));
  }

  getEntireColumn(): RangeProxy {
    return this.derive("getEntireColumn", [], (t) => ({ sheet: t.sheet, rect: { r0: 0, c0: t.rect.c0, r1: MAX_ROWS - 1, c1: t.rect.c1 } }));
  }

  getEntireRow(): RangeProxy {
    return this.derive("getEntireRow", [], (t) => ({ sheet: t.sheet, rect: { r0: t.rect.r0, c0: 0, r1: t.rect.r1, c1: MAX_COLUMNS - 1 } }));
  }

  getBoundingRect(anotherRange: RangeProxy | string): RangeProxy {
    return this.derive("getBoundingRect", [String(anotherRange instanceof RangeProxy ? anotherRange.path : anotherRange)], (t) => {
      const other = anotherRange instanceof RangeProxy ? anotherRange.resolve().rect : localRect(anotherRange);
      return {
        sheet: t.sheet,
        rect: {
          r0: Math.min(t.rect.r0, other.r0),
          c0: Math.min(t.rect.c0, other.c0),
          r1: Math.max(t.rect.r1, other.r1),
          c1: Math.max(t.rect.c1, other.c1),
        },
      };
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== undefined) this.ctx.need("1.2", "Range.getUsedRange(valuesOnly)");
    return this.derive("getUsedRange", [valuesOnly ?? false], (t) => {
      const used = intersect(t.sheet.usedRect(valuesOnly === true), t.rect);
      if (used === null) fail(ErrorCodes.itemNotFound, "The range has no used cells.");
      return { sheet: t.sheet, rect: used! };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.need("1.4", "Range.getUsedRangeOrNullObject");
    return this.derive(
      "getUsedRangeOrNullObject",
      [valuesOnly ?? false],
      (t) => {
        const used = intersect(t.sheet.usedRect(valuesOnly === true), t.rect);
        return used === null ? null : { sheet: t.sheet, rect: used };
      },
      true,
    );
  }

  merge(across = false): void {
    this.ctx.need("1.2", "Range.merge");
    this.ctx.enqueue(this.path, "merge", [across], () => {
      const t = this.resolve();
      t.sheet.checkEditable(t.rect, "format", "allowFormatCells");
      if (across) for (let r = t.rect.r0; r <= t.rect.r1; r++) t.sheet.addMerge({ ...t.rect, r0: r, r1: r });
      else t.sheet.addMerge(t.rect);
    });
  }

  unmerge(): void {
    this.ctx.need("1.2", "Range.unmerge");
    this.ctx.enqueue(this.path, "unmerge", [], () => {
      const t = this.resolve();
      for (let i = t.sheet.merges.length - 1; i >= 0; i--) {
        const m = t.sheet.merges[i]!;
        if (m.r0 <= t.rect.r1 && t.rect.r0 <= m.r1 && m.c0 <= t.rect.c1 && t.rect.c0 <= m.c1) t.sheet.merges.splice(i, 1);
      }
    });
  }

  select(): void {
    this.ctx.enqueue(this.path, "select", [], () => {
      const t = this.resolve();
      if (t.sheet.visibility !== "Visible") fail(ErrorCodes.invalidSelection, "Cannot select a range on a hidden sheet.");
      this.ctx.host.state.activeSheet = t.sheet;
      this.ctx.host.state.selection = { sheet: t.sheet, rect: t.rect };
    });
  }

  clear(applyTo: string = "All"): void {
    if (applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks") this.ctx.need("1.7", `Range.clear("${applyTo}")`);
    else if (!["All", "Formats", "Contents"].includes(applyTo)) fail(ErrorCodes.invalidArgument, `Range.clear: bad applyTo ${applyTo}`);
    this.ctx.enqueue(this.path, "clear", [applyTo], () => {
      const t = this.resolve();
      t.sheet.checkEditable(t.rect, applyTo === "Contents" ? "values" : "format", "allowFormatCells");
      for (let r = t.rect.r0; r <= Math.min(t.rect.r1, t.sheet.rows.length - 1); r++) {
        for (let c = t.rect.c0; c <= t.rect.c1; c++) {
          const cell = t.sheet.cell(r, c);
          if (!cell) continue;
          if (applyTo === "All" || applyTo === "Contents") clearContents(cell);
          if (applyTo === "All" || applyTo === "Formats") {
            cell.format = DEFAULT_FORMAT;
            cell.numberFormat = "General";
          }
          if (applyTo === "All" || applyTo === "Hyperlinks" || applyTo === "RemoveHyperlinks") cell.hyperlink = null;
          if (applyTo === "All") cell.validation = null;
        }
      }
    });
  }
}

export function newRange(ctx: FakeRequestContext, path: string, resolver: () => RangeTarget | null, nullable = false): RangeProxy {
  return sealed(new RangeProxy(ctx, path, resolver, nullable));
}

function offsetRect(t: RangeTarget, dr: number, dc: number, rows: number, cols: number): RangeTarget {
  const rect = { r0: t.rect.r0 + dr, c0: t.rect.c0 + dc, r1: t.rect.r0 + dr + rows - 1, c1: t.rect.c0 + dc + cols - 1 };
  if (rows < 1 || cols < 1 || rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLUMNS) {
    fail(ErrorCodes.invalidArgument, "The range would be off the sheet.");
  }
  return { sheet: t.sheet, rect };
}

function intersect(a: Rect | null, b: Rect): Rect | null {
  if (a === null) return null;
  const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
  return r.r0 > r.r1 || r.c0 > r.c1 ? null : r;
}

export function localRect(address: string): Rect {
  const { local } = splitSheet(address);
  const rect = parseRect(local);
  if (rect === null) fail(ErrorCodes.invalidArgument, `Invalid address ${JSON.stringify(address)}.`);
  return rect!;
}

const RANGE_PROPS: PropTable<RangeTarget> = {
  address: { get: (t) => `${quoteSheet(t.sheet.name)}!${formatRect(t.rect)}` },
  addressLocal: { get: (t) => `${quoteSheet(t.sheet.name)}!${formatRect(t.rect)}` },
  rowCount: { get: (t) => rectRows(t.rect) },
  columnCount: { get: (t) => rectCols(t.rect) },
  rowIndex: { get: (t) => t.rect.r0 },
  columnIndex: { get: (t) => t.rect.c0 },
  cellCount: { get: (t) => rectCells(t.rect) },
  values: {
    get: (t) => matrix(t, cellValue),
    cells: (t) => rectCells(t.rect),
    check: (v) => check2D(v, "values"),
    set: (t, v) => {
      for (const rect of cellsWithInput(t, v)) t.sheet.checkEditable(rect, "values");
      write2D(t, v, "values", (r, c, x) => enterValue(t.sheet, r, c, x));
    },
  },
  formulas: {
    get: (t) => matrix(t, cellFormula),
    cells: (t) => rectCells(t.rect),
    check: (v) => check2D(v, "formulas"),
    set: (t, v) => {
      for (const rect of cellsWithInput(t, v)) t.sheet.checkEditable(rect, "values");
      write2D(t, v, "formulas", (r, c, x) => enterValue(t.sheet, r, c, x));
    },
  },
  valueTypes: { get: (t) => matrix(t, (cell) => cell?.type ?? "Empty"), cells: (t) => rectCells(t.rect) },
  text: { get: (t) => matrix(t, cellText), cells: (t) => rectCells(t.rect) },
  numberFormat: {
    get: (t) => matrix(t, (cell) => cell?.numberFormat ?? "General"),
    cells: (t) => rectCells(t.rect),
    check: (v) => check2D(v, "numberFormat"),
    set: (t, v) => {
      t.sheet.checkEditable(t.rect, "format", "allowFormatCells");
      write2D(t, v, "numberFormat", (r, c, x) => {
        if (typeof x !== "string") fail(ErrorCodes.invalidArgument, `A number format must be text, not ${JSON.stringify(x)}.`);
        t.sheet.ensure(r, c).numberFormat = x === "" ? "General" : (x as string);
      });
    },
  },
  hyperlink: {
    version: "1.7",
    get: (t) => t.sheet.cell(t.rect.r0, t.rect.c0)?.hyperlink ?? null,
    check: (v) => {
      if (v === null || typeof v !== "object") fail(ErrorCodes.invalidArgument, "A hyperlink must be an object.");
      const link = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(link)) {
        if (!["address", "documentReference", "screenTip", "textToDisplay"].includes(k))
          fail(ErrorCodes.invalidArgument, `Unknown hyperlink field ${k}.`);
        if (x !== undefined && typeof x !== "string") fail(ErrorCodes.invalidArgument, `Hyperlink ${k} must be text.`);
      }
      if (typeof link.documentReference === "string") {
        const { sheet, local } = splitSheet(link.documentReference);
        if (sheet === null || parseRect(local) === null)
          fail(ErrorCodes.invalidArgument, `Invalid documentReference ${JSON.stringify(link.documentReference)}.`);
      }
    },
    set: (t, v) => {
      t.sheet.checkEditable(t.rect, "format", "allowInsertHyperlinks");
      const link = { ...(v as Hyperlink) };
      for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.ensure(r, c).hyperlink = link;
      if (link.textToDisplay !== undefined) {
        const cell = t.sheet.ensure(t.rect.r0, t.rect.c0);
        clearContents(cell);
        cell.value = link.textToDisplay;
        cell.type = link.textToDisplay === "" ? "Empty" : "String";
        if (link.textToDisplay === "") cell.value = null;
      }
    },
  },
};
defineProps(RangeProxy, "Range", RANGE_PROPS);

// ---------------------------------------------------------------------------------------------

class RangePart extends ClientObject<RangeTarget> {}

export class RangeFormatProxy extends RangePart {
  get fill(): ClientObject {
    return this.part("fill", () => new RangeFillProxy(this.ctx, `${this.path}.fill`, () => this.resolve()));
  }

  get font(): ClientObject {
    return this.part("font", () => new RangeFontProxy(this.ctx, `${this.path}.font`, () => this.resolve()));
  }

  get borders(): RangeBordersProxy {
    return this.part("borders", () => new RangeBordersProxy(this.ctx, `${this.path}.borders`, () => this.resolve()));
  }

  get protection(): ClientObject {
    this.ctx.need("1.2", "RangeFormat.protection");
    return this.part("protection", () => new FormatProtectionProxy(this.ctx, `${this.path}.protection`, () => this.resolve()));
  }

  autofitColumns(): void {
    this.ctx.need("1.2", "RangeFormat.autofitColumns");
    this.ctx.enqueue(this.path, "autofitColumns", [], () => undefined);
  }

  autofitRows(): void {
    this.ctx.need("1.2", "RangeFormat.autofitRows");
    this.ctx.enqueue(this.path, "autofitRows", [], () => undefined);
  }
}

const ALIGN_H = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
const ALIGN_V = ["Top", "Center", "Bottom", "Justify", "Distributed"];
const oneOf = (list: readonly string[], what: string) => (v: unknown) => {
  if (typeof v !== "string" || !list.includes(v)) fail(ErrorCodes.invalidArgument, `Invalid ${what} ${JSON.stringify(v)}.`);
};

defineProps(RangeFormatProxy, "RangeFormat", {
  columnWidth: {
    version: "1.2",
    get: (t) => t.sheet.columnWidths.get(t.rect.c0) ?? 48,
    check: (v) => {
      if (typeof v !== "number" || !(v >= 0) || v > 1_800) fail(ErrorCodes.invalidArgument, `Invalid column width ${JSON.stringify(v)}.`);
    },
    set: (t, v) => {
      t.sheet.checkEditable(t.rect, "format", "allowFormatColumns");
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, v as number);
    },
  },
  horizontalAlignment: {
    get: (t) => uniform(t, (f) => f.horizontalAlignment),
    check: oneOf(ALIGN_H, "horizontal alignment"),
    set: (t, v) => setFormat(t, "horizontalAlignment", v as string),
  },
  verticalAlignment: {
    get: (t) => uniform(t, (f) => f.verticalAlignment),
    check: oneOf(ALIGN_V, "vertical alignment"),
    set: (t, v) => setFormat(t, "verticalAlignment", v as string),
  },
  wrapText: { get: (t) => uniform(t, (f) => f.wrapText), set: (t, v) => setFormat(t, "wrapText", v === true) },
});

class RangeFillProxy extends RangePart {
  clear(): void {
    this.ctx.enqueue(this.path, "clear", [], () => setFormat(this.resolve(), "fill", null));
  }
}
defineProps(RangeFillProxy, "RangeFill", {
  color: { get: (t) => uniform(t, (f) => f.fill), check: checkColor, set: (t, v) => setFormat(t, "fill", normColor(v)) },
});

class RangeFontProxy extends RangePart {}
defineProps(RangeFontProxy, "RangeFont", {
  bold: { get: (t) => uniform(t, (f) => f.bold), set: (t, v) => setFormat(t, "bold", v === true) },
  italic: { get: (t) => uniform(t, (f) => f.italic), set: (t, v) => setFormat(t, "italic", v === true) },
  underline: {
    get: (t) => uniform(t, (f) => f.underline),
    check: oneOf(["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"], "underline"),
    set: (t, v) => setFormat(t, "underline", v as string),
  },
  color: { get: (t) => uniform(t, (f) => f.color), check: checkColor, set: (t, v) => setFormat(t, "color", normColor(v)) },
  size: {
    get: (t) => uniform(t, (f) => f.size),
    check: (v) => {
      if (typeof v !== "number" || v < 1 || v > 409) fail(ErrorCodes.invalidArgument, `Invalid font size ${JSON.stringify(v)}.`);
    },
    set: (t, v) => setFormat(t, "size", v as number),
  },
  name: { get: (t) => uniform(t, (f) => f.fontName), set: (t, v) => setFormat(t, "fontName", String(v)) },
});

class FormatProtectionProxy extends RangePart {}
defineProps(FormatProtectionProxy, "FormatProtection", {
  locked: {
    version: "1.2",
    get: (t) => uniform(t, (f) => f.locked),
    set: (t, v) => {
      if (t.sheet.protection.protected) fail(ErrorCodes.accessDenied, `'${t.sheet.name}' is protected: cannot change cell locking.`);
      setFormat(t, "locked", v === true);
    },
  },
});

const BORDER_NAMES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

class RangeBordersProxy extends RangePart {
  getItem(index: string): ClientObject {
    if (!BORDER_NAMES.includes(index)) fail(ErrorCodes.invalidArgument, `Unknown border ${JSON.stringify(index)}.`);
    return sealed(new RangeBorderProxy(this.ctx, `${this.path}.getItem(${JSON.stringify(index)})`, () => this.resolve(), index));
  }
}

class RangeBorderProxy extends RangePart {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    resolver: () => RangeTarget | null,
    readonly sideIndex: string,
  ) {
    super(ctx, path, resolver);
  }
}

type Side = "borderTop" | "borderBottom" | "borderLeft" | "borderRight";

/** Which cell edges a border item of a range covers. */
function borderEdges(t: RangeTarget, index: string): { r: number; c: number; side: Side }[] {
  const out: { r: number; c: number; side: Side }[] = [];
  const { r0, c0, r1, c1 } = t.rect;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      if (index === "EdgeTop" && r === r0) out.push({ r, c, side: "borderTop" });
      if (index === "EdgeBottom" && r === r1) out.push({ r, c, side: "borderBottom" });
      if (index === "EdgeLeft" && c === c0) out.push({ r, c, side: "borderLeft" });
      if (index === "EdgeRight" && c === c1) out.push({ r, c, side: "borderRight" });
      if (index === "InsideHorizontal" && r > r0) out.push({ r, c, side: "borderTop" });
      if (index === "InsideHorizontal" && r < r1) out.push({ r, c, side: "borderBottom" });
      if (index === "InsideVertical" && c > c0) out.push({ r, c, side: "borderLeft" });
      if (index === "InsideVertical" && c < c1) out.push({ r, c, side: "borderRight" });
    }
  }
  return out;
}

function setBorder(proxy: RangeBorderProxy, key: keyof Border, value: string): void {
  const t = proxy.resolve();
  t.sheet.checkEditable(t.rect, "format", "allowFormatCells");
  const changed = new Map<Border | null, Border | null>();
  for (const { r, c, side } of borderEdges(t, proxy.sideIndex)) {
    const cell = t.sheet.ensure(r, c);
    const old = cell.format[side];
    let next = changed.get(old);
    if (next === undefined) {
      next =
        key === "style" && value === "None"
          ? null
          : internBorder({ ...(old ?? { style: "None", color: "#000000", weight: "Thin" }), [key]: value });
      changed.set(old, next);
    }
    cell.format = withFormat(cell.format, side, next);
  }
}

defineProps(RangeBorderProxy, "RangeBorder", {
  style: {
    check: oneOf(["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"], "border style"),
    set: (_t, v, proxy) => setBorder(proxy as RangeBorderProxy, "style", String(v)),
  },
  color: { check: checkColor, set: (_t, v, proxy) => setBorder(proxy as RangeBorderProxy, "color", normColor(v)) },
  weight: {
    check: oneOf(["Hairline", "Thin", "Medium", "Thick"], "border weight"),
    set: (_t, v, proxy) => setBorder(proxy as RangeBorderProxy, "weight", String(v)),
  },
});

// ---------------------------------------------------------------------------------------------
// Data validation (ExcelApi 1.8)

const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

function checkRule(v: unknown): void {
  if (v === null || typeof v !== "object") fail(ErrorCodes.invalidArgument, "A data validation rule must be an object.");
  const kinds = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  const known = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];
  if (kinds.length !== 1 || !known.includes(kinds[0]!))
    fail(ErrorCodes.invalidArgument, `A data validation rule needs exactly one of ${known.join(", ")}.`);
  const body = (v as Record<string, Record<string, unknown>>)[kinds[0]!]!;
  if (kinds[0] === "list") {
    if (typeof body.source !== "string" || body.source.length === 0 || body.source.length > 255)
      fail(ErrorCodes.invalidArgument, "A list source must be 1–255 characters.");
    return;
  }
  if (kinds[0] === "custom") return;
  if (!OPERATORS.includes(body.operator as string)) fail(ErrorCodes.invalidArgument, `Invalid operator ${JSON.stringify(body.operator)}.`);
  if (body.formula1 === undefined) fail(ErrorCodes.invalidArgument, "formula1 is required.");
  if ((body.operator === "Between" || body.operator === "NotBetween") && body.formula2 === undefined)
    fail(ErrorCodes.invalidArgument, "formula2 is required for Between.");
}

const textLimit = (v: unknown, field: string, max: number) => {
  if (v !== undefined && (typeof v !== "string" || v.length > max))
    fail(ErrorCodes.invalidArgument, `${field} must be text of at most ${max} characters.`);
};

class DataValidationProxy extends RangePart {
  clear(): void {
    this.ctx.enqueue(this.path, "clear", [], () => {
      const t = this.resolve();
      t.sheet.checkEditable(t.rect, "object");
      eachCell(t, (cell) => void (cell.validation = null));
    });
  }
}

function eachCell(t: RangeTarget, f: (cell: FakeCell) => void): void {
  for (let r = t.rect.r0; r <= t.rect.r1; r++) for (let c = t.rect.c0; c <= t.rect.c1; c++) f(t.sheet.ensure(r, c));
}

function updateValidation(t: RangeTarget, change: Partial<Validation>): void {
  t.sheet.checkEditable(t.rect, "object");
  eachCell(t, (cell) => {
    cell.validation = { ...(cell.validation ?? { rule: {}, prompt: null, errorAlert: null, ignoreBlanks: true }), ...change };
  });
}

const topLeftValidation = (t: RangeTarget) => t.sheet.cell(t.rect.r0, t.rect.c0)?.validation ?? null;

defineProps(DataValidationProxy, "DataValidation", {
  rule: {
    version: "1.8",
    get: (t) => topLeftValidation(t)?.rule ?? null,
    check: checkRule,
    set: (t, v) => updateValidation(t, { rule: v as Record<string, unknown> }),
  },
  prompt: {
    version: "1.8",
    get: (t) => topLeftValidation(t)?.prompt ?? null,
    check: (v) => {
      const p = v as Record<string, unknown>;
      textLimit(p?.title, "prompt.title", 32);
      textLimit(p?.message, "prompt.message", 255);
    },
    set: (t, v) => updateValidation(t, { prompt: v as Record<string, unknown> }),
  },
  errorAlert: {
    version: "1.8",
    get: (t) => topLeftValidation(t)?.errorAlert ?? null,
    check: (v) => {
      const a = v as Record<string, unknown>;
      textLimit(a?.title, "errorAlert.title", 32);
      textLimit(a?.message, "errorAlert.message", 225);
      if (a?.style !== undefined) oneOf(["Stop", "Warning", "Information"], "alert style")(a.style);
    },
    set: (t, v) => updateValidation(t, { errorAlert: v as Record<string, unknown> }),
  },
  ignoreBlanks: {
    version: "1.8",
    get: (t) => topLeftValidation(t)?.ignoreBlanks ?? true,
    set: (t, v) => updateValidation(t, { ignoreBlanks: v === true }),
  },
  type: { version: "1.8", get: (t) => Object.keys(topLeftValidation(t)?.rule ?? {})[0] ?? "None" },
});
