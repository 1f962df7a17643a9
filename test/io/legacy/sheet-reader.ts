import { bool, err, num, text, type Cell, type GridRow } from "../../../src/model/cell.js";
import { MAX_COLUMNS, MAX_ROWS } from "../../../src/report/excel-limits.js";
import { unreadable } from "../../../src/io/workbook.js";
import { isoToSerial, type SheetReadContext } from "../../../src/io/xlsx/sheet-reader.js";
import { decodeOoxmlEscapes } from "../../../src/io/xlsx/xml.js";
import { legacyParseXml as parseXml } from "./xml.js";

/*
 * The worksheet reader as it was before the dedicated scanner (events of the generic scanner,
 * rows made sparse by a far write), kept only as the reference the new reader is compared with.
 */

const EMPTY_ROW: readonly Cell[] = Object.freeze([]);
const ROWS_PER_REPORT = 500;

/**
 * A worksheet part's `<sheetData>` → rows from A1 (dense, or sparse where cells lie far apart:
 * see RowBuilder). Cells and rows without an `r` attribute follow the previous one. Blank
 * cells are null; trailing blanks are dropped.
 */
export function legacyReadSheetRows(
  partName: string,
  xml: string,
  ctx: SheetReadContext,
  /** Told every few hundred rows how far into the text the reading is (for a progress bar). */
  onPosition?: (position: number) => void,
): GridRow[] {
  const rows = new RowBuilder();
  let rowsSeen = 0;
  let rowIndex = -1;
  let nextCol = 0;
  // The cell being read.
  let cellRow = 0;
  let cellCol = 0;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let inValue = false;
  let inInlineText = false;
  let inInline = false;
  let phoneticDepth = 0;

  parseXml(partName, xml, {
    open(name, a, start) {
      switch (name) {
        case "row": {
          if (onPosition !== undefined && ++rowsSeen % ROWS_PER_REPORT === 0) onPosition(start);
          const r = a["r"];
          rowIndex = r === undefined ? rowIndex + 1 : Number(r) - 1;
          if (!(rowIndex >= 0 && rowIndex < MAX_ROWS) || !Number.isInteger(rowIndex)) {
            throw unreadable("ROW_NUMBER_INVALID", { part: partName, value: String(r) });
          }
          nextCol = 0;
          break;
        }
        case "c": {
          const ref = a["r"];
          if (ref === undefined) {
            cellRow = rowIndex;
            cellCol = nextCol;
          } else {
            const pos = parseRef(ref);
            if (pos === null) throw unreadable("CELL_ADDRESS_INVALID", { part: partName, value: ref });
            cellRow = rowIndex = pos.row;
            cellCol = pos.col;
          }
          type = a["t"] ?? "n";
          style = a["s"] === undefined ? 0 : Number(a["s"]);
          value = inline = null;
          break;
        }
        case "v":
          inValue = true;
          value = "";
          break;
        case "is":
          inInline = true;
          inline = "";
          break;
        case "rPh":
          phoneticDepth++;
          break;
        case "t":
          inInlineText = inInline && phoneticDepth === 0;
          break;
      }
    },
    close(name) {
      switch (name) {
        case "c": {
          const cell = toCell(type, style, value, inline, ctx, partName);
          if (cell !== null) rows.place(cellRow, cellCol, cell);
          nextCol = cellCol + 1;
          break;
        }
        case "v":
          inValue = false;
          break;
        case "is":
          inInline = false;
          break;
        case "rPh":
          phoneticDepth--;
          break;
        case "t":
          inInlineText = false;
          break;
      }
    },
    text(t) {
      if (inValue) value += t;
      else if (inInlineText) inline += t;
    },
  });
  return rows.finish();
}

function toCell(type: string, style: number, value: string | null, inline: string | null, ctx: SheetReadContext, partName: string): Cell {
  if (type === "inlineStr") return inline === null ? null : text(decodeOoxmlEscapes(inline));
  // No cached value: an empty styled cell, or a formula never calculated.
  if (value === null) return null;
  switch (type) {
    case "s": {
      const s = ctx.sharedStrings()[Number(value)];
      if (s === undefined) throw unreadable("SHARED_STRING_MISSING", { part: partName });
      return text(s);
    }
    case "str":
      return text(decodeOoxmlEscapes(value));
    case "b":
      return bool(value.trim() === "1" || value.trim().toLowerCase() === "true");
    case "e":
      return err(value.trim());
    case "d": {
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
// V8 keeps an array whose holes are closer than 1,024 as one flat store sized by its length;
// a single write far beyond it switches the array to a dictionary, which stays one once the
// far element is removed again. Other engines get a correct, if larger, array.
const FAR = 1 << 24;

/** Rows being read: cells placed by (row, column); sparse rows remembered to fix their length at the end. */
class RowBuilder {
  private readonly rows: Cell[][] = [];
  /** Sparse rows and their lengths; empty for nearly every sheet, which then never looks here. */
  private readonly sparse = new Map<Cell[], number>();

  place(row: number, col: number, cell: Cell): void {
    let r = this.rows[row];
    if (r === undefined) r = this.rows[row] = [];
    // A sparse row's length stays far beyond any column until finish(), so it never takes this path.
    const gap = col - r.length;
    if (gap === 0) {
      r.push(cell);
      return;
    }
    let length = this.sparse.size === 0 ? undefined : this.sparse.get(r);
    if (length === undefined) {
      if (gap < 0) {
        r[col] = cell; // a cell given twice, or out of order
        return;
      }
      if (gap <= DENSE_GAP) {
        while (r.length < col) r.push(null);
        r.push(cell);
        return;
      }
      r = this.rows[row] = this.toSparse(r);
      length = this.sparse.get(r)!;
    }
    r[col] = cell;
    if (col >= length) this.sparse.set(r, col + 1);
  }

  private toSparse(dense: Cell[]): Cell[] {
    const r: Cell[] = [];
    r[FAR] = null;
    r.pop(); // the far element goes, the dictionary stays
    for (let c = 0; c < dense.length; c++) if (dense[c] !== null) r[c] = dense[c]!;
    this.sparse.set(r, dense.length);
    return r;
  }

  /** The rows, from A1: skipped rows filled (a sparse outer array would have holes), trailing blank cells and rows dropped. */
  finish(): GridRow[] {
    const out: GridRow[] = [];
    const rows = this.rows;
    const anySparse = this.sparse.size > 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r === undefined) {
        out.push(EMPTY_ROW);
        continue;
      }
      const length = anySparse ? this.sparse.get(r) : undefined;
      if (length !== undefined) {
        r.length = length;
        out.push(r);
        continue;
      }
      let end = r.length;
      while (end > 0 && r[end - 1] === null) end--;
      if (end < r.length) r.length = end;
      out.push(end === 0 ? EMPTY_ROW : r);
    }
    while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }
}

/**
 * `AB12` → 0-based row 11, column 27; null if malformed. Letters and digits in one pass with
 * no slices, as it runs for every cell read (the letters' arithmetic is model/cell.ts columnIndex).
 */
function parseRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper-case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  const row = Number(ref.slice(i));
  if (i === 0 || i === ref.length || !Number.isInteger(row) || row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return null;
  return { row: row - 1, col: col - 1 };
}
