import { useCallback, useRef, useState } from "react";
import { ANNUAL_STEPS, type AnnualStep } from "../../src/model/progress.js";
import type { AnnualProgress, AnnualTaskOptions } from "../operations.js";
import { progressView } from "./progress.js";
import type { Translate } from "./strings.js";
import { describeFailure, type Failure } from "./useTask.js";

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

/** The panel's own task: like useTask, plus a cancel button's AbortController. */
export function useAnnualTask(onBusy: (busy: boolean) => void): AnnualTaskState {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<AnnualProgress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async <T>(work: (options: AnnualTaskOptions) => Promise<T>): Promise<T | undefined> => {
      if (controller.current) return undefined;
      const abort = (controller.current = new AbortController());
      setRunning(true);
      onBusy(true);
      setProgress(null);
      setFailure(null);
      setCancelled(false);
      try {
        return await work({ onProgress: setProgress, signal: abort.signal });
      } catch (e) {
        if (abort.signal.aborted) setCancelled(true);
        else setFailure(describeFailure(e));
        return undefined;
      } finally {
        controller.current = null;
        setRunning(false);
        onBusy(false);
        setProgress(null);
      }
    },
    [onBusy],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const fail = useCallback((e: unknown) => setFailure(describeFailure(e)), []);
  const dismissFailure = useCallback(() => setFailure(null), []);
  return { running, progress, failure, cancelled, run, cancel, fail, dismissFailure };
}
