import type { SheetSpec } from "../../report/sheet-spec.js";
import { UserError } from "../../model/failure.js";
import type { StyleIds } from "./output-styles.js";
import { rowsXml } from "./sheet-writer.js";
import { growDimension, scanWorksheet } from "./worksheet-text.js";
import { appendContent, applySplices, inPrefix, prefixAt } from "./xml-spans.js";

// Excel's last row (1-based).
const MAX_ROWS = 1_048_576;

/**
 * Appends a spec's rows (less its `appendSkip` header rows) after the last row of an existing
 * worksheet part, as a text insertion: everything already in the part keeps its bytes, except
 * `<dimension>`, which grows to cover the new rows. A sheet with no row at all gets every row;
 * one without `<sheetData>` (which Excel would repair) gets it where the schema wants it.
 * Rows that would go past Excel's last row are refused (UserError OUTPUT_LOG_FULL): the sheet is
 * a log whose earlier rows are never rewritten, so nothing is written rather than a run left
 * unrecorded.
 */
export function appendRows(xml: string, part: string, spec: SheetSpec, styleIds: StyleIds): string {
  const sheet = scanWorksheet(part, xml);
  const lastRow = sheet.rows.reduce((last, r) => Math.max(last, r.row), -1);
  const rows = sheet.rows.length === 0 ? spec.rows : spec.rows.slice(spec.append?.appendSkip ?? 0);
  if (lastRow + rows.length >= MAX_ROWS) {
    throw new UserError("OUTPUT_LOG_FULL", { sheet: spec.name });
  }
  const added = rowsXml(rows, lastRow + 1, styleIds, spec.name);
  if (added.xml === "") return xml;

  const { sheetData } = sheet;
  const prefix = sheetData === undefined ? sheet.prefix : prefixAt(xml, sheetData.start);
  const body = inPrefix(added.xml, prefix);
  const insert =
    sheetData === undefined
      ? [{ start: sheet.sheetDataAt, end: sheet.sheetDataAt, text: `<${prefix}sheetData>${body}</${prefix}sheetData>` }]
      : appendContent(xml, { ...sheetData, name: "sheetData", prefix }, body);
  return applySplices(xml, [...insert, ...growDimension(xml, sheet.dimension, { row: added.lastRow, col: added.lastCol })]);
}
