import { a1, columnLetters, parseA1, quoteSheetName } from "../../model/cell.js";
import { maybeSpace } from "../../model/white-space.js";
import { fitCellText, MAX_CELL_TEXT, MAX_HYPERLINKS } from "../../report/excel-limits.js";
import { type CellStyle, type CellTone, type OutCell, type OutValue, type SheetSpec } from "../../report/sheet-spec.js";
import type { CellLook, StyleIds } from "./output-styles.js";
import { sheetFeaturesAround } from "./sheet-features.js";
import { escapeAttr } from "./xml.js";
import { escapeXstring, fitXstring } from "./xstring.js";
import { textOfChunks, type MadeText } from "./made-text.js";

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
  return textOfChunks(worksheetMadeText(spec, styleIds, extra).chunks);
}

/**
 * The worksheet part as UTF-8 bytes (their text is worksheetXml), in chunks of about 1 MiB
 * made one by one as they are taken: a 双评明细 of 5,000 branches is 90 MB of XML, which is
 * then deflated a chunk at a time while the chunks already taken are garbage, never held
 * whole. The cells are written as bytes: text that needs no escapes (most of it) and integers
 * straight into the chunk, the XML of other values seen before (scores) copied from a cache of
 * their bytes; no string is made for a row or a cell. The rows are first gone over once
 * without writing, for the `<dimension>` that comes before them and for a lower bound of the
 * part's length (which a compression chooses its level by).
 */
export function worksheetMadeText(
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
  const out = new ByteChunks();
  function* chunks(): Generator<Uint8Array> {
    if (lastRow < 0) yield* out.text(`${head}<sheetData/>`);
    else {
      yield* out.text(`${head}<sheetData>`);
      yield* rowChunks(spec.rows, 0, styles, spec.name, spec.rowHeights, out, onFraction);
      yield* out.text(`</sheetData>`);
    }
    const { before, after } = sheetFeaturesAround(spec);
    yield* out.text(before);
    yield* hyperlinkChunks(spec, out);
    yield* out.text(
      after + (extra.drawingRelId === undefined ? "" : `<drawing r:id="${escapeAttr(extra.drawingRelId)}"/>`) + `</worksheet>`,
    );
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
  // The bytes are put straight into the chunk, its position kept in locals (handed back to
  // `out` around a flush): a 双评明细 of 5,000 branches is 1.8 million cells, and what a cell
  // costs beyond writing its bytes is most of the sheet's time.
  const opens: Snippet[] = []; // `<c r="` and the column's letters, by column index
  const looks = new ColumnLooks(styles);
  const values = new ValueBytes(sheet);
  // By column, the last value written from a snippet and the snippet: a column often repeats
  // the value above it, which then needs no looking up.
  const lastValues: OutValue[] = [];
  const lastXml: Snippet[] = [];
  const number = new RowNumber(firstRow + 1);
  const digits = number.bytes;
  let lastHeight: number | undefined;
  let heightStart = ROW_OPENED;
  let buffer = out.buffer;
  let at = out.at;
  let length = out.length;
  for (let i = 0; i < rows.length; i++, number.next()) {
    const entries = rows[i]!;
    const height = heights[i];
    let rowStart = ROW_OPENED; // what follows the row's number in its start tag
    if (hasHeight(height)) {
      if (height !== lastHeight) {
        heightStart = snippet(`"${heightAttributes(height)}>`);
        lastHeight = height;
      }
      rowStart = heightStart;
    }
    const digitCount = number.length;
    // Room for the row's start and end tags with every cell (whether or not the row was begun).
    const rowRoom = ROW_START + 2 * digitCount + rowStart.length - ROW_OPENED.length;
    // The row's start tag is written with its first cell: a row with no cell to write (and
    // no height) is left out.
    let open = false;
    for (let c = 0; c < entries.length; c++) {
      const entry = entries[c];
      let value: OutValue;
      let look: Look;
      if (entry !== null && typeof entry === "object") {
        value = entry.v;
        look = looks.of(entry, c);
      } else {
        value = entry ?? null;
        look = NO_LOOK;
      }
      if (value == null && look === NO_LOOK) continue;
      // The value: bytes to copy (xml), a text tried as it is (plain), an integer written as
      // its digits, or XML text to encode (other).
      let xml = SELF_CLOSED;
      let plain: string | undefined;
      let integer = false;
      let other: string | undefined;
      if (value == null) {
        // a blank with a style: `<c r="…" s="…"/>`
      } else if (typeof value === "string" && value.length <= PLAIN_MAX) plain = value;
      else if (typeof value === "number" && (value | 0) === value) integer = true;
      else if (value === lastValues[c]) xml = lastXml[c]!;
      else {
        const known = values.xml(value, c, number);
        if (known === undefined) other = valueXml(value, sheet, c, number.text());
        else {
          xml = known;
          lastValues[c] = value;
          lastXml[c] = known;
        }
      }
      const start = (opens[c] ??= snippet(`<c r="${columnLetters(c)}`));
      const room =
        rowRoom +
        start.bytes.length +
        look.attribute.bytes.length +
        (plain !== undefined
          ? PLAIN_TEXT + 3 * plain.length
          : integer
            ? INTEGER_ROOM
            : other !== undefined
              ? 3 * other.length
              : xml.bytes.length);
      if (at + room > buffer.length) {
        buffer = yield* out.handOver(at, length, room);
        at = 0;
      }
      if (!open) {
        at = put(buffer, at, ROW_TAG.bytes);
        at = put(buffer, at, digits, digitCount);
        at = put(buffer, at, rowStart.bytes);
        length += ROW_TAG.length + digitCount + rowStart.length;
        open = true;
      }
      at = put(buffer, at, start.bytes);
      at = put(buffer, at, digits, digitCount);
      length += start.length + digitCount;
      // The style attribute and what begins the value are copied as one piece.
      if (plain !== undefined) {
        const end = putPlainText(buffer, at + look.text.bytes.length, plain);
        if (end >= 0) {
          put(buffer, at, look.text.bytes); // before the text already written
          at = put(buffer, end, PLAIN_CLOSE.bytes);
          length += look.text.length + plain.length + PLAIN_CLOSE.length;
          continue;
        }
        // A text to escape, or to write with xml:space: valueXml's, remembered if it is short.
        const known = values.xml(plain, c, number);
        if (known === undefined) other = valueXml(plain, sheet, c, number.text());
        else xml = known;
        // With room for the row's end tag, as every cell's room has (rowRoom).
        const more = look.attribute.bytes.length + (other !== undefined ? 3 * other.length : xml.bytes.length) + ROW_END.bytes.length;
        if (at + more > buffer.length) {
          buffer = yield* out.handOver(at, length, more);
          at = 0;
        }
      }
      if (integer) {
        at = put(buffer, at, look.integer.bytes);
        const end = putInteger(buffer, at, value as number);
        length += look.integer.length + (end - at) + INTEGER_CLOSE.length;
        at = put(buffer, end, INTEGER_CLOSE.bytes);
      } else if (value == null) {
        at = put(buffer, at, look.blank.bytes);
        length += look.blank.length;
      } else {
        at = put(buffer, at, look.attribute.bytes);
        length += look.attribute.length;
        if (other !== undefined) {
          const { read, written } = encoder.encodeInto(other, buffer.subarray(at));
          at += written;
          length += read;
        } else {
          at = put(buffer, at, xml.bytes);
          length += xml.length;
        }
      }
    }
    if (open) {
      // Every cell's room left room for it (rowRoom, or `more`).
      at = put(buffer, at, ROW_END.bytes);
      length += ROW_END.length;
    } else if (hasHeight(height)) {
      out.at = at;
      out.length = length;
      yield* out.text(`<row r="${number.text()}"${heightAttributes(height)}></row>`);
      buffer = out.buffer;
      at = out.at;
      length = out.length;
    }
    if ((i + 1) % ROWS_A_PIECE === 0) {
      out.length = length;
      onFraction?.((i + 1) / rows.length);
    }
  }
  out.at = at;
  out.length = length;
}

/** Room for `<row r="`, `">` and `</row>` around a row's number, height and first cell. */
const ROW_START = 16;

/** ` ht="…" customHeight="1"` of a row with a height of its own. */
const heightAttributes = (height: number): string => ` ht="${Math.min(height, 409)}" customHeight="1"`;

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
const ROW_TAG = snippet('<row r="');
const ROW_OPENED = snippet('">');
const ROW_END = snippet("</row>");
/** Around a text that needs neither escapes nor xml:space (see ValueBytes). */
const PLAIN_OPEN_TEXT = ` t="inlineStr"><is><t>`;
const PLAIN_CLOSE = snippet(`</t></is></c>`);
const PLAIN_TEXT = PLAIN_OPEN_TEXT.length + PLAIN_CLOSE.length;
/** Around an integer's digits. */
const INTEGER_OPEN_TEXT = "><v>";
const INTEGER_CLOSE = snippet("</v></c>");
const INTEGER_TEXT = INTEGER_OPEN_TEXT.length + INTEGER_CLOSE.length;
/** An integer's XML at most: a sign and ten digits. */
const INTEGER_ROOM = INTEGER_TEXT + 11;

/** `bytes` (its first `count`) copied into `buffer` at `at`; returns the position after them. */
function put(buffer: Uint8Array, at: number, bytes: Uint8Array, count: number = bytes.length): number {
  // A loop beats set() for the few bytes of most pieces (set() costs a call and a view check).
  if (count > 32) buffer.set(count === bytes.length ? bytes : bytes.subarray(0, count), at);
  else for (let k = 0; k < count; k++) buffer[at + k] = bytes[k]!;
  return at + count;
}

/**
 * A text as valueXml writes it between PLAIN_OPEN_TEXT and PLAIN_CLOSE, when it does: as UTF-8 into
 * `buffer` at `at` (room for 3 bytes a character), returning the position after it; -1 (with
 * bytes beyond `at` written, to be written over) when valueXml writes it otherwise, with
 * escapes (NEEDS_WORK in xstring.ts) or with xml:space (KEEP_SPACE). One pass over the text
 * instead of two regular expressions and an encoder: most texts of a report are such text.
 * Only for texts fitXstring never cuts (PLAIN_MAX).
 */
function putPlainText(buffer: Uint8Array, at: number, s: string): number {
  const last = s.length - 1;
  for (let k = 0; k <= last; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) {
      const work = ASCII_WORK[c]!;
      // A space only at either end or after another space.
      if (work !== 0 && (work === ESCAPED || k === 0 || k === last || s.charCodeAt(k - 1) === 0x20)) return -1;
      buffer[at++] = c;
    } else if (c < 0x800) {
      // At either end white space to RegExp's \s (a no-break space) asks for xml:space; U+0085, which
      // maybeSpace also says yes to, merely takes valueXml's way.
      if ((k === 0 || k === last) && maybeSpace(c)) return -1;
      buffer[at++] = 0xc0 | (c >> 6);
      buffer[at++] = 0x80 | (c & 0x3f);
    } else {
      if ((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return -1; // surrogates, U+FFFE and U+FFFF: `_xHHHH_` or pairs
      if ((k === 0 || k === last) && maybeSpace(c)) return -1;
      buffer[at++] = 0xe0 | (c >> 12);
      buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
      buffer[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/** Texts this long or shorter are never cut by fitXstring (even if every character were escaped). */
const PLAIN_MAX = Math.floor(MAX_CELL_TEXT / 7);

const ESCAPED = 1;
const SPACE = 2;
/**
 * Per ASCII character, what stops a text being written as it is: ESCAPED (controls, including
 * tab, line feed and carriage return, which ask for xml:space; `&`, `<`, `>`; `_`, which may
 * start an `_xHHHH_`) or SPACE (at either end or doubled it asks for xml:space).
 */
const ASCII_WORK = (() => {
  const work = new Uint8Array(128);
  for (let c = 0; c < 0x20; c++) work[c] = ESCAPED;
  for (const c of "&<>_") work[c.charCodeAt(0)] = ESCAPED;
  work[0x20] = SPACE;
  return work;
})();

/**
 * An integer of at most 32 bits as String() writes it, into `buffer` at `at`; returns the
 * position after it.
 */
function putInteger(buffer: Uint8Array, at: number, n: number): number {
  if (n < 0) {
    buffer[at++] = 0x2d; // "-"
    n = -n;
  }
  let end = at;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) end++;
  const after = end + 1;
  for (let rest = n; end >= at; rest = Math.floor(rest / 10)) buffer[end--] = 0x30 + (rest % 10);
  return after;
}

/** A row's number as ASCII digits, counted up a row at a time: written into every cell's reference. */
class RowNumber {
  readonly bytes = new Uint8Array(24);
  length = 0;
  private value: number;

  constructor(first: number) {
    this.value = first;
    const text = String(first);
    for (let k = 0; k < text.length; k++) this.bytes[k] = text.charCodeAt(k);
    this.length = text.length;
  }

  next(): void {
    this.value++;
    const { bytes } = this;
    let k = this.length - 1;
    while (k >= 0 && bytes[k] === 0x39) bytes[k--] = 0x30;
    if (k >= 0) bytes[k]!++;
    else {
      // 99 → 100: every digit was a nine and is now a zero.
      bytes[0] = 0x31;
      bytes[this.length++] = 0x30;
    }
  }

  text(): string {
    return String(this.value);
  }
}

/** Bytes a chunk is written up to before the next one is begun. */
const CHUNK_BYTES = 1 << 20;

/**
 * UTF-8 written into chunks of CHUNK_BYTES (or more, for one long text), each handed over
 * whole once the next write does not fit and never written again (a compression may keep it);
 * `length` counts the characters written, which a compression's level is chosen by.
 */
class ByteChunks {
  /** The chunk being written and the position in it (rowChunks writes into it directly). */
  buffer = new Uint8Array(CHUNK_BYTES);
  at = 0;
  length = 0;

  /**
   * For a writer that keeps the chunk's position (and the characters written) in locals: takes
   * them back, hands over the bytes written and returns the new chunk (with room for at least
   * `room` bytes), written from 0.
   */
  *handOver(at: number, length: number, room: number): Generator<Uint8Array, Uint8Array<ArrayBuffer>> {
    this.at = at;
    this.length = length;
    yield* this.flush(room);
    return this.buffer;
  }

  /** The bytes written so far, if any, and a new chunk with room for at least `room` bytes. */
  private *flush(room: number): Generator<Uint8Array> {
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
    if (this.at + 3 * s.length > this.buffer.length) yield* this.flush(3 * s.length);
    const { read, written } = encoder.encodeInto(s, this.buffer.subarray(this.at));
    this.at += written;
    this.length += read;
  }
}

/**
 * valueXml's bytes for short texts and numbers seen before: a sheet repeats a handful of
 * scores over and over (integers and texts written as they are do not come here: see
 * rowChunks). At most REMEMBERED_VALUES of each; others (and long texts) are undefined: to be
 * written from valueXml's text.
 */
class ValueBytes {
  private readonly texts = new Map<string, Snippet>();
  private readonly numbers = new Map<number, Snippet>();

  constructor(private readonly sheet: string) {}

  xml(value: string | number | boolean, col: number, row: RowNumber): Snippet | undefined {
    if (typeof value === "string") {
      if (value.length > REMEMBERED_TEXT) return undefined;
      let xml = this.texts.get(value);
      if (xml === undefined) {
        if (this.texts.size >= REMEMBERED_VALUES) return undefined;
        this.texts.set(value, (xml = snippet(valueXml(value, this.sheet, col, row.text()))));
      }
      return xml;
    }
    if (typeof value === "number") {
      let xml = this.numbers.get(value);
      if (xml === undefined) {
        if (this.numbers.size >= REMEMBERED_VALUES) return undefined;
        this.numbers.set(value, (xml = snippet(valueXml(value, this.sheet, col, row.text()))));
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

/**
 * A cell's `"` ending its reference and its ` s="…"`, as bytes (NO_LOOK without a style),
 * by the look of the cell above it in the column: a column's cells mostly look alike.
 */
class ColumnLooks {
  private readonly style: (CellStyle | undefined)[] = [];
  private readonly tone: (CellTone | undefined)[] = [];
  private readonly linked: boolean[] = [];
  private readonly looks: Look[] = [];
  private readonly byAttribute = new Map<string, Look>();

  constructor(private readonly styles: CellStyles) {}

  of(cell: OutCell, col: number): Look {
    const last = this.looks[col];
    const linked = cell.link !== undefined;
    if (last !== undefined && this.style[col] === cell.style && this.tone[col] === cell.tone && this.linked[col] === linked) return last;
    const s = this.styles.attribute(cell);
    let look = this.byAttribute.get(s);
    if (look === undefined) this.byAttribute.set(s, (look = s === "" ? NO_LOOK : new Look(s)));
    this.style[col] = cell.style;
    this.tone[col] = cell.tone;
    this.linked[col] = linked;
    this.looks[col] = look;
    return look;
  }
}

/**
 * A cell's `"` ending its reference and its style attribute (` s="…"`, or none) as bytes, alone
 * and followed by the beginning of a text, of an integer and by the end of a blank.
 */
class Look {
  readonly attribute: Snippet;
  readonly text: Snippet;
  readonly integer: Snippet;
  readonly blank: Snippet;

  constructor(s: string) {
    this.attribute = snippet(`"${s}`);
    this.text = snippet(`"${s}${PLAIN_OPEN_TEXT}`);
    this.integer = snippet(`"${s}${INTEGER_OPEN_TEXT}`);
    this.blank = snippet(`"${s}/>`);
  }
}

const NO_LOOK = new Look("");

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
 * `<hyperlinks>`, written as bytes like the rows. Internal links: `location` is a quoted sheet
 * name and a cell (A1 when none is given). Never more than Excel's 65,530 per sheet (the
 * report builder already stops there; this is the writer keeping the limit whatever it is
 * given).
 */
function* hyperlinkChunks(spec: SheetSpec, out: ByteChunks): Generator<Uint8Array> {
  const { rows } = spec;
  const letters: Snippet[] = []; // by column
  let sheet: string | undefined;
  let location = LINK_LOCATION; // `" location="` and the link's sheet, quoted and escaped, and "!"
  let count = 0;
  let buffer = out.buffer;
  let at = out.at;
  let length = out.length;
  for (let r = 0; r < rows.length && count < MAX_HYPERLINKS; r++) {
    const entries = rows[r]!;
    for (let c = 0; c < entries.length && count < MAX_HYPERLINKS; c++) {
      const cell = entries[c];
      if (cell === null || typeof cell !== "object" || cell.link === undefined) continue;
      const target = cell.link.sheet ?? spec.name;
      if (target !== sheet || count === 0) {
        location = snippet(`${LINK_LOCATION_TEXT}${escapeAttr(`${quoteSheetName(target)}!`)}`);
        sheet = target;
      }
      const ref = cell.link.cell ?? "A1";
      const display = typeof cell.v === "string" && cell.v !== "" ? fitCellText(cell.v) : undefined;
      const col = (letters[c] ??= snippet(columnLetters(c)));
      // An escaped character is at most 6 bytes (`&quot;`).
      const room = LINK_ROOM + col.bytes.length + location.bytes.length + 6 * (ref.length + (display?.length ?? 0));
      if (at + room > buffer.length) {
        buffer = yield* out.handOver(at, length, room);
        at = 0;
      }
      if (count++ === 0) {
        at = put(buffer, at, HYPERLINKS_OPEN.bytes);
        length += HYPERLINKS_OPEN.length;
      }
      at = put(buffer, at, LINK_OPEN.bytes);
      at = put(buffer, at, col.bytes);
      const digits = at;
      at = putInteger(buffer, at, r + 1);
      at = put(buffer, at, location.bytes);
      length += LINK_OPEN.length + col.length + (at - digits - location.bytes.length) + location.length;
      ({ at, length } = putAttribute(buffer, at, length, ref));
      if (display !== undefined) {
        at = put(buffer, at, LINK_DISPLAY.bytes);
        length += LINK_DISPLAY.length;
        ({ at, length } = putAttribute(buffer, at, length, display));
      }
      at = put(buffer, at, LINK_CLOSE.bytes);
      length += LINK_CLOSE.length;
    }
  }
  out.at = at;
  out.length = length;
  if (count > 0) yield* out.text("</hyperlinks>");
}

const HYPERLINKS_OPEN = snippet("<hyperlinks>");
const LINK_OPEN = snippet(`<hyperlink ref="`);
const LINK_LOCATION_TEXT = `" location="`;
const LINK_LOCATION = snippet(LINK_LOCATION_TEXT);
const LINK_DISPLAY = snippet(`" display="`);
const LINK_CLOSE = snippet(`"/>`);
/** A link's markup, `<hyperlinks>` and a row number at most. */
const LINK_ROOM = HYPERLINKS_OPEN.length + LINK_OPEN.length + LINK_DISPLAY.length + LINK_CLOSE.length + 11;

/**
 * An attribute's value escaped (escapeAttr) into `buffer` at `at` (room for 6 bytes a
 * character), as it is when it needs no escapes (most do not).
 */
function putAttribute(buffer: Uint8Array, at: number, length: number, s: string): { at: number; length: number } {
  const end = putAttributeText(buffer, at, s);
  if (end >= 0) return { at: end, length: length + s.length };
  const escaped = escapeAttr(s);
  const { read, written } = encoder.encodeInto(escaped, buffer.subarray(at));
  return { at: at + written, length: length + read };
}

/**
 * Text escapeAttr leaves as it is, as UTF-8 into `buffer` at `at`, returning the position
 * after it; -1 for text it changes (or has surrogates: left to it too).
 */
function putAttributeText(buffer: Uint8Array, at: number, s: string): number {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) {
      if (c < 0x20 || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22) return -1; // controls, & < > "
      buffer[at++] = c;
    } else if (c < 0x800) {
      buffer[at++] = 0xc0 | (c >> 6);
      buffer[at++] = 0x80 | (c & 0x3f);
    } else {
      if ((c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return -1;
      buffer[at++] = 0xe0 | (c >> 12);
      buffer[at++] = 0x80 | ((c >> 6) & 0x3f);
      buffer[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}
