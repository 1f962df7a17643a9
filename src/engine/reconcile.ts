import type { Settings } from "../model/settings.js";
import { divRoundHalfUp } from "../model/decimal.js";

export type ItemStatus = "一致" | "超差待仲裁" | "已仲裁" | "缺评" | "不适用";

export interface Reconciled {
  /** Final score in hundredths; null when the item does not apply. */
  readonly final: number | null;
  readonly status: ItemStatus;
  /** An arbitration score was given for an item that is not disputed. */
  readonly arbitrationIgnored: boolean;
}

const mean = (x: number, y: number) => divRoundHalfUp(x + y, 2);

/**
 * Double marking of one 基础 or 加分 item (scoring.md §2). Scores in hundredths;
 * `tolerance` is τ floored to whole hundredths (the scores are whole hundredths, so
 * |A − B| ≤ τ exactly when |A − B| ≤ ⌊τ⌋).
 */
export function reconcileScores(
  a: number | null,
  b: number | null,
  c: number | null,
  tolerance: number,
  rule: Settings["arbitration"],
): Reconciled {
  if (a === null || b === null) {
    const one = a ?? b;
    return { final: one ?? 0, status: "缺评", arbitrationIgnored: c !== null };
  }
  if (Math.abs(a - b) <= tolerance) return { final: mean(a, b), status: "一致", arbitrationIgnored: c !== null };
  if (c === null) return { final: mean(a, b), status: "超差待仲裁", arbitrationIgnored: false };
  if (rule === "仲裁为准") return { final: c, status: "已仲裁", arbitrationIgnored: false };
  const da = Math.abs(a - c);
  const db = Math.abs(b - c);
  if (da === db) return { final: c, status: "已仲裁", arbitrationIgnored: false };
  const nearer = da < db ? a : b;
  const final = Math.min(da, db) <= tolerance ? mean(c, nearer) : c;
  return { final, status: "已仲裁", arbitrationIgnored: false };
}

export interface VetoOutcome {
  readonly triggered: boolean;
  /** The raters disagree and no arbitration decided it: provisionally triggered. */
  readonly pending: boolean;
  readonly arbitrationIgnored: boolean;
}

/**
 * A veto item (scoring.md §3): 1 是, 0 否; undefined = the rater has no cell and defers to
 * the other; blank or invalid cells arrive here as 0 (否).
 */
export function reconcileVeto(a: number | undefined, b: number | undefined, c: number | null): VetoOutcome {
  const x = a ?? b ?? 0;
  const y = b ?? a ?? 0;
  if (x === y) return { triggered: x === 1, pending: false, arbitrationIgnored: c !== null };
  if (c !== null) return { triggered: c === 1, pending: false, arbitrationIgnored: false };
  return { triggered: true, pending: true, arbitrationIgnored: false };
}
