import type { MergeSummary } from "../src/merge/apply-merge.js";
import type { AnnualIssue, Issue } from "../src/model/issues.js";
import type { AnnualInput, AnnualResult } from "../src/model/annual-result.js";
import type { ResultOverview } from "../src/model/result.js";
import type { AnnualProgress, Progress } from "../src/model/progress.js";
import type { RegenerationSummary } from "../src/model/regeneration.js";
import type { GridSheet } from "../src/model/sheets.js";
import type { OverlongText } from "../src/report/excel-limits.js";

export type { AnnualProgress, MergeSummary, Progress, RegenerationSummary };

/** Where 新建考核模板 takes the roster from. */
export type TemplateRoster =
  /** The open workbook's 支部名册: its grids are regenerated, every typed score kept. */
  | { readonly kind: "workbook" }
  /** A roster file people chose: .xlsx (its 支部名册, or the first sheet with the roster header) or .csv. */
  | { readonly kind: "file"; readonly fileName: string; readonly bytes: Uint8Array }
  /** A few example branches marked 示例, to be replaced in 支部名册 and regenerated. */
  | { readonly kind: "example" };

/** What 新建考核模板 did. */
export type TemplateOutcome =
  | {
      readonly kind: "created";
      readonly branches: number;
      /** The roster file's name and the sheet it was read from (null: example branches). */
      readonly source: { readonly file: string; readonly sheet: string } | null;
      /** Rules and settings carried over from the roster file (a whole assessment workbook). */
      readonly rulesCarried: boolean;
      readonly settingsCarried: boolean;
      readonly period: string | null;
      /** File mode: the downloaded workbook's name (null in Excel: the sheets are in the open workbook). */
      readonly download: string | null;
    }
  | {
      readonly kind: "regenerated";
      readonly summary: RegenerationSummary;
      /** File mode: the downloaded workbook's name (null in Excel). */
      readonly download: string | null;
    };

/** What 校验 and 一键评分排名 give the task pane: the JSON result, and its issues as data to show in the UI's language. */
export interface Assessed {
  readonly result: ResultOverview;
  readonly issues: readonly Issue[];
}

/**
 * Everything the task pane can do, injected as props: Excel mode implements it with the
 * Office.js adapter, browser file mode with the .xlsx adapter. Components never compute scores.
 */
export interface TaskPaneOperations {
  /** Where the operations act: inside Excel, or on a file opened in the browser. */
  readonly mode: "excel" | "file";
  /**
   * 新建考核模板: from a roster file or the example branches, Excel mode adds the template sheets
   * to the open workbook and file mode downloads a new workbook; from the workbook's own
   * 支部名册, Excel mode regenerates its grids in place and file mode downloads the regenerated
   * copy. `roster` defaults to the example branches.
   */
  newTemplate(options: { readonly period: string | null; readonly roster?: TemplateRoster }): Promise<TemplateOutcome>;
  /** 导入评分表: merges a rater's filled copy into the current workbook. */
  importRaterFile(file: Uint8Array, as: GridSheet | null): Promise<MergeSummary>;
  /** 校验: validation only. */
  validate(onProgress: (p: Progress) => void, options?: RunControl): Promise<Assessed>;
  /**
   * 一键评分排名: validate, score, rank and write the output sheets and charts. Cancelled
   * (the pane's 取消), it rejects and leaves the workbook as it was.
   */
  scoreAndRank(onProgress: (p: Progress) => void, options?: RunControl): Promise<Assessed>;
  /** Texts the last 一键评分排名 had to shorten to Excel's 32,767 characters a cell (names, notes, messages). */
  shortenedTexts?(): readonly OverlongText[];
  /** Selects a cell in Excel (clicking an issue); file mode has no sheet to show. */
  selectCell?(sheet: string, cell: string): Promise<void>;
  /**
   * 转到画像页: selects the branch's block on 支部画像 as the result lays it out (Excel mode only:
   * file mode has no sheet to show).
   */
  showProfile?(result: ResultOverview, branch: string): Promise<void>;
  /** 年度定级: the year's grade from its quarterly workbooks. */
  readonly annual?: AnnualOperations;
}

/** How the pane stops a run: an AbortSignal will do (the operation then rejects). */
export interface RunControl {
  readonly signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

/** A quarterly workbook for 年度定级: a file the user added, or (Excel mode) the workbook open in Excel. */
export type QuarterSource = { readonly kind: "file"; readonly file: string; readonly bytes: Uint8Array } | { readonly kind: "open" };

/** How an annual operation reports and stops: progress by named step, and the pane's cancel button. */
export interface AnnualTaskOptions {
  readonly onProgress: (p: AnnualProgress) => void;
  /** An AbortSignal will do: stops between steps and workbooks (the operation then rejects). */
  readonly signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

/** Where the new annual workbook went: opened in Excel, or ready to download (and why not opened). */
export type AnnualDelivery =
  | { readonly how: "opened"; readonly fileName: string }
  | { readonly how: "download"; readonly fileName: string; readonly bytes: Uint8Array; readonly why: "fileMode" | "noApi" | "openFailed" };

/** What 年度定级 gives the pane: the annual JSON result, its issues as data, every workbook's summary, the new workbook. */
export interface AnnualOutcome {
  readonly result: AnnualResult;
  readonly issues: readonly AnnualIssue[];
  /** Every workbook given, in order, as its own quarterly run found it (the open workbook read again). */
  readonly quarters: readonly AnnualInput[];
  /** Null on a fatal run: there is no grade to hold. */
  readonly workbook: AnnualDelivery | null;
}

/**
 * 年度定级 (annual.md) in the task pane. Each workbook is assessed as 一键评分排名 would, without
 * writing, when it is added (the pane shows its period, status and issue counts); the grade uses
 * those assessments (the open workbook is read again: it may have been edited since) and
 * delivers a new workbook. Inputs are never changed.
 */
export interface AnnualOperations {
  /** Excel mode: the workbook open in Excel can be one of the quarters. */
  readonly openWorkbook: boolean;
  checkQuarter(source: QuarterSource, options: AnnualTaskOptions): Promise<AnnualInput>;
  gradeYear(sources: readonly QuarterSource[], options: AnnualTaskOptions): Promise<AnnualOutcome>;
}
