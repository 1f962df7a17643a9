import { useCallback, useRef, useState } from "react";
import type { Progress } from "../operations.js";

/** A failure to show: the operation's own (Chinese) message, or an unexpected error's text. */
export interface Failure {
  readonly message: string;
  /** A programming error (TypeError…) or a non-Error value, not a message meant for users. */
  readonly unexpected: boolean;
}

export function describeFailure(e: unknown): Failure {
  if (e instanceof Error) {
    const unexpected = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError;
    return { message: e.message || e.name, unexpected };
  }
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
