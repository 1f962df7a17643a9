import { useCallback } from "react";
import { ANNUAL_STEPS, type AnnualStep } from "../../src/model/progress.js";
import type { AnnualProgress, AnnualTaskOptions } from "../operations.js";
import { progressView } from "./progress.js";
import type { Translate } from "./strings.js";
import { useCancellableTask, type Failure } from "./useTask.js";

/** How much of the bar each step of 年度定级 takes: reading the quarterly workbooks is most of the wait. */
const WEIGHT: Readonly<Record<AnnualStep, number>> = { quarters: 8, grade: 1, write: 2 };

/** 年度定级's progress (pipeline data) as the bar shows it: 0…1 and the step named in the UI's language. */
export function annualProgressView(p: AnnualProgress, t: Translate): { readonly fraction: number; readonly text: string } {
  const steps = ANNUAL_STEPS.slice(0, p.steps);
  const total = steps.reduce((n, s) => n + WEIGHT[s], 0);
  const before = steps.slice(0, p.stepNumber - 1).reduce((n, s) => n + WEIGHT[s], 0);
  if (p.step === "quarters" && p.quarter) {
    const inner = progressView(p.quarter.progress);
    const of = Math.max(1, p.total ?? 1);
    const within = Math.min(1, ((p.done ?? 0) + inner.fraction) / of);
    const step = t(inner.label);
    const text =
      p.steps === 1
        ? t("annualProgressChecking", { file: p.quarter.file, step })
        : t("annualProgressQuarter", { n: p.quarter.number, total: of, file: p.quarter.file, step });
    return { fraction: (before + WEIGHT.quarters * within) / total, text };
  }
  const within = p.done !== null && p.total ? Math.min(1, p.done / p.total) : 0;
  const fraction = (before + WEIGHT[p.step] * within) / total;
  if (fraction >= 1) return { fraction, text: t("progressDone") };
  return { fraction, text: t(p.step === "write" ? "annualProgressWriting" : "annualProgressGrading") };
}

export interface AnnualTaskState {
  readonly running: boolean;
  readonly progress: AnnualProgress | null;
  readonly failure: Failure | null;
  /** The last operation was cancelled (said once, until the next one). */
  readonly cancelled: boolean;
  /** Runs one operation at a time with progress and a cancel; a rejection becomes `failure`, a cancel `cancelled`. */
  run<T>(work: (options: AnnualTaskOptions) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
  fail(e: unknown): void;
  dismissFailure(): void;
}

/** The panel's own task: useTask's, with the options the annual operations take and `onBusy` for the pane. */
export function useAnnualTask(onBusy: (busy: boolean) => void): AnnualTaskState {
  const { run: runTask, ...task } = useCancellableTask<boolean, AnnualProgress>(false, onBusy);
  const run = useCallback(
    <T>(work: (options: AnnualTaskOptions) => Promise<T>): Promise<T | undefined> =>
      runTask(true, (onProgress, signal) => work({ onProgress, signal })),
    [runTask],
  );
  return { ...task, run };
}
