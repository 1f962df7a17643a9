/**
 * The messages between the file mode's page (file-operations.ts) and its Web Worker
 * (file-worker.ts): calls by id, their progress and outcome, the workbook's state and files to
 * save. Everything is plain data (structured clone); failures travel as data too, since a
 * UserError arrives on the other side as a plain Error otherwise, and are rebuilt there.
 */
import { RunCancelled } from "../../src/io/workbook.js";
import { UserError, type FailureCode, type FailureParams } from "../../src/model/failure.js";
import type { Issue } from "../../src/model/issues.js";
import type { GridSheet } from "../../src/model/sheets.js";
import type { AnnualProgress, Progress, TemplateRoster } from "../operations.js";
import type { DownloadFile } from "./download.js";
import type { FileState } from "./file-session.js";

/** What both ends of the channel need: a Worker, the worker's own scope, or a MessagePort in tests. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** A quarterly workbook as sent: `key` names the same bytes on every call, so the worker keeps one assessment each. */
export type WireQuarter =
  { readonly kind: "file"; readonly file: string; readonly key: number; readonly bytes: Uint8Array } | { readonly kind: "open" };

/** A call: which operation, its arguments, and the page's clock (运行记录's time). */
export type Call =
  | { readonly op: "open"; readonly fileName: string; readonly bytes: Uint8Array }
  | { readonly op: "newTemplate"; readonly period: string | null; readonly roster?: TemplateRoster }
  | { readonly op: "importRaterFile"; readonly file: Uint8Array; readonly as: GridSheet | null }
  | { readonly op: "validate" }
  | { readonly op: "scoreAndRank" }
  | { readonly op: "checkQuarter"; readonly source: WireQuarter }
  | { readonly op: "gradeYear"; readonly sources: readonly WireQuarter[] };

export type Request = { readonly id: number; readonly now: number; readonly call: Call } | { readonly id: number; readonly cancel: true };

/** A failure as data. */
export type WireError =
  | { readonly kind: "user"; readonly code: FailureCode; readonly params: unknown; readonly problems: readonly Issue[] }
  | { readonly kind: "cancelled" }
  | { readonly kind: "defect"; readonly name: string; readonly message: string };

export type Reply =
  | { readonly id: number; readonly progress: Progress | AnnualProgress }
  | { readonly id: number; readonly slice: Slice }
  | { readonly id: number; readonly value: unknown }
  | { readonly id: number; readonly error: WireError }
  | { readonly state: FileState }
  | { readonly save: DownloadFile };

export function toWire(e: unknown): WireError {
  if (e instanceof RunCancelled) return { kind: "cancelled" };
  if (isUserError(e)) return { kind: "user", code: e.code, params: e.params, problems: e.problems };
  if (e instanceof Error) return { kind: "defect", name: e.name, message: e.message || e.name };
  return { kind: "defect", name: "Error", message: String(e) };
}

// instanceof narrows to UserError<any>.
const isUserError = (e: unknown): e is UserError => e instanceof UserError;

export function fromWire(e: WireError): Error {
  if (e.kind === "cancelled") return new RunCancelled();
  if (e.kind === "user") return new UserError(e.code, e.params as FailureParams[typeof e.code], e.problems);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/**
 * Long lists of a call's value (a 5,000-branch result: 160,000 item results, 5,000 profiles,
 * the issues) travel in slices of about this many characters of JSON, each in a message of its
 * own: the page decodes a message in one task, so one message holding the whole result (37 MB
 * as JSON) kept it busy for over a second (issue 9, never frozen); a slice takes milliseconds.
 */
const SLICE_CHARS = 64 * 1024;
/** Arrays up to this long travel whole (their items walked for long lists of their own). */
const SHORT_LIST = 64;

/** Items per slice of a list, judged by its first item's size (a list's items are alike). */
function itemsPerSlice(list: readonly unknown[]): number {
  let chars = 1024; // an item JSON cannot spell (a bigint): taken as middling
  try {
    chars = JSON.stringify(list[0])?.length ?? 1;
  } catch {
    // keeps the guess
  }
  return Math.max(1, Math.floor(SLICE_CHARS / Math.max(1, chars)));
}

/** Items of the `list`-th long list of a value, in order. */
export interface Slice {
  readonly list: number;
  readonly items: readonly unknown[];
}

/** Where a long list stood in the value: its items came in slices before the value. */
const SLICED = "\u0000sliced";
type Placeholder = { readonly [SLICED]: number };

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * The worker's side: sends each long array found in `value` (through plain objects and arrays,
 * not inside the long array's items) as slices, and returns `value` with placeholders instead.
 */
export function sliceLongLists(value: unknown, send: (slice: Slice) => void): unknown {
  let lists = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length <= SHORT_LIST) return v.map(walk);
      const list = lists++;
      const n = itemsPerSlice(v);
      for (let i = 0; i < v.length; i += n) send({ list, items: v.slice(i, i + n) });
      return { [SLICED]: list } satisfies Placeholder;
    }
    if (!isPlain(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    return out;
  };
  return walk(value);
}

/** The page's side: collects the slices of one call, then puts the lists back into its value. */
export class SlicedValue {
  private readonly lists: unknown[][] = [];

  add({ list, items }: Slice): void {
    const into = (this.lists[list] ??= []);
    for (const item of items) into.push(item);
  }

  restore(value: unknown): unknown {
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (!isPlain(v)) return v;
      if (SLICED in v) return this.lists[v[SLICED] as number] ?? [];
      for (const [k, x] of Object.entries(v)) v[k] = walk(x);
      return v;
    };
    return walk(value);
  }
}
