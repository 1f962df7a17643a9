import { a1, parseA1 } from "../../model/cell.js";
import type { SheetSpec } from "../../report/sheet-spec.js";
import type { StyleIds } from "./output-styles.js";
import { rowsXml } from "./sheet-writer.js";

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

/**
 * Appends a spec's rows (less its `appendSkip` header rows) after the last row of an existing
 * worksheet part, as a text insertion: everything already in the part keeps its bytes, except
 * `<dimension>`, which grows to cover the new rows. A sheet with no row at all gets every row.
 */
export function appendRows(xml: string, part: string, spec: SheetSpec, styleIds: StyleIds): string {
  const prefix = worksheetPrefix(xml);
  const data = findSheetData(xml, part, prefix);
  let rowCount = 0;
  let lastRow = -1;
  const rowPattern = new RegExp(`<${prefix}row(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${prefix}row>)`, "g");
  for (const row of xml.slice(data.bodyStart, data.bodyEnd).matchAll(rowPattern)) {
    rowCount++;
    const r = /\sr\s*=\s*["'](\d+)["']/.exec(row[0].slice(0, row[0].indexOf(">") + 1));
    lastRow = r ? Number(r[1]) - 1 : lastRow + 1;
  }
  const rows = rowCount === 0 ? spec.rows : spec.rows.slice(spec.append?.appendSkip ?? 0);
  const added = rowsXml(rows, lastRow + 1, styleIds, spec.name);
  if (added.xml === "") return xml;

  const body = inPrefix(added.xml, prefix);
  const withRows = data.selfClosing
    ? `${xml.slice(0, data.start)}<${prefix}sheetData>${body}</${prefix}sheetData>${xml.slice(data.end)}`
    : xml.slice(0, data.bodyEnd) + body + xml.slice(data.bodyEnd);
  return growDimension(withRows, prefix, { row: added.lastRow, col: added.lastCol });
}

/** `<dimension ref>` widened to cover rows first…last and columns first…last (0-based); absent stays absent. */
export function growDimension(xml: string, prefix: string, last: { row: number; col: number }, first = { row: 0, col: 0 }): string {
  const dimension = new RegExp(`(<${prefix}dimension\\s[^>]*?\\bref\\s*=\\s*["'])([^"']*)(["'])`).exec(xml);
  if (!dimension) return xml;
  const [from, to = from] = dimension[2]!.split(":");
  let start = first;
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
