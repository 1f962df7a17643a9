import type { AnnualResult } from "../../model/annual-result.js";
import type { OutEntry, PrintSpec } from "../sheet-spec.js";

/** The annual sheets' names live with the other sheet names (model/sheets.ts). */
export { ANNUAL_SHEETS } from "../../model/sheets.js";

export const QUARTER_NAMES = ["一季度", "二季度", "三季度", "四季度"] as const;
const LEVEL_NAMES = ["无星", "一星", "二星", "三星", "四星", "五星"] as const;

/** 五星, 四星 … 无星. */
export const levelName = (stars: number): string => LEVEL_NAMES[stars] ?? String(stars);

/** Compact stars for narrow columns: `4★`; 0 is 无星. */
export const shortStars = (stars: number | null): string | null => (stars === null ? null : stars === 0 ? "无星" : `${stars}★`);

/**
 * The annual grade as people copy it into next year's 上年星级: ★★★★☆, and ☆☆☆☆☆ for none (the
 * quarterly sheets' 无星 is not a grade the 上年星级 column accepts).
 */
export const fullStars = (stars: number): string => "★".repeat(stars) + "☆".repeat(5 - stars);

/** `2026年度` or, without a year, `年度`. */
export const yearLabel = (r: AnnualResult): string => (r.year === null ? "年度" : `${r.year}年度`);

/** A4, one page wide, the first rows repeated, the page number and year in the footer. */
export function annualPrint(
  r: AnnualResult,
  orientation: PrintSpec["orientation"],
  repeatRows?: number,
  pageBreaksBefore?: readonly number[],
): PrintSpec {
  return {
    orientation,
    fitToWidth: true,
    ...(repeatRows === undefined ? {} : { repeatRows }),
    footer: `${yearLabel(r)}定级\u3000第 &P 页 共 &N 页`,
    ...(pageBreaksBefore === undefined || pageBreaksBefore.length === 0 ? {} : { pageBreaksBefore }),
  };
}

/** The title and, for a provisional result, the 暂定 notice. */
export function annualTitleRows(r: AnnualResult, what: string): OutEntry[][] {
  const rows: OutEntry[][] = [[{ v: `${yearLabel(r)}${what}`, style: "title" }]];
  if (r.status === "provisional") {
    rows.push([
      { v: "【暂定结果】年度定级中仍有错误（见“年度校验报告”），以下结果为暂定，请勿据此公示；改正后请重新定级。", style: "notice" },
    ]);
  }
  return rows;
}

/** 20%, 12.5%: a ratio as people write it. */
export function percentText(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(12))}%`;
}
