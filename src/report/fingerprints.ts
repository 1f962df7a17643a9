import type { AnnualResult } from "../model/annual-result.js";
import type { Result } from "../model/result.js";
import type { Assessment } from "../model/assessment.js";
import { settingsJson } from "./result-json.js";
import { sha256Hex } from "./sha256.js";

/** JSON with object keys sorted, so equal data always hashes the same. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown): unknown =>
    x && typeof x === "object" && !Array.isArray(x) && !(x instanceof Map)
      ? sortedKeys(x as Record<string, unknown>)
      : x instanceof Map
        ? Object.fromEntries([...x].sort())
        : typeof x === "bigint"
          ? x.toString()
          : x,
  );
}

/** A copy with the keys in sorted order (a loop rather than entries: a result has 100,000s of objects). */
function sortedKeys(x: Record<string, unknown>): Record<string, unknown> {
  const sorted = Object.create(null) as Record<string, unknown>; // no prototype: a key "__proto__" is a key like any other
  for (const key of Object.keys(x).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[key] = x[key];
  return sorted;
}

/** Rules and settings: what the scores were computed by. */
export function rulesFingerprint(assessment: Assessment): string {
  return sha256Hex(
    canonicalJson({ rules: assessment.rules.items, settings: settingsJson(assessment.settings), period: assessment.settings.period }),
  );
}

/** The normalised inputs: roster and every grid's values (not their layout or formatting). */
export function inputFingerprint(assessment: Assessment): string {
  const grid = (g: Assessment["a"] | null) => g && Object.fromEntries([...g.values].sort(([a], [b]) => (a < b ? -1 : 1)));
  return sha256Hex(
    canonicalJson({
      branches: assessment.branches,
      a: grid(assessment.a),
      b: grid(assessment.b),
      c: grid(assessment.arbitration),
      s: grid(assessment.self),
    }),
  );
}

/** The results, without the product version, so a re-run gives the same fingerprint. */
export function resultFingerprint(r: Result | AnnualResult): string {
  const { version: _version, ...rest } = r;
  return sha256Hex(canonicalJson(rest));
}
