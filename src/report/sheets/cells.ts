import { columnLetters } from "../../model/cell.js";
import type { Result } from "../../model/result.js";
import type { OutCell, OutEntry, OutValue, PrintSpec } from "../sheet-spec.js";

/**
 * A4 print setup for a quarterly sheet: one page wide, the footer naming the period and the
 * sheet with the page number (第 &P 页 共 &N 页); `more` adds repeated rows, breaks, margins.
 */
export function quarterPrint(
  result: Pick<Result, "period">,
  sheet: string,
  orientation: PrintSpec["orientation"],
  more: Omit<PrintSpec, "orientation" | "fitToWidth" | "footer"> & { readonly fitToWidth?: boolean } = {},
): PrintSpec {
  // `&` starts a footer code: a literal one in the period is written twice.
  const period = (result.period ?? "考核周期未填").replace(/&/g, "&&");
  return { orientation, fitToWidth: true, footer: `${period} ${sheet}\u3000第 &P 页 共 &N 页`, ...more };
}

/** A title row (merged across the table) and, for a provisional result, the 暂定 notice. */
export function titleRows(result: Result, what: string): OutEntry[][] {
  const rows: OutEntry[][] = [[{ v: `${result.period ?? "（考核周期未填）"} ${what}`, style: "title" }]];
  if (result.status === "provisional") {
    rows.push([{ v: "【暂定结果】工作簿中仍有错误（见“校验报告”），以下结果按暂定规则计算，改正后请重新评分。", style: "notice" }]);
  }
  return rows;
}

/** Merges each title row across the table's width. */
export function titleMerges(titleCount: number, width: number): string[] {
  const last = columnLetters(Math.max(0, width - 1));
  return Array.from({ length: titleCount }, (_, r) => `A${r + 1}:${last}${r + 1}`);
}

/** Width in Excel characters that fits a Chinese label (CJK characters count double). */
export function fitWidth(label: string, min = 8): number {
  let w = 0;
  for (const ch of label) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return Math.max(min, w + 2);
}

/**
 * One cell object per value of a look, shared by every row that shows it: the writers (the
 * .xlsx package and Office.js) only read cells, so a 160,000-row 双评明细 is its row arrays and
 * a few thousand cells instead of 1.8 million that all live until the workbook is written
 * (collecting them took more time than making them). `make` makes the look's cell for a value.
 */
export function sharedCells<V extends OutValue>(make: (v: V) => OutCell): (v: V) => OutCell {
  const cells = new Map<V, OutCell>();
  // Scores are whole hundredths: their cells by that integer, without hashing a double.
  const hundredths: (OutCell | undefined)[] = [];
  return (v) => {
    if (typeof v === "number") {
      // A Map (and an index) takes -0 for 0: a negative zero gets a cell of its own.
      if (Object.is(v, -0)) return make(v);
      const h = Math.round(v * 100);
      if (h >= 0 && h <= 100_000 && h / 100 === v) return (hundredths[h] ??= make(v));
    }
    let cell = cells.get(v);
    if (cell === undefined) cells.set(v, (cell = make(v)));
    return cell;
  };
}
