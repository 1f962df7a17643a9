/// <reference types="office-js" />
/**
 * The task pane's operations inside Excel: the pipeline, the template and the rater merge on
 * the open workbook through the Office.js adapter. Output sheets are replaced in the
 * workbook; input sheets are only ever changed by 导入评分表 (patchCells).
 */
import type { MergeSummary, Progress, TaskPaneOperations } from "../operations.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { UserError } from "../../src/model/failure.js";
import type { Result } from "../../src/model/result.js";
import { overlongTexts, type OverlongText } from "../../src/report/excel-limits.js";
import { periodOrThrow } from "../../src/model/settings.js";
import { applyMerge, planReturnedFile } from "../../src/merge/apply-merge.js";
import { runAssessment } from "../../src/pipeline.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { ExcelWorkbook, type ExcelWorkbookOptions, type WorkbookProgress } from "./excel-workbook.js";
import type { SkippedFeature } from "./requirements.js";

export type Language = "zh" | "en";

export interface ExcelOperationsOptions extends Omit<ExcelWorkbookOptions, "onProgress"> {
  /** The run time written into 运行记录. */
  readonly now?: () => Date;
  /** The UI language, for progress labels. */
  readonly language?: () => Language;
}

export interface ExcelOperations extends TaskPaneOperations {
  readonly mode: "excel";
  /** What the last write (scoring or template) left out because this Excel lacks the API. */
  skippedFeatures(): readonly SkippedFeature[];
  selectCell(sheet: string, cell: string): Promise<void>;
}

const LABELS = {
  zh: {
    reading: "正在读取工作表…",
    scoring: "正在校验、核对双评、计分和排名…",
    writing: "正在写入结果表和图表…",
    done: "完成",
    skipped: (list: string) => `完成。此 Excel 版本不支持以下功能，已跳过：${list}。`,
  },
  en: {
    reading: "Reading the sheets…",
    scoring: "Validating, reconciling raters, scoring and ranking…",
    writing: "Writing the result sheets and charts…",
    done: "Done",
    skipped: (list: string) => `Done. This version of Excel lacks the following, which were left out: ${list}.`,
  },
} as const;

// Shares of the progress bar: reading is most of the wait for validation, writing for scoring.
const READ_END = 0.4;
const SCORE_END = 0.5;

export function createExcelOperations(options: ExcelOperationsOptions = {}): ExcelOperations {
  const now = options.now ?? (() => new Date());
  const labels = () => LABELS[options.language?.() ?? "zh"];
  let skipped: readonly SkippedFeature[] = [];
  let shortened: readonly OverlongText[] = [];
  const workbook = (onProgress?: (p: WorkbookProgress) => void) => new ExcelWorkbook({ ...options, ...(onProgress ? { onProgress } : {}) });

  async function assess(onProgress: (p: Progress) => void, write: boolean): Promise<Result> {
    const t = labels();
    let scoring = false;
    const wb = workbook((p) => {
      if (p.phase === "reading") {
        onProgress({ fraction: p.fraction * READ_END, label: t.reading });
        if (p.fraction >= 1 && !scoring) {
          scoring = true;
          onProgress({ fraction: READ_END, label: t.scoring });
        }
      } else {
        onProgress({ fraction: SCORE_END + p.fraction * (1 - SCORE_END) * 0.99, label: t.writing });
      }
    });
    onProgress({ fraction: 0, label: t.reading });
    const { result, sheets } = await runAssessment(wb, { now: now() });
    if (write && sheets.length > 0) {
      onProgress({ fraction: SCORE_END, label: t.writing });
      await wb.writeSheets(sheets);
      skipped = wb.skipped;
      shortened = overlongTexts(sheets);
    }
    onProgress({ fraction: 1, label: write && skipped.length > 0 ? t.skipped(skipped.map((s) => s[options.language?.() ?? "zh"]).join("、")) : t.done });
    return result;
  }

  return {
    mode: "excel",

    skippedFeatures: () => skipped,
    shortenedTexts: () => shortened,

    async newTemplate({ period }) {
      const sheets = templateSheets({ period: periodOrThrow(period) });
      const wb = workbook();
      const { sheetNames } = await wb.read([]);
      const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
      const clash = sheets.filter((s) => taken.has(s.name.toLowerCase())).map((s) => s.name);
      if (clash.length > 0) throw new UserError("TEMPLATE_SHEETS_EXIST", { sheets: clash });
      await wb.writeSheets(sheets);
      skipped = wb.skipped;
    },

    async importRaterFile(file, as): Promise<MergeSummary> {
      const wb = workbook();
      const plan = await planReturnedFile(wb, new XlsxReader(file), as);
      return applyMerge(wb, plan);
    },

    validate: (onProgress) => assess(onProgress, false),
    scoreAndRank: (onProgress) => assess(onProgress, true),

    async selectCell(sheet, cell) {
      await workbook().select(sheet, cell);
    },
  };
}

