import type { MergeSummary } from "../src/merge/apply-merge.js";
import type { Issue } from "../src/model/issues.js";
import type { Result } from "../src/model/result.js";
import type { Progress } from "../src/model/progress.js";
import type { GridSheet } from "../src/model/sheets.js";
import type { OverlongText } from "../src/report/excel-limits.js";

export type { MergeSummary, Progress };

/** What 校验 and 一键评分排名 give the task pane: the JSON result, and its issues as data to show in the UI's language. */
export interface Assessed {
  readonly result: Result;
  readonly issues: readonly Issue[];
}

/**
 * Everything the task pane can do, injected as props: Excel mode implements it with the
 * Office.js adapter, browser file mode with the .xlsx adapter. Components never compute scores.
 */
export interface TaskPaneOperations {
  /** Where the operations act: inside Excel, or on a file opened in the browser. */
  readonly mode: "excel" | "file";
  /** 新建考核模板: Excel mode adds the template sheets; file mode downloads a new workbook. */
  newTemplate(options: { readonly period: string | null }): Promise<void>;
  /** 导入评分表: merges a rater's filled copy into the current workbook. */
  importRaterFile(file: Uint8Array, as: GridSheet | null): Promise<MergeSummary>;
  /** 校验: validation only. */
  validate(onProgress: (p: Progress) => void): Promise<Assessed>;
  /** 一键评分排名: validate, score, rank and write the output sheets and charts. */
  scoreAndRank(onProgress: (p: Progress) => void): Promise<Assessed>;
  /** Texts the last 一键评分排名 had to shorten to Excel's 32,767 characters a cell (names, notes, messages). */
  shortenedTexts?(): readonly OverlongText[];
  /** Selects a cell in Excel (clicking an issue); file mode has no sheet to show. */
  selectCell?(sheet: string, cell: string): Promise<void>;
}
