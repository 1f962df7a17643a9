/**
 * The one flow of a run, whatever holds the workbook (the CLI's file, the browser's file,
 * Excel): read → validate → score and rank → report → write. Callers only supply adapters.
 */
import { assess, type ScoredAssessment } from "./engine/assess.js";
import { RunCancelled, WorkbookUnreadableError, type CancelSignal, type WorkbookReader, type WorkbookWriter } from "./io/workbook.js";
import { issue, locatedIssue, type Issue } from "./model/issues.js";
import { STEPS, type Progress, type Step } from "./model/progress.js";
import type { Assessment } from "./model/assessment.js";
import type { Result } from "./model/result.js";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "./model/sheets.js";
import { localTimestamp } from "./model/timestamp.js";
import type { WorkbookSnapshot } from "./model/workbook.js";
import { inputFingerprint, resultFingerprint, rulesFingerprint } from "./report/fingerprints.js";
import { buildResult } from "./report/result-json.js";
import type { TextHasher } from "./report/sha256.js";
import type { SheetSpec } from "./report/sheet-spec.js";
import { OUTPUT_SHEET_COUNT, outputSheets } from "./report/sheets/output-sheets.js";
import type { LedgerInputs } from "./report/sheets/ledger.js";
import { readPreviousLedger } from "./validate/ledger.js";
import { noteTextsForLedger } from "./validate/notes.js";
import { validateWorkbook, type Validation } from "./validate/validate-workbook.js";

export interface RunOptions {
  /** The run's time as written into 运行记录 (injected so tests and re-runs are reproducible). */
  readonly now: Date;
  /**
   * Called at the start of every step, as adapters advance within one, and once at the end.
   * A returned promise is awaited at step boundaries (a page on the main thread can paint).
   */
  readonly onProgress?: (p: Progress) => void | Promise<void>;
  /**
   * Stops the run between steps (RunCancelled), and within reading and writing where the
   * adapter can (Excel's writes its sheets under temporary names and deletes them); the .xlsx
   * writer, once begun, completes (its caller drops the bytes).
   */
  readonly signal?: CancelSignal;
  /** The SHA-256 of the fingerprints: the pure one unless the host has a faster one giving the same digests. */
  readonly sha256?: () => TextHasher;
}

export interface RunOutput {
  /** The JSON result (result-json.md), messages in Chinese. */
  readonly result: Result;
  /** The same issues as data, for a UI to render in its own language. */
  readonly issues: readonly Issue[];
  /** Output sheets: the results, or with a fatal result only the report and the run log; none for an unreadable file. */
  readonly sheets: readonly SheetSpec[];
  /** Whether the writer was given sheets to write. */
  readonly written: boolean;
  /** What was assessed, for a caller that goes on from the quarter (the annual grade); null when the result is fatal. */
  readonly assessed: AssessedWorkbook | null;
}

/** A workbook that passed validation: its sheets as read, the typed assessment and the engine's scores and ranks. */
export interface AssessedWorkbook {
  readonly snapshot: WorkbookSnapshot;
  readonly assessment: Assessment;
  readonly scored: ScoredAssessment;
}

/**
 * Reads the workbook, validates it, scores and ranks the branches, builds the result and the
 * output sheets, and writes them with `writer` (null: validation only, nothing is written).
 */
export async function runAssessment(reader: WorkbookReader, writer: WorkbookWriter | null, options: RunOptions): Promise<RunOutput> {
  const run = new RunSteps(writer ? STEPS : STEPS.slice(0, -1), options);

  await run.begin("read");
  const snapshot = await readInputs(reader, run);
  if ("unreadable" in snapshot)
    return run.end({
      result: buildResult(null, [], null, snapshot.unreadable),
      issues: snapshot.unreadable,
      sheets: [],
      written: false,
      assessed: null,
    });

  await run.begin("validate");
  const validation = validateWorkbook(snapshot);

  await run.begin("score");
  // Scoring and building the output sheets take seconds at 5,000 branches: progress by stage.
  const scored = validation.ok ? assess(validation.assessment) : null;
  run.within(1, REPORT_STAGES);
  const { result, issues, sheets } = await report(validation, scored, snapshot, options, (stage) => run.within(1 + stage, REPORT_STAGES));
  const assessed = validation.ok && scored ? { snapshot, assessment: validation.assessment, scored } : null;

  if (!writer || sheets.length === 0) return run.end({ result, issues, sheets, written: false, assessed });
  await run.begin("write");
  await writer.writeSheets(sheets, { onProgress: run.within, signal: run.signal });
  return run.end({ result, issues, sheets, written: true, assessed });
}

/**
 * The input sheets, and the 整改台账 an earlier run wrote (read now, before it is replaced, so
 * that what people typed in it is carried over); a file that is no readable workbook is a
 * fatal issue, not a failure.
 */
async function readInputs(reader: WorkbookReader, run: RunSteps): Promise<WorkbookSnapshot | { unreadable: Issue[] }> {
  try {
    return await reader.read([...INPUT_SHEETS, OUTPUT_SHEETS.ledger], { onProgress: run.within, signal: run.signal });
  } catch (e) {
    if (!(e instanceof WorkbookUnreadableError)) throw e;
    return { unreadable: [issue("fatal", "WORKBOOK_UNREADABLE", { sheet: null, cell: null }, { reason: e.reason })] };
  }
}

/** The result and the output sheets; the engine's findings get their cells here, where the grids are known. */
/** The score step's stages: scoring, the result, the fingerprints (two), each output sheet. */
const REPORT_STAGES = 4 + OUTPUT_SHEET_COUNT;

async function report(
  validation: Validation,
  scored: ScoredAssessment | null,
  snapshot: WorkbookSnapshot,
  { now, sha256 }: Pick<RunOptions, "now" | "sha256">,
  /** Stages done after scoring: 1 the result, 2–3 the fingerprints, then one a sheet. */
  onStage: (stage: number) => void,
): Promise<Pick<RunOutput, "result" | "issues" | "sheets">> {
  const assessment = validation.ok ? validation.assessment : null;
  const located = validation.ok && scored ? scored.findings.map((f) => locatedIssue(f, validation.locate(f.at))) : [];
  // The old ledger matters only when there are results to write a new one from.
  const old = assessment ? readPreviousLedger(snapshot.sheets.get(OUTPUT_SHEETS.ledger)) : null;
  const issues = [...validation.issues, ...located, ...(old?.issues ?? [])];
  const ledger: LedgerInputs | null =
    validation.ok && old
      ? {
          rules: validation.assessment.rules.items,
          notes: noteTextsForLedger(validation.notes, validation.assessment.settings),
          previous: old.ledger,
        }
      : null;
  const result = buildResult(
    validation.ok ? validation.assessment.settings : validation.settings,
    assessment?.rules.areas ?? [],
    scored,
    issues,
    validation.ok ? { rules: validation.assessment.rules.items, notes: validation.notes } : undefined,
  );
  onStage(1);
  const inputs = assessment
    ? { rules: await rulesFingerprint(assessment, sha256), input: await inputFingerprint(assessment, sha256) }
    : { rules: "", input: "" };
  onStage(2);
  const record = {
    time: localTimestamp(now),
    rulesFingerprint: inputs.rules,
    inputFingerprint: inputs.input,
    resultFingerprint: await resultFingerprint(result, sha256),
  };
  onStage(3);
  const sheets = outputSheets(result, record, ledger, (made) => onStage(3 + made));
  return { result, issues, sheets };
}

/** Progress of one run: which step, how far within it, and the cancel check between steps. */
class RunSteps {
  private current: Step;

  constructor(
    private readonly steps: readonly Step[],
    private readonly options: RunOptions,
  ) {
    this.current = steps[0]!;
  }

  get signal(): CancelSignal | undefined {
    return this.options.signal;
  }

  async begin(step: Step): Promise<void> {
    if (this.options.signal?.aborted) throw new RunCancelled(this.options.signal.reason);
    this.current = step;
    await this.options.onProgress?.(this.at(0, null));
  }

  /** An adapter's progress within the current step. */
  readonly within = (done: number, total: number | null): void => {
    void this.options.onProgress?.(this.at(done, total));
  };

  end(output: RunOutput): RunOutput {
    const last = this.steps.at(-1)!;
    this.current = last;
    void this.options.onProgress?.(this.at(1, 1));
    return output;
  }

  private at(done: number, total: number | null): Progress {
    return { step: this.current, stepNumber: this.steps.indexOf(this.current) + 1, steps: this.steps.length, done, total };
  }
}
