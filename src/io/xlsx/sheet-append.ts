import type { SheetSpec } from "../../report/sheet-spec.js";
import type { StyleIds } from "./output-styles.js";
import { rowsXml } from "./sheet-writer.js";
import { findSheetData, growDimension, inPrefix, scanRows, worksheetPrefix } from "./worksheet-text.js";

/**
 * Appends a spec's rows (less its `appendSkip` header rows) after the last row of an existing
 * worksheet part, as a text insertion: everything already in the part keeps its bytes, except
 * `<dimension>`, which grows to cover the new rows. A sheet with no row at all gets every row.
 */
export function appendRows(xml: string, part: string, spec: SheetSpec, styleIds: StyleIds): string {
  const prefix = worksheetPrefix(xml);
  const data = findSheetData(xml, part, prefix);
  const existing = scanRows(xml, data.bodyStart, data.bodyEnd, prefix);
  const lastRow = existing.reduce((last, r) => Math.max(last, r.row), -1);
  const rows = existing.length === 0 ? spec.rows : spec.rows.slice(spec.append?.appendSkip ?? 0);
  const added = rowsXml(rows, lastRow + 1, styleIds, spec.name);
  if (added.xml === "") return xml;

  const body = inPrefix(added.xml, prefix);
  const withRows = data.selfClosing
    ? `${xml.slice(0, data.start)}<${prefix}sheetData>${body}</${prefix}sheetData>${xml.slice(data.end)}`
    : xml.slice(0, data.bodyEnd) + body + xml.slice(data.bodyEnd);
  return growDimension(withRows, prefix, { row: added.lastRow, col: added.lastCol });
}
