import { STEPS, type Progress, type Step } from "../../src/model/progress.js";
import type { StringId } from "./strings.js";

/** How much of the bar each step takes: reading and writing the workbook are most of the wait (5,000 branches: about 3 : 0.5 : 2 : 5). */
const WEIGHT: Readonly<Record<Step, number>> = { read: 6, validate: 1, score: 3, write: 10 };

const LABEL: Readonly<Record<Step, StringId>> = {
  read: "progressReading",
  validate: "progressValidating",
  score: "progressScoring",
  write: "progressWriting",
};

/**
 * A run's progress (pipeline data) as the bar shows it: 0…1, what is happening (a string id),
 * the step as n of m and the whole run in percent (the label says both, so it moves).
 */
export function progressView(p: Progress): {
  readonly fraction: number;
  readonly label: StringId;
  readonly step: { readonly n: number; readonly m: number; readonly percent: number };
} {
  const steps = stepsOf(p);
  const total = steps.reduce((n, s) => n + WEIGHT[s], 0);
  const before = steps.slice(0, p.stepNumber - 1).reduce((n, s) => n + WEIGHT[s], 0);
  const within = p.done !== null && p.total ? Math.min(1, p.done / p.total) : 0;
  const fraction = (before + WEIGHT[p.step] * within) / total;
  return {
    fraction,
    label: fraction >= 1 ? "progressDone" : LABEL[p.step],
    step: { n: p.stepNumber, m: p.steps, percent: Math.floor(fraction * 100) },
  };
}

/** The run's steps: a validation has no write. */
const stepsOf = (p: Progress): readonly Step[] => STEPS.slice(0, p.steps);
