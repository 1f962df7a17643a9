import { a1 } from "../../model/cell.js";
import type { BranchResult, Result } from "../../model/result.js";
import { divRoundHalfUp } from "../../model/decimal.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { starText } from "../labels.js";
import { cellValue, d2, hdr, int, txt, type ChartSpec, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { titleMerges, titleRows } from "./cells.js";

/** How many branches the radar compares at each end of the ranking. */
const RADAR_EACH_END = 3;
const label = (b: BranchResult) => b.name || b.code;

/** A small table placed at (row, col), 0-based, with the A1 range it covers. */
interface Block {
  readonly row: number;
  readonly col: number;
  readonly cells: readonly (readonly OutEntry[])[];
}
const rangeOf = (b: Block, width = b.cells[0]!.length) => `${a1(b.row, b.col)}:${a1(b.row + b.cells.length - 1, b.col + width - 1)}`;
const colRange = (b: Block, c: number) => `${a1(b.row + 1, b.col + c)}:${a1(b.row + b.cells.length - 1, b.col + c)}`;

/**
 * 统计图表: four native charts, each drawn from a small table on the same sheet: the ranking
 * (bar, every branch), area score rates (radar: the average of all branches against the top
 * and bottom three), the star distribution (column) and A-side against B-side totals (scatter
 * with the y = x line). Areas no branch is assessed on are left out.
 */
export function chartsSheet(result: Result): SheetSpec {
  const top = titleRows(result, "统计图表");
  const start = top.length + 1;
  const branches = result.branches;

  const ranking: Block = { row: start, col: 0, cells: [[hdr("支部"), hdr("总分")], ...branches.map((b) => [txt(label(b)), d2(b.total)])] };

  const chosen = pickRadarBranches(branches);
  const areaRows = result.areas
    .map((area, i) => ({
      area,
      avg: averageRate(branches.map((b) => b.areas[i]?.rate ?? null)),
      rates: chosen.map((b) => b.areas[i]?.rate ?? null),
    }))
    .filter((r) => r.avg !== null);
  const radar: Block = {
    row: start,
    col: 3,
    cells: [
      [hdr("考核方面"), hdr("全体平均"), ...chosen.map((b) => hdr(`第${b.rank}名 ${label(b)}`))],
      ...areaRows.map((r) => [txt(r.area), d2(r.avg), ...r.rates.map((v) => d2(v))]),
    ],
  };

  const starCounts = [5, 4, 3, 2, 1, 0]
    .map((s) => ({ s, n: branches.filter((b) => b.stars === s).length }))
    .filter((x) => x.s > 0 || x.n > 0);
  const stars: Block = {
    row: radar.row + radar.cells.length + 1,
    col: 3,
    cells: [[hdr("星级"), hdr("支部数")], ...starCounts.map((x) => [txt(starText(x.s)), int(x.n)])],
  };

  const totals: Block = {
    row: stars.row + stars.cells.length + 1,
    col: 3,
    cells: [
      [hdr("A方总分"), hdr("B方总分"), hdr("参考线 y=x"), hdr("支部")],
      ...branches.map((b) => [d2(b.totalA), d2(b.totalB), d2(b.totalA), txt(label(b))]),
    ],
  };

  const chartCol = 13;
  const place = (row: number, height: number, col = chartCol, width = 9) => ({ from: a1(row, col), to: a1(row + height, col + width) });
  // Folds, not Math.min(...list): spreading every branch into one call overflows the stack when there are many.
  const minTotalAB = branches.reduce((m, b) => Math.min(m, b.totalA, b.totalB), 100);
  const maxTotalAB = branches.reduce((m, b) => Math.max(m, b.totalA, b.totalB), 0);
  const lo = Math.max(0, Math.floor((minTotalAB - 5) / 10) * 10);
  const hi = Math.ceil((maxTotalAB + 1) / 10) * 10;
  const totalsLow = Math.max(0, Math.floor((branches.reduce((m, b) => Math.min(m, b.total), 100) - 5) / 10) * 10);

  const charts: ChartSpec[] = [
    {
      kind: "radar",
      title: "各考核方面得分率（%）：全体平均与前三名、后三名",
      table: rangeOf(radar),
      series: radar.cells[0]!.slice(1).map((_, k) => ({
        name: seriesName(radar, k + 1),
        categories: colRange(radar, 0),
        values: colRange(radar, k + 1),
      })),
      anchor: place(start, 20),
      min: 0,
      max: 100,
    },
    {
      kind: "column",
      title: "星级分布",
      table: rangeOf(stars),
      series: [{ name: "支部数", categories: colRange(stars, 0), values: colRange(stars, 1) }],
      anchor: place(start + 21, 16),
      yTitle: "支部数",
    },
    {
      kind: "scatter",
      title: "A方总分与B方总分",
      table: rangeOf(totals, 3),
      series: [
        { name: "支部", categories: colRange(totals, 0), values: colRange(totals, 1) },
        { name: "参考线 y=x", categories: colRange(totals, 0), values: colRange(totals, 2), line: true },
      ],
      anchor: place(start + 38, 20),
      xTitle: "A方总分",
      yTitle: "B方总分",
      min: lo,
      max: hi,
    },
    {
      kind: "bar",
      title: "支部总分排名",
      table: rangeOf(ranking),
      series: [{ name: "总分", categories: colRange(ranking, 0), values: colRange(ranking, 1) }],
      anchor: place(start, Math.max(20, Math.ceil(branches.length * 1.1) + 4), chartCol + 11, 10),
      xTitle: "总分",
      min: totalsLow,
    },
  ];
  const width = totals.col + totals.cells[0]!.length;
  return {
    name: OUTPUT_SHEETS.charts,
    rows: layout([...top.map((r, i) => ({ row: i, col: 0, cells: [r] })), ranking, radar, stars, totals]),
    merges: titleMerges(top.length, width + 6),
    columnWidths: [22, 10, 2, 18, 10, ...chosen.map(() => 14)],
    charts: branches.length > 0 ? charts : [],
    print: { orientation: "landscape", fitToWidth: true },
  };
}

const seriesName = (b: Block, col: number): string => String(cellValue(b.cells[0]![col]));

/** The top and bottom of the ranking, without repeating a branch when there are few. */
function pickRadarBranches(ranked: readonly BranchResult[]): BranchResult[] {
  const head = ranked.slice(0, RADAR_EACH_END);
  const tail = ranked.slice(Math.max(head.length, ranked.length - RADAR_EACH_END));
  return [...head, ...tail];
}

/** Mean of the non-null 2-decimal rates, rounded half up to 2 decimals; null if there are none. */
function averageRate(rates: readonly (number | null)[]): number | null {
  const known = rates.filter((r): r is number => r !== null);
  if (known.length === 0) return null;
  const sum = known.reduce((s, r) => s + Math.round(r * 100), 0);
  return divRoundHalfUp(sum, known.length) / 100;
}

/** Places blocks on one grid of rows. */
function layout(blocks: readonly Block[]): OutEntry[][] {
  const rows: OutEntry[][] = [];
  for (const b of blocks) {
    b.cells.forEach((cells, i) => {
      const row = (rows[b.row + i] ??= []);
      cells.forEach((c, j) => {
        row[b.col + j] = c;
      });
    });
  }
  return Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? null));
}
