/**
 * Quarterly workbooks for annual tests, built with the assessment builder: one 基础 item of
 * 100 points (so a branch's 总分 is the score typed), a bonus and a veto item.
 *
 *   const out = await grade(q("2026Q1", { ZB001: 92.5, ZB002: 80 }), q("2026Q2", { … }));
 */
import { runAnnual, type AnnualRunOutput, type QuarterFile } from "../../src/annual-pipeline.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import type { AnnualBranch, AnnualReportedIssue, AnnualResult } from "../../src/model/annual-result.js";
import { text, type Cell } from "../../src/model/cell.js";
import {
  assessment,
  ONE_ITEM_RULES,
  SHEET,
  toCell,
  type AssessmentBuilder,
  type BranchSpec,
  type CellInput,
} from "../helpers/assessment-builder.js";

export const NOW = new Date(2026, 11, 28, 9, 0, 0);

export interface QuarterOptions {
  /** File name (default `<period>.xlsx`). */
  readonly file?: string;
  /** The roster (default: the codes of the totals, 生产类, in that order). */
  readonly branches?: readonly BranchSpec[];
  /** Codes vetoed in this quarter (both raters say 是 for V1). */
  readonly vetoed?: readonly string[];
  /** Extra 考核设置 rows (annual settings and others). */
  readonly settings?: Readonly<Record<string, CellInput | undefined>>;
  /** A 上年星级 column in 支部名册 (column F), by code; a code missing here is blank. */
  readonly previousStars?: Readonly<Record<string, CellInput>>;
  /** Anything else, on the builder. */
  readonly edit?: (b: AssessmentBuilder) => AssessmentBuilder;
}

/**
 * A quarter whose branches have these 总分 (the one base item's score; above 100 the rest is a
 * bonus, at most 5). `period` null leaves 考核周期 out.
 */
export function q(period: string | null, totals: Readonly<Record<string, number>>, o: QuarterOptions = {}): QuarterFile {
  const branches = o.branches ?? Object.keys(totals).map((code) => ({ code, category: "生产类" }));
  let b = assessment()
    .rules(ONE_ITEM_RULES)
    .branches(branches)
    .settings({ 考核周期: period ?? undefined, ...o.settings })
    .scores(({ branch, item }) => {
      const total = totals[branch.code];
      if (item.code === "1.1") return total === undefined ? 60 : Math.min(100, total);
      if (item.code === "B1") return total === undefined ? 0 : Math.round(Math.max(0, total - 100) * 100) / 100;
      if (item.code === "V1") return o.vetoed?.includes(branch.code) ? "是" : "否";
      return undefined;
    });
  if (o.previousStars) b = b.patch(SHEET.roster, withPreviousStars(o.previousStars));
  if (o.edit) b = o.edit(b);
  return { file: o.file ?? `${period ?? "无周期"}.xlsx`, reader: b.build() };
}

/** Adds a 上年星级 column (F) to the builder's roster rows. */
export function withPreviousStars(stars: Readonly<Record<string, CellInput>>): (rows: Cell[][]) => Cell[][] {
  return (rows) =>
    rows.map((row, i) => {
      const r = [...row];
      while (r.length < 5) r.push(null);
      const code = row[0] !== null && row[0]?.kind === "text" ? row[0].value : "";
      r[5] = i === 0 ? text("上年星级") : code in stars ? toCell(stars[code]!) : null;
      return r;
    });
}

/** Grades the quarters as `scorecard annual` would, at a fixed time. */
export function grade(...quarters: QuarterFile[]): Promise<AnnualRunOutput> {
  return runAnnual(quarters, { now: NOW, newWorkbook: createWorkbook });
}

export async function result(...quarters: QuarterFile[]): Promise<AnnualResult> {
  return (await grade(...quarters)).result;
}

export const branch = (r: AnnualResult, code: string): AnnualBranch => {
  const b = r.branches.find((x) => x.code === code);
  if (!b) throw new Error(`no graded branch ${code}`);
  return b;
};

/** The issues of one code. */
export const issuesOf = (r: AnnualResult, code: AnnualReportedIssue["code"]): AnnualReportedIssue[] =>
  r.issues.filter((i) => i.code === code);

/** Issue codes in order. */
export const codes = (r: AnnualResult): string[] => r.issues.map((i) => i.code);

/** Four quarters of the same roster with these totals per quarter. */
export function year(totals: readonly Readonly<Record<string, number>>[], o: QuarterOptions = {}, y = 2026): QuarterFile[] {
  return totals.map((t, i) => q(`${y}Q${i + 1}`, t, o));
}
