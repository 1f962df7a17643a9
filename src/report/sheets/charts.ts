import { a1, columnLetters } from "../../model/cell.js";
import type { BranchResult, Result } from "../../model/result.js";
import { divRoundHalfUp } from "../../model/decimal.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { starText } from "../labels.js";
import { cellValue, d2, hdr, int, txt, wrap, type ChartSpec, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, titleRows } from "./cells.js";

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

/** How many branches the ranking chart shows at each end when there are more than twice as many. */
const RANKING_EACH_END = 15;
/**
 * Columns printed (tables and charts, one A4 portrait page wide at full size); the A-versus-B
 * data, one row a branch, sits to the right of them and is not printed.
 */
const COLUMNS = 8;
const SCATTER_COL = COLUMNS + 1;
const CHART_ROW_POINTS = 15;

/**
 * 统计图表: four native charts, each on its own printed page with the small table it is drawn
 * from: the ranking (bar: every branch, or the top and bottom 15 when there are more than 30,
 * the full ranking being in 考核结果), area score rates (radar: the average of all branches
 * against the top and bottom three), the star distribution (column) and A-side against
 * B-side totals (scatter with the y = x line). Areas no branch is assessed on are left out.
 */
export function chartsSheet(result: Result): SheetSpec {
  const top = titleRows(result, "统计图表");
  const branches = result.branches;
  const blocks: Block[] = top.map((r, i) => ({ row: i, col: 0, cells: [r] }));
  const wide: number[] = top.map((_, i) => i); // rows whose text spans the printed columns
  const breaks: number[] = [];
  let row = top.length + 1;
  const section = (title: string, note: string | null): void => {
    if (row > top.length + 1) {
      breaks.push(row);
    }
    blocks.push({ row, col: 0, cells: [[{ v: title, style: "header" }]] });
    wide.push(row++);
    if (note !== null) {
      blocks.push({ row, col: 0, cells: [[wrap(note)]] });
      wide.push(row++);
    }
  };
  const charts: ChartSpec[] = [];
  // Rows under a chart get a set height, so that a chart is as tall in Excel as in LibreOffice
  // (whose default row is lower) and fits its page in both.
  const heights: number[] = [];
  const chartAt = (height: number): { from: string; to: string } => {
    const anchor = { from: a1(row, 0), to: a1(row + height - 1, COLUMNS - 1) };
    for (let r = row; r < row + height; r++) heights[r] = CHART_ROW_POINTS;
    row += height + 1;
    return anchor;
  };

  // 1. The ranking.
  const shown = rankingShown(branches);
  const trimmed = shown.length < branches.length;
  section(
    "支部总分排名",
    trimmed ? `共 ${branches.length} 个支部，图中为前 ${RANKING_EACH_END} 名和后 ${RANKING_EACH_END} 名；完整排名见“考核结果”。` : null,
  );
  const rankingChart = chartAt(Math.min(40, Math.max(16, Math.ceil(shown.length * 1.2) + 6)));
  breaks.push(row); // the table on the next page, its header with its rows
  const ranking: Block = {
    row,
    col: 0,
    cells: [
      [hdr("支部"), hdr("总分"), hdr("排名")],
      ...shown.map((b) => (b === null ? [txt("……"), d2(null), int(null)] : [txt(label(b)), d2(b.total), int(b.rank)])),
    ],
  };
  blocks.push(ranking);
  row += ranking.cells.length + 1;
  charts.push({
    kind: "bar",
    title: trimmed ? `支部总分排名（前 ${RANKING_EACH_END} 名与后 ${RANKING_EACH_END} 名）` : "支部总分排名",
    table: rangeOf(ranking, 2),
    series: [{ name: "总分", categories: colRange(ranking, 0), values: colRange(ranking, 1) }],
    anchor: rankingChart,
    xTitle: "总分",
    min: Math.max(0, Math.floor((branches.reduce((m, b) => Math.min(m, b.total), 100) - 5) / 10) * 10),
  });

  // 2. Area score rates.
  const chosen = pickRadarBranches(branches);
  const areaRows = result.areas
    .map((area, i) => ({
      area,
      avg: averageRate(branches.map((b) => b.areas[i]?.rate ?? null)),
      rates: chosen.map((b) => b.areas[i]?.rate ?? null),
    }))
    .filter((r) => r.avg !== null);
  section("各考核方面得分率（%）", null);
  const radarChart = chartAt(24);
  const radar: Block = {
    row,
    col: 0,
    cells: [
      [hdr("考核方面"), hdr("全体平均"), ...chosen.map((b) => hdr(`第${b.rank}名 ${label(b)}`))],
      ...areaRows.map((r) => [txt(r.area), d2(r.avg), ...r.rates.map((v) => d2(v))]),
    ],
  };
  blocks.push(radar);
  row += radar.cells.length + 1;
  charts.push({
    kind: "radar",
    title: "各考核方面得分率（%）：全体平均与前三名、后三名",
    table: rangeOf(radar),
    series: radar.cells[0]!.slice(1).map((_, k) => ({
      name: seriesName(radar, k + 1),
      categories: colRange(radar, 0),
      values: colRange(radar, k + 1),
    })),
    anchor: radarChart,
    min: 0,
    max: 100,
  });

  // 3. Star distribution.
  const starCounts = [5, 4, 3, 2, 1, 0]
    .map((s) => ({ s, n: branches.filter((b) => b.stars === s).length }))
    .filter((x) => x.s > 0 || x.n > 0);
  section("星级分布", null);
  const starsChart = chartAt(20);
  const stars: Block = { row, col: 0, cells: [[hdr("星级"), hdr("支部数")], ...starCounts.map((x) => [txt(starText(x.s)), int(x.n)])] };
  blocks.push(stars);
  row += stars.cells.length + 1;
  charts.push({
    kind: "column",
    title: "星级分布",
    table: rangeOf(stars),
    series: [{ name: "支部数", categories: colRange(stars, 0), values: colRange(stars, 1) }],
    anchor: starsChart,
    yTitle: "支部数",
  });

  // 4. A-side against B-side totals: the data (a row a branch) beside the printed columns.
  const minTotalAB = branches.reduce((m, b) => Math.min(m, b.totalA, b.totalB), 100);
  const maxTotalAB = branches.reduce((m, b) => Math.max(m, b.totalA, b.totalB), 0);
  section(
    "A方总分与B方总分",
    `每个点是一个支部；点越靠近参考线 y=x，两位评分人越一致。数据见本表 ${columnLetters(SCATTER_COL)} 至 ${columnLetters(SCATTER_COL + 3)} 列（不打印）。`,
  );
  const totals: Block = {
    row: top.length + 1,
    col: SCATTER_COL,
    cells: [
      [hdr("A方总分"), hdr("B方总分"), hdr("参考线 y=x"), hdr("支部")],
      ...branches.map((b) => [d2(b.totalA), d2(b.totalB), d2(b.totalA), txt(label(b))]),
    ],
  };
  blocks.push(totals);
  charts.push({
    kind: "scatter",
    title: "A方总分与B方总分",
    table: rangeOf(totals, 3),
    series: [
      { name: "支部", categories: colRange(totals, 0), values: colRange(totals, 1) },
      { name: "参考线 y=x", categories: colRange(totals, 0), values: colRange(totals, 2), line: true },
    ],
    anchor: chartAt(26),
    xTitle: "A方总分",
    yTitle: "B方总分",
    min: Math.max(0, Math.floor((minTotalAB - 5) / 10) * 10),
    max: Math.ceil((maxTotalAB + 1) / 10) * 10,
  });
  const printedRows = row - 1;
  return {
    name: OUTPUT_SHEETS.charts,
    rows: layout(blocks),
    rowHeights: Array.from(heights, (h) => h),
    // Titles and notes span the printed columns and wrap there, so they set no print width.
    merges: wide.map((r) => `${a1(r, 0)}:${a1(r, COLUMNS - 1)}`),
    // About 70 characters: one A4 portrait page wide at full size, so chart text prints at its size.
    columnWidths: [15, ...Array.from({ length: COLUMNS - 1 }, () => 7.25), 2, 10, 10, 10, 20],
    // The ranking is printed first; the list keeps the order of the charts before it was.
    charts: branches.length > 0 ? [...charts.slice(1), charts[0]!] : [],
    print: quarterPrint(result, OUTPUT_SHEETS.charts, "portrait", {
      printArea: `A1:${a1(printedRows, COLUMNS - 1)}`,
      pageBreaksBefore: breaks,
    }),
  };
}

/** Every branch for the ranking chart, or the top and bottom RANKING_EACH_END with a gap (null) between. */
function rankingShown(ranked: readonly BranchResult[]): (BranchResult | null)[] {
  if (ranked.length <= 2 * RANKING_EACH_END) return [...ranked];
  return [...ranked.slice(0, RANKING_EACH_END), null, ...ranked.slice(-RANKING_EACH_END)];
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
