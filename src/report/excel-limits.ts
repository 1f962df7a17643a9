/**
 * Excel's own limits on what a worksheet holds ("Excel specifications and limits"), which both
 * writers (the .xlsx package and Office.js) keep: a file that breaks one opens with a repair
 * prompt, or loses content, in Excel.
 */
import { a1 } from "../model/cell.js";
import type { SheetSpec } from "./sheet-spec.js";

/** Excel's limits on data-validation texts, in UTF-16 units (longer ones make it call the file damaged). */
export const VALIDATION_LIMITS = { title: 32, prompt: 255, error: 225, list: 255 } as const;

/** At most `max` UTF-16 units, an ellipsis marking a cut, never half a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Characters (UTF-16 code units, as Excel counts them) a cell can hold. */
export const MAX_CELL_TEXT = 32_767;
/** Hyperlinks a worksheet can hold. */
export const MAX_HYPERLINKS = 65_530;
/** Manual page breaks a worksheet can hold (horizontal and vertical). */
export const MAX_PAGE_BREAKS = 1_026;
/** Rows of a worksheet. */
export const MAX_ROWS = 1_048_576;
/** Columns of a worksheet (A to XFD). */
export const MAX_COLUMNS = 16_384;

const ELLIPSIS = "…";

/**
 * Text as it fits in a cell: unchanged when it fits, else cut to `max` characters ending in
 * "…" (never splitting a character made of two code units).
 */
export function fitCellText(s: string, max: number = MAX_CELL_TEXT): string {
  if (s.length <= max) return s;
  let end = max - ELLIPSIS.length;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return s.slice(0, end) + ELLIPSIS;
}

/** A text cell of an output sheet too long for Excel: written shortened. */
export interface OverlongText {
  readonly sheet: string;
  readonly cell: string;
  readonly length: number;
}

/** The cells of these sheets whose text the writers will shorten, for the warning. */
export function overlongTexts(specs: readonly SheetSpec[]): OverlongText[] {
  const found: OverlongText[] = [];
  for (const spec of specs) {
    const { rows } = spec;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) {
        const e = row[c];
        // Every cell of every sheet: read in place, no cell made for a bare value.
        const v = e !== null && typeof e === "object" ? e.v : e;
        if (typeof v === "string" && v.length > MAX_CELL_TEXT) found.push({ sheet: spec.name, cell: a1(r, c), length: v.length });
      }
    }
  }
  return found;
}
