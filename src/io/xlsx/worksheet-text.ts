import { a1, parseA1 } from "../../model/cell.js";

/*
 * Text-level reading and editing of worksheet parts we do not own (appending to 运行记录,
 * patching cells): positions in the original text, so every byte not edited stays.
 */

/** The namespace prefix (with its colon, or "") of a worksheet part's root element. */
export function worksheetPrefix(xml: string): string {
  return /<([\w.-]+:)?worksheet[\s>]/.exec(xml)?.[1] ?? "";
}

/** Unprefixed markup written by us → markup in the part's own prefix for the main namespace. */
export function inPrefix(markup: string, prefix: string): string {
  return prefix === "" ? markup : markup.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`);
}

/** The `<sheetData>` element of a worksheet part: where its body starts and ends. */
export function findSheetData(xml: string, part: string, prefix: string) {
  const open = new RegExp(`<${prefix}sheetData(?:\\s[^>]*)?/?>`).exec(xml);
  if (!open) throw new Error(`${part}: no <sheetData>`);
  const bodyStart = open.index + open[0].length;
  if (open[0].endsWith("/>")) return { start: open.index, bodyStart, bodyEnd: bodyStart, end: bodyStart, selfClosing: true };
  const close = `</${prefix}sheetData>`;
  const bodyEnd = xml.indexOf(close, bodyStart);
  if (bodyEnd < 0) throw new Error(`${part}: <sheetData> is not closed`);
  return { start: open.index, bodyStart, bodyEnd, end: bodyEnd + close.length, selfClosing: false };
}

/** Where an element is in the part's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A `<row>` element of sheetData and its 0-based row index (rows without `r` follow the previous one). */
export interface RowSpan extends Span {
  readonly row: number;
  readonly startTag: string;
  readonly selfClosing: boolean;
}

/** The rows between `from` and `to` (the sheetData body), in document order. */
export function scanRows(xml: string, from: number, to: number, prefix: string): RowSpan[] {
  const rows: RowSpan[] = [];
  const pattern = new RegExp(`<${prefix}row(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}row>)`, "g");
  pattern.lastIndex = from;
  let index = -1;
  for (let m = pattern.exec(xml); m !== null && m.index < to; m = pattern.exec(xml)) {
    const startTag = m[0].slice(0, m[0].indexOf(">") + 1);
    const r = /\sr\s*=\s*["'](\d+)["']/.exec(startTag)?.[1];
    index = r === undefined ? index + 1 : Number(r) - 1;
    rows.push({ start: m.index, end: m.index + m[0].length, row: index, startTag, selfClosing: startTag.endsWith("/>") });
  }
  return rows;
}

/** `<dimension ref>` widened to cover rows first…last and columns first…last (0-based); absent stays absent. */
export function growDimension(xml: string, prefix: string, last: { row: number; col: number }, first = { row: 0, col: 0 }): string {
  const dimension = new RegExp(`(<${prefix}dimension\\s[^>]*?\\bref\\s*=\\s*["'])([^"']*)(["'])`).exec(xml);
  if (!dimension) return xml;
  const [from, to = from] = dimension[2]!.split(":");
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
  const ref = `${a1(start.row, start.col)}:${a1(end.row, end.col)}`;
  const at = dimension.index + dimension[1]!.length;
  return xml.slice(0, at) + ref + xml.slice(at + dimension[2]!.length);
}
