/** The steps a run reports, in order; a run that writes nothing stops after `score`. UIs name them. */
export const STEPS = ["read", "validate", "score", "write"] as const;
export type Step = (typeof STEPS)[number];

/**
 * Where a run is, as data: the step (n of m) and, where an adapter can tell, how far into it
 * (rows read, bytes written; total null when it cannot say). The last report of a run has its
 * last step with done = total.
 */
export interface StepProgress<S extends string> {
  readonly step: S;
  /** 1-based position of the step among this run's steps. */
  readonly stepNumber: number;
  readonly steps: number;
  readonly done: number | null;
  readonly total: number | null;
}

/** A quarterly assessment's progress. */
export type Progress = StepProgress<Step>;

/**
 * The annual grade's steps: every quarterly workbook assessed (as `score` does, without
 * writing), the grade, and the new workbook written (not when nothing is to be written).
 */
export const ANNUAL_STEPS = ["quarters", "grade", "write"] as const;
export type AnnualStep = (typeof ANNUAL_STEPS)[number];

/**
 * The annual grade's progress. During `quarters`, done/total count the workbooks assessed and
 * `quarter` says which one is being read (its file name, its 1-based position in the order
 * given) and how far its own quarterly run is; null in the other steps.
 */
export interface AnnualProgress extends StepProgress<AnnualStep> {
  readonly quarter: { readonly file: string; readonly number: number; readonly progress: Progress } | null;
}
