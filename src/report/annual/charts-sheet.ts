import { divRoundHalfUp } from "../../model/decimal.js";
import { a1 } from "../../model/cell.js";
import { CATEGORIES } from "../../model/categories.js";
import type { AnnualResult } from "../../model/annual-result.js";
import { d2, hdr, int, txt, type ChartSpec, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { titleMerges } from "../sheets/cells.js";
import { ANNUAL_SHEETS, annualPrint, annualTitleRows, levelName } from "./common.js";

/**
 * Columns the sheet uses (tables, and charts below them), so it prints one page wide in
 * portrait. A chart ends where the last column starts: a drawing reaching into a column makes
 * LibreOffice print that column too.
 */
const COLUMNS = 8;
const CHART_ROWS = 20;

/** Star counts this year and last year (上年星级; branches without one are not counted). */
export function starDistribution(r: AnnualResult): { level: number; thisYear: number; lastYear: number }[] {
  const rows = [5, 4, 3, 2, 1, 0].map((level) => ({
    level,
    thisYear: r.branches.filter((b) => b.stars === level).length,
    lastYear: r.branches.filter((b) => b.previousStars === level).length,
  }));
  return rows.filter((x) => x.level > 0 || x.thisYear > 0 || x.lastYear > 0);
}

/**
 * The average quarterly 总分 per category (the annual roster's), per usable quarter: the exact
 * mean of the graded branches of that category that have a result in the quarter, round2; null
 * when none has.
 */
export function categoryAverages(r: AnnualResult): { period: string; quarter: number; averages: (number | null)[] }[] {
  const categories = presentCategories(r);
  return r.quarters.map((q) => {
    const quarter = Number(q.period.slice(-1));
    const averages = categories.map((c) => {
      const totals = r.branches
        .filter((b) => b.category === c)
        .flatMap((b) => (b.quarters[quarter - 1] ? [Math.round(b.quarters[quarter - 1]!.total * 100)] : []));
      return totals.length === 0
        ? null
        : divRoundHalfUp(
            totals.reduce((s, t) => s + t, 0),
            totals.length,
          ) / 100;
    });
    return { period: q.period, quarter, averages };
  });
}

/** The categories graded branches have, in the roster's order of the five. */
export function presentCategories(r: AnnualResult): string[] {
  return CATEGORIES.filter((c) => r.branches.some((b) => b.category === c));
}

/**
 * 年度图表: the star distribution this year against last year (clustered column) and the
 * average quarterly 总分 per category across the quarters (line), each with the table it is
 * drawn from and on its own printed page.
 */
export function annualChartsSheet(r: AnnualResult): SheetSpec {
  const top = annualTitleRows(r, "定级统计图表");
  const rows: OutEntry[][] = [...top, []];
  const charts: ChartSpec[] = [];
  const range = (r0: number, c0: number, r1: number, c1: number) => `${a1(r0, c0)}:${a1(r1, c1)}`;

  // 1. Star distribution.
  const dist = starDistribution(r);
  const t1 = rows.length + 1;
  const missingLast = r.branches.filter((b) => b.previousStars === null).length;
  rows.push([{ v: "年度星级分布：本年度与上年", style: "header" }]);
  rows.push([hdr("星级"), hdr("本年度"), hdr("上年")]);
  for (const x of dist) rows.push([txt(levelName(x.level)), int(x.thisYear), int(x.lastYear)]);
  const t1End = rows.length - 1;
  const notes: number[] = [];
  const note = (text: string) => {
    notes.push(rows.length);
    rows.push([{ v: text, style: "textWrap" }]);
  };
  note(`上年：按最新季度支部名册的“上年星级”统计${missingLast > 0 ? `，${missingLast} 个支部未填，不计入` : ""}。`);
  const chart1Row = rows.length + 1;
  if (r.branches.length > 0) {
    charts.push({
      kind: "column",
      title: "年度星级分布：本年度与上年",
      table: range(t1, 0, t1End, 2),
      series: [1, 2].map((c) => ({
        name: c === 1 ? "本年度" : "上年",
        categories: range(t1 + 1, 0, t1End, 0),
        values: range(t1 + 1, c, t1End, c),
      })),
      anchor: { from: a1(chart1Row, 0), to: a1(chart1Row + CHART_ROWS - 1, COLUMNS - 2) },
      yTitle: "支部数",
    });
  }
  while (rows.length < chart1Row + CHART_ROWS) rows.push([]);

  // 2. Average quarterly 总分 per category, on the next page.
  const pageTwo = rows.length;
  const categories = presentCategories(r);
  const averages = categoryAverages(r);
  const t2 = rows.length + 1;
  rows.push([{ v: "各类别季度平均总分", style: "header" }]);
  rows.push([hdr("季度"), ...categories.map(hdr)]);
  for (const a of averages) rows.push([txt(a.period), ...a.averages.map((v) => d2(v))]);
  const t2End = rows.length - 1;
  note("按最新季度支部名册的支部类别分组；每个季度为该类别中有该季度成绩的支部总分的平均。");
  const chart2Row = rows.length + 1;
  const known = averages.flatMap((a) => a.averages.filter((v): v is number => v !== null));
  if (categories.length > 0 && averages.length > 0) {
    charts.push({
      kind: "line",
      title: "各类别季度平均总分",
      table: range(t2, 0, t2End, categories.length),
      series: categories.map((c, k) => ({ name: c, categories: range(t2 + 1, 0, t2End, 0), values: range(t2 + 1, k + 1, t2End, k + 1) })),
      anchor: { from: a1(chart2Row, 0), to: a1(chart2Row + CHART_ROWS - 1, COLUMNS - 2) },
      xTitle: "季度",
      yTitle: "平均总分",
      min: Math.max(0, Math.floor((known.reduce((m, v) => Math.min(m, v), 100) - 5) / 10) * 10),
    });
  }
  return {
    name: ANNUAL_SHEETS.charts,
    rows,
    // Long texts are merged across the sheet's columns and wrapped, so they set no print width.
    merges: [...titleMerges(top.length, COLUMNS), ...[t1 - 1, t2 - 1, ...notes].map((row) => `${a1(row, 0)}:${a1(row, COLUMNS - 1)}`)],
    // About 70 characters: one A4 portrait page wide at full size, so chart text prints at its size.
    columnWidths: [10, ...Array.from({ length: COLUMNS - 1 }, () => 8.5)],
    charts,
    print: annualPrint(r, "portrait", undefined, [pageTwo]),
  };
}
