/// <reference types="office-js" />
/**
 * Writing one SheetSpec into Excel through a Batcher: the sheet (new, replacing an old one in
 * its place, or appended to), formats by rectangles of equal look, number formats before
 * values, values as whole 2-D row blocks, then merges, widths, panes, links, validation,
 * charts, print setup and, last, protection. Each feature is checked against the host's
 * requirement sets first and skipped (and noted) where it is missing.
 */
import { a1, columnLetters } from "../../src/model/cell.js";
import { fitCellText, MAX_HYPERLINKS } from "../../src/report/excel-limits.js";
import type { ChartSpec, OutValue, SheetSpec, ValidationSpec } from "../../src/report/sheet-spec.js";
import { ACTION_OVERHEAD, jsonLength, type Batcher } from "./batches.js";
import { entryParts, groupRects, LINK_FONT, numberFormatOf, STYLE_FORMATS, TONE_FILLS, widthInPoints, type KeyedRect } from "./formats.js";
import type { Requirements } from "./requirements.js";

export type SheetTarget =
  | { readonly kind: "new" }
  /** An existing sheet of this name: a new sheet takes its position, then the old one goes. */
  | { readonly kind: "replace"; readonly name: string; readonly position: number; readonly tempName: string }
  /** An existing sheet the spec's rows (after appendSkip) are appended to, from firstRow. */
  | { readonly kind: "append"; readonly name: string; readonly firstRow: number };

// Excel's limits on validation texts.
const PROMPT_TITLE_MAX = 32;
const PROMPT_TEXT_MAX = 255;
const ERROR_TEXT_MAX = 225;
const LIST_SOURCE_MAX = 255;

const CHART_TYPES = {
  bar: "BarClustered",
  column: "ColumnClustered",
  radar: "Radar",
  pie: "Pie",
  scatter: "XYScatter",
} as const satisfies Readonly<Record<ChartSpec["kind"], string>>;

/** Queues everything one sheet needs; returns the worksheet proxy. */
export async function planSheet(ctx: Excel.RequestContext, batch: Batcher, spec: SheetSpec, target: SheetTarget, req: Requirements): Promise<Excel.Worksheet> {
  const sheets = ctx.workbook.worksheets;
  let sheet!: Excel.Worksheet;
  if (target.kind === "append") {
    sheet = sheets.getItem(target.name);
  } else if (target.kind === "replace") {
    // Added first and renamed after the old one is gone: this works even if the old sheet
    // was the only visible one, and the new sheet takes its place in the tab order.
    await batch.op(4 * ACTION_OVERHEAD, () => {
      sheet = sheets.add(target.tempName);
      sheets.getItem(target.name).delete();
      sheet.name = spec.name;
      sheet.position = target.position;
    });
  } else {
    await batch.op(ACTION_OVERHEAD, () => {
      sheet = sheets.add(spec.name);
    });
  }

  const appending = target.kind === "append";
  const rows = appending ? spec.rows.slice(spec.append?.appendSkip ?? 0) : spec.rows;
  const firstRow = appending ? target.firstRow : 0;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const whole = !appending; // features that belong to the sheet as a whole, not to appended rows
  const protect = whole && spec.protect === true && req.use("protection", spec.name);
  const at = (r: number, c: number) => entryParts(rows[r]?.[c]);
  const rangeOf = (rect: { r0: number; c0: number; r1: number; c1: number }) =>
    sheet.getRange(`${a1(firstRow + rect.r0, rect.c0)}:${a1(firstRow + rect.r1, rect.c1)}`);

  // 1. Base look and number format, by rectangles of cells that share both.
  const base = groupRects(rows.length, width, (r, c) => {
    const { v, style } = at(r, c);
    const nf = numberFormatOf(v, style);
    return style === undefined && nf === undefined ? null : `${style ?? ""}|${nf ?? ""}`;
  });
  for (const rect of base) {
    const [style, nf] = rect.key.split("|") as [string, string];
    const look = style === "" ? undefined : STYLE_FORMATS[style as keyof typeof STYLE_FORMATS];
    const ops = 1 + (look ? 10 : 0);
    await batch.op(ops * ACTION_OVERHEAD, () => {
      const range = rangeOf(rect);
      // One value for the whole range ("single input copy", as Ctrl+Enter does).
      if (nf !== "") range.numberFormat = [[nf]];
      if (!look) return;
      const format = range.format;
      if (look.bold) format.font.bold = true;
      if (look.size !== undefined) format.font.size = look.size;
      if (look.fontColor !== undefined) format.font.color = look.fontColor;
      if (look.fill !== undefined) format.fill.color = look.fill;
      if (look.centred) {
        format.horizontalAlignment = "Center";
        format.verticalAlignment = "Center";
        format.wrapText = true;
      }
      if (look.border) borders(format, rect);
      if (look.unlocked && protect) format.protection.locked = false;
    });
  }

  // 2. Highlights on top of the look, 3. links' font.
  const tones = groupRects(rows.length, width, (r, c) => at(r, c).tone ?? null);
  for (const rect of tones) {
    await batch.op(ACTION_OVERHEAD, () => {
      rangeOf(rect).format.fill.color = TONE_FILLS[rect.key as keyof typeof TONE_FILLS];
    });
  }
  const links = groupRects(rows.length, width, (r, c) => (at(r, c).link ? "link" : null));
  const linkable = links.length > 0 && req.use("hyperlinks", spec.name);
  if (linkable) {
    for (const rect of links) {
      await batch.op(2 * ACTION_OVERHEAD, () => {
        const font = rangeOf(rect).format.font;
        font.color = LINK_FONT.color;
        font.underline = LINK_FONT.underline;
      });
    }
  }

  // 4. Values: whole rows of `width` cells, text as it is (its cells are "@" already).
  if (width > 0 && rows.length > 0) {
    const values = rows.map((row, r) => {
      const out: (string | number | boolean)[] = new Array(width);
      for (let c = 0; c < width; c++) out[c] = excelValue(entryParts(row[c]).v, spec.name, r, c);
      return out;
    });
    await batch.rows(
      values.map((v) => jsonLength(v) + 1),
      (from, to) => {
        rangeOf({ r0: from, c0: 0, r1: to - 1, c1: width - 1 }).values = values.slice(from, to);
      },
    );
  }

  // 5. Hyperlinks to cells (校验报告 → the cell an issue is about), at most Excel's 65,530 a sheet.
  if (linkable) {
    let count = 0;
    for (let r = 0; r < rows.length && count < MAX_HYPERLINKS; r++) {
      for (let c = 0; c < (rows[r]?.length ?? 0) && count < MAX_HYPERLINKS; c++) {
        const e = rows[r]![c];
        if (e === null || typeof e !== "object" || e.link === undefined) continue;
        count++;
        const reference = `${quoteSheetName(e.link.sheet ?? spec.name)}!${e.link.cell ?? "A1"}`;
        await batch.op(ACTION_OVERHEAD + reference.length * 2, () => {
          sheet.getRange(a1(firstRow + r, c)).hyperlink = { documentReference: reference, screenTip: `转到 ${reference}` };
        });
      }
    }
  }

  if (whole) {
    // 6. Merges, column widths, frozen panes.
    if ((spec.merges?.length ?? 0) > 0 && req.use("merges", spec.name)) {
      for (const m of spec.merges!) await batch.op(ACTION_OVERHEAD, () => sheet.getRange(m).merge(false));
    }
    if ((spec.columnWidths?.length ?? 0) > 0 && req.use("columnWidths", spec.name)) {
      const w = spec.columnWidths!;
      for (let c = 0; c < w.length; ) {
        let end = c;
        while (end + 1 < w.length && w[end + 1] === w[c]) end++;
        const chars = w[c];
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

    // 7. Data validation on input cells.
    if ((spec.validations?.length ?? 0) > 0 && req.use("dataValidation", spec.name)) {
      for (const v of spec.validations!) {
        for (const area of v.range.trim().split(/[\s,]+/)) {
          const rule = validationRule(v, spec.name);
          await batch.op(3 * ACTION_OVERHEAD + jsonLength(v), () => {
            const dv = sheet.getRange(area).dataValidation;
            dv.rule = rule;
            if (v.prompt) dv.prompt = { showPrompt: true, title: clip(v.prompt.title, PROMPT_TITLE_MAX), message: clip(v.prompt.text, PROMPT_TEXT_MAX) };
            if (v.error !== undefined) dv.errorAlert = { showAlert: true, style: "Stop", title: "输入无效", message: clip(v.error, ERROR_TEXT_MAX) };
          });
        }
      }
    }

    // 8. Charts from their contiguous tables (ExcelApi 1.1), details where 1.7 allows.
    for (const chart of spec.charts ?? []) await addChart(batch, sheet, spec.name, chart, req);

    // 9. Print setup.
    if (spec.print && req.use("printSetup", spec.name)) {
      const print = spec.print;
      await batch.op(3 * ACTION_OVERHEAD, () => {
        const layout = sheet.pageLayout;
        layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
        if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        if ((print.repeatRows ?? 0) > 0) layout.setPrintTitleRows(`$1:$${print.repeatRows}`);
      });
    }

    // 10. Protection last: nothing above could be written to a protected sheet.
    if (protect) await batch.op(ACTION_OVERHEAD, () => sheet.protection.protect());
  }
  return sheet;
}

/** Thin borders round and inside a rectangle (inside ones only where it has more than one row/column). */
function borders(format: Excel.RangeFormat, rect: KeyedRect): void {
  const sides: ("EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical")[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
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

/** A sheet name in a reference: always quoted, apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join("") + "…";
}

function validationRule(v: ValidationSpec, sheet: string): Excel.DataValidationRule {
  if (v.kind === "decimal") {
    if (!Number.isFinite(v.min) || !Number.isFinite(v.max) || v.min > v.max) throw new RangeError(`${sheet}: bad validation bounds ${v.min}…${v.max}`);
    return { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
  }
  const source = v.values.join(",");
  if (v.values.length === 0 || v.values.some((x) => x.includes(",")) || source.length > LIST_SOURCE_MAX) {
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

