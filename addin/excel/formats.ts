/**
 * How output cells look in Excel: the looks table (src/report/sheet-spec.ts STYLE_LOOKS, which
 * the .xlsx writer uses too) as Office.js takes it, and the grouping of cells into rectangles
 * so one range operation formats many cells.
 */
import { STYLE_LOOKS, TEXT_FORMAT, type CellStyle, type OutValue } from "../../src/report/sheet-spec.js";

/** An RRGGBB colour of the looks table as Office.js takes it. */
export const officeColor = (rgb: string) => `#${rgb}`;

/**
 * The number format a cell needs: "@" for any text (so Excel never reads it as a formula, a
 * number or a date), else the style's format; undefined when General will do.
 */
export function numberFormatOf(v: OutValue, style: CellStyle | undefined): string | undefined {
  if (typeof v === "string") return TEXT_FORMAT;
  // A blank text-styled cell stays "@" so what people later type there is text too.
  return style === undefined ? undefined : STYLE_LOOKS[style].numberFormat;
}

/** A block of cells sharing one key: rows r0…r1, columns c0…c1 (0-based, inclusive). */
export interface KeyedRect {
  readonly key: string;
  readonly r0: number;
  readonly c0: number;
  r1: number;
  readonly c1: number;
}

/**
 * Groups cells with the same key into rectangles: runs of equal keys along each row, a run
 * extended downwards while the next row has the same run. Tables whose columns share a style
 * become one rectangle per column run, whatever the number of rows.
 */
export function groupRects(rows: number, width: number, keyAt: (r: number, c: number) => string | null): KeyedRect[] {
  const done: KeyedRect[] = [];
  let open = new Map<string, KeyedRect>();
  for (let r = 0; r < rows; r++) {
    const next = new Map<string, KeyedRect>();
    let c = 0;
    while (c < width) {
      const key = keyAt(r, c);
      if (key === null) {
        c++;
        continue;
      }
      let end = c;
      while (end + 1 < width && keyAt(r, end + 1) === key) end++;
      const id = `${c}:${end}:${key}`;
      const rect = open.get(id);
      if (rect && rect.r1 === r - 1) {
        rect.r1 = r;
        next.set(id, rect);
        open.delete(id);
      } else {
        const created = { key, r0: r, c0: c, r1: r, c1: end };
        next.set(id, created);
      }
      c = end + 1;
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
}

/** Excel's column width unit (characters of the default font) → points, as Office.js sets it. */
export function widthInPoints(chars: number): number {
  // Default font (11 pt 等线/Calibri): 7 px per character plus 5 px of padding; 0.75 pt per px.
  return Math.round((Math.min(255, Math.max(0, chars)) * 7 + 5) * 0.75 * 100) / 100;
}
