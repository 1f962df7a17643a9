import { a1, columnLetters, parseA1, quoteSheetName } from "../../model/cell.js";
import { fitCellText, MAX_HYPERLINKS } from "../../report/excel-limits.js";
import { type CellStyle, type CellTone, type OutCell, type OutValue, type SheetSpec } from "../../report/sheet-spec.js";
import type { CellLook, StyleIds } from "./output-styles.js";
import { sheetFeaturesXml } from "./sheet-features.js";
import { escapeAttr } from "./xml.js";
import { escapeXstring, fitXstring } from "./xstring.js";
import type { TextPieces } from "./zip-writer.js";

const MAX_COLUMN_WIDTH = 255; // Excel's limit

/** The looks (style, tone, link) the cells of these sheets use: the cell formats to prepare. */
export function sheetLooks(specs: readonly SheetSpec[]): CellLook[] {
  // Each look once (65,530 linked issue rows share a handful), in the order first used; looked
  // up by style, tone and link without making a key a cell.
  const looks: CellLook[] = [];
  const seen = new Map<CellStyle | undefined, Map<CellTone | undefined, [boolean, boolean]>>();
  for (const spec of specs) {
    for (const row of spec.rows) {
      for (const entry of row) {
        if (entry === null || typeof entry !== "object" || (entry.tone === undefined && entry.link === undefined)) continue;
        let byTone = seen.get(entry.style);
        if (byTone === undefined) seen.set(entry.style, (byTone = new Map<CellTone | undefined, [boolean, boolean]>()));
        let byLink = byTone.get(entry.tone);
        if (byLink === undefined) byTone.set(entry.tone, (byLink = [false, false]));
        const link = entry.link !== undefined;
        if (byLink[link ? 1 : 0]) continue;
        byLink[link ? 1 : 0] = true;
        looks.push({ style: entry.style, tone: entry.tone, link });
      }
    }
  }
  return looks;
}

export interface WorksheetParts {
  /** Relationship id of the sheet's drawing (its charts), if it has one. */
  readonly drawingRelId?: string;
}

/**
 * A SheetSpec → worksheet part, its children in the order the schema requires. Strings are
 * inline strings, so text is never taken for a formula whatever it starts with; a blank
 * without a style writes no cell at all.
 */
export function worksheetXml(spec: SheetSpec, styleIds: StyleIds, extra: WorksheetParts = {}): string {
  return [...worksheetPieces(spec, styleIds, extra).pieces].join("");
}

/**
 * The worksheet part as pieces in order (their concatenation is worksheetXml), each a flat
 * string of at most a few thousand rows, made one by one as they are taken: a 双评明细 of
 * 5,000 branches is 90 MB of XML, which is then encoded and deflated a piece at a time while
 * the pieces already taken are garbage, never held whole. The rows are first gone over once
 * without making text, for the `<dimension>` that comes before them and for a lower bound of
 * the part's length (which a compression chooses its level by).
 */
export function worksheetPieces(
  spec: SheetSpec,
  styleIds: StyleIds,
  extra: WorksheetParts = {},
  /** Told after every piece of rows how far through the rows it is (0…1), for a progress bar. */
  onFraction?: (fraction: number) => void,
): TextPieces {
  const styles = new CellStyles(styleIds);
  const extent = rowExtent(spec.rows, styles, spec.rowHeights);
  const { lastRow, lastCol } = extent;
  const dimension = lastRow < 0 ? "A1" : `A1:${a1(lastRow, lastCol)}`;
  const fitToPage = spec.print?.fitToWidth === true;
  const head =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    (fitToPage ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="${dimension}"/>${sheetViewsXml(spec.freezeRows ?? 0, spec.freezeColumns ?? 0)}${colsXml(spec.columnWidths ?? [])}`;
  const tail = () =>
    sheetFeaturesXml(spec, hyperlinksXml(spec)) +
    (extra.drawingRelId === undefined ? "" : `<drawing r:id="${escapeAttr(extra.drawingRelId)}"/>`) +
    `</worksheet>`;
  function* pieces(): Generator<string> {
    if (lastRow < 0) {
      yield `${head}<sheetData/>${tail()}`;
      return;
    }
    yield `${head}<sheetData>`;
    yield* rowPieces(spec.rows, 0, styles, spec.name, spec.rowHeights, onFraction);
    yield `</sheetData>${tail()}`;
  }
  return { pieces: pieces(), minLength: extent.minLength };
}

/**
 * `<row>` elements for rows starting at 0-based row `firstRow`; rows with no cell to write
 * are left out. Also returns the last row and column written (-1 when none).
 */
export function rowsXml(
  rows: SheetSpec["rows"],
  firstRow: number,
  styleIds: StyleIds,
  sheet: string,
  heights: SheetSpec["rowHeights"] = [],
): { xml: string; lastRow: number; lastCol: number } {
  const styles = new CellStyles(styleIds);
  const { lastRow, lastCol } = rowExtent(rows, styles, heights);
  const xml = [...rowPieces(rows, firstRow, styles, sheet, heights)].join("");
  return { xml, lastRow: lastRow < 0 ? -1 : firstRow + lastRow, lastCol };
}

// Rows joined into one piece: a flat string each (`xml +=` over hundreds of thousands of
// cells builds a rope that is slow to flatten), few enough pieces to be cheap to list.
const ROWS_A_PIECE = 2048;

/**
 * The shortest `<row>` and `<c>`s we write, for a lower bound of the length: `<row r="1"></row>`,
 * `<c r="A1"/>`, `<c r="A1"><v>0</v></c>` and `<c r="A1" t="inlineStr"><is><t></t></is></c>`
 * with its text (cut to Excel's 32,767 characters at most, escaping only lengthens it).
 */
const MIN_ROW = 17;
const MIN_CELL = 11;
const MIN_VALUE_CELL = 22;
const MIN_TEXT_CELL = 44;
const MIN_CELL_TEXT = 32_000;

/** Whether a row has a height of its own (` ht="…" customHeight="1"`). */
const hasHeight = (height: number | undefined): height is number => height !== undefined && Number.isFinite(height) && height > 0;

/**
 * The last row and column rowPieces writes (0-based, counted from the first row given; -1
 * when none), and a lower bound of the length of its text: the same decisions as rowPieces,
 * without making any text.
 */
function rowExtent(
  rows: SheetSpec["rows"],
  styles: CellStyles,
  heights: SheetSpec["rowHeights"] = [],
): { lastRow: number; lastCol: number; minLength: number } {
  let lastRow = -1;
  let lastCol = -1;
  let minLength = 0;
  for (let i = 0; i < rows.length; i++) {
    const entries = rows[i]!;
    let cells = 0;
    for (let c = 0; c < entries.length; c++) {
      const entry = entries[c];
      if (entry == null) continue;
      const value = typeof entry === "object" ? entry.v : entry;
      if (typeof entry === "object" && value == null && styles.attribute(entry) === "") continue;
      cells +=
        typeof value === "string" ? MIN_TEXT_CELL + Math.min(value.length, MIN_CELL_TEXT) : value == null ? MIN_CELL : MIN_VALUE_CELL;
      if (c > lastCol) lastCol = c;
    }
    if (cells === 0 && !hasHeight(heights[i])) continue;
    lastRow = i;
    minLength += MIN_ROW + cells;
  }
  return { lastRow, lastCol, minLength };
}

function* rowPieces(
  rows: SheetSpec["rows"],
  firstRow: number,
  styles: CellStyles,
  sheet: string,
  heights: SheetSpec["rowHeights"] = [],
  onFraction?: (fraction: number) => void,
): Generator<string> {
  let piece: string[] = [];
  const opens: string[] = []; // `<c r="` and the column's letters, by column index
  const values = new ValueXml(sheet);
  for (let i = 0; i < rows.length; i++) {
    const entries = rows[i]!;
    const r = firstRow + i;
    const height = heights[i];
    const ht = hasHeight(height) ? ` ht="${Math.min(height, 409)}" customHeight="1"` : "";
    const number = String(r + 1);
    // The row's cells as one string, added to part by part: no string is made a cell but its
    // reference, and the XML of values seen before (codes, names, scores) comes from a cache.
    let cells = "";
    for (let c = 0; c < entries.length; c++) {
      const entry = entries[c];
      let value: OutValue;
      let s: string;
      if (entry !== null && typeof entry === "object") {
        value = entry.v;
        s = styles.attribute(entry);
      } else {
        value = entry ?? null;
        s = "";
      }
      if (value == null && s === "") continue;
      cells += (opens[c] ??= `<c r="${columnLetters(c)}`) + number + (s === "" ? '"' : `"${s}`);
      cells += value == null ? "/>" : values.xml(value, c, number);
    }
    if (cells !== "" || ht !== "") piece.push(`<row r="${number}"${ht}>${cells}</row>`);
    if ((i + 1) % ROWS_A_PIECE === 0) {
      if (piece.length > 0) yield piece.join("");
      piece = [];
      onFraction?.((i + 1) / rows.length);
    }
  }
  if (piece.length > 0) yield piece.join("");
}

/**
 * valueXml with the XML of short texts and of numbers remembered: a sheet repeats a branch's
 * code and name on each of its rows and a handful of scores over and over.
 */
class ValueXml {
  private readonly texts = new Map<string, string>();
  private readonly numbers = new Map<number, string>();

  constructor(private readonly sheet: string) {}

  xml(value: string | number | boolean, col: number, row: string): string {
    if (typeof value === "string") {
      if (value.length > REMEMBERED_TEXT) return valueXml(value, this.sheet, col, row);
      let xml = this.texts.get(value);
      if (xml === undefined) {
        xml = valueXml(value, this.sheet, col, row);
        if (this.texts.size < REMEMBERED_VALUES) this.texts.set(value, xml);
      }
      return xml;
    }
    if (typeof value === "number") {
      let xml = this.numbers.get(value);
      if (xml === undefined) {
        xml = valueXml(value, this.sheet, col, row);
        if (this.numbers.size < REMEMBERED_VALUES) this.numbers.set(value, xml);
      }
      return xml;
    }
    return valueXml(value, this.sheet, col, row);
  }
}

const REMEMBERED_TEXT = 64;
const REMEMBERED_VALUES = 65_536;

/** ` s="…"` of each look a sheet's cells use, worked out once a look. */
class CellStyles {
  private readonly byStyle = new Map<CellStyle | undefined, string>();
  private readonly byLook = new Map<CellStyle | undefined, Map<CellTone | undefined, [string | undefined, string | undefined]>>();

  constructor(private readonly ids: StyleIds) {}

  attribute(cell: OutCell): string {
    if (cell.tone === undefined && cell.link === undefined) {
      let s = this.byStyle.get(cell.style);
      if (s === undefined) this.byStyle.set(cell.style, (s = styleAttribute(this.ids({ style: cell.style, link: false }))));
      return s;
    }
    let byTone = this.byLook.get(cell.style);
    if (byTone === undefined)
      this.byLook.set(cell.style, (byTone = new Map<CellTone | undefined, [string | undefined, string | undefined]>()));
    let byLink = byTone.get(cell.tone);
    if (byLink === undefined) byTone.set(cell.tone, (byLink = [undefined, undefined]));
    const link = cell.link !== undefined ? 1 : 0;
    return (byLink[link] ??= styleAttribute(this.ids({ style: cell.style, tone: cell.tone, link: link === 1 })));
  }
}

const styleAttribute = (id: number | undefined): string => (id === undefined ? "" : ` s="${id}"`);

/**
 * `xml:space="preserve"` only where whitespace could be taken as layout: at either end, a line
 * break or tab, or a run of spaces (Excel writes it for leading and trailing whitespace; the
 * rest is caution). Other text needs none: an XML parser keeps every character of it anyway.
 */
const KEEP_SPACE = /^\s|\s$|[\t\n\r]| {2}/;

/** What follows `<c r="…" s="…"` for a value: the type, the value and the end tag. */
function valueXml(value: string | number | boolean, sheet: string, col: number, row: string): string {
  if (typeof value === "string") {
    const text = escapeXstring(fitXstring(value));
    return KEEP_SPACE.test(value)
      ? ` t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`
      : ` t="inlineStr"><is><t>${text}</t></is></c>`;
  }
  if (typeof value === "boolean") return value ? ` t="b"><v>1</v></c>` : ` t="b"><v>0</v></c>`;
  if (!Number.isFinite(value)) throw new RangeError(`${sheet}!${columnLetters(col)}${row}: cannot write the number ${value}`);
  return `><v>${String(value)}</v></c>`; // String(): the shortest text that reads back to the same double
}

/**
 * One `<c>`: numbers, booleans and inline strings; "" for a blank without a format. Text is
 * cut to Excel's 32,767 characters ("…"), and characters XML cannot hold are `_xHHHH_`.
 */
export function cellXml(value: OutValue, style: number | undefined, ref: string, sheet: string): string {
  const s = styleAttribute(style);
  if (value == null) return s === "" ? "" : `<c r="${ref}"${s}/>`;
  const { col, row } = parseA1(ref);
  return `<c r="${ref}"${s}${valueXml(value, sheet, col, String(row + 1))}`;
}

function sheetViewsXml(freezeRows: number, freezeColumns: number): string {
  const rows = freezeRows > 0 ? Math.floor(freezeRows) : 0;
  const cols = freezeColumns > 0 ? Math.floor(freezeColumns) : 0;
  if (rows === 0 && cols === 0) return `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const topLeft = a1(rows, cols);
  const active = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const selection = (pane: string, cell: string) => `<selection pane="${pane}" activeCell="${cell}" sqref="${cell}"/>`;
  const selections =
    rows > 0 && cols > 0
      ? selection("topRight", a1(0, cols)) + selection("bottomLeft", a1(rows, 0)) + selection("bottomRight", topLeft)
      : selection(active, topLeft);
  return (
    `<sheetViews><sheetView workbookViewId="0">` +
    `<pane${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
    selections +
    `</sheetView></sheetViews>`
  );
}

function colsXml(widths: readonly number[]): string {
  const cols: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    const width = widths[i];
    if (width === undefined || !Number.isFinite(width) || width < 0) continue;
    cols.push(`<col min="${i + 1}" max="${i + 1}" width="${Math.min(width, MAX_COLUMN_WIDTH)}" customWidth="1"/>`);
  }
  return cols.length === 0 ? "" : `<cols>${cols.join("")}</cols>`;
}

/**
 * Internal links: `location` is a quoted sheet name and a cell (A1 when none is given). Never
 * more than Excel's 65,530 per sheet (the report builder already stops there; this is the
 * writer keeping the limit whatever it is given).
 */
function hyperlinksXml(spec: SheetSpec): string {
  const links: string[] = [];
  const { rows } = spec;
  for (let r = 0; r < rows.length && links.length < MAX_HYPERLINKS; r++) {
    const entries = rows[r]!;
    for (let c = 0; c < entries.length && links.length < MAX_HYPERLINKS; c++) {
      const cell = entries[c];
      if (cell === null || typeof cell !== "object" || cell.link === undefined) continue;
      const location = `${quoteSheetName(cell.link.sheet ?? spec.name)}!${cell.link.cell ?? "A1"}`;
      const display = typeof cell.v === "string" && cell.v !== "" ? ` display="${escapeAttr(fitCellText(cell.v))}"` : "";
      links.push(`<hyperlink ref="${a1(r, c)}" location="${escapeAttr(location)}"${display}/>`);
    }
  }
  return links.length === 0 ? "" : `<hyperlinks>${links.join("")}</hyperlinks>`;
}
