/**
 * 年度定级 for both modes: each quarterly workbook assessed once when it is added, then the year
 * graded from those assessments by the annual pipeline (runAnnual), and the new workbook handed
 * to the mode to open or download. The modes differ only in how they read a source and deliver.
 */
import {
  assessQuarter,
  runAnnual,
  summarizeQuarter,
  type AnnualInput as PipelineInput,
  type AssessedQuarter,
} from "../src/annual-pipeline.js";
import type { WorkbookReader } from "../src/io/workbook.js";
import type { RunOptions } from "../src/pipeline.js";
import { createWorkbook } from "../src/io/xlsx/writer.js";
import type { AnnualInput } from "../src/model/annual-result.js";
import type { AnnualDelivery, AnnualOperations, AnnualTaskOptions, QuarterSource } from "./operations.js";

export interface AnnualModeOptions {
  /** The run time written into 运行记录. */
  readonly now: () => Date;
  /** The fingerprints' SHA-256, if the host has a faster one than the pure (RunOptions.sha256). */
  readonly sha256?: RunOptions["sha256"];
  /** Excel mode: the workbook open in Excel can be a quarter. */
  readonly openWorkbook: boolean;
  /** The source's file name (no folder) and a reader over it. */
  readonly read: (source: QuarterSource) => Promise<{ readonly file: string; readonly reader: WorkbookReader }>;
  /** Opens or offers the new workbook. */
  readonly deliver: (workbook: { readonly fileName: string; readonly bytes: Uint8Array }) => Promise<AnnualDelivery>;
}

export function createAnnualOperations(mode: AnnualModeOptions): AnnualOperations {
  // A file's bytes never change, so its assessment is kept while the pane holds them; the open
  // workbook is read at every use (people fix it between checking and grading).
  const assessed = new WeakMap<Uint8Array, AssessedQuarter>();

  /** One workbook as 一键评分排名 assesses it (progress as a one-step annual run: that workbook). */
  async function assess(source: QuarterSource, options: AnnualTaskOptions): Promise<AssessedQuarter> {
    const kept = source.kind === "file" ? assessed.get(source.bytes) : undefined;
    if (kept) return kept;
    const { file, reader } = await mode.read(source);
    const quarter = await assessQuarter(
      { file, reader },
      {
        now: mode.now(),
        sha256: mode.sha256,
        signal: options.signal,
        onProgress: (progress) =>
          options.onProgress({ step: "quarters", stepNumber: 1, steps: 1, done: 0, total: 1, quarter: { file, number: 1, progress } }),
      },
    );
    if (source.kind === "file") assessed.set(source.bytes, quarter);
    return quarter;
  }

  return {
    openWorkbook: mode.openWorkbook,

    async checkQuarter(source, options): Promise<AnnualInput> {
      return summarizeQuarter(await assess(source, options));
    },

    async gradeYear(sources, options) {
      const inputs: PipelineInput[] = [];
      for (const source of sources) inputs.push((source.kind === "file" && assessed.get(source.bytes)) || (await mode.read(source)));
      const out = await runAnnual(inputs, {
        now: mode.now(),
        sha256: mode.sha256,
        onProgress: options.onProgress,
        signal: options.signal,
        newWorkbook: createWorkbook,
      });
      const workbook = out.workbook && out.fileName ? await mode.deliver({ fileName: out.fileName, bytes: out.workbook }) : null;
      return { result: out.result, issues: out.issues, quarters: out.quarters, workbook };
    },
  };
}
