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
  /** The last operation was cancelled (said until the next one). */
  readonly cancelled: boolean;
  /**
   * Runs one operation at a time with progress and a cancel signal; a rejection becomes
   * `failure` (shown, never swallowed), or `cancelled` after cancel(), and the result is undefined.
   */
  run<T>(key: string, work: (onProgress: (p: Progress) => void, signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  /** The pane's 取消: aborts the running operation's signal. */
  cancel(): void;
  /** Shows a failure that happened outside `run` (e.g. selecting a cell). */
  fail(e: unknown): void;
  dismissFailure(): void;
}

/** What useCancellableTask gives: the state of one operation at a time, and its controls. */
export interface CancellableTask<K, P> {
  /** What is running (the operation's key, or true), or `idle`. */
  readonly running: K;
  readonly progress: P | null;
  readonly failure: Failure | null;
  readonly cancelled: boolean;
  run<T>(key: K, work: (onProgress: (p: P) => void, signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
  fail(e: unknown): void;
  dismissFailure(): void;
}

/**
 * Runs one operation at a time with progress and a cancel signal, for the pane's task and
 * 年度定级's alike: a rejection becomes `failure` (shown, never swallowed), or `cancelled` after
 * cancel(), and the result is undefined. `running` is `idle` between operations; `onBusy` hears
 * when one starts and ends.
 */
export function useCancellableTask<K, P>(idle: K, onBusy?: (busy: boolean) => void): CancellableTask<K, P> {
  const [running, setRunning] = useState<K>(idle);
  const [progress, setProgress] = useState<P | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const busy = useRef<AbortController | null>(null);

  const run = useCallback(
    async <T>(key: K, work: (onProgress: (p: P) => void, signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
      if (busy.current) return undefined;
      const abort = (busy.current = new AbortController());
      setRunning(key);
      onBusy?.(true);
      setProgress(null);
      setFailure(null);
      setCancelled(false);
      try {
        return await work(setProgress, abort.signal);
      } catch (e) {
        if (abort.signal.aborted) setCancelled(true);
        else setFailure(describeFailure(e));
        return undefined;
      } finally {
        busy.current = null;
        setRunning(idle);
        onBusy?.(false);
        setProgress(null);
      }
    },
    [idle, onBusy],
  );

  const cancel = useCallback(() => busy.current?.abort(), []);
  const fail = useCallback((e: unknown) => setFailure(describeFailure(e)), []);
  const dismissFailure = useCallback(() => setFailure(null), []);
  return { running, progress, failure, cancelled, run, cancel, fail, dismissFailure };
}

/** The pane's task: one operation at a time, named by its key (which button shows it running). */
export function useTask(): TaskState {
  return useCancellableTask<string | null, Progress>(null);
}
