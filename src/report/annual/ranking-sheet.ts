import { quotaOf } from "../../annual/annual-stars.js";
import { numberText, parseDecimal } from "../../model/decimal.js";
import { a1 } from "../../model/cell.js";
import type { AnnualBranch, AnnualResult, AnnualSettings } from "../../model/annual-result.js";
import { d2, hdr, int, txt, type CellTone, type OutCell, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { titleMerges } from "../sheets/cells.js";
import {
  ANNUAL_SHEETS,
  annualPrint,
  annualTitleRows,
  fullStars,
  levelName,
  percentText,
  QUARTER_NAMES,
  shortStars,
  yearLabel,
} from "./common.js";

const BEFORE = ["排名", "支部编码", "支部名称", "支部类别", "所属单位", "类别排名"];
const AFTER = ["年度得分", "否决", "计分星级", "上年星级", "年度星级", "阶梯", "星级变化", "说明"];
// About 130 characters: one A4 landscape page wide (narrow margins) at no less than 9 pt, also
// with LibreOffice's wider character unit; names, units, vetoes and notes wrap.
const WIDTHS = [4, 6, 13, 9, 7, 4, ...QUARTER_NAMES.flatMap(() => [6, 4]), 7, 4, 4, 4, 9, 7, 4, 10];

/** `Q2`, from `2026Q2`. */
export const quarterLabel = (period: string): string => period.slice(period.indexOf("Q"));

/** ↑1 / ↓2 / — (unchanged); blank without 上年星级. */
export function starChangeText(change: number | null): string | null {
  if (change === null) return null;
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : "—";
}

/** Why the stars are below the score's (annual.md §5): 否决, 逐级晋升, 名额, in the order applied. */
export function adjustmentText(b: AnnualBranch): string {
  return b.adjustments
    .map((a) => {
      switch (a.step) {
        case "veto":
          return `否决（${b.vetoQuarters.map(quarterLabel).join("、")}）`;
        case "stepwise":
          return "逐级晋升";
        case "quota":
          return `超${levelName(a.from)}名额`;
      }
    })
    .join("；");
}

/** The settings the grade was made by, in one line above the table. */
export function settingsLine(s: AnnualSettings, graded: number): string {
  const quota = (level: string, r: number | null) => {
    if (r === null) return `${level}不限名额`;
    const d = parseDecimal(numberText(r));
    return `${level}比例上限 ${percentText(r)}（${graded} 个支部，名额 ${d ? quotaOf(graded, d) : "?"} 个）`;
  };
  return [
    s.method === "季度加权" ? `年度得分：各季度总分按权重 ${s.weights.join(":")} 加权平均` : "年度得分：各季度总分的平均",
    `星级阈值 ${s.starThresholds.join("/")}`,
    `否决星级上限 ${s.vetoStarCap} 星${s.vetoLast ? "，否决排末位" : ""}`,
    quota("五星", s.fiveStarCap),
    quota("四星", s.fourStarCap),
    `逐级晋升：${s.stepwise ? "是" : "否"}`,
    `排名方式：${s.ranking}`,
  ].join("；");
}

/**
 * 年度定级: one row per graded branch in rank order with each quarter's 总分 and 星级, the annual
 * score, the year's vetoes, the stars of each step and why they were capped. Vetoed branches
 * are shaded red, the first tier green, a capped grade's 说明 orange.
 */
export function annualRankingSheet(r: AnnualResult): SheetSpec {
  const top: OutEntry[][] = [...annualTitleRows(r, "党支部考核定级")];
  if (r.settings) top.push([{ v: settingsLine(r.settings, r.branches.length), style: "textWrap" }]);
  const width = BEFORE.length + 8 + AFTER.length;
  const present = new Set(r.quarters.map((q) => Number(q.period.slice(-1))));
  const blank: OutCell = { v: null, style: "header" };
  const head1: OutEntry[] = [
    ...BEFORE.map(hdr),
    ...QUARTER_NAMES.flatMap((n, i) => [hdr(present.has(i + 1) ? n : `${n}（缺）`), blank]),
    ...AFTER.map(hdr),
  ];
  const head2: OutEntry[] = [
    ...BEFORE.map(() => blank),
    ...QUARTER_NAMES.flatMap(() => [hdr("总分"), hdr("星级")]),
    ...AFTER.map(() => blank),
  ];
  const h1 = top.length;
  const merges = titleMerges(top.length, width); // the settings line too: merged and wrapped, it sets no print width
  head1.forEach((_, c) => {
    const quarterCol = c - BEFORE.length;
    if (quarterCol >= 0 && quarterCol < 8) {
      if (quarterCol % 2 === 0) merges.push(`${a1(h1, c)}:${a1(h1, c + 1)}`);
    } else merges.push(`${a1(h1, c)}:${a1(h1 + 1, c)}`);
  });

  const rows = r.branches.map((b): OutEntry[] => {
    const row: CellTone | undefined = b.vetoed ? "veto" : undefined;
    const top: CellTone | undefined = row ?? (b.tier === "第一阶梯" ? "top" : undefined);
    const note = adjustmentText(b);
    const cell = (v: string | null, tone: CellTone | undefined = row): OutCell => txt(v, tone);
    const wrapped = (v: string, tone: CellTone | undefined = row): OutCell => ({ v: v === "" ? null : v, style: "textWrap", tone });
    return [
      int(b.rank, row),
      cell(b.code),
      wrapped(b.name),
      wrapped(b.category ?? "（类别无效）"),
      wrapped(b.unit),
      int(b.categoryRank, row),
      ...b.quarters.flatMap((q) => [d2(q?.total ?? null, row), cell(q ? shortStars(q.stars) : null)]),
      d2(b.score, row),
      wrapped(b.vetoQuarters.map(quarterLabel).join("、")),
      cell(shortStars(b.scoreStars)),
      cell(shortStars(b.previousStars)),
      cell(fullStars(b.stars), top),
      cell(b.tier, top),
      cell(starChangeText(b.starChange)),
      wrapped(note, row ?? (note ? "dispute" : undefined)),
    ];
  });
  const empty: OutEntry[][] =
    r.branches.length === 0
      ? [[txt(r.status === "fatal" ? "存在致命问题，没有计算年度定级，见“年度校验报告”。" : "没有参加定级的支部。")]]
      : [];
  return {
    name: ANNUAL_SHEETS.ranking,
    rows: [...top, head1, head2, ...rows, ...empty],
    freezeRows: top.length + 2,
    freezeColumns: 3,
    merges,
    columnWidths: WIDTHS,
    print: { ...annualPrint(r, "landscape", top.length + 2), narrowMargins: true },
  };
}

/** The default name of the annual workbook: `2026年度定级.xlsx`. */
export function annualWorkbookName(r: AnnualResult): string {
  return `${yearLabel(r)}定级.xlsx`;
}
