import { a1, columnLetters, parseA1, quoteSheetName } from "../../model/cell.js";
import { fitCellText, MAX_HYPERLINKS } from "../../report/excel-limits.js";
import { type CellStyle, type CellTone, type OutCell, type OutValue, type SheetSpec } from "../../report/sheet-spec.js";
import type { CellLook, StyleIds } from "./output-styles.js";
import { sheetFeaturesXml } from "./sheet-features.js";
import { escapeAttr } from "./xml.js";
import { escapeXstring, fitXstring } from "./xstring.js";
import { textOfChunks, type MadeText } from "./zip-writer.js";

const MAX_COLUMN_WIDTH = 255; // Excel's limit

/** The looks (style, tone, link) the cells of these sheets use: the cell formats to prepare. */
export function sheetLooks(specs: readonly SheetSpec[]): CellLook[] {
  // Each look once (65,530 linked issue rows share a handful), in the order first used; looked
  // up by style, tone and link without making a key a cell.
  const looks: CellLook[] = [];
  const seen = new Map<CellStyle | undefined, Map<CellTone | undefined, [boolean, boolean]>>();
  for (const spec of specs) {
    // The cell last looked at in each column: rows share cell objects (a status's look, a
    // branch's name), and one already looked at needs no second look.
    const last: unknown[] = [];
    for (const row of spec.rows) {
      for (let c = 0; c < row.length; c++) {
        const entry = row[c];
        if (last[c] === entry) continue;
        last[c] = entry;
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
  return textOfChunks(worksheetPieces(spec, styleIds, extra).chunks);
}

/**
 * The worksheet part as UTF-8 bytes (their text is worksheetXml), in chunks of about 1 MiB
 * made one by one as they are taken: a 双评明细 of 5,000 branches is 90 MB of XML, which is
 * then deflated a chunk at a time while the chunks already taken are garbage, never held
 * whole. The cells are written as bytes, the XML of values seen before (codes, names, scores)
 * copied from a cache of their bytes: no string is made for a row or a cell, and nothing is
 * encoded twice. The rows are first gone over once without writing, for the `<dimension>` that
 * comes before them and for a lower bound of the part's length (which a compression chooses
 * its level by).
 */
export function worksheetPieces(
  spec: SheetSpec,
  styleIds: StyleIds,
  extra: WorksheetParts = {},
  /** Told every few thousand rows how far through the rows it is (0…1), for a progress bar. */
  onFraction?: (fraction: number) => void,
): MadeText {
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
  const out = new ByteChunks();
  function* chunks(): Generator<Uint8Array> {
    if (lastRow < 0) {
      yield* out.text(`${head}<sheetData/>${tail()}`);
    } else {
      yield* out.text(`${head}<sheetData>`);
      yield* rowChunks(spec.rows, 0, styles, spec.name, spec.rowHeights, out, onFraction);
      yield* out.text(`</sheetData>${tail()}`);
    }
    yield* out.rest();
  }
  return {
    chunks: chunks(),
    minLength: extent.minLength,
    get length() {
      return out.length;
    },
  };
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
  const out = new ByteChunks();
  const xml = textOfChunks(
    (function* () {
      yield* rowChunks(rows, firstRow, styles, sheet, heights, out);
      yield* out.rest();
    })(),
  );
  return { xml, lastRow: lastRow < 0 ? -1 : firstRow + lastRow, lastCol };
}

// Progress is told every this many rows (about a megabyte of a 双评明细's XML).
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
 * The last row and column rowChunks writes (0-based, counted from the first row given; -1
 * when none), and a lower bound of the length of its text: the same decisions as rowChunks,
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

function* rowChunks(
  rows: SheetSpec["rows"],
  firstRow: number,
  styles: CellStyles,
  sheet: string,
  heights: SheetSpec["rowHeights"] = [],
  out: ByteChunks,
  onFraction?: (fraction: number) => void,
): Generator<Uint8Array> {
  const opens: Snippet[] = []; // `<c r="` and the column's letters, by column index
  const values = new ValueBytes(sheet);
  for (let i = 0; i < rows.length; i++) {
    const entries = rows[i]!;
    const height = heights[i];
    const ht = hasHeight(height) ? ` ht="${Math.min(height, 409)}" customHeight="1"` : "";
    const number = String(firstRow + i + 1);
    // The row's start tag is written with its first cell: a row with no cell to write (and
    // no height) is left out.
    let open = false;
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
      const xml = value == null ? SELF_CLOSED : values.xml(value, c, number);
      const start = (opens[c] ??= snippet(`<c r="${columnLetters(c)}`));
      const room =
        ROW_START +
        number.length +
        ht.length +
        start.bytes.length +
        number.length +
        1 +
        s.length +
        (xml instanceof Snippet ? xml.bytes.length : 3 * xml.length);
      if (out.full(room)) yield* out.flush(room);
      if (!open) {
        out.ascii('<row r="');
        out.ascii(number);
        out.ascii(ht === "" ? '">' : `"${ht}>`);
        open = true;
      }
      out.bytes(start);
      out.ascii(number);
      out.ascii(s === "" ? '"' : `"${s}`);
      if (xml instanceof Snippet) out.bytes(xml);
      else out.encode(xml);
    }
    if (open) {
      if (out.full(6)) yield* out.flush(6);
      out.ascii("</row>");
    } else if (ht !== "") yield* out.text(`<row r="${number}"${ht}></row>`);
    if ((i + 1) % ROWS_A_PIECE === 0) onFraction?.((i + 1) / rows.length);
  }
}

/** Room for `<row r="`, `">` and `</row>` around a row's number, height and first cell. */
const ROW_START = 16;

/** A piece of XML as UTF-8, and its length in characters. */
class Snippet {
  constructor(
    readonly bytes: Uint8Array,
    readonly length: number,
  ) {}
}

const encoder = new TextEncoder();
const snippet = (xml: string) => new Snippet(encoder.encode(xml), xml.length);
const SELF_CLOSED = snippet("/>");

/** Bytes a chunk is written up to before the next one is begun. */
const CHUNK_BYTES = 1 << 20;

/**
 * UTF-8 written into chunks of CHUNK_BYTES (or more, for one long text), each handed over
 * whole once the next write does not fit and never written again (a compression may keep it);
 * `length` counts the characters written, which a compression's level is chosen by.
 */
class ByteChunks {
  private buffer = new Uint8Array(CHUNK_BYTES);
  private at = 0;
  length = 0;

  /** Whether `room` more bytes do not fit: flush first. */
  full(room: number): boolean {
    return this.at + room > this.buffer.length;
  }

  /** The bytes written so far, if any, and a new chunk with room for at least `room` bytes. */
  *flush(room: number): Generator<Uint8Array> {
    const written = this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(Math.max(CHUNK_BYTES, room));
    this.at = 0;
    if (written.length > 0) yield written;
  }

  /** The last bytes written. */
  *rest(): Generator<Uint8Array> {
    if (this.at > 0) yield this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(0);
    this.at = 0;
  }

  /** Any text, after a flush if it may not fit. */
  *text(s: string): Generator<Uint8Array> {
    if (this.full(3 * s.length)) yield* this.flush(3 * s.length);
    this.encode(s);
  }

  /** Text of ASCII characters only (numbers, references, our markup); there must be room. */
  ascii(s: string): void {
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < s.length; i++) buffer[at++] = s.charCodeAt(i);
    this.at = at;
    this.length += s.length;
  }

  /** Any text; there must be room for 3 bytes a character. */
  encode(s: string): void {
    const { read, written } = encoder.encodeInto(s, this.buffer.subarray(this.at));
    this.at += written;
    this.length += read;
  }

  /** A snippet's bytes; there must be room. */
  bytes(snippet: Snippet): void {
    const { bytes } = snippet;
    if (bytes.length > 32) this.buffer.set(bytes, this.at);
    else for (let i = 0; i < bytes.length; i++) this.buffer[this.at + i] = bytes[i]!;
    this.at += bytes.length;
    this.length += snippet.length;
  }
}

/**
 * valueXml with the bytes of short texts and of numbers remembered: a sheet repeats a
 * branch's code and name on each of its rows and a handful of scores over and over. Other
 * values are given as their XML text.
 */
class ValueBytes {
  private readonly texts = new Map<string, Snippet>();
  private readonly numbers = new Map<number, Snippet>();

  constructor(private readonly sheet: string) {}

  xml(value: string | number | boolean, col: number, row: string): Snippet | string {
    if (typeof value === "string") {
      if (value.length > REMEMBERED_TEXT) return valueXml(value, this.sheet, col, row);
      let xml = this.texts.get(value);
      if (xml === undefined) {
        if (this.texts.size >= REMEMBERED_VALUES) return valueXml(value, this.sheet, col, row);
        this.texts.set(value, (xml = snippet(valueXml(value, this.sheet, col, row))));
      }
      return xml;
    }
    if (typeof value === "number") {
      let xml = this.numbers.get(value);
      if (xml === undefined) {
        if (this.numbers.size >= REMEMBERED_VALUES) return valueXml(value, this.sheet, col, row);
        this.numbers.set(value, (xml = snippet(valueXml(value, this.sheet, col, row))));
      }
      return xml;
    }
    return value ? TRUE_XML : FALSE_XML;
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

const TRUE_TEXT = ` t="b"><v>1</v></c>`;
const FALSE_TEXT = ` t="b"><v>0</v></c>`;
const TRUE_XML = snippet(TRUE_TEXT);
const FALSE_XML = snippet(FALSE_TEXT);

/** What follows `<c r="…" s="…"` for a value: the type, the value and the end tag. */
function valueXml(value: string | number | boolean, sheet: string, col: number, row: string): string {
  if (typeof value === "string") {
    const text = escapeXstring(fitXstring(value));
    return KEEP_SPACE.test(value)
      ? ` t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`
      : ` t="inlineStr"><is><t>${text}</t></is></c>`;
  }
  if (typeof value === "boolean") return value ? TRUE_TEXT : FALSE_TEXT;
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
