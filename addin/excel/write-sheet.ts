/// <reference types="office-js" />
/**
 * Writing one SheetSpec into Excel through a Batcher: the sheet (new, replacing an old one in
 * its place, or appended to), formats by rectangles of equal look, number formats before
 * values, values as whole 2-D row blocks, then merges, widths, panes, links, validation,
 * charts, print setup and, last, protection. Each feature is checked against the host's
 * requirement sets first and skipped (and noted) where it is missing.
 */
import { a1, columnLetters, quoteSheetName } from "../../src/model/cell.js";
import { fitCellText, MAX_HYPERLINKS, truncate, VALIDATION_LIMITS } from "../../src/report/excel-limits.js";
import {
  cellValue,
  LINK_COLOR,
  outCell,
  STYLE_LOOKS,
  TONE_FILLS,
  type CellStyle,
  type CellTone,
  type ChartSpec,
  type OutCell,
  type OutValue,
  type SheetSpec,
  type ValidationSpec,
} from "../../src/report/sheet-spec.js";
import { ACTION_OVERHEAD, jsonLength, type Batcher } from "./batches.js";
import { groupRects, numberFormatOf, officeColor, widthInPoints, type KeyedRect } from "./formats.js";
import type { Requirements } from "./requirements.js";

export type SheetTarget =
  /** A new sheet of this name (a temporary one: it takes the spec's name when all sheets are written). */
  | { readonly kind: "new"; readonly name: string }
  /** An existing sheet the spec's rows (after appendSkip) are appended to, from firstRow. */
  | { readonly kind: "append"; readonly name: string; readonly firstRow: number };

const CHART_TYPES = {
  bar: "BarClustered",
  column: "ColumnClustered",
  line: "LineMarkers",
  radar: "Radar",
  pie: "Pie",
  scatter: "XYScatter",
} as const satisfies Readonly<Record<ChartSpec["kind"], string>>;

/** Queues everything one sheet needs, in an order Excel accepts; returns the worksheet proxy. */
export async function planSheet(
  ctx: Excel.RequestContext,
  batch: Batcher,
  spec: SheetSpec,
  target: SheetTarget,
  req: Requirements,
): Promise<Excel.Worksheet> {
  const sheet = await placeSheet(ctx, batch, target);
  const appending = target.kind === "append";
  const rows = appending ? spec.rows.slice(spec.append?.appendSkip ?? 0) : spec.rows;
  const firstRow = appending ? target.firstRow : 0;
  const w: SheetWrite = {
    sheet,
    batch,
    spec,
    req,
    rows,
    width: rows.reduce((n, r) => Math.max(n, r.length), 0),
    // Features that belong to the sheet as a whole, not to appended rows.
    protect: !appending && spec.protect === true && req.use("protection", spec.name),
    at: (r, c) => outCell(rows[r]?.[c]),
    rangeOf: (rect) => sheet.getRange(`${a1(firstRow + rect.r0, rect.c0)}:${a1(firstRow + rect.r1, rect.c1)}`),
    cellAt: (r, c) => sheet.getRange(a1(firstRow + r, c)),
  };
  await writeLooks(w);
  await writeTones(w);
  const linked = await writeLinkFonts(w);
  await writeValues(w);
  if (linked) await writeLinks(w);
  if (!appending) {
    await writeLayout(w);
    await writeValidations(w);
    for (const chart of spec.charts ?? []) await addChart(batch, sheet, spec.name, chart, req);
    await writePrintSetup(w);
    // Protection last: nothing above could be written to a protected sheet.
    if (w.protect) await batch.op(ACTION_OVERHEAD, () => sheet.protection.protect());
  }
  return sheet;
}

/** One sheet being written: where its rows go and how to address them. */
interface SheetWrite {
  readonly sheet: Excel.Worksheet;
  readonly batch: Batcher;
  readonly spec: SheetSpec;
  readonly req: Requirements;
  /** The rows to write (without the skipped header when appending). */
  readonly rows: SheetSpec["rows"];
  readonly width: number;
  readonly protect: boolean;
  at(r: number, c: number): OutCell;
  rangeOf(rect: { r0: number; c0: number; r1: number; c1: number }): Excel.Range;
  cellAt(r: number, c: number): Excel.Range;
}

/** A new sheet, or the sheet appended to. */
async function placeSheet(ctx: Excel.RequestContext, batch: Batcher, target: SheetTarget): Promise<Excel.Worksheet> {
  const sheets = ctx.workbook.worksheets;
  let sheet!: Excel.Worksheet;
  if (target.kind === "append") {
    sheet = sheets.getItem(target.name);
  } else {
    await batch.op(ACTION_OVERHEAD, () => {
      sheet = sheets.add(target.name);
    });
  }
  return sheet;
}

/**
 * Rows of a format write at most: one rectangle of equal look can span a whole 160,000-row
 * sheet, and Excel (like the fake host) refuses to set a format on a million cells at once.
 */
export const BAND_ROWS = 2000;

/** Rectangles cut into bands of at most BAND_ROWS rows. */
export function inBands<R extends { r0: number; r1: number }>(rects: readonly R[]): R[] {
  return rects.flatMap((rect) => {
    if (rect.r1 - rect.r0 < BAND_ROWS) return [rect];
    const bands: R[] = [];
    for (let r0 = rect.r0; r0 <= rect.r1; r0 += BAND_ROWS) bands.push({ ...rect, r0, r1: Math.min(rect.r1, r0 + BAND_ROWS - 1) });
    return bands;
  });
}

/** Base look and number format, by rectangles of cells that share both. */
async function writeLooks(w: SheetWrite): Promise<void> {
  const base = groupRects(w.rows.length, w.width, (r, c) => {
    const { v, style } = w.at(r, c);
    const nf = numberFormatOf(v, style);
    return style === undefined && nf === undefined ? null : `${style ?? ""}|${nf ?? ""}`;
  });
  for (const rect of inBands(base)) {
    const [style, nf] = rect.key.split("|") as [string, string];
    const look = style === "" ? undefined : STYLE_LOOKS[style as CellStyle];
    const ops = 1 + (look ? 10 : 0);
    await w.batch.op(ops * ACTION_OVERHEAD, () => {
      const range = w.rangeOf(rect);
      // One value for the whole range ("single input copy", as Ctrl+Enter does).
      if (nf !== "") range.numberFormat = [[nf]];
      if (!look) return;
      const format = range.format;
      if (look.bold) format.font.bold = true;
      if (look.size !== undefined) format.font.size = look.size;
      if (look.fontColor !== undefined) format.font.color = officeColor(look.fontColor);
      if (look.fill !== undefined) format.fill.color = officeColor(look.fill);
      if (look.centred) {
        format.horizontalAlignment = "Center";
        format.verticalAlignment = "Center";
        format.wrapText = true;
      }
      if (look.wrap) format.wrapText = true;
      if (look.border) borders(format, rect);
      if (look.unlocked && w.protect) format.protection.locked = false;
    });
  }
}

/** Highlights (tones) on top of the look. */
async function writeTones(w: SheetWrite): Promise<void> {
  for (const rect of inBands(groupRects(w.rows.length, w.width, (r, c) => w.at(r, c).tone ?? null))) {
    await w.batch.op(ACTION_OVERHEAD, () => {
      w.rangeOf(rect).format.fill.color = officeColor(TONE_FILLS[rect.key as CellTone]);
    });
  }
}

/** Links' font, where the host has hyperlinks; whether the sheet gets its links. */
async function writeLinkFonts(w: SheetWrite): Promise<boolean> {
  const links = groupRects(w.rows.length, w.width, (r, c) => (w.at(r, c).link ? "link" : null));
  if (links.length === 0 || !w.req.use("hyperlinks", w.spec.name)) return false;
  for (const rect of inBands(links)) {
    await w.batch.op(2 * ACTION_OVERHEAD, () => {
      const font = w.rangeOf(rect).format.font;
      font.color = officeColor(LINK_COLOR);
      font.underline = "Single";
    });
  }
  return true;
}

/** Values: whole rows of `width` cells, text as it is (its cells are "@" already). */
async function writeValues(w: SheetWrite): Promise<void> {
  if (w.width === 0 || w.rows.length === 0) return;
  const values = w.rows.map((row, r) => {
    const out = new Array<string | number | boolean>(w.width);
    for (let c = 0; c < w.width; c++) out[c] = excelValue(cellValue(row[c]), w.spec.name, r, c);
    return out;
  });
  await w.batch.rows(
    values.map((v) => jsonLength(v) + 1),
    (from, to) => {
      w.rangeOf({ r0: from, c0: 0, r1: to - 1, c1: w.width - 1 }).values = values.slice(from, to);
    },
  );
}

/** Hyperlinks to cells (校验报告 → the cell an issue is about), at most Excel's 65,530 a sheet. */
async function writeLinks(w: SheetWrite): Promise<void> {
  let count = 0;
  for (let r = 0; r < w.rows.length && count < MAX_HYPERLINKS; r++) {
    for (let c = 0; c < (w.rows[r]?.length ?? 0) && count < MAX_HYPERLINKS; c++) {
      const link = w.at(r, c).link;
      if (link === undefined) continue;
      count++;
      const reference = `${quoteSheetName(link.sheet ?? w.spec.name)}!${link.cell ?? "A1"}`;
      await w.batch.op(ACTION_OVERHEAD + reference.length * 2, () => {
        w.cellAt(r, c).hyperlink = { documentReference: reference, screenTip: `转到 ${reference}` };
      });
    }
  }
}

/** Merges, column widths, frozen panes. */
async function writeLayout({ sheet, batch, spec, req }: SheetWrite): Promise<void> {
  if ((spec.merges?.length ?? 0) > 0 && req.use("merges", spec.name)) {
    for (const m of spec.merges!) await batch.op(ACTION_OVERHEAD, () => sheet.getRange(m).merge(false));
  }
  if ((spec.columnWidths?.length ?? 0) > 0 && req.use("columnWidths", spec.name)) {
    const widths = spec.columnWidths!;
    for (let c = 0; c < widths.length;) {
      let end = c;
      while (end + 1 < widths.length && widths[end + 1] === widths[c]) end++;
      const chars = widths[c];
      const from = c;
      if (chars !== undefined && Number.isFinite(chars) && chars >= 0) {
        await batch.op(ACTION_OVERHEAD, () => {
          sheet.getRange(`${columnLetters(from)}:${columnLetters(end)}`).format.columnWidth = widthInPoints(chars);
        });
      }
      c = end + 1;
    }
  }
  const freezeRows = Math.max(0, Math.floor(spec.freezeRows ?? 0));
  const freezeColumns = Math.max(0, Math.floor(spec.freezeColumns ?? 0));
  if ((freezeRows > 0 || freezeColumns > 0) && req.use("freezePanes", spec.name)) {
    await batch.op(ACTION_OVERHEAD, () => {
      if (freezeRows > 0 && freezeColumns > 0) sheet.freezePanes.freezeAt(sheet.getRange(`A1:${a1(freezeRows - 1, freezeColumns - 1)}`));
      else if (freezeRows > 0) sheet.freezePanes.freezeRows(freezeRows);
      else sheet.freezePanes.freezeColumns(freezeColumns);
    });
  }
}

/** Data validation on input cells. */
async function writeValidations({ sheet, batch, spec, req }: SheetWrite): Promise<void> {
  if ((spec.validations?.length ?? 0) === 0 || !req.use("dataValidation", spec.name)) return;
  for (const v of spec.validations!) {
    for (const area of v.range.trim().split(/[\s,]+/)) {
      const rule = validationRule(v, spec.name);
      await batch.op(3 * ACTION_OVERHEAD + jsonLength(v), () => {
        const dv = sheet.getRange(area).dataValidation;
        dv.rule = rule;
        if (v.prompt)
          dv.prompt = {
            showPrompt: true,
            title: truncate(v.prompt.title, VALIDATION_LIMITS.title),
            message: truncate(v.prompt.text, VALIDATION_LIMITS.prompt),
          };
        if (v.error !== undefined)
          dv.errorAlert = { showAlert: true, style: "Stop", title: "输入无效", message: truncate(v.error, VALIDATION_LIMITS.error) };
      });
    }
  }
}

/** Points in an inch: Office.js page margins are in points. */
const INCH = 72;

/**
 * Print setup: A4, orientation, fit to width, repeated title rows and columns, print area,
 * margins, the footer and the manual page breaks (at most Excel's 1,026, which the sheet
 * builders keep to).
 */
async function writePrintSetup({ sheet, batch, spec, req }: SheetWrite): Promise<void> {
  const print = spec.print;
  if (!print || !req.use("printSetup", spec.name)) return;
  await batch.op(12 * ACTION_OVERHEAD + (print.footer?.length ?? 0) * 3, () => {
    const layout = sheet.pageLayout;
    layout.paperSize = "A4";
    layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
    if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    const rows = print.repeatRows ?? 0;
    const from = print.repeatFrom ?? 0;
    if (rows > 0) layout.setPrintTitleRows(`$${from + 1}:$${from + rows}`);
    if ((print.repeatColumns ?? 0) > 0) layout.setPrintTitleColumns(`$A:$${columnLetters(print.repeatColumns! - 1)}`);
    if (print.printArea !== undefined) layout.setPrintArea(print.printArea);
    if (print.narrowMargins) {
      layout.leftMargin = 0.3 * INCH;
      layout.rightMargin = 0.3 * INCH;
      layout.topMargin = 0.6 * INCH;
      layout.bottomMargin = 0.6 * INCH;
    }
    if (print.footer !== undefined && print.footer !== "") layout.headersFooters.defaultForAllPages.centerFooter = print.footer;
  });
  const breaks = [...new Set(print.pageBreaksBefore ?? [])].filter((r) => r > 0).sort((a, b) => a - b);
  for (const r of breaks) await batch.op(ACTION_OVERHEAD, () => sheet.horizontalPageBreaks.add(a1(r, 0)));
}

/** Thin borders round and inside a rectangle (inside ones only where it has more than one row/column). */
function borders(format: Excel.RangeFormat, rect: KeyedRect): void {
  const sides: ("EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical")[] = [
    "EdgeTop",
    "EdgeBottom",
    "EdgeLeft",
    "EdgeRight",
  ];
  if (rect.r1 > rect.r0) sides.push("InsideHorizontal");
  if (rect.c1 > rect.c0) sides.push("InsideVertical");
  for (const side of sides) format.borders.getItem(side).style = "Continuous";
}

/** A cell's value for `range.values`: text cut to Excel's 32,767 characters ("…"). */
function excelValue(v: OutValue, sheet: string, r: number, c: number): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "number" && !Number.isFinite(v)) throw new RangeError(`${sheet}!${a1(r, c)}: cannot write the number ${v}`);
  return typeof v === "string" ? fitCellText(v) : v;
}

function validationRule(v: ValidationSpec, sheet: string): Excel.DataValidationRule {
  if (v.kind === "decimal") {
    if (!Number.isFinite(v.min) || !Number.isFinite(v.max) || v.min > v.max)
      throw new RangeError(`${sheet}: bad validation bounds ${v.min}…${v.max}`);
    const bounds = { formula1: v.min, formula2: v.max, operator: "Between" } as const;
    return v.integer ? { wholeNumber: bounds } : { decimal: bounds };
  }
  const source = v.values.join(",");
  if (v.values.length === 0 || v.values.some((x) => x.includes(",")) || source.length > VALIDATION_LIMITS.list) {
    throw new RangeError(`${sheet}: a validation list cannot hold ${JSON.stringify(v.values)}`);
  }
  return { list: { inCellDropDown: true, source } };
}

async function addChart(batch: Batcher, sheet: Excel.Worksheet, sheetName: string, spec: ChartSpec, req: Requirements): Promise<void> {
  const type = CHART_TYPES[spec.kind];
  const axes = spec.kind !== "pie";
  const titles = axes && spec.kind !== "radar";
  const horizontal = spec.kind === "bar";
  // xTitle is the horizontal axis's: the value axis of a bar chart, the category (x) axis otherwise.
  const categoryTitle = horizontal ? spec.yTitle : spec.xTitle;
  const valueTitle = horizontal ? spec.xTitle : spec.yTitle;
  const lineSeries = spec.kind === "scatter" ? spec.series.flatMap((s, i) => (s.line ? [i] : [])) : [];
  const styled = lineSeries.length > 0 && req.use("chartFormatting", sheetName);
  await batch.op((8 + spec.series.length) * ACTION_OVERHEAD + jsonLength(spec), () => {
    const chart = sheet.charts.add(type, sheet.getRange(spec.table), "Columns");
    chart.title.text = spec.title;
    chart.setPosition(spec.anchor.from, spec.anchor.to);
    spec.series.forEach((s, i) => {
      chart.series.getItemAt(i).name = s.name;
    });
    if (spec.series.length === 1 && spec.kind !== "pie") chart.legend.visible = false;
    if (titles && categoryTitle) chart.axes.categoryAxis.title.text = categoryTitle;
    if (titles && valueTitle) chart.axes.valueAxis.title.text = valueTitle;
    if (axes) {
      if (spec.min !== undefined) chart.axes.valueAxis.minimum = spec.min;
      if (spec.max !== undefined) chart.axes.valueAxis.maximum = spec.max;
      if (spec.kind === "scatter") {
        if (spec.min !== undefined) chart.axes.categoryAxis.minimum = spec.min;
        if (spec.max !== undefined) chart.axes.categoryAxis.maximum = spec.max;
      }
    }
    if (styled) for (const i of lineSeries) chart.series.getItemAt(i).chartType = "XYScatterLinesNoMarkers";
  });
}
