import type { AnnualResult } from "../model/annual-result.js";
import type { Result } from "../model/result.js";
import type { Assessment } from "../model/assessment.js";
import { settingsJson } from "./result-json.js";
import { pureSha256, type TextHasher } from "./sha256.js";

/**
 * JSON with object keys sorted, so equal data always hashes the same: exactly
 * `JSON.stringify(v, replacer)` with a replacer that gives every plain object its keys in
 * sorted order (as a new object holds them: array-index keys first, by number), a Map the
 * object of its sorted entries and a bigint its digits; written as pieces to `emit` instead
 * of as one string (a result of 5,000 branches is 20–50 MB of it).
 */
export function canonicalJsonPieces(v: unknown, emit: (piece: string) => void): void {
  new CanonicalWriter(emit).top(v);
}

/** canonicalJsonPieces as one string. */
export function canonicalJson(v: unknown): string {
  let out = "";
  canonicalJsonPieces(v, (p) => (out += p));
  return out;
}

/** SHA-256 of canonicalJson(v), hashed in pieces as it is written. */
async function canonicalHash(v: unknown, sha256: () => TextHasher): Promise<string> {
  const hash = sha256();
  canonicalJsonPieces(v, (piece) => hash.updateText(piece)); // whole JSON tokens: never half a surrogate pair
  return await hash.hex();
}

// An array index (0 … 2^32 − 2) as an object key: objects list these first, by number.
const isIndexKey = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(?:0|[1-9][0-9]{0,9})$/.test(k) && Number(k) <= 4294967294;
};

/** Text is handed on in pieces of about this many characters, each whole JSON tokens. */
const PIECE = 16_384;

/**
 * A key list as Object.keys gives it, in the order to write it, with each key's JSON text
 * (`{"key":` for the first key written, `,"key":` for the others): a result has a few dozen
 * shapes of object repeated hundreds of thousands of times, so each shape is sorted once.
 */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly first: readonly string[];
  readonly rest: readonly string[];
}

/**
 * A trie over key lists in Object.keys order; a node holds the order of the list ending there
 * and, at a list's first key, the last list looked up that began with it: most objects have
 * the shape the last one with the same first key had, which is then compared key by key (the
 * same strings, mostly the same string objects) instead of looked up key by key.
 */
interface ShapeNode {
  readonly next: Map<string, ShapeNode>;
  order: KeyOrder | undefined;
  lastKeys: readonly string[] | undefined;
  lastOrder: KeyOrder | undefined;
}

// Dictionary-like objects (thousands of distinct keys) are sorted each time rather than
// remembered: only short key lists, and only so many of them.
const MAX_SHAPE_KEYS = 32;
const MAX_SHAPE_NODES = 4096;

class CanonicalWriter {
  private out = "";
  private readonly shapes = CanonicalWriter.shapeNode();
  private shapeNodes = 0;

  constructor(private readonly emit: (piece: string) => void) {}

  /** Writes a value as JSON.stringify does at the top level; hands on the last piece. */
  top(value: unknown): void {
    this.property(value, "");
    if (this.out !== "") this.emit(this.out);
    this.out = "";
  }

  /** JSON.stringify's SerializeJSONProperty; false when the value writes nothing (undefined, a function, a symbol). */
  private property(value: unknown, key: string): boolean {
    const v = withToJson(value, key);
    if (!writes(v)) return false;
    this.value(v);
    return true;
  }

  private value(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.out += JSON.stringify(value);
        return;
      case "number":
        this.out += Number.isFinite(value) ? String(value) : "null";
        return;
      case "boolean":
        this.out += value ? "true" : "false";
        return;
      case "bigint":
        this.out += `"${value.toString()}"`;
        return;
      default:
        if (value === null) this.out += "null";
        else if (Array.isArray(value)) this.array(value);
        else if (value instanceof Map) this.object(Object.fromEntries([...(value as Map<PropertyKey, unknown>)].sort()), false);
        else this.object(value as Record<string, unknown>, true);
    }
    if (this.out.length >= PIECE) {
      this.emit(this.out);
      this.out = "";
    }
  }

  private array(value: readonly unknown[]): void {
    this.out += "[";
    for (let from = 0; from < value.length; from += BATCH) {
      const to = Math.min(value.length, from + BATCH);
      const copy = this.sortedCopy(value, from, to);
      if (copy !== NOT_PLAIN) {
        // JSON.stringify writes a copy whose objects hold their keys in canonical order as it is.
        const json = JSON.stringify(copy);
        // Handed on as it is, a slice of one flat string: appended to the text before it, it
        // would make a rope for the hash to copy flat again (tens of megabytes in all).
        if (from > 0) this.out += ",";
        if (this.out !== "") this.emit(this.out);
        this.out = "";
        this.emit(json.slice(1, -1));
        continue;
      }
      for (let i = from; i < to; i++) {
        if (i > 0) this.out += ",";
        if (!this.property(value[i], String(i))) this.out += "null";
      }
    }
    this.out += "]";
  }

  /**
   * Elements from…to of an array copied with every object's keys in canonical order, if
   * JSON.stringify(copy) is exactly their canonical JSON; NOT_PLAIN otherwise. It is when every
   * object there is a plain one (prototype Object.prototype or null, no toJSON, not a Map) with
   * no `__proto__` key (the copy could not hold it as a key) and there is no bigint: such a copy
   * made in sorted order lists its keys as the canonical writer writes them, and JSON.stringify
   * skips undefined, functions and symbols in objects and writes them as null in arrays, as
   * the canonical writer does.
   */
  private sortedCopy(array: readonly unknown[], from: number, to: number): unknown[] | typeof NOT_PLAIN {
    const copy = (v: unknown): unknown => {
      if (typeof v === "bigint") return NOT_PLAIN;
      if (typeof v !== "object" || v === null) return v;
      if (typeof (v as { toJSON?: unknown }).toJSON === "function") return NOT_PLAIN;
      if (Array.isArray(v)) {
        const out: unknown[] = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = copy(v[i])) === NOT_PLAIN) return NOT_PLAIN;
        return out;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
      const { keys } = this.order(Object.keys(v), true);
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (key === "__proto__") return NOT_PLAIN;
        const x = copy((v as Record<string, unknown>)[key]);
        if (x === NOT_PLAIN) return NOT_PLAIN;
        out[key] = x;
      }
      return out;
    };
    const out: unknown[] = [];
    for (let i = from; i < to; i++) {
      const x = copy(array[i]);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      out.push(x);
    }
    return out;
  }

  private object(value: Record<string, unknown>, sort: boolean): void {
    const { keys, first: firstText, rest: restText } = this.order(Object.keys(value), sort);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = withToJson(value[key], key);
      if (!writes(v)) continue;
      this.out += first ? firstText[i]! : restText[i]!;
      this.value(v);
      first = false;
    }
    this.out += first ? "{}" : "}";
  }

  /** The keys in the order to write them, remembered for short lists (see ShapeNode). */
  private order(keys: string[], sort: boolean): KeyOrder {
    if (!sort || keys.length > MAX_SHAPE_KEYS) return keyOrder(keys, sort);
    if (keys.length === 0) return (this.shapes.order ??= keyOrder(keys, true));
    const head = this.child(this.shapes, keys[0]!);
    if (head === undefined) return keyOrder(keys, true);
    const last = head.lastKeys;
    if (last !== undefined && sameKeys(last, keys)) return head.lastOrder!;
    const source = keys.slice(); // keyOrder sorts keys in place
    let node: ShapeNode | undefined = head;
    for (let i = 1; i < keys.length && node !== undefined; i++) node = this.child(node, keys[i]!);
    const order = node === undefined ? keyOrder(keys, true) : (node.order ??= keyOrder(keys, true));
    head.lastKeys = source;
    head.lastOrder = order;
    return order;
  }

  /** The trie's node after `node` for `key`; undefined when it has no room for another. */
  private child(node: ShapeNode, key: string): ShapeNode | undefined {
    let next = node.next.get(key);
    if (next === undefined) {
      if (this.shapeNodes >= MAX_SHAPE_NODES) return undefined;
      node.next.set(key, (next = CanonicalWriter.shapeNode()));
      this.shapeNodes++;
    }
    return next;
  }

  private static shapeNode(): ShapeNode {
    return { next: new Map(), order: undefined, lastKeys: undefined, lastOrder: undefined };
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The keys sorted as a new object made in sorted order holds them (index keys first, by number), with their JSON. */
function keyOrder(keys: string[], sort: boolean): KeyOrder {
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
  const json = keys.map((k) => `${JSON.stringify(k)}:`);
  return { keys, first: json.map((j) => `{${j}`), rest: json.map((j) => `,${j}`) };
}

/** Array elements checked and written natively at a time. */
const BATCH = 256;
const NOT_PLAIN: unique symbol = Symbol("not plain");

function withToJson(value: unknown, key: string): unknown {
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return (toJSON as (k: string) => unknown).call(value, key);
  }
  return value;
}

const writes = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol";

/** Rules and settings: what the scores were computed by. */
export function rulesFingerprint(assessment: Assessment, sha256: () => TextHasher = pureSha256): Promise<string> {
  return canonicalHash(
    { rules: assessment.rules.items, settings: settingsJson(assessment.settings), period: assessment.settings.period },
    sha256,
  );
}

/** The normalised inputs: roster and every grid's values (not their layout or formatting). */
export function inputFingerprint(assessment: Assessment, sha256: () => TextHasher = pureSha256): Promise<string> {
  const grid = (g: Assessment["a"] | null) => g && Object.fromEntries([...g.values].sort(([a], [b]) => (a < b ? -1 : 1)));
  return canonicalHash(
    {
      branches: assessment.branches,
      a: grid(assessment.a),
      b: grid(assessment.b),
      c: grid(assessment.arbitration),
      s: grid(assessment.self),
    },
    sha256,
  );
}

/** The results, without the product version, so a re-run gives the same fingerprint. */
export function resultFingerprint(r: Result | AnnualResult, sha256: () => TextHasher = pureSha256): Promise<string> {
  const { version: _version, ...rest } = r;
  return canonicalHash(rest, sha256);
}
