import type { SheetSpec } from "../../report/sheet-spec.js";
import { WorkbookUnwritableError } from "../workbook.js";
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
 * Rows that would go past Excel's last row are refused (WorkbookUnwritableError): the sheet is
 * a log whose earlier rows are never rewritten, so nothing is written rather than a run left
 * unrecorded.
 */
export function appendRows(xml: string, part: string, spec: SheetSpec, styleIds: StyleIds): string {
  const sheet = scanWorksheet(part, xml);
  const lastRow = sheet.rows.reduce((last, r) => Math.max(last, r.row), -1);
  const rows = sheet.rows.length === 0 ? spec.rows : spec.rows.slice(spec.append?.appendSkip ?? 0);
  if (lastRow + rows.length >= MAX_ROWS) {
    throw new WorkbookUnwritableError(
      `工作表“${spec.name}”已写到 Excel 的最后一行（第 ${MAX_ROWS.toLocaleString("en-US")} 行），无法再添加本次运行的记录，因此没有写入任何结果。` +
        `请将“${spec.name}”工作表改名（例如改为“${spec.name}（旧）”）或删除其中不再需要的行后再运行，程序会新建“${spec.name}”并继续记录。`,
    );
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
