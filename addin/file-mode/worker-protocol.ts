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
