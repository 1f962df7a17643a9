import { parseA1 } from "../../model/cell.js";
import { cellValue, type OutValue, type SheetSpec } from "../../report/sheet-spec.js";
import { escapeText } from "./xml.js";

/**
 * Cached values of chart references (`c:strCache`, `c:numCache`): what the referenced cells
 * hold, so that previewers, WPS and readers that do not recalculate still draw the chart.
 */

/** The values of a range on the chart's own sheet, row by row. */
export type RangeValues = (range: string) => readonly OutValue[];

/** Reads ranges from the rows of the sheet the chart is drawn from. */
export function sheetRangeValues(rows: SheetSpec["rows"]): RangeValues {
  return (range) => {
    const [a, b = a] = range.split(":") as [string, string?];
    const p = parseA1(a);
    const q = parseA1(b);
    const out: OutValue[] = [];
    for (let r = Math.min(p.row, q.row); r <= Math.max(p.row, q.row); r++) {
      for (let c = Math.min(p.col, q.col); c <= Math.max(p.col, q.col); c++) out.push(cellValue(rows[r]?.[c] ?? null));
    }
    return out;
  };
}

const point = (i: number, v: string) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`;

/** Labels: every non-blank cell as text. */
export function strCacheXml(values: readonly OutValue[]): string {
  const pts = values.map((v, i) => (v === null || v === "" ? "" : point(i, String(v)))).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

/** Numbers: blanks and text are left out (drawn as gaps). */
export function numCacheXml(values: readonly OutValue[]): string {
  const pts = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? point(i, String(v)) : "")).join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}
