import { useCallback, useRef, useState } from "react";
import { UserError } from "../../src/model/failure.js";
import type { Progress } from "../operations.js";

/** A failure to show: the user's problem with its next step, or a defect's own text. */
export interface Failure {
  /** The message (Chinese for a user's problem; a defect's error text). */
  readonly message: string;
  /** A defect: anything thrown that is not a UserError, shown as 意外错误. */
  readonly unexpected: boolean;
  /** The user's problem, rendered in the pane's language where it is shown. */
  readonly problem?: UserError;
}

export function describeFailure(e: unknown): Failure {
  if (e instanceof UserError) return { message: e.message, unexpected: false, problem: e };
  if (e instanceof Error) return { message: e.message || e.name, unexpected: true };
  return { message: String(e), unexpected: true };
}

export interface TaskState {
  /** The running operation's key (e.g. "scoreAndRank"), or null when idle. */
  readonly running: string | null;
  readonly progress: Progress | null;
  readonly failure: Failure | null;
  /**
   * Runs one operation at a time with progress; a rejection becomes `failure` (shown, never
   * swallowed) and the result is undefined.
   */
  run<T>(key: string, work: (onProgress: (p: Progress) => void) => Promise<T>): Promise<T | undefined>;
  /** Shows a failure that happened outside `run` (e.g. selecting a cell). */
  fail(e: unknown): void;
  dismissFailure(): void;
}

export function useTask(): TaskState {
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const busy = useRef(false);

  const run = useCallback(async <T>(key: string, work: (onProgress: (p: Progress) => void) => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setRunning(key);
    setProgress(null);
    setFailure(null);
    try {
      return await work(setProgress);
    } catch (e) {
      setFailure(describeFailure(e));
      return undefined;
    } finally {
      busy.current = false;
      setRunning(null);
      setProgress(null);
    }
  }, []);

  const fail = useCallback((e: unknown) => setFailure(describeFailure(e)), []);
  const dismissFailure = useCallback(() => setFailure(null), []);
  return { running, progress, failure, run, fail, dismissFailure };
}
