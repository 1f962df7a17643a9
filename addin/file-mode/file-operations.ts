/**
 * Browser file mode: the task pane's operations on an .xlsx file opened in the page, with the
 * same pipeline and .xlsx adapter as the CLI. Everything runs in the page; nothing is uploaded.
 * Input bytes are never changed: 导入评分表 patches a working copy, 一键评分排名 writes the output
 * sheets into a copy of that, which the user downloads as `<原文件名>-评分结果.xlsx`.
 */
import type { MergeSummary, Progress, TaskPaneOperations } from "../operations.js";
import type { Result } from "../../src/model/result.js";
import { overlongTexts, type OverlongText } from "../../src/report/excel-limits.js";
import { runAssessment } from "../../src/pipeline.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { WorkbookUnreadableError } from "../../src/io/workbook.js";
import { UserError } from "../../src/model/failure.js";
import { periodOrThrow } from "../../src/model/settings.js";
import { applyMerge, changesSomething, planReturnedFile } from "../../src/merge/apply-merge.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { translate, type Language, type StringId } from "../taskpane/strings.js";
import { derivedName, saveFile, type DownloadFile } from "./download.js";

/** The workbook file behind file mode: opening it and what there is to download. */
export interface WorkbookFile {
  /** Opens a workbook the user chose or dropped; rejects with a Chinese message if unreadable. */
  open(fileName: string, bytes: Uint8Array): Promise<void>;
  /** The open workbook's file name, or null before one is opened. */
  fileName(): string | null;
  /**
   * What to download now: the scored workbook after 一键评分排名, else the working copy after
   * 导入评分表, else null. The same object until the workbook changes.
   */
  download(): WorkbookDownload | null;
}

export interface WorkbookDownload extends DownloadFile {
  readonly kind: "scored" | "imported";
}

export interface FileModeOperations extends TaskPaneOperations, WorkbookFile {
  readonly mode: "file";
}

export interface FileModeOptions {
  /** The UI language, for progress labels. */
  readonly language?: () => Language;
  /** The run time written into 运行记录. */
  readonly now?: () => Date;
  /** Saves a new file on the user's computer (新建考核模板); default: a download link. */
  readonly save?: (file: DownloadFile) => void;
}

interface OpenWorkbook {
  readonly fileName: string;
  /** The working copy: the file as opened, plus any imported rater cells. */
  workbook: XlsxWorkbook;
  /** The scored copy (一键评分排名), or the working copy once 导入评分表 changed it. */
  download: WorkbookDownload | null;
}

export function createFileOperations(options: FileModeOptions = {}): FileModeOperations {
  const text = (id: StringId) => translate(options.language?.() ?? "zh", id);
  const now = options.now ?? (() => new Date());
  const save = options.save ?? saveFile;
  let current: OpenWorkbook | null = null;
  let shortened: readonly OverlongText[] = [];

  const required = (): OpenWorkbook => {
    if (!current) throw new UserError("NO_WORKBOOK_OPEN", {});
    return current;
  };
  const report = async (onProgress: (p: Progress) => void, fraction: number, id: StringId) => {
    onProgress({ fraction, label: text(id) });
    await nextFrame(); // let the progress bar paint before the next synchronous step
  };

  async function assess(onProgress: (p: Progress) => void, write: boolean): Promise<Result> {
    const open = required();
    await report(onProgress, 0.1, "progressScoring");
    const { result, sheets } = await runAssessment(open.workbook, { now: now() });
    if (write && sheets.length > 0) {
      await report(onProgress, 0.75, "progressWriting");
      const copy = new XlsxWorkbook(open.workbook.bytes());
      await copy.writeSheets(sheets);
      open.download = { kind: "scored", fileName: derivedName(open.fileName, "评分结果"), bytes: copy.bytes() };
      shortened = overlongTexts(sheets);
    }
    onProgress({ fraction: 1, label: text("progressDone") });
    return result;
  }

  return {
    mode: "file",

    async open(fileName, bytes) {
      let workbook: XlsxWorkbook;
      try {
        workbook = new XlsxWorkbook(bytes);
        await workbook.read([]);
      } catch (e) {
        if (e instanceof WorkbookUnreadableError) throw e.of({ file: fileName });
        throw e;
      }
      current = { fileName, workbook, download: null };
    },

    fileName: () => current?.fileName ?? null,

    download: () => current?.download ?? null,

    shortenedTexts: () => shortened,

    async newTemplate({ period }) {
      const normalised = periodOrThrow(period);
      save({ fileName: `支部考核模板${normalised ? `-${normalised}` : ""}.xlsx`, bytes: XlsxWorkbook.create(templateSheets({ period: normalised })).bytes() });
    },

    async importRaterFile(file, as): Promise<MergeSummary> {
      const open = required();
      const plan = await planReturnedFile(open.workbook, new XlsxWorkbook(file), as);
      const summary = await applyMerge(open.workbook, plan);
      if (changesSomething(plan)) {
        open.download = { kind: "imported", fileName: derivedName(open.fileName, "已导入"), bytes: open.workbook.bytes() };
      }
      return summary;
    },

    validate: (onProgress) => assess(onProgress, false),
    scoreAndRank: (onProgress) => assess(onProgress, true),
  };
}


function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
