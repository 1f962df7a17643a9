import type { SheetSpec } from "../../report/sheet-spec.js";
import type { StepOptions, WorkbookReader, WorkbookWriter } from "../workbook.js";
import type { CellEdit, WorkbookSnapshot } from "../../model/workbook.js";
import { patchCells } from "./patch.js";
import { XlsxReader } from "./reader.js";
import type { Compression } from "./compression.js";
import { createWorkbook, writeOutputSheetsAsync } from "./writer.js";

/**
 * An .xlsx workbook held in memory (the CLI, the browser's file mode): read it, write output
 * sheets or patch cells into it, and take the resulting bytes. Each write replaces the bytes
 * held; the input array given to the constructor is never modified.
 */
export class XlsxWorkbook implements WorkbookReader, WorkbookWriter {
  #bytes: Uint8Array;
  readonly #compression: Compression | undefined;

  /**
   * `compression` deflates the output sheets (writeSheets), and inflates the parts read if it
   * can (the CLI's zlib, the file mode's DecompressionStream); fflate when not given.
   */
  constructor(bytes: Uint8Array, options: { readonly compression?: Compression } = {}) {
    this.#bytes = bytes;
    this.#compression = options.compression;
  }

  /** A new workbook holding exactly these sheets (a template). */
  static create(sheets: readonly SheetSpec[]): XlsxWorkbook {
    return new XlsxWorkbook(createWorkbook(sheets));
  }

  read(wanted: readonly string[], options?: StepOptions): Promise<WorkbookSnapshot> {
    return new XlsxReader(this.#bytes, { nativeInflate: this.#compression }).read(wanted, options);
  }

  async writeSheets(sheets: readonly SheetSpec[], options: StepOptions = {}): Promise<void> {
    this.#bytes = await writeOutputSheetsAsync(this.#bytes, sheets, { compression: this.#compression, onProgress: options.onProgress });
  }

  async patchCells(sheet: string, edits: readonly CellEdit[]): Promise<void> {
    this.#bytes = patchCells(this.#bytes, sheet, edits);
  }

  /** The workbook as it is now, as .xlsx bytes. */
  bytes(): Uint8Array {
    return this.#bytes;
  }
}
