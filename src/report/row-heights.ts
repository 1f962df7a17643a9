import { parseA1 } from "../model/cell.js";
import { MAX_COLUMNS } from "./excel-limits.js";
import type { OutCell, SheetSpec } from "./sheet-spec.js";

/** Excel's default column width, in characters. */
const DEFAULT_WIDTH = 8.43;
/** One line of 11 pt text, in points (Excel's 14.25 for 等线, LibreOffice's CJK fonts a little more). */
const LINE_POINTS = 15;

/**
 * Lines `text` takes in `room` character units: each line (split at "\n") at least one, a
 * character from U+2E80 up (CJK, full-width; a surrogate pair once) 1.8 units, any other 1.
 */
function lineCount(text: string, room: number): number {
  let lines = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines += Math.max(1, Math.ceil(w / room));
      w = 0;
    } else if (c >= 0x2e80) {
      w += 1.8;
      if (c <= 0xdbff && c >= 0xd800 && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++; // one code point
      }
    } else w += 1;
  }
  return lines + Math.max(1, Math.ceil(w / room));
}

/** A title row (16 pt). */
const TITLE_POINTS = 24;

/**
 * The sheet with a height for every row that has content: neither Excel nor LibreOffice grows a
 * row for a merged cell, and LibreOffice does not fit rows to their text on opening (11 pt
 * Chinese text is taller than its default row), so each row gets the height of its lines —
 * wrapped text (`textWrap`, `header` and `notice` cells) by an estimate from character widths, generous
 * rather than cut off (text sits at the bottom of its row like its neighbours, so a spare line
 * only leaves space above).
 */
export function withRowHeights(spec: SheetSpec): SheetSpec {
  const widths = spec.columnWidths ?? [];
  const widthOf = (c: number) => widths[c] ?? DEFAULT_WIDTH;
  // The width a cell's text has: its column, or a one-row merge's columns together (by row × MAX_COLUMNS + column).
  const merged = new Map<number, number>();
  // Merges are mostly titles at the top: the rows below the last one look none up.
  let lastMerged = -1;
  for (const m of spec.merges ?? []) {
    const [a, b = a] = m.split(":") as [string, string?];
    const p = parseA1(a);
    const q = parseA1(b);
    if (p.row !== q.row) continue;
    let w = 0;
    for (let c = Math.min(p.col, q.col); c <= Math.max(p.col, q.col); c++) w += widthOf(c);
    merged.set(p.row * MAX_COLUMNS + Math.min(p.col, q.col), w);
    if (p.row > lastMerged) lastMerged = p.row;
  }
  const heights: (number | undefined)[] = [...(spec.rowHeights ?? [])];
  // The last cell measured in each column and its lines: rows share cells (a branch's name on
  // each of its rows), and a shared cell in an unmerged column takes the same lines again.
  const lastCell: (OutCell | undefined)[] = [];
  const lastLines: number[] = [];
  const { rows } = spec;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let filled = false;
    let title = false;
    let lines = 1;
    for (let c = 0; c < row.length; c++) {
      const e = row[c];
      if (e === null || e === undefined) continue;
      // A bare value has no style: one line.
      if (typeof e !== "object") {
        filled = true;
        continue;
      }
      const { v, style } = e;
      if (v !== null) filled = true;
      if (style === "title") title = true;
      if (title || (style !== "textWrap" && style !== "header" && style !== "notice") || typeof v !== "string" || v === "") continue;
      const across = r > lastMerged ? undefined : merged.get(r * MAX_COLUMNS + c);
      let n: number;
      if (across === undefined && lastCell[c] === e) n = lastLines[c]!;
      else {
        n = lineCount(v, Math.max(1, (across ?? widthOf(c)) - 1));
        if (across === undefined) {
          lastCell[c] = e;
          lastLines[c] = n;
        }
      }
      if (n > lines) lines = n;
    }
    if (!filled) continue;
    heights[r] ??= title ? TITLE_POINTS : lines * LINE_POINTS + 3;
  }
  return { ...spec, rowHeights: heights };
}
