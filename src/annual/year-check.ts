import { annualIssue, type AnnualIssue, type IssueParams } from "../model/issues.js";
import { periodOf, usableQuarter, type AssessedQuarter, type UsableQuarter } from "./quarter.js";

export type YearCheck =
  | {
      readonly ok: true;
      readonly year: number;
      /** In quarter order; the last is the latest quarter. */
      readonly quarters: readonly UsableQuarter[];
      /** ANNUAL_QUARTER_UNUSABLE, ANNUAL_QUARTER_ABSENT, ANNUAL_QUARTER_PROVISIONAL. */
      readonly issues: readonly AnnualIssue[];
    }
  | {
      readonly ok: false;
      /** The usable quarters' year when they have one. */
      readonly year: number | null;
      /** ANNUAL_QUARTER_UNUSABLE and the fatal problems, nothing later. */
      readonly issues: readonly AnnualIssue[];
    };

/**
 * Places the assessed workbooks in their year (annual.md §1): leaves out the unusable ones,
 * stops on mixed years, repeated quarters or none at all (every such problem reported
 * together), then notes the quarters with no workbook and the provisional ones.
 */
export function checkYear(workbooks: readonly AssessedQuarter[]): YearCheck {
  const issues: AnnualIssue[] = [];
  const usable: UsableQuarter[] = [];
  for (const w of workbooks) {
    const u = usableQuarter(w);
    if (u) usable.push(u);
    else issues.push(annualIssue("ANNUAL_QUARTER_UNUSABLE", unusableParams(w), { file: w.file }));
  }

  const years = [...new Set(usable.map((q) => q.year))];
  const fatal: AnnualIssue[] = [];
  if (years.length > 1) {
    const byYear = [...years]
      .sort((a, b) => a - b)
      .map((year) => ({ year, files: usable.filter((q) => q.year === year).map((q) => q.file) }));
    fatal.push(annualIssue("ANNUAL_YEAR_MIXED", { years: byYear }));
  }
  const first = new Map<string, UsableQuarter>();
  for (const q of usable) {
    const earlier = first.get(q.period);
    if (earlier) fatal.push(annualIssue("ANNUAL_QUARTER_DUPLICATE", { firstFile: earlier.file }, { period: q.period, file: q.file }));
    else first.set(q.period, q);
  }
  if (usable.length === 0) fatal.push(annualIssue("ANNUAL_NO_QUARTER", { given: workbooks.length }));
  if (fatal.length > 0) return { ok: false, year: years.length === 1 ? years[0]! : null, issues: [...issues, ...fatal] };

  const year = years[0]!;
  const quarters = [...usable].sort((a, b) => a.quarter - b.quarter);
  for (let n = 1; n <= 4; n++) {
    if (!quarters.some((q) => q.quarter === n)) issues.push(annualIssue("ANNUAL_QUARTER_ABSENT", {}, { period: periodOf(year, n) }));
  }
  for (const q of quarters) {
    if (q.result.status === "provisional") {
      issues.push(annualIssue("ANNUAL_QUARTER_PROVISIONAL", { errors: q.result.summary.errors }, { period: q.period, file: q.file }));
    }
  }
  return { ok: true, year, quarters, issues };
}

/** Why a workbook cannot be placed: its quarterly result is fatal, or its 考核周期 is missing or invalid. */
function unusableParams(w: AssessedQuarter): IssueParams["ANNUAL_QUARTER_UNUSABLE"] {
  const r = w.result;
  if (r.status === "fatal") {
    const first = r.issues.find((i) => i.severity === "fatal");
    return { reason: "fatal", fatal: r.summary.fatal, first: { code: first?.code ?? "WORKBOOK_UNREADABLE", sheet: first?.sheet ?? null } };
  }
  return { reason: "period", missing: r.issues.some((i) => i.code === "PERIOD_MISSING") };
}
