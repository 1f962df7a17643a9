import { bool, err, num, text, type Cell, type GridRow } from "../../model/cell.js";
import { MAX_COLUMNS, MAX_ROWS } from "../../report/excel-limits.js";
import { unreadable } from "../workbook.js";
import { PhoneticGuides } from "./phonetic-guides.js";
import {
  decodeOoxmlEscapes,
  isSpace,
  nextTag,
  nextIndex,
  normaliseLineEnds,
  resolvedAttribute,
  resolvedText,
  sameText,
  scanXml,
  type AttributeSpans,
  type XmlSink,
} from "./xml.js";

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
  // Where the fast reader gives up, the general one reads again from the start: the progress
  // it reports again up to there is not told twice.
  let reported = -1;
  const rows = readSheetFast(
    partName,
    xml,
    ctx,
    onPosition &&
      ((at) => {
        reported = at;
        onPosition(at);
      }),
  );
  if (rows !== undefined) return rows;
  return readSheetGeneral(partName, xml, ctx, onPosition && ((at) => at > reported && onPosition(at)));
}

/**
 * readSheetRows on scanXml's events (SheetScan): the reference the fast reader is tested
 * against, and the reader of whatever the fast one gives up on (it also gives the reason a
 * damaged part is refused).
 */
export function readSheetGeneral(partName: string, xml: string, ctx: SheetReadContext, onPosition?: (position: number) => void): GridRow[] {
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
 * What both readers do with the elements of a sheet (`<row>`, `<c>`, `<v>`, `<is>`, `<t>`,
 * phonetic runs) and their text → cells: one piece of code for the two scanning loops below.
 * Names and the few attributes it needs (`r` of a row; `r`, `t`, `s` of a cell) are compared in
 * place in the text: reading a sheet makes no string but the values and no object but the
 * cells. Its methods are called directly by each loop (no event interface between them), so
 * that the fast reader's calls stay monomorphic and can be inlined.
 */
class SheetCells {
  readonly rows = new RowBuilder();
  /** The cells of shared strings by index, made once: cells are never changed, so equal ones may be one object. */
  protected readonly sharedCells: Cell[] = [];
  private rowsSeen = 0;
  protected rowIndex = -1;
  protected nextCol = 0;
  // The cell being read.
  protected cellRow = 0;
  protected cellCol = 0;
  protected type = NUMBER;
  protected style = 0;
  protected value: string | null = null;
  // While the value is one piece of text as it stands in the part (as nearly always), it is
  // kept as its span xml[valueStart, valueEnd), not a string: numbers and shared-string indices
  // are read in place, with no string made per cell. valueStart < 0: `value` holds it.
  protected valueStart = -1;
  protected valueEnd = -1;
  protected inline: string | null = null;
  protected inValue = false;
  protected inInlineText = false;
  protected inInline = false;
  protected readonly phonetic = new PhoneticGuides();
  // The start tag being opened: where the values of its last unprefixed one-letter r, t and s
  // are (-1 if absent), each decoded where it must be (as AttributeSpans.decoded), set by the
  // reader before openElement.
  protected rFrom = -1;
  protected rTo = -1;
  protected rDecoded: string | undefined = undefined;
  protected tFrom = -1;
  protected tTo = -1;
  protected tDecoded: string | undefined = undefined;
  protected sFrom = -1;
  protected sTo = -1;
  protected sDecoded: string | undefined = undefined;

  constructor(
    protected readonly partName: string,
    protected readonly xml: string,
    private readonly ctx: SheetReadContext,
    private readonly onPosition: ((position: number) => void) | undefined,
  ) {}

  /**
   * The start tag at `start` whose local name is xml[localStart, nameEnd), its r, t and s
   * noted; false at a row number or cell address that cannot be (see refusal).
   */
  protected openElement(localStart: number, nameEnd: number, start: number): boolean {
    const xml = this.xml;
    const c = xml.charCodeAt(localStart);
    switch (nameEnd - localStart) {
      case 1:
        if (c === 0x63 /* c */) return this.openCell();
        if (c === 0x76 /* v */) {
          this.inValue = true;
          this.value = "";
          this.valueStart = -1;
        } else if (c === 0x74 /* t */) this.inInlineText = this.inInline && this.phonetic.outside;
        break;
      case 2:
        if (c === 0x69 /* i */ && xml.charCodeAt(localStart + 1) === 0x73 /* s */) {
          this.inInline = true;
          this.inline = "";
        }
        break;
      case 3:
        if (xml.startsWith("row", localStart)) return this.openRow(start);
        this.phonetic.open(xml, localStart);
        break;
    }
    return true;
  }

  /** Why openElement returned false for the element whose local name is xml[localStart, nameEnd). */
  protected refusal(localStart: number, nameEnd: number): Error {
    const value = this.rFrom < 0 ? "undefined" : (this.rDecoded ?? this.xml.slice(this.rFrom, this.rTo));
    const code = nameEnd - localStart === 1 ? "CELL_ADDRESS_INVALID" : "ROW_NUMBER_INVALID";
    return unreadable(code, { part: this.partName, value });
  }

  private openRow(start: number): boolean {
    if (this.onPosition !== undefined && ++this.rowsSeen % ROWS_PER_REPORT === 0) this.onPosition(start);
    const rowIndex = this.rFrom < 0 ? this.rowIndex + 1 : this.attributeNumber(this.rFrom, this.rTo, this.rDecoded) - 1;
    if (!(rowIndex >= 0 && rowIndex < MAX_ROWS) || !Number.isInteger(rowIndex)) return false;
    this.rowIndex = rowIndex;
    this.nextCol = 0;
    return true;
  }

  private openCell(): boolean {
    const xml = this.xml;
    if (this.rFrom < 0) {
      this.cellRow = this.rowIndex;
      this.cellCol = this.nextCol;
    } else {
      const text = this.rDecoded;
      const at = text === undefined ? cellRef(xml, this.rFrom, this.rTo) : cellRef(text, 0, text.length);
      if (at < 0) return false;
      this.cellRow = this.rowIndex = Math.floor(at / MAX_COLUMNS);
      this.cellCol = at % MAX_COLUMNS;
    }
    if (this.tFrom < 0) this.type = NUMBER;
    else {
      const text = this.tDecoded;
      this.type = text === undefined ? cellType(xml, this.tFrom, this.tTo) : cellType(text, 0, text.length);
    }
    this.style = this.sFrom < 0 ? 0 : this.attributeNumber(this.sFrom, this.sTo, this.sDecoded);
    this.value = this.inline = null;
    this.valueStart = -1;
    return true;
  }

  /** An attribute's value as Number() reads it: in place when it is a plain run of digits. */
  private attributeNumber(from: number, to: number, decoded: string | undefined): number {
    const n = decoded === undefined ? digits(this.xml, from, to) : -1;
    return n >= 0 ? n : Number(decoded ?? this.xml.slice(from, to));
  }

  /** The end of the element whose local name is xml[localStart, nameEnd) (as written in its start tag). */
  close(localStart: number, nameEnd: number): void {
    const xml = this.xml;
    const c = xml.charCodeAt(localStart);
    switch (nameEnd - localStart) {
      case 1:
        if (c === 0x63 /* c */) this.closeCell();
        else if (c === 0x76 /* v */) this.inValue = false;
        else if (c === 0x74 /* t */) this.inInlineText = false;
        break;
      case 2:
        if (c === 0x69 /* i */ && xml.charCodeAt(localStart + 1) === 0x73 /* s */) this.inInline = false;
        break;
      case 3:
        this.phonetic.close(xml, localStart);
        break;
    }
  }

  protected closeCell(): void {
    const cell =
      this.valueStart < 0
        ? toCell(this.type, this.style, this.value, this.inline, this.ctx, this.partName)
        : spanCell(this.xml, this.valueStart, this.valueEnd, this.type, this.style, this.inline, this.ctx, this.partName, this.sharedCells);
    if (cell !== null) this.rows.place(this.cellRow, this.cellCol, cell);
    this.nextCol = this.cellCol + 1;
  }

  /** Character data xml[start, end), or `decoded` where that is not it as it stands (as XmlSink.text). */
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
}

/** SheetCells on scanXml's events: the attributes of each start tag told as SheetCells wants them. */
class SheetScan extends SheetCells implements XmlSink {
  open(localStart: number, nameEnd: number, a: AttributeSpans, start: number): void {
    const { xml, spans, decoded } = a;
    this.rFrom = this.tFrom = this.sFrom = -1;
    // Only unprefixed one-letter names count (as a["r"] would); a repeated one keeps its last value.
    for (let i = 0; i < a.count; i++) {
      if (spans[4 * i + 1]! - spans[4 * i]! !== 1) continue;
      const n = xml.charCodeAt(spans[4 * i]!);
      if (n === 0x72 /* r */) {
        this.rFrom = spans[4 * i + 2]!;
        this.rTo = spans[4 * i + 3]!;
        this.rDecoded = decoded[i];
      } else if (n === 0x74 /* t */) {
        this.tFrom = spans[4 * i + 2]!;
        this.tTo = spans[4 * i + 3]!;
        this.tDecoded = decoded[i];
      } else if (n === 0x73 /* s */) {
        this.sFrom = spans[4 * i + 2]!;
        this.sTo = spans[4 * i + 3]!;
        this.sDecoded = decoded[i];
      }
    }
    if (!this.openElement(localStart, nameEnd, start)) throw this.refusal(localStart, nameEnd);
  }
}

/**
 * readSheetRows in one pass over the text with no events: scanXml's loop calling SheetCells'
 * methods directly (not a sink of several kinds, whose calls cannot be inlined), attributes
 * looked at only for a one-letter `r`, `t` or `s` (no list of them), and no string or object
 * made but the values and the cells. It reads exactly what scanXml reads the way it does
 * (comments, processing instructions, CDATA, references, prefixes), so the rows are the same;
 * at anything scanXml would refuse, and at a row number or cell address SheetCells refuses, it
 * gives up (undefined) and leaves the reason to readSheetGeneral. Its methods are kept small:
 * V8 compiles the loop again after each deoptimisation (a path first taken in a later sheet),
 * and one large function cost more to compile than it saved.
 *
 * The loop is scanXml's written again on purpose: the event interface between scanner and sink
 * is the cost this reader removes. What the two readers do with the elements is one piece of
 * code (SheetCells); the scanning steps are not: taking text runs, end tags, tag names and
 * attributes from xml.ts (tried 2026-12-03) could not be shown within 2% of this loop's speed
 * (about 3% slower on the 5,000-branch inline-string workbook). A change to scanXml's loop is
 * a change here: test/io/sheet-scanner.test.ts keeps both readers equal over generated and
 * damaged sheets.
 */
export function readSheetFast(
  partName: string,
  xml: string,
  ctx: SheetReadContext,
  onPosition?: (position: number) => void,
): GridRow[] | undefined {
  const reader = new FastSheetScan(partName, xml, ctx, onPosition);
  return reader.read() ? reader.rows.finish() : undefined;
}

class FastSheetScan extends SheetCells {
  /** Whether the start tag just read closes itself. */
  private selfClosing = false;

  /** scanXml's loop; false where it gives up. */
  read(): boolean {
    const xml = this.xml;
    const len = xml.length;
    // The open elements as in scanXml, 3 entries each (the start of the name, of its local
    // part and its end) in stack[0, depth).
    const stack: number[] = [];
    let depth = 0;
    let pos = 0;
    let seenRoot = false;
    let nextAmp = -1;
    let nextCr = -1;
    while (pos < len) {
      const lt = nextTag(xml, pos, len);
      const textEnd = lt < 0 ? len : lt;
      if (textEnd > pos) {
        if (depth > 0) {
          if (nextAmp < pos) nextAmp = nextIndex(xml, "&", pos);
          if (nextCr < pos) nextCr = nextIndex(xml, "\r", pos);
          if (nextAmp < textEnd) {
            const decoded = resolvedText(xml.slice(pos, textEnd));
            if (decoded === undefined) return false;
            this.text(pos, textEnd, decoded);
          } else if (nextCr < textEnd) this.text(pos, textEnd, normaliseLineEnds(xml.slice(pos, textEnd)));
          else this.text(pos, textEnd, undefined);
        } else if (!blank(xml, pos, textEnd)) return false;
      }
      if (lt < 0) break;

      const next = xml.charCodeAt(lt + 1);
      if (next === 0x3f /* ? */ || next === 0x21 /* ! */) {
        pos = this.special(lt, depth > 0);
        if (pos < 0) return false;
      } else if (next === 0x2f /* / */) {
        if (depth === 0) return false;
        const nameStart = stack[depth - 3]!;
        const nameEnd = stack[depth - 1]!;
        let end = lt + 2 + (nameEnd - nameStart);
        while (end < len && isSpace(xml.charCodeAt(end))) end++;
        if (!sameText(xml, nameStart, nameEnd, lt + 2) || xml.charCodeAt(end) !== 0x3e) return false;
        this.close(stack[depth - 2]!, nameEnd);
        depth -= 3;
        pos = end + 1;
      } else {
        if (next === 0x63 /* c */ && depth > 0 && !(this.inValue || this.inInline || this.inInlineText) && this.phonetic.outside) {
          const end = this.plainCell(lt);
          if (end > 0) {
            pos = end;
            continue;
          }
        }
        // A start tag: its name as TagScan.scan reads it.
        let i = lt + 1;
        let localStart = i;
        for (; i < len; i++) {
          const c = xml.charCodeAt(i);
          if (c === 0x3a /* : */) {
            if (localStart === lt + 1) localStart = i + 1;
          } else if (c === 0x3c /* < */) {
            return false;
          } else if (c <= 0x20 ? isSpace(c) : c === 0x2f || c === 0x3e) {
            break;
          }
        }
        const nameEnd = i;
        if (nameEnd === lt + 1 || (depth === 0 && seenRoot)) return false;
        pos = this.attributes(i);
        if (pos < 0 || !this.openElement(localStart, nameEnd, lt)) return false;
        seenRoot = true;
        if (this.selfClosing) this.close(localStart, nameEnd);
        else {
          stack[depth] = lt + 1;
          stack[depth + 1] = localStart;
          stack[depth + 2] = nameEnd;
          depth += 3;
        }
      }
    }
    return seenRoot && depth === 0;
  }

  /**
   * The cell whose start tag is at `lt`, read at once when it is written as Excel and this
   * project write cells: `<c` with `r`, `s` and `t` in double quotes after single spaces (a
   * reference, style number and type as they should be), then nothing, a `<v>`, or an `<is><t>`
   * (plain or `xml:space="preserve"`) whose text holds no reference or CR, and `</c>`; the
   * position after it, or -1 (nothing done) for any other cell, which the loop reads. Called
   * between cells only (no `<v>`, `<is>` or `<rPh>` open): the cell is then read as the loop
   * would read it, and leaves the fields as it would.
   */
  private plainCell(lt: number): number {
    const xml = this.xml;
    let i = lt + 2;
    let row = -1;
    let col = -1;
    let type = NUMBER;
    let style = 0;
    let selfClosing = false;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 0x3e /* > */) {
        i++;
        break;
      }
      if (c === 0x2f /* / */) {
        if (xml.charCodeAt(i + 1) !== 0x3e) return -1;
        i += 2;
        selfClosing = true;
        break;
      }
      if (c !== 0x20 || xml.charCodeAt(i + 2) !== 0x3d /* = */ || xml.charCodeAt(i + 3) !== 0x22 /* " */) return -1;
      const name = xml.charCodeAt(i + 1);
      const from = (i += 4);
      if (name === 0x72 /* r */) {
        col = 0;
        for (let l = xml.charCodeAt(i) & ~0x20; l >= 65 && l <= 90; l = xml.charCodeAt(++i) & ~0x20) col = col * 26 + (l - 64);
        const digitsFrom = i;
        row = 0;
        for (let d = xml.charCodeAt(i) - 0x30; d >= 0 && d <= 9 && i - digitsFrom < 7; d = xml.charCodeAt(++i) - 0x30) row = row * 10 + d;
        if (digitsFrom === from || i === digitsFrom || xml.charCodeAt(i) !== 0x22) return -1;
        if (row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return -1;
      } else if (name === 0x73 /* s */) {
        style = 0;
        for (let d = xml.charCodeAt(i) - 0x30; d >= 0 && d <= 9 && i - from < 9; d = xml.charCodeAt(++i) - 0x30) style = style * 10 + d;
        if (i === from || xml.charCodeAt(i) !== 0x22) return -1;
      } else if (name === 0x74 /* t */) {
        for (let l = xml.charCodeAt(i) & ~0x20; l >= 65 && l <= 90; l = xml.charCodeAt(++i) & ~0x20);
        if (xml.charCodeAt(i) !== 0x22) return -1;
        type = cellType(xml, from, i);
      } else return -1;
      i++;
    }
    // The content: what the loop would keep of it.
    let value: string | null = null;
    let valueStart = -1;
    let valueEnd = -1;
    let inline: string | null = null;
    if (!selfClosing) {
      if (follows(xml, i, V_START)) {
        const from = i + 3;
        i = plainTextEnd(xml, from);
        if (i < 0 || !follows(xml, i, V_END)) return -1;
        value = "";
        if (i > from) {
          valueStart = from;
          valueEnd = i;
        }
        i += 8;
      } else if (follows(xml, i, INLINE_START)) {
        let from = i + 6;
        if (xml.charCodeAt(from) === 0x3e /* > */) from++;
        else if (follows(xml, from, PRESERVE)) from += 22;
        else return -1;
        i = plainTextEnd(xml, from);
        if (i < 0 || !follows(xml, i, INLINE_END)) return -1;
        inline = xml.slice(from, i);
        i += 13;
      } else if (follows(xml, i, CELL_END)) i += 4;
      else return -1;
    }
    if (row < 0) {
      this.cellRow = this.rowIndex;
      this.cellCol = this.nextCol;
    } else {
      this.cellRow = this.rowIndex = row - 1;
      this.cellCol = col - 1;
    }
    this.type = type;
    this.style = style;
    this.value = value;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.inline = inline;
    this.closeCell();
    return i;
  }

  /** A processing instruction, comment or CDATA section at `lt` (CDATA is text): the position after it; -1 to give up. */
  private special(lt: number, inRoot: boolean): number {
    const xml = this.xml;
    if (xml.charCodeAt(lt + 1) === 0x3f /* ? */) {
      const at = xml.indexOf("?>", lt + 2);
      return at < 0 ? -1 : at + 2;
    }
    if (xml.startsWith("<!--", lt)) {
      const at = xml.indexOf("-->", lt + 4);
      return at < 0 ? -1 : at + 3;
    }
    if (!inRoot || !xml.startsWith("<![CDATA[", lt)) return -1;
    const at = xml.indexOf("]]>", lt + 9);
    if (at < 0) return -1;
    this.text(lt + 9, at, normaliseLineEnds(xml.slice(lt + 9, at)));
    return at + 3;
  }

  /**
   * The attributes of the start tag whose name ends at `i`, checked as
   * TagScan.scanAttributes checks them: the position after the tag; -1 to give up.
   */
  private attributes(i: number): number {
    const xml = this.xml;
    const len = xml.length;
    this.rFrom = this.tFrom = this.sFrom = -1;
    this.selfClosing = false;
    for (;;) {
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (i >= len) return -1;
      const c = xml.charCodeAt(i);
      if (c === 0x3e /* > */) return i + 1;
      if (c === 0x2f /* / */) {
        if (xml.charCodeAt(i + 1) !== 0x3e) return -1;
        this.selfClosing = true;
        return i + 2;
      }
      const nameStart = i;
      while (i < len) {
        const n = xml.charCodeAt(i);
        if (n === 0x3d /* = */ || isSpace(n) || n === 0x3e || n === 0x2f || n === 0x3c || n === 0x22 || n === 0x27) break;
        i++;
      }
      const nameEnd = i;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      if (nameEnd === nameStart || xml.charCodeAt(i) !== 0x3d) return -1;
      i++;
      while (i < len && isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) return -1;
      const from = i + 1;
      let plain = true;
      for (i = from; i < len; i++) {
        const v = xml.charCodeAt(i);
        if (v === quote) break;
        if (v === 0x3c) return -1;
        if (v === 0x26 || v === 0x09 || v === 0x0a || v === 0x0d) plain = false;
      }
      if (i >= len) return -1;
      let decoded: string | undefined;
      if (!plain) {
        decoded = resolvedAttribute(xml.slice(from, i));
        if (decoded === undefined) return -1;
      }
      if (nameEnd - nameStart === 1) {
        const n = xml.charCodeAt(nameStart);
        if (n === 0x72 /* r */) {
          this.rFrom = from;
          this.rTo = i;
          this.rDecoded = decoded;
        } else if (n === 0x74 /* t */) {
          this.tFrom = from;
          this.tTo = i;
          this.tDecoded = decoded;
        } else if (n === 0x73 /* s */) {
          this.sFrom = from;
          this.sTo = i;
          this.sDecoded = decoded;
        }
      }
      i++;
      const after = xml.charCodeAt(i);
      if (!isSpace(after) && after !== 0x2f && after !== 0x3e) return -1;
    }
  }
}

// What plainCell looks for, compared by char code (startsWith is a call that costs more).
const codes = (s: string): readonly number[] => Array.from(s, (c) => c.charCodeAt(0));
const V_START = codes("<v>");
const V_END = codes("</v></c>");
const INLINE_START = codes("<is><t");
const PRESERVE = codes(' xml:space="preserve">');
const INLINE_END = codes("</t></is></c>");
const CELL_END = codes("</c>");

/** Whether `codes` are written in s at `at`. */
function follows(s: string, at: number, codes: readonly number[]): boolean {
  for (let k = 0; k < codes.length; k++) if (s.charCodeAt(at + k) !== codes[k]) return false;
  return true;
}

/** Where the text from `from` ends (its next `<`); -1 if it holds a reference or CR (which the loop decodes) or runs to the end. */
function plainTextEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c /* < */) return i;
    if (c === 0x26 /* & */ || c === 0x0d /* CR */) return -1;
  }
  return -1;
}

/** Whether s[start, end) is all XML white space (stricter than scanXml's \s, which the fast reader leaves to it). */
function blank(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * `AB12` in s[start, end) → its row and column from 0 as row × MAX_COLUMNS + column (11 ×
 * 16,384 + 27); -1 if malformed. The letters' arithmetic is model/cell.ts columnIndex; the row
 * number is read as Number() reads it.
 */
function cellRef(s: string, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i) & ~0x20; // upper-case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === start || i === end) return -1;
  const n = digits(s, i, end);
  const row = n >= 0 ? n : Number(s.slice(i, end));
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return -1;
  return (row - 1) * MAX_COLUMNS + col - 1;
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

/**
 * The cell whose value is xml[start, end) (both readers): what toCell makes of it, numbers and
 * shared-string indices read in place, one cell object per shared string (`sharedCells`).
 */
function spanCell(
  xml: string,
  start: number,
  end: number,
  type: number,
  style: number,
  inline: string | null,
  ctx: SheetReadContext,
  partName: string,
  sharedCells: Cell[],
): Cell {
  if (type === SHARED) {
    const index = digits(xml, start, end);
    if (index >= 0) {
      const cached = sharedCells[index];
      if (cached !== undefined) return cached;
      const s = ctx.sharedStrings()[index];
      if (s === undefined) throw unreadable("SHARED_STRING_MISSING", { part: partName });
      return (sharedCells[index] = text(s));
    }
  } else if (type === NUMBER) {
    const n = plainNumber(xml, start, end);
    if (n === n) return num(n, ctx.dateStyles[style] ?? false);
  }
  return toCell(type, style, xml.slice(start, end), inline, ctx, partName);
}

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
