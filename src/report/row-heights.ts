import { parseA1 } from "../model/cell.js";
import { cellStyle, cellValue, type SheetSpec } from "./sheet-spec.js";

/** Excel's default column width, in characters. */
const DEFAULT_WIDTH = 8.43;
/** One line of 11 pt text, in points (Excel's 14.25 for 等线, LibreOffice's CJK fonts a little more). */
const LINE_POINTS = 15;

/** Width in character units (digits): a CJK or full-width character is about 1.8 of them. */
function textUnits(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2e80 ? 1.8 : 1;
  return w;
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
  // The width a cell's text has: its column, or a one-row merge's columns together.
  const merged = new Map<string, number>();
  for (const m of spec.merges ?? []) {
    const [a, b = a] = m.split(":") as [string, string?];
    const p = parseA1(a);
    const q = parseA1(b);
    if (p.row !== q.row) continue;
    let w = 0;
    for (let c = Math.min(p.col, q.col); c <= Math.max(p.col, q.col); c++) w += widthOf(c);
    merged.set(`${p.row}:${Math.min(p.col, q.col)}`, w);
  }
  const heights: (number | undefined)[] = [...(spec.rowHeights ?? [])];
  spec.rows.forEach((row, r) => {
    if (row.every((e) => cellValue(e) === null)) return;
    if (row.some((e) => cellStyle(e) === "title")) {
      heights[r] ??= TITLE_POINTS;
      return;
    }
    let lines = 1;
    row.forEach((entry, c) => {
      const v = cellValue(entry);
      const style = cellStyle(entry);
      if ((style !== "textWrap" && style !== "header" && style !== "notice") || typeof v !== "string" || v === "") return;
      const room = Math.max(1, (merged.get(`${r}:${c}`) ?? widthOf(c)) - 1);
      const n = v.split("\n").reduce((sum, part) => sum + Math.max(1, Math.ceil(textUnits(part) / room)), 0);
      lines = Math.max(lines, n);
    });
    heights[r] ??= lines * LINE_POINTS + 3;
  });
  return { ...spec, rowHeights: heights };
}
