import type { AnnualResult } from "../model/annual-result.js";
import type { Result } from "../model/result.js";
import type { Assessment } from "../model/assessment.js";
import { settingsJson } from "./result-json.js";
import { Sha256 } from "./sha256.js";

/**
 * JSON with object keys sorted, so equal data always hashes the same: exactly
 * `JSON.stringify(v, replacer)` with a replacer that gives every plain object its keys in
 * sorted order (as a new object holds them: array-index keys first, by number), a Map the
 * object of its sorted entries and a bigint its digits; written as pieces to `emit` instead
 * of as one string (a result of 5,000 branches is 20–50 MB of it).
 */
export function canonicalJsonPieces(v: unknown, emit: (piece: string) => void): void {
  new CanonicalWriter(emit).property(v, "");
}

/** canonicalJsonPieces as one string. */
export function canonicalJson(v: unknown): string {
  let out = "";
  canonicalJsonPieces(v, (p) => (out += p));
  return out;
}

/** SHA-256 of canonicalJson(v), hashed in pieces as it is written. */
function canonicalHash(v: unknown): string {
  const hash = new Sha256();
  let pending = "";
  canonicalJsonPieces(v, (piece) => {
    pending += piece;
    if (pending.length >= 16_384) {
      hash.updateText(pending); // whole JSON tokens: never half a surrogate pair
      pending = "";
    }
  });
  return hash.updateText(pending).hex();
}

// An array index (0 … 2^32 − 2) as an object key: objects list these first, by number.
const isIndexKey = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9][0-9]{0,9})$/.test(k) && Number(k) <= 4294967294;
};

class CanonicalWriter {
  constructor(private readonly emit: (piece: string) => void) {}

  /** JSON.stringify's SerializeJSONProperty; false when the value writes nothing (undefined, a function, a symbol). */
  property(value: unknown, key: string): boolean {
    const v = withToJson(value, key);
    if (!writes(v)) return false;
    this.value(v);
    return true;
  }

  private value(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.emit(JSON.stringify(value));
        return;
      case "number":
        this.emit(Number.isFinite(value) ? String(value) : "null");
        return;
      case "boolean":
        this.emit(value ? "true" : "false");
        return;
      case "bigint":
        this.emit(`"${value.toString()}"`);
        return;
      default:
        if (value === null) this.emit("null");
        else if (Array.isArray(value)) this.array(value);
        else if (value instanceof Map) this.object(Object.fromEntries([...(value as Map<PropertyKey, unknown>)].sort()), false);
        else this.object(value as Record<string, unknown>, true);
    }
  }

  private array(value: readonly unknown[]): void {
    this.emit("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) this.emit(",");
      if (!this.property(value[i], String(i))) this.emit("null");
    }
    this.emit("]");
  }

  private object(value: Record<string, unknown>, sort: boolean): void {
    const keys = Object.keys(value);
    if (sort && keys.length > 1) {
      // Object.keys lists the index keys first, by number, as the sorted copy would hold them.
      let indices = 0;
      while (indices < keys.length && isIndexKey(keys[indices]!)) indices++;
      if (indices === 0) keys.sort();
      else if (indices < keys.length) {
        const rest = keys.slice(indices).sort();
        for (let i = 0; i < rest.length; i++) keys[indices + i] = rest[i]!;
      }
    }
    let first = true;
    for (const key of keys) {
      const v = withToJson(value[key], key);
      if (!writes(v)) continue;
      this.emit(`${first ? "{" : ","}${JSON.stringify(key)}:`);
      this.value(v);
      first = false;
    }
    this.emit(first ? "{}" : "}");
  }
}

function withToJson(value: unknown, key: string): unknown {
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return (toJSON as (k: string) => unknown).call(value, key);
  }
  return value;
}

const writes = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol";

/** Rules and settings: what the scores were computed by. */
export function rulesFingerprint(assessment: Assessment): string {
  return canonicalHash({ rules: assessment.rules.items, settings: settingsJson(assessment.settings), period: assessment.settings.period });
}

/** The normalised inputs: roster and every grid's values (not their layout or formatting). */
export function inputFingerprint(assessment: Assessment): string {
  const grid = (g: Assessment["a"] | null) => g && Object.fromEntries([...g.values].sort(([a], [b]) => (a < b ? -1 : 1)));
  return canonicalHash({
    branches: assessment.branches,
    a: grid(assessment.a),
    b: grid(assessment.b),
    c: grid(assessment.arbitration),
    s: grid(assessment.self),
  });
}

/** The results, without the product version, so a re-run gives the same fingerprint. */
export function resultFingerprint(r: Result | AnnualResult): string {
  const { version: _version, ...rest } = r;
  return canonicalHash(rest);
}
