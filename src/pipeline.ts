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
import { INPUT_SHEETS } from "./model/sheets.js";
import { localTimestamp } from "./model/timestamp.js";
import type { WorkbookSnapshot } from "./model/workbook.js";
import { inputFingerprint, resultFingerprint, rulesFingerprint } from "./report/fingerprints.js";
import { buildResult } from "./report/result-json.js";
import type { SheetSpec } from "./report/sheet-spec.js";
import { outputSheets } from "./report/sheets/output-sheets.js";
import { validateWorkbook, type Validation } from "./validate/validate-workbook.js";

export interface RunOptions {
  /** The run's time as written into 运行记录 (injected so tests and re-runs are reproducible). */
  readonly now: Date;
  /**
   * Called at the start of every step, as adapters advance within one, and once at the end.
   * A returned promise is awaited at step boundaries (a page on the main thread can paint).
   */
  readonly onProgress?: (p: Progress) => void | Promise<void>;
  /** Stops the run between steps (RunCancelled) and the reading within; a write once begun completes. */
  readonly signal?: CancelSignal;
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
  const scored = validation.ok ? assess(validation.assessment) : null;
  const { result, issues, sheets } = report(validation, scored, options.now);
  const assessed = validation.ok && scored ? { snapshot, assessment: validation.assessment, scored } : null;

  if (!writer || sheets.length === 0) return run.end({ result, issues, sheets, written: false, assessed });
  await run.begin("write");
  await writer.writeSheets(sheets, { onProgress: run.within });
  return run.end({ result, issues, sheets, written: true, assessed });
}

/** The input sheets; a file that is no readable workbook is a fatal issue, not a failure. */
async function readInputs(reader: WorkbookReader, run: RunSteps): Promise<WorkbookSnapshot | { unreadable: Issue[] }> {
  try {
    return await reader.read(INPUT_SHEETS, { onProgress: run.within, signal: run.signal });
  } catch (e) {
    if (!(e instanceof WorkbookUnreadableError)) throw e;
    const params = { reason: e.reason, ...(e.params.remedy === undefined ? {} : { remedy: e.params.remedy }) };
    return { unreadable: [issue("fatal", "WORKBOOK_UNREADABLE", { sheet: null, cell: null }, params)] };
  }
}

/** The result and the output sheets; the engine's findings get their cells here, where the grids are known. */
function report(validation: Validation, scored: ScoredAssessment | null, now: Date): Pick<RunOutput, "result" | "issues" | "sheets"> {
  const assessment = validation.ok ? validation.assessment : null;
  const located = validation.ok && scored ? scored.findings.map((f) => locatedIssue(f, validation.locate(f.at))) : [];
  const issues = [...validation.issues, ...located];
  const result = buildResult(
    validation.ok ? validation.assessment.settings : validation.settings,
    assessment?.rules.areas ?? [],
    scored,
    issues,
    validation.ok ? { rules: validation.assessment.rules.items, notes: validation.notes } : undefined,
  );
  const sheets = outputSheets(result, {
    time: localTimestamp(now),
    rulesFingerprint: assessment ? rulesFingerprint(assessment) : "",
    inputFingerprint: assessment ? inputFingerprint(assessment) : "",
    resultFingerprint: resultFingerprint(result),
  });
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
