/** The steps a run reports, in order; a run that writes nothing stops after `score`. UIs name them. */
export const STEPS = ["read", "validate", "score", "write"] as const;
export type Step = (typeof STEPS)[number];

/**
 * Where a run is, as data: the step (n of m) and, where an adapter can tell, how far into it
 * (rows read, bytes written; total null when it cannot say). The last report of a run has its
 * last step with done = total.
 */
export interface Progress {
  readonly step: Step;
  /** 1-based position of the step among this run's steps. */
  readonly stepNumber: number;
  readonly steps: number;
  readonly done: number | null;
  readonly total: number | null;
}
