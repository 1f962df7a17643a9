import { STEPS, type Progress, type Step } from "../../src/model/progress.js";
import type { StringId } from "./strings.js";

/** How much of the bar each step takes: reading and writing the workbook are most of the wait. */
const WEIGHT: Readonly<Record<Step, number>> = { read: 8, validate: 1, score: 1, write: 10 };

const LABEL: Readonly<Record<Step, StringId>> = {
  read: "progressReading",
  validate: "progressValidating",
  score: "progressScoring",
  write: "progressWriting",
};

/** A run's progress (pipeline data) as the bar shows it: 0…1 and what is happening, as a string id. */
export function progressView(p: Progress): { readonly fraction: number; readonly label: StringId } {
  const steps = stepsOf(p);
  const total = steps.reduce((n, s) => n + WEIGHT[s], 0);
  const before = steps.slice(0, p.stepNumber - 1).reduce((n, s) => n + WEIGHT[s], 0);
  const within = p.done !== null && p.total ? Math.min(1, p.done / p.total) : 0;
  const fraction = (before + WEIGHT[p.step] * within) / total;
  return { fraction, label: fraction >= 1 ? "progressDone" : LABEL[p.step] };
}

/** The run's steps: a validation has no write. */
const stepsOf = (p: Progress): readonly Step[] => STEPS.slice(0, p.steps);
