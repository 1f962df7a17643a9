import type { PreviousStars } from "../model/previous-stars.js";
import type { Result } from "../model/result.js";
import type { ScoredAssessment } from "../engine/assess.js";
import type { Assessment } from "../model/assessment.js";

/**
 * One quarterly workbook as the quarterly pipeline assessed it: what the annual grade starts
 * from (annual.md §1). Never taken from result sheets already in the workbook.
 */
export interface AssessedQuarter {
  /** The input's file name, without its folder. */
  readonly file: string;
  /** The quarterly JSON result: status, period and the quarter's own issues. */
  readonly result: Result;
  /** The validated workbook; null when the quarterly result is fatal. */
  readonly assessment: Assessment | null;
  /** Scores and ranks in rank order; null when the quarterly result is fatal. */
  readonly outcome: ScoredAssessment | null;
  /** 支部名册's 上年星级 column as read (none when the sheet or the column is missing). */
  readonly previousStars: PreviousStars;
}

/** An assessed quarter that can be placed in the year: not fatal, with a valid 考核周期. */
export interface UsableQuarter extends AssessedQuarter {
  readonly period: string;
  readonly year: number;
  /** 1–4. */
  readonly quarter: number;
  readonly assessment: Assessment;
  readonly outcome: ScoredAssessment;
}

/** `2026Q3` → year 2026, quarter 3 (periods are normalised by the quarterly validation). */
export function splitPeriod(period: string): { year: number; quarter: number } {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) throw new Error(`not a normalised period: ${period}`);
  return { year: Number(m[1]), quarter: Number(m[2]) };
}

export const periodOf = (year: number, quarter: number): string => `${year}Q${quarter}`;

/** What a task pane shows per workbook before the grade is run: its period, status and issue counts. */
export interface QuarterSummary {
  readonly file: string;
  readonly period: string | null;
  readonly status: Result["status"];
  readonly branches: number;
  readonly fatal: number;
  readonly errors: number;
  readonly warnings: number;
  /** Whether the year can use it (not fatal, with a valid 考核周期). */
  readonly usable: boolean;
}

export function summarizeQuarter(q: AssessedQuarter): QuarterSummary {
  const s = q.result.summary;
  return {
    file: q.file,
    period: q.result.period,
    status: q.result.status,
    branches: s.branches,
    fatal: s.fatal,
    errors: s.errors,
    warnings: s.warnings,
    usable: isUsable(q),
  };
}

export function isUsable(q: AssessedQuarter): boolean {
  return usableQuarter(q) !== null;
}

/** The quarter placed in its year, or null when it cannot be (fatal, or no valid 考核周期). */
export function usableQuarter(q: AssessedQuarter): UsableQuarter | null {
  const { period } = q.result;
  if (q.result.status === "fatal" || period === null || q.assessment === null || q.outcome === null) return null;
  return { ...q, period, ...splitPeriod(period), assessment: q.assessment, outcome: q.outcome };
}
