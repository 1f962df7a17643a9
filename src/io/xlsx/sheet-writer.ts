import { a1 } from "../../model/cell.js";
import { cellStyle, cellValue, type SheetSpec } from "../../report/sheet-spec.js";
import type { StyleIds } from "./output-styles.js";
import { escapeText } from "./xml.js";

const MAX_COLUMN_WIDTH = 255; // Excel's limit

/**
 * A SheetSpec → worksheet part. Strings are inline strings, so text is never taken for a
 * formula whatever it starts with; a blank without a style writes no cell at all.
 */
export function worksheetXml(spec: SheetSpec, styleIds: StyleIds): string {
  const rows: string[] = [];
  let lastRow = -1;
  let lastCol = -1;
  spec.rows.forEach((entries, r) => {
    const cells: string[] = [];
    entries.forEach((entry, c) => {
      const cell = cellXml(cellValue(entry), cellStyle(entry), a1(r, c), styleIds, spec.name);
      if (cell === "") return;
      cells.push(cell);
      lastCol = Math.max(lastCol, c);
    });
    if (cells.length === 0) return;
    rows.push(`<row r="${r + 1}">${cells.join("")}</row>`);
    lastRow = r;
  });

  const dimension = lastRow < 0 ? "A1" : `A1:${a1(lastRow, lastCol)}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<dimension ref="${dimension}"/>${sheetViewsXml(spec.freezeRows ?? 0)}${colsXml(spec.columnWidths ?? [])}` +
    (rows.length === 0 ? "<sheetData/>" : `<sheetData>${rows.join("")}</sheetData>`) +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}

function cellXml(value: string | number | boolean | null, style: keyof StyleIds | undefined, ref: string, styleIds: StyleIds, sheet: string): string {
  const s = style === undefined ? "" : ` s="${styleIds[style]}"`;
  if (value == null) return s === "" ? "" : `<c r="${ref}"${s}/>`;
  if (typeof value === "string") return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (!Number.isFinite(value)) throw new RangeError(`${sheet}!${ref}: cannot write the number ${value}`);
  return `<c r="${ref}"${s}><v>${String(value)}</v></c>`; // String(): the shortest text that reads back to the same double
}

function sheetViewsXml(freezeRows: number): string {
  if (!(freezeRows > 0)) return `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const topLeft = `A${Math.floor(freezeRows) + 1}`;
  return (
    `<sheetViews><sheetView workbookViewId="0">` +
    `<pane ySplit="${Math.floor(freezeRows)}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>` +
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
