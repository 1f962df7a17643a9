import { gradeYear } from "./annual/grade.js";
import { summarizeQuarter, type AssessedQuarter, type QuarterSummary } from "./annual/quarter.js";

export { summarizeQuarter, type AssessedQuarter, type QuarterSummary };
import { RunCancelled, type CancelSignal, type NewWorkbook, type WorkbookReader } from "./io/workbook.js";
import type { AnnualIssue } from "./model/issues.js";
import { ANNUAL_STEPS, type AnnualProgress, type AnnualStep, type Progress } from "./model/progress.js";
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
  /** The annual issues as data (the result's carry their Chinese messages): the task pane shows them in its language. */
  readonly issues: readonly AnnualIssue[];
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

/** The grade, its JSON result and the annual sheets, before the workbook is packed. */
async function gradeQuarters(
  quarters: readonly AssessedQuarter[],
  { now, sha256 }: Pick<AnnualRunOptions, "now" | "sha256">,
): Promise<Omit<AnnualRunOutput, "workbook">> {
  const grade = gradeYear(quarters);
  const result = buildAnnualResult(grade, quarters);
  const fingerprinted = [];
  if (grade.ok)
    for (const q of grade.quarters)
      fingerprinted.push({ period: q.period, inputFingerprint: await inputFingerprint(q.assessment, sha256) });
  const record = {
    time: localTimestamp(now),
    quarters: fingerprinted,
    resultFingerprint: await resultFingerprint(result, sha256),
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
    issues: grade.issues,
    quarters: quarters.map(summarizeQuarter),
    sheets,
    fileName: fatal ? null : annualWorkbookName(result),
    latest: grade.ok ? quarters.findIndex((q) => q.result === grade.quarters.at(-1)!.result) : null,
  };
}

/**
 * The year from its assessed quarters: the annual grade, its JSON result and the new workbook.
 * Pure (tests grade the same quarters at two times with it); asynchronous only as a host's
 * SHA-256 may be.
 */
export async function gradeAssessedQuarters(
  quarters: readonly AssessedQuarter[],
  options: Pick<AnnualRunOptions, "now" | "newWorkbook" | "sha256">,
): Promise<AnnualRunOutput> {
  const graded = await gradeQuarters(quarters, options);
  return { ...graded, workbook: graded.fileName === null ? null : options.newWorkbook(graded.sheets) };
}

export interface AnnualRunOptions {
  /** The run's time as written into 运行记录. */
  readonly now: Date;
  /** Called at the start of every step, for every workbook read, and once at the end; a returned promise is awaited (a page can paint). */
  readonly onProgress?: (p: AnnualProgress) => void | Promise<void>;
  /** Stops the run between steps and workbooks (RunCancelled), and the reading within one. */
  readonly signal?: CancelSignal;
  /** The adapter that makes the new annual workbook (the .xlsx package writer's createWorkbook). */
  readonly newWorkbook: NewWorkbook;
  /** SHA-256 for the fingerprints, the quarters' own included (see RunOptions.sha256). */
  readonly sha256?: RunOptions["sha256"];
}

/**
 * A quarter for the year: a workbook to assess, or one already assessed (the task pane assesses
 * each file when it is added, to show its period and status, and does not read it twice).
 */
export type AnnualInput = QuarterFile | AssessedQuarter;

/**
 * read each quarterly workbook → its quarterly assessment → the year's grade → the annual workbook.
 * Progress by step (ANNUAL_STEPS); during `quarters`, which workbook and how far its own run is.
 */
export async function runAnnual(inputs: readonly AnnualInput[], options: AnnualRunOptions): Promise<AnnualRunOutput> {
  const { onProgress, signal } = options;
  const steps = ANNUAL_STEPS.length;
  const report = (step: AnnualStep, done: number | null, total: number | null, quarter: AnnualProgress["quarter"] = null) =>
    onProgress?.({ step, stepNumber: ANNUAL_STEPS.indexOf(step) + 1, steps, done, total, quarter });
  const begin = async (step: AnnualStep, done: number | null, total: number | null, quarter: AnnualProgress["quarter"] = null) => {
    if (signal?.aborted) throw new RunCancelled(signal.reason);
    await report(step, done, total, quarter);
  };

  const quarters: AssessedQuarter[] = [];
  for (const [i, input] of inputs.entries()) {
    if (!("reader" in input)) {
      quarters.push(input);
      continue;
    }
    const quarter = (progress: Progress) => ({ file: input.file, number: i + 1, progress });
    await begin("quarters", i, inputs.length, quarter({ step: "read", stepNumber: 1, steps: 3, done: null, total: null }));
    quarters.push(
      await assessQuarter(input, {
        now: options.now,
        sha256: options.sha256,
        signal,
        onProgress: (p) => report("quarters", i, inputs.length, quarter(p)),
      }),
    );
  }
  await begin("grade", null, null);
  const graded = await gradeQuarters(quarters, options);
  if (graded.fileName === null) {
    await report("write", 1, 1);
    return { ...graded, workbook: null };
  }
  await begin("write", null, null);
  const workbook = options.newWorkbook(graded.sheets);
  await report("write", 1, 1);
  return { ...graded, workbook };
}
