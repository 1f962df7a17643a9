import { XlsxReader } from "../io/xlsx/reader.js";
import { createWorkbook } from "../io/xlsx/writer.js";
import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import type { AnnualRunOptions } from "../annual-pipeline.js";
import type { RunOptions } from "../pipeline.js";
import type { SheetSpec } from "../report/sheet-spec.js";
import { nodeSha256 } from "./node-sha256.js";
import { zlibAsyncCompression, zlibCompression } from "./zlib-compression.js";

/*
 * What Node gives the command line that the pure core takes as a choice: zlib to inflate and
 * deflate the packages it reads and writes, node:crypto's SHA-256 for the fingerprints. The core's defaults
 * are pure JavaScript (they run in the browser too) and several times slower on a large
 * result, so every command opens, creates and assesses workbooks through these four and none
 * can forget one.
 */

/**
 * A workbook read and written in memory (score, validate, template, merge): its new parts
 * deflated on libuv's pool while the next are made.
 */
export function openWorkbook(bytes: Uint8Array): XlsxWorkbook {
  return new XlsxWorkbook(bytes, { compression: zlibAsyncCompression });
}

/** A workbook only read (the annual grade's quarters, the sides of a merge, a roster). */
export function readWorkbook(bytes: Uint8Array): XlsxReader {
  return new XlsxReader(bytes, { nativeInflate: zlibCompression });
}

/** A new package from sheet specs (a template, the demo's files, the annual workbook). */
export function newWorkbook(sheets: readonly SheetSpec[]): Uint8Array {
  return createWorkbook(sheets, { compression: zlibCompression });
}

/** runAnnual's options for a run that started at `now`. */
export function annualOptions(now: Date): Pick<AnnualRunOptions, "now" | "newWorkbook" | "sha256"> {
  return { now, newWorkbook, sha256: nodeSha256 };
}

/** runAssessment's options for a run that started at `now`. */
export function assessOptions(now: Date): Pick<RunOptions, "now" | "sha256"> {
  return { now, sha256: nodeSha256 };
}
