import { a1, parseA1 } from "../../model/cell.js";
import { MAX_ROWS } from "../../report/excel-limits.js";
import { unreadable } from "../workbook.js";
import { attr, parseXml, type Attributes } from "./xml.js";
import { attributeValueSpan, prefixAt, type Span, type Splice } from "./xml-spans.js";

/*
 * Text-level reading and editing of worksheet parts we do not own (appending to 运行记录,
 * patching cells): the XML scanner finds where rows, cells and formulas are, so that edits
 * are splices at those offsets and every byte not edited stays.
 */

/** An element's place: its start tag is [start, startEnd), its end tag [bodyEnd, end). */
export interface TagSpan extends Span {
  readonly startEnd: number;
  readonly bodyEnd: number;
  readonly selfClosing: boolean;
  readonly attributes: Attributes;
}

/** A `<c>` and, if it has one, its `<f>` (with the formula text, entities resolved). */
export interface CellSpan extends TagSpan {
  readonly col: number;
  readonly formula: (TagSpan & { readonly text: string }) | undefined;
}

/** A `<row>` of sheetData and its 0-based row index (rows without `r` follow the previous one). */
export interface RowSpan extends TagSpan {
  readonly row: number;
  /** Only for the rows asked for (see scanWorksheet). */
  readonly cells: readonly CellSpan[] | undefined;
}

export interface WorksheetText {
  /** The root element's namespace prefix, with its colon, or "". */
  readonly prefix: string;
  readonly sheetData: TagSpan | undefined;
  /** Where `<sheetData>` belongs if the part has none: before the first element the schema puts after it. */
  readonly sheetDataAt: number;
  readonly rows: readonly RowSpan[];
  /** The value of `<dimension ref>`, if the part has one. */
  readonly dimension: Span | undefined;
  /** `<col>` formats (min…max are 1-based columns). */
  readonly columnStyles: readonly { readonly min: number; readonly max: number; readonly style: number }[];
}

// CT_Worksheet children that come before <sheetData>.
const BEFORE_SHEET_DATA = new Set(["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols"]);

interface Open {
  name: string;
  start: number;
  startEnd: number;
  attributes: Attributes;
}

/**
 * One pass of the scanner over a worksheet part. `cellsOf(row)` says for which rows the cells
 * are wanted (collecting every cell of a large sheet would cost memory for nothing).
 */
export function scanWorksheet(part: string, xml: string, cellsOf: (row: number) => boolean = () => false): WorksheetText {
  const stack: Open[] = [];
  let prefix = "";
  let sheetData: TagSpan | undefined;
  let sheetDataAt = -1;
  let dimension: Span | undefined;
  let rootEnd = -1;
  const rows: RowSpan[] = [];
  const columnStyles: { min: number; max: number; style: number }[] = [];
  let rowIndex = -1;
  let cells: CellSpan[] | undefined;
  let col = -1;
  let formulaText = "";
  let formulaOpen: Open | undefined;
  let cellFormula: CellSpan["formula"];

  const span = (o: Open, bodyEnd: number, end: number): TagSpan => ({
    start: o.start,
    startEnd: o.startEnd,
    bodyEnd,
    end,
    selfClosing: bodyEnd === o.startEnd && end === o.startEnd,
    attributes: o.attributes,
  });
  const inSheetData = () => stack.length >= 2 && stack[1]!.name === "sheetData";

  parseXml(part, xml, {
    open(name, attributes, start, end) {
      const depth = stack.length + 1;
      if (depth === 1) prefix = prefixAt(xml, start);
      else if (depth === 2) {
        if (sheetDataAt < 0 && !BEFORE_SHEET_DATA.has(name)) sheetDataAt = start;
        if (name === "dimension") dimension = attributeValueSpan(xml, start, end, "ref");
      } else if (depth === 3 && name === "col" && stack[1]!.name === "cols") {
        const n = (a: string) => Number(attr(attributes, a) ?? NaN);
        if (Number.isFinite(n("style"))) columnStyles.push({ min: n("min"), max: n("max"), style: n("style") });
      } else if (depth === 3 && name === "row" && inSheetData()) {
        const r = attr(attributes, "r");
        rowIndex = r === undefined ? rowIndex + 1 : Number(r) - 1;
        if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= MAX_ROWS)
          throw unreadable("ROW_NUMBER_INVALID", { part, value: String(r) });
        cells = cellsOf(rowIndex) ? [] : undefined;
        col = -1;
      } else if (depth === 4 && name === "c" && cells !== undefined) {
        const r = attr(attributes, "r");
        col = r === undefined ? col + 1 : cellColumn(r, part);
        cellFormula = undefined;
      } else if (depth === 5 && name === "f" && cells !== undefined && stack[3]!.name === "c") {
        formulaOpen = { name, start, startEnd: end, attributes };
        formulaText = "";
      }
      stack.push({ name, start, startEnd: end, attributes });
    },
    close(name, start, end) {
      const open = stack.pop()!;
      const depth = stack.length + 1;
      if (depth === 1) rootEnd = open.startEnd === end ? -1 : start;
      else if (depth === 2 && name === "sheetData") sheetData = span(open, start, end);
      else if (depth === 3 && name === "row" && inSheetData()) {
        rows.push({ ...span(open, start, end), row: rowIndex, cells });
        cells = undefined;
      } else if (depth === 4 && name === "c" && cells !== undefined) {
        cells.push({ ...span(open, start, end), col, formula: cellFormula });
      } else if (depth === 5 && formulaOpen !== undefined && name === "f") {
        cellFormula = { ...span(formulaOpen, start, end), text: formulaText };
        formulaOpen = undefined;
      }
    },
    text(t) {
      if (formulaOpen !== undefined) formulaText += t;
    },
  });
  if (rootEnd < 0) throw unreadable("PART_EMPTY", { part });
  return { prefix, sheetData, sheetDataAt: sheetDataAt < 0 ? rootEnd : sheetDataAt, rows, dimension, columnStyles };
}

function cellColumn(ref: string, part: string): number {
  try {
    return parseA1(ref).col;
  } catch {
    throw unreadable("CELL_ADDRESS_INVALID", { part, value: ref });
  }
}

/** A splice that widens `<dimension ref>` to cover rows first…last and columns first…last (0-based); none without a dimension. */
export function growDimension(
  xml: string,
  dimension: Span | undefined,
  last: { row: number; col: number },
  first = { row: 0, col: 0 },
): Splice[] {
  if (dimension === undefined) return [];
  const [from, to = from] = xml.slice(dimension.start, dimension.end).split(":");
  let start: { row: number; col: number };
  let end = last;
  try {
    const a = parseA1(from!);
    const b = parseA1(to!);
    start = { row: Math.min(a.row, first.row), col: Math.min(a.col, first.col) };
    end = { row: Math.max(b.row, last.row), col: Math.max(b.col, last.col) };
  } catch {
    // an unreadable ref is replaced by one that covers the new cells from A1
    start = { row: 0, col: 0 };
  }
  return [{ ...dimension, text: `${a1(start.row, start.col)}:${a1(end.row, end.col)}` }];
}
