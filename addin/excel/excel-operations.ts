/// <reference types="office-js" />
/**
 * The task pane's operations inside Excel: the pipeline, the template and the rater merge on
 * the open workbook through the Office.js adapter. Output sheets are replaced in the
 * workbook; input sheets are only ever changed by 导入评分表 (patchCells) and by 新建考核模板 from the
 * workbook's own roster, which regenerates the grids (regenerate-in-excel.ts).
 */
import type { Assessed, MergeSummary, Progress, RunControl, TaskPaneOperations, TemplateOutcome } from "../operations.js";
import type { ResultOverview } from "../../src/model/result.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { UserError } from "../../src/model/failure.js";
import { overlongTexts, type OverlongText } from "../../src/report/excel-limits.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { profileBlockRange } from "../../src/report/sheets/profiles.js";
import { periodOrThrow } from "../../src/model/settings.js";
import { applyMerge, planReturnedFile } from "../../src/merge/apply-merge.js";
import { runAssessment } from "../../src/pipeline.js";
import { localTimestamp } from "../../src/model/timestamp.js";
import { createdOutcome, newTemplate } from "../../src/template/new-template.js";
import { planWorkbookRegeneration } from "../../src/template/regenerate.js";
import { regenerateInExcel } from "./regenerate-in-excel.js";
import { ExcelWorkbook, type ExcelWorkbookOptions } from "./excel-workbook.js";
import type { SkippedFeature } from "./requirements.js";
import { createAnnualOperations } from "../annual-operations.js";
import { platformSha256 } from "../subtle-sha256.js";

/** The open workbook's name in annual issues and summaries where Excel cannot say it (before ExcelApi 1.7). */
const OPEN_WORKBOOK = "当前工作簿";

export interface ExcelOperationsOptions extends ExcelWorkbookOptions {
  /** The run time written into 运行记录. */
  readonly now?: () => Date;
}

export interface ExcelOperations extends TaskPaneOperations {
  readonly mode: "excel";
  /** What the last write (scoring or template) left out because this Excel lacks the API. */
  skippedFeatures(): readonly SkippedFeature[];
  selectCell(sheet: string, cell: string): Promise<void>;
  showProfile(result: ResultOverview, branch: string): Promise<void>;
}

export function createExcelOperations(options: ExcelOperationsOptions = {}): ExcelOperations {
  const now = options.now ?? (() => new Date());
  // SubtleCrypto where the Office webview has it (an add-in is served over https), else the pure SHA-256.
  const sha256 = platformSha256();
  let skipped: readonly SkippedFeature[] = [];
  let shortened: readonly OverlongText[] = [];
  const workbook = () => new ExcelWorkbook(options);

  async function assess(onProgress: (p: Progress) => void, write: boolean, { signal }: RunControl = {}): Promise<Assessed> {
    const wb = workbook();
    // Cancelled, the reading stops between slices and the writing deletes its temporary sheets.
    const { result, issues, sheets, written } = await runAssessment(wb, write ? wb : null, { now: now(), onProgress, signal, sha256 });
    if (written) {
      skipped = wb.skipped;
      shortened = overlongTexts(sheets);
    }
    return { result, issues };
  }

  return {
    mode: "excel",

    skippedFeatures: () => skipped,
    shortenedTexts: () => shortened,

    async newTemplate({ period, roster = { kind: "example" } }): Promise<TemplateOutcome> {
      const normalised = periodOrThrow(period);
      const wb = workbook();
      if (roster.kind === "workbook") {
        const plan = await planWorkbookRegeneration(wb, { period: normalised, time: localTimestamp(now()) });
        await regenerateInExcel(wb, plan);
        skipped = wb.skipped;
        return { kind: "regenerated", summary: plan.summary, download: null };
      }
      const made = await newTemplate(roster, normalised, (bytes) => new XlsxReader(bytes));
      const { sheetNames } = await wb.read([]);
      const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
      const clash = made.sheets.filter((s) => taken.has(s.name.toLowerCase())).map((s) => s.name);
      if (clash.length > 0) throw new UserError("TEMPLATE_SHEETS_EXIST", { sheets: clash });
      await wb.writeSheets(made.sheets);
      skipped = wb.skipped;
      return { kind: "created", ...createdOutcome(made), download: null };
    },

    async importRaterFile(file, as): Promise<MergeSummary> {
      const wb = workbook();
      const plan = await planReturnedFile(wb, new XlsxReader(file), as);
      return applyMerge(wb, plan);
    },

    validate: (onProgress, control) => assess(onProgress, false, control),
    scoreAndRank: (onProgress, control) => assess(onProgress, true, control),

    async selectCell(sheet, cell) {
      await workbook().select(sheet, cell);
    },

    // The block is where 一键评分排名 put it: the sheet is laid out from the result alone.
    async showProfile(result, branch) {
      await workbook().select(OUTPUT_SHEETS.profiles, profileBlockRange(result, branch));
    },

    // 年度定级: the open workbook through Office.js, the other quarters as files; the new
    // workbook opens in Excel where the host can (ExcelApi 1.8), else it is downloaded.
    annual: createAnnualOperations({
      now,
      sha256,
      openWorkbook: true,
      read: async (source) => {
        if (source.kind === "file") return { file: source.file, reader: new XlsxReader(source.bytes) };
        const wb = workbook();
        return { file: (await wb.fileName()) ?? OPEN_WORKBOOK, reader: wb };
      },
      deliver: async ({ fileName, bytes }) => {
        const wb = workbook();
        if (!wb.canCreateWorkbook()) return { how: "download", fileName, bytes, why: "noApi" };
        try {
          await wb.createWorkbook(bytes);
          return { how: "opened", fileName };
        } catch {
          // Refused by the host (e.g. a blocked window): the workbook is still there to download.
          return { how: "download", fileName, bytes, why: "openFailed" };
        }
      },
    }),
  };
}
