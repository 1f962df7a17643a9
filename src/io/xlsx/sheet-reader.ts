import { bool, err, num, text, type Cell, type GridRow } from "../../model/cell.js";
import { MAX_COLUMNS, MAX_ROWS } from "../../report/excel-limits.js";
import { unreadable } from "../workbook.js";
import { decodeOoxmlEscapes, scanXml, type AttributeSpans, type XmlSink } from "./xml.js";

export interface SheetReadContext {
  /** Loaded on first use: many sheets hold no shared string at all. */
  readonly sharedStrings: () => readonly string[];
  /** By cell format index (the `s` attribute): whether the format shows a date or time. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

const EMPTY_ROW: readonly Cell[] = Object.freeze([]);
const ROWS_PER_REPORT = 500;

/**
 * A worksheet part's `<sheetData>` → rows from A1 (dense, or sparse where cells lie far apart:
 * see RowBuilder). Cells and rows without an `r` attribute follow the previous one. Blank
 * cells are null; trailing blanks are dropped.
 */
export function readSheetRows(
  partName: string,
  xml: string,
  ctx: SheetReadContext,
  /** Told every few hundred rows how far into the text the reading is (for a progress bar). */
  onPosition?: (position: number) => void,
): GridRow[] {
  const reader = new SheetScan(partName, xml, ctx, onPosition);
  scanXml(partName, xml, reader);
  return reader.rows.finish();
}

// Cell types (the `t` attribute) as the reader tells them apart; any other is read as a number.
const NUMBER = 0;
const SHARED = 1;
const STR = 2;
const INLINE = 3;
const BOOL = 4;
const ERROR = 5;
const DATE = 6;

/**
 * The scanner's events → cells. Names and the few attributes it needs (`r` of a row; `r`, `t`,
 * `s` of a cell) are compared in place in the text: reading a sheet makes no string but the
 * values and no object but the cells.
 */
class SheetScan implements XmlSink {
  readonly rows = new RowBuilder();
  private rowsSeen = 0;
  private rowIndex = -1;
  private nextCol = 0;
  // The cell being read.
  private cellRow = 0;
  private cellCol = 0;
  private type = NUMBER;
  private style = 0;
  private value: string | null = null;
  // While the value is one piece of text as it stands in the part (as nearly always), it is
  // kept as its span xml[valueStart, valueEnd), not a string: numbers and shared-string indices
  // are read in place, with no string made per cell. valueStart < 0: `value` holds it.
  private valueStart = -1;
  private valueEnd = -1;
  /** The cells of shared strings by index, made once: cells are never changed, so equal ones may be one object. */
  private readonly sharedCells: Cell[] = [];
  private inline: string | null = null;
  private inValue = false;
  private inInlineText = false;
  private inInline = false;
  private phoneticDepth = 0;

  constructor(
    private readonly partName: string,
    private readonly xml: string,
    private readonly ctx: SheetReadContext,
    private readonly onPosition: ((position: number) => void) | undefined,
  ) {}

  open(localStart: number, nameEnd: number, a: AttributeSpans, start: number): void {
    const xml = this.xml;
    const c = xml.charCodeAt(localStart);
    switch (nameEnd - localStart) {
      case 1:
        if (c === 0x63 /* c */) this.openCell(a);
        else if (c === 0x76 /* v */) {
          this.inValue = true;
          this.value = "";
          this.valueStart = -1;
        } else if (c === 0x74 /* t */) this.inInlineText = this.inInline && this.phoneticDepth === 0;
        break;
      case 2:
        if (c === 0x69 /* i */ && xml.charCodeAt(localStart + 1) === 0x73 /* s */) {
          this.inInline = true;
          this.inline = "";
        }
        break;
      case 3:
        if (xml.startsWith("row", localStart)) this.openRow(a, start);
        else if (xml.startsWith("rPh", localStart)) this.phoneticDepth++;
        break;
    }
  }

  private openRow(a: AttributeSpans, start: number): void {
    if (this.onPosition !== undefined && ++this.rowsSeen % ROWS_PER_REPORT === 0) this.onPosition(start);
    const at = a.indexOf("r");
    const rowIndex = at < 0 ? this.rowIndex + 1 : numberValue(a, at) - 1;
    if (!(rowIndex >= 0 && rowIndex < MAX_ROWS) || !Number.isInteger(rowIndex)) {
      throw unreadable("ROW_NUMBER_INVALID", { part: this.partName, value: at < 0 ? "undefined" : a.value(at) });
    }
    this.rowIndex = rowIndex;
    this.nextCol = 0;
  }

  private openCell(a: AttributeSpans): void {
    const { xml, spans, decoded } = a;
    let ref = -1;
    let type = -1;
    let style = -1;
    // Only unprefixed one-letter names count (as a["r"] would); a repeated one keeps its last value.
    for (let i = 0; i < a.count; i++) {
      if (spans[4 * i + 1]! - spans[4 * i]! !== 1) continue;
      const n = xml.charCodeAt(spans[4 * i]!);
      if (n === 0x72 /* r */) ref = i;
      else if (n === 0x74 /* t */) type = i;
      else if (n === 0x73 /* s */) style = i;
    }
    if (ref < 0) {
      this.cellRow = this.rowIndex;
      this.cellCol = this.nextCol;
    } else {
      const text = decoded[ref];
      const ok = text === undefined ? this.placeRef(xml, spans[4 * ref + 2]!, spans[4 * ref + 3]!) : this.placeRef(text, 0, text.length);
      if (!ok) throw unreadable("CELL_ADDRESS_INVALID", { part: this.partName, value: a.value(ref) });
      this.rowIndex = this.cellRow;
    }
    if (type < 0) this.type = NUMBER;
    else {
      const text = decoded[type];
      this.type = text === undefined ? cellType(xml, spans[4 * type + 2]!, spans[4 * type + 3]!) : cellType(text, 0, text.length);
    }
    this.style = style < 0 ? 0 : numberValue(a, style);
    this.value = this.inline = null;
    this.valueStart = -1;
  }

  /**
   * `AB12` in s[start, end) → cellRow 11, cellCol 27; false if malformed. The letters' arithmetic
   * is model/cell.ts columnIndex; the row number is read as Number() reads it.
   */
  private placeRef(s: string, start: number, end: number): boolean {
    let col = 0;
    let i = start;
    for (; i < end; i++) {
      const c = s.charCodeAt(i) & ~0x20; // upper-case
      if (c < 65 || c > 90) break;
      col = col * 26 + (c - 64);
    }
    if (i === start || i === end) return false;
    const n = digits(s, i, end);
    const row = n >= 0 ? n : Number(s.slice(i, end));
    if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return false;
    this.cellRow = row - 1;
    this.cellCol = col - 1;
    return true;
  }

  close(localStart: number, nameEnd: number): void {
    const xml = this.xml;
    const c = xml.charCodeAt(localStart);
    switch (nameEnd - localStart) {
      case 1:
        if (c === 0x63 /* c */) {
          const cell =
            this.valueStart < 0 ? toCell(this.type, this.style, this.value, this.inline, this.ctx, this.partName) : this.spanCell();
          if (cell !== null) this.rows.place(this.cellRow, this.cellCol, cell);
          this.nextCol = this.cellCol + 1;
        } else if (c === 0x76 /* v */) this.inValue = false;
        else if (c === 0x74 /* t */) this.inInlineText = false;
        break;
      case 2:
        if (c === 0x69 /* i */ && xml.charCodeAt(localStart + 1) === 0x73 /* s */) this.inInline = false;
        break;
      case 3:
        if (xml.startsWith("rPh", localStart)) this.phoneticDepth--;
        break;
    }
  }

  text(start: number, end: number, decoded: string | undefined): void {
    if (this.inValue) {
      if (decoded === undefined && this.value === "" && this.valueStart < 0) {
        this.valueStart = start;
        this.valueEnd = end;
        return;
      }
      if (this.valueStart >= 0) {
        this.value = this.xml.slice(this.valueStart, this.valueEnd);
        this.valueStart = -1;
      }
      this.value += decoded ?? this.xml.slice(start, end);
    } else if (this.inInlineText) this.inline += decoded ?? this.xml.slice(start, end);
  }

  /** The cell whose value is xml[valueStart, valueEnd): what toCell makes of it, numbers and indices read in place. */
  private spanCell(): Cell {
    const { xml, valueStart: start, valueEnd: end } = this;
    if (this.type === SHARED) {
      const index = digits(xml, start, end);
      if (index >= 0) {
        const cached = this.sharedCells[index];
        if (cached !== undefined) return cached;
        const s = this.ctx.sharedStrings()[index];
        if (s === undefined) throw unreadable("SHARED_STRING_MISSING", { part: this.partName });
        return (this.sharedCells[index] = text(s));
      }
    } else if (this.type === NUMBER) {
      const n = plainNumber(xml, start, end);
      if (n === n) return num(n, this.ctx.dateStyles[this.style] ?? false);
    }
    return toCell(this.type, this.style, xml.slice(start, end), this.inline, this.ctx, this.partName);
  }
}

/** Powers of ten that are exact in a double. */
const EXACT_TENS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal in s[start, end) (`-`? digits, `.` digits?, at most 15 digits) as Number()
 * reads it; NaN for anything else (read it with Number()). With at most 15 digits the digits
 * make an integer m exactly, and m / 10^k is then one correctly rounded division of two exact
 * doubles: the double nearest the decimal, as Number() gives.
 */
function plainNumber(s: string, start: number, end: number): number {
  let i = start;
  const negative = s.charCodeAt(i) === 0x2d; /* - */
  if (negative) i++;
  let m = 0;
  let count = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      count++;
    } else if (c === 0x2e /* . */ && point < 0 && count > 0) point = count;
    else return NaN;
  }
  if (count === 0 || count > 15 || point === count) return NaN;
  const n = point < 0 ? m : m / EXACT_TENS[count - point]!;
  return negative ? -n : n;
}

/** The value of attribute `index` as Number() reads it: in place when it is a plain run of digits. */
function numberValue(a: AttributeSpans, index: number): number {
  const n = a.decoded[index] === undefined ? digits(a.xml, a.spans[4 * index + 2]!, a.spans[4 * index + 3]!) : -1;
  return n >= 0 ? n : Number(a.value(index));
}

/** A run of 1 to 9 decimal digits in s[start, end) as a number; -1 for anything else (read it with Number()). */
function digits(s: string, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function cellType(s: string, start: number, end: number): number {
  switch (end - start) {
    case 1:
      switch (s.charCodeAt(start)) {
        case 0x73 /* s */:
          return SHARED;
        case 0x62 /* b */:
          return BOOL;
        case 0x65 /* e */:
          return ERROR;
        case 0x64 /* d */:
          return DATE;
      }
      return NUMBER;
    case 3:
      return s.startsWith("str", start) ? STR : NUMBER;
    case 9:
      return s.startsWith("inlineStr", start) ? INLINE : NUMBER;
  }
  return NUMBER;
}

function toCell(type: number, style: number, value: string | null, inline: string | null, ctx: SheetReadContext, partName: string): Cell {
  if (type === INLINE) return inline === null ? null : text(decodeOoxmlEscapes(inline));
  // No cached value: an empty styled cell, or a formula never calculated.
  if (value === null) return null;
  switch (type) {
    case SHARED: {
      const s = ctx.sharedStrings()[Number(value)];
      if (s === undefined) throw unreadable("SHARED_STRING_MISSING", { part: partName });
      return text(s);
    }
    case STR:
      return text(decodeOoxmlEscapes(value));
    case BOOL:
      return bool(value.trim() === "1" || value.trim().toLowerCase() === "true");
    case ERROR:
      return err(value.trim());
    case DATE: {
      const serial = isoToSerial(value.trim(), ctx.date1904);
      return serial === null ? text(value) : num(serial, true);
    }
    default: {
      const n = Number(value);
      if (n === 0 && value.trim() === "") return null; // Number("") is 0
      return Number.isFinite(n) ? num(n, ctx.dateStyles[style] ?? false) : text(value);
    }
  }
}

// A row is kept dense (blank cells as null) while its gaps are small, as in any table; a cell
// further out (data in column XFD, say) makes it sparse, so that memory follows the filled
// cells, not the rectangle. Consumers read sparse rows by index (holes are blank) and must
// not loop over their length: see hasContent in validate/text.ts.
const DENSE_GAP = 16;
// V8 keeps an array as one flat store sized by its length while each write lands within 1,024
// of its end (kMaxGap); a write further out makes it a dictionary by itself. Closer gaps are
// made sparse by a write this far out, dropped again at once: the dictionary stays one (V8
// turns it back into a flat store only where that costs little more memory). Other engines
// get a correct, if larger, array.
const V8_MAX_GAP = 1024;
const FAR = 1 << 24;

/** Rows being read: cells placed by (row, column), each row's length one past its last cell. */
class RowBuilder {
  private readonly rows: Cell[][] = [];

  place(row: number, col: number, cell: Cell): void {
    let r = this.rows[row];
    if (r === undefined) r = this.rows[row] = [];
    const gap = col - r.length;
    if (gap === 0) r.push(cell);
    else if (gap < 0)
      r[col] = cell; // a cell given twice, or out of order
    else if (gap <= DENSE_GAP) {
      while (r.length < col) r.push(null);
      r.push(cell);
    } else {
      if (gap <= V8_MAX_GAP) {
        r[FAR] = null;
        r.length = col;
      }
      r[col] = cell;
    }
  }

  /** The rows, from A1: skipped rows filled (a sparse outer array would have holes), trailing blank rows dropped. */
  finish(): GridRow[] {
    const out: GridRow[] = [];
    const rows = this.rows;
    // A row ends with a cell: blank cells are never placed, and nulls only fill gaps before one.
    for (let i = 0; i < rows.length; i++) out.push(rows[i] ?? EMPTY_ROW);
    return out;
  }
}

const ISO_DATE = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[T ]?(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO 8601 date/time (a `t="d"` cell) → Excel serial number, honouring the 1900 leap-year bug. */
export function isoToSerial(iso: string, date1904: boolean): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  const fraction = (Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)) / 86400;
  if (m[1] === undefined) return fraction; // time only
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
  if (date1904) return day - Date.UTC(1904, 0, 1) / 86400000 + fraction;
  const serial = day - Date.UTC(1899, 11, 30) / 86400000;
  // Excel counts a non-existent 1900-02-29 (serial 60): earlier dates are one lower.
  return (serial < 61 ? serial - 1 : serial) + fraction;
}
