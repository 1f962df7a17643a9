/**
 * Browser file mode's work: the task pane's operations on an .xlsx file, with the same
 * pipeline and .xlsx adapter as the CLI. It runs in a Web Worker (worker.ts), so that reading,
 * validating, scoring and writing never hold up the page; the page talks to it through
 * file-operations.ts. Nothing is uploaded. Input bytes are never changed: 导入评分表 patches a
 * working copy, 一键评分排名 writes the output sheets into a copy of that, which the user
 * downloads as `<原文件名>-评分结果.xlsx`; a cancelled run leaves both as they were.
 */
import type { Assessed, MergeSummary, Progress, RunControl, TaskPaneOperations, TemplateOutcome } from "../operations.js";
import { overlongTexts, type OverlongText } from "../../src/report/excel-limits.js";
import { runAssessment } from "../../src/pipeline.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { RunCancelled, WorkbookUnreadableError } from "../../src/io/workbook.js";
import { UserError } from "../../src/model/failure.js";
import { periodOrThrow } from "../../src/model/settings.js";
import { applyMerge, changesSomething, planReturnedFile } from "../../src/merge/apply-merge.js";
import { localTimestamp } from "../../src/model/timestamp.js";
import { createdOutcome, newTemplate } from "../../src/template/new-template.js";
import { applyRegeneration, planWorkbookRegeneration } from "../../src/template/regenerate.js";
import { derivedName, type DownloadFile } from "./download.js";
import { createAnnualOperations } from "../annual-operations.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import type { Compression } from "../../src/io/xlsx/compression.js";
import type { TextHasher } from "../../src/report/sha256.js";
import { streamCompression } from "./stream-compression.js";
import { platformSha256 } from "../subtle-sha256.js";

/** The workbook file behind file mode, as the page shows it. */
export interface FileState {
  /** The open workbook's file name, or null before one is opened. */
  readonly fileName: string | null;
  /**
   * What to download now: the scored workbook after 一键评分排名, else the working copy after
   * 导入评分表, else null.
   */
  readonly download: WorkbookDownload | null;
}

/** The workbook file behind file mode: opening it, and its state as a store the page subscribes to. */
export interface WorkbookFile {
  /** Opens a workbook the user chose or dropped; rejects with a Chinese message if unreadable. */
  open(fileName: string, bytes: Uint8Array): Promise<void>;
  /** The state now: the same object until it changes (a snapshot for useSyncExternalStore). */
  state(): FileState;
  /** Calls `onChange` after every change of the state; returns the way to stop. */
  subscribe(onChange: () => void): () => void;
}

export interface WorkbookDownload extends DownloadFile {
  readonly kind: "scored" | "imported";
}

export interface FileModeOperations extends TaskPaneOperations, WorkbookFile {
  readonly mode: "file";
}

export interface FileSessionOptions {
  /** The run time written into 运行记录. */
  readonly now: () => Date;
  /** Saves a new file on the user's computer (新建考核模板). */
  readonly save: (file: DownloadFile) => void;
  /**
   * How the written workbooks are deflated, and the parts read inflated: the platform's
   * CompressionStream and DecompressionStream unless told otherwise.
   */
  readonly compression?: Compression;
  /** The fingerprints' SHA-256: the platform's SubtleCrypto where the page has it (platformSha256). */
  readonly sha256?: () => TextHasher;
}

interface OpenWorkbook {
  readonly fileName: string;
  /** The working copy: the file as opened, plus any imported rater cells. */
  workbook: XlsxWorkbook;
  /** The scored copy (一键评分排名), or the working copy once 导入评分表 changed it. */
  download: WorkbookDownload | null;
}

export function createFileSession({
  now,
  save,
  compression = streamCompression,
  sha256 = platformSha256(),
}: FileSessionOptions): FileModeOperations {
  const xlsx = (bytes: Uint8Array) => new XlsxWorkbook(bytes, { compression });
  let current: OpenWorkbook | null = null;
  let shortened: readonly OverlongText[] = [];
  let state: FileState = { fileName: null, download: null };
  const listeners = new Set<() => void>();
  const changed = () => {
    state = { fileName: current?.fileName ?? null, download: current?.download ?? null };
    for (const onChange of listeners) onChange();
  };

  const required = (): OpenWorkbook => {
    if (!current) throw new UserError("NO_WORKBOOK_OPEN", {});
    return current;
  };
  async function assess(onProgress: (p: Progress) => void, write: boolean, { signal }: RunControl = {}): Promise<Assessed> {
    const open = required();
    // The scored workbook is a copy: the working copy stays as opened (plus any imports).
    const scored = write ? xlsx(open.workbook.bytes()) : null;
    const { result, issues, sheets, written } = await runAssessment(open.workbook, scored, {
      now: now(),
      signal,
      sha256,
      onProgress: async (p) => {
        onProgress(p);
        await nextTask(); // the steps are synchronous: let a cancel (a message) in between them
      },
    });
    // Cancelled while the write ran (it completes once begun): the copy is dropped unseen. The
    // cancel is a message, taken only between tasks: a task first, then the signal is current.
    if (signal) await nextTask();
    if (signal?.aborted) throw new RunCancelled(signal.reason);
    if (scored && written) {
      open.download = { kind: "scored", fileName: derivedName(open.fileName, "评分结果"), bytes: scored.bytes() };
      shortened = overlongTexts(sheets);
      changed();
    }
    return { result, issues };
  }

  return {
    mode: "file",

    async open(fileName, bytes) {
      let workbook: XlsxWorkbook;
      try {
        workbook = xlsx(bytes);
        await workbook.read([]);
      } catch (e) {
        if (e instanceof WorkbookUnreadableError) throw e.of({ file: fileName });
        throw e;
      }
      current = { fileName, workbook, download: null };
      changed();
    },

    state: () => state,

    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },

    shortenedTexts: () => shortened,

    async newTemplate({ period, roster = { kind: "example" } }): Promise<TemplateOutcome> {
      const normalised = periodOrThrow(period);
      if (roster.kind === "workbook") {
        // A regenerated copy of the open workbook (the working copy, with any imports) to download.
        const open = required();
        const copy = xlsx(open.workbook.bytes());
        const plan = await planWorkbookRegeneration(copy, { period: normalised, time: localTimestamp(now()) });
        await applyRegeneration(copy, plan);
        const fileName = derivedName(open.fileName, "新模板");
        save({ fileName, bytes: copy.bytes() });
        return { kind: "regenerated", summary: plan.summary, download: fileName };
      }
      const made = await newTemplate(roster, normalised, xlsx);
      const fileName = `支部考核模板${normalised ? `-${normalised}` : ""}.xlsx`;
      save({ fileName, bytes: XlsxWorkbook.create(made.sheets).bytes() });
      return { kind: "created", ...createdOutcome(made), download: fileName };
    },

    async importRaterFile(file, as): Promise<MergeSummary> {
      const open = required();
      const plan = await planReturnedFile(open.workbook, xlsx(file), as);
      const summary = await applyMerge(open.workbook, plan);
      if (changesSomething(plan)) {
        open.download = { kind: "imported", fileName: derivedName(open.fileName, "已导入"), bytes: open.workbook.bytes() };
        changed();
      }
      return summary;
    },

    validate: (onProgress, control) => assess(onProgress, false, control),
    scoreAndRank: (onProgress, control) => assess(onProgress, true, control),

    // 年度定级 reads its own files (the quarters), never the open workbook; the new one is downloaded.
    annual: createAnnualOperations({
      now,
      sha256,
      openWorkbook: false,
      read: async (source) => {
        if (source.kind !== "file") throw new UserError("NO_WORKBOOK_OPEN", {});
        return { file: source.file, reader: new XlsxReader(source.bytes, { nativeInflate: compression }) };
      },
      deliver: async ({ fileName, bytes }) => ({ how: "download", fileName, bytes, why: "fileMode" }),
    }),
  };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
