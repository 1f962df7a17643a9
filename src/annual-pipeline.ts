import { gradeYear } from "./annual/grade.js";
import { summarizeQuarter, type AssessedQuarter, type QuarterSummary } from "./annual/quarter.js";

export { summarizeQuarter, type AssessedQuarter, type QuarterSummary };
import type { NewWorkbook, WorkbookReader } from "./io/workbook.js";
import type { AnnualResult } from "./model/annual-result.js";
import { localTimestamp } from "./model/timestamp.js";
import { runAssessment, type RunOptions } from "./pipeline.js";
import { annualChartsSheet } from "./report/annual/charts-sheet.js";
import { annualLogSheet } from "./report/annual/log-sheet.js";
import { annualNoticeSheet } from "./report/annual/notice-sheet.js";
import { annualRankingSheet, annualWorkbookName } from "./report/annual/ranking-sheet.js";
import { annualReportSheet } from "./report/annual/report-sheet.js";
import { buildAnnualResult } from "./report/annual/result-json.js";
import { inputFingerprint, resultFingerprint } from "./report/fingerprints.js";
import type { SheetSpec } from "./report/sheet-spec.js";
import { withRowHeights } from "./report/row-heights.js";
import { SHEETS } from "./model/sheets.js";
import { readPreviousStars } from "./validate/previous-stars.js";

/** A quarterly workbook given to the annual grade: its file name (no folder) and a reader over it. */
export interface QuarterFile {
  readonly file: string;
  readonly reader: WorkbookReader;
}

export interface AnnualRunOutput {
  readonly result: AnnualResult;
  /** Every workbook given, in order: period, status and issue counts of its own quarterly run. */
  readonly quarters: readonly QuarterSummary[];
  /** The annual workbook's sheets; on a fatal run only the report and the run record. */
  readonly sheets: readonly SheetSpec[];
  /**
   * The new annual workbook as .xlsx bytes (年度定级, 公示名单, 年度图表, 年度校验报告, 运行记录),
   * for the CLI to save, the file mode to download and Excel to open (`Excel.createWorkbook`);
   * null on a fatal run, which has no grade to hold.
   */
  readonly workbook: Uint8Array | null;
  /** The name to save it under: `2026年度定级.xlsx`; null on a fatal run. */
  readonly fileName: string | null;
  /** Index (in the order given) of the latest quarter's workbook, beside which the CLI saves; null on a fatal run. */
  readonly latest: number | null;
}

export interface AnnualRunOptions extends RunOptions {
  /** The adapter that makes the new annual workbook (the .xlsx package writer's createWorkbook). */
  readonly newWorkbook: NewWorkbook;
}

/** One quarterly workbook through the quarterly pipeline, as `score` runs it without writing (never its result sheets). */
export async function assessQuarter(q: QuarterFile, options: RunOptions): Promise<AssessedQuarter> {
  const { result, assessed } = await runAssessment(q.reader, null, options);
  return {
    file: q.file,
    result,
    assessment: assessed?.assessment ?? null,
    outcome: assessed?.scored ?? null,
    previousStars: readPreviousStars(assessed?.snapshot.sheets.get(SHEETS.roster) ?? null),
  };
}

/**
 * The year from its assessed quarters: the annual grade, its JSON result and the new workbook.
 * Pure; a task pane can assess the quarters one by one (showing each summary) and then call this.
 */
export function gradeAssessedQuarters(quarters: readonly AssessedQuarter[], options: AnnualRunOptions): AnnualRunOutput {
  const grade = gradeYear(quarters);
  const result = buildAnnualResult(grade, quarters);
  const record = {
    time: localTimestamp(options.now),
    quarters: grade.ok ? grade.quarters.map((q) => ({ period: q.period, inputFingerprint: inputFingerprint(q.assessment) })) : [],
    resultFingerprint: resultFingerprint(result),
  };
  const fatal = result.status === "fatal";
  const sheets = (
    fatal
      ? [annualReportSheet(result), annualLogSheet(result, record)]
      : [
          annualRankingSheet(result),
          annualNoticeSheet(result),
          annualChartsSheet(result),
          annualReportSheet(result),
          annualLogSheet(result, record),
        ]
  ).map(withRowHeights);
  return {
    result,
    quarters: quarters.map(summarizeQuarter),
    sheets,
    workbook: fatal ? null : options.newWorkbook(sheets),
    fileName: fatal ? null : annualWorkbookName(result),
    latest: grade.ok ? quarters.findIndex((q) => q.result === grade.quarters.at(-1)!.result) : null,
  };
}

/** read each quarterly workbook → its quarterly assessment → the year's grade → the annual workbook. */
export async function runAnnual(files: readonly QuarterFile[], options: AnnualRunOptions): Promise<AnnualRunOutput> {
  const quarters: AssessedQuarter[] = [];
  for (const f of files) quarters.push(await assessQuarter(f, options));
  return gradeAssessedQuarters(quarters, options);
}
