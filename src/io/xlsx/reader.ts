import type { Grid, GridRow } from "../../model/cell.js";
import type { WorkbookSnapshot } from "../../model/workbook.js";
import type { UnreadableReason } from "../../model/failure.js";
import { RunCancelled, type StepOptions, type WorkbookReader, unreadable, WorkbookUnreadableError } from "../workbook.js";
import { CONTENT_TYPES_PART } from "./content-types.js";
import { parseSharedStrings } from "./shared-strings.js";
import { readSheetRows, type SheetReadContext } from "./sheet-reader.js";
import { readDateStyles } from "./styles.js";
import { readWorkbookStructure, type WorkbookStructure } from "./workbook-structure.js";
import { decodeXml } from "./xml.js";
import type { NativeInflate } from "./compression.js";
import type { InflateProgress } from "./zip-archive.js";
import { ZipPackage } from "./zip-package.js";

/** An opened .xlsx package: its parts (inflated only when read) and the workbook's sheet list. */
export interface XlsxPackage {
  readonly pkg: ZipPackage;
  readonly workbook: WorkbookStructure;
}

/**
 * Throws WorkbookUnreadableError (its reason as data) for anything that is not a readable .xlsx.
 * `inflater`: the platform's faster inflate for the parts read (the CLI's zlib); fflate without it.
 */
export function openXlsx(bytes: Uint8Array, inflater?: NativeInflate): XlsxPackage {
  const pkg = ZipPackage.open(bytes, inflater);
  const workbook = readWorkbookStructure(pkg);
  // Excel cannot open a package without it either; the writer needs it to add parts.
  if (pkg.find(CONTENT_TYPES_PART) === undefined) throw unreadable("CONTENT_TYPES_MISSING", { part: CONTENT_TYPES_PART });
  return { pkg, workbook };
}

/** A failure about a worksheet's part names the sheet too: the user knows 评分A, not xl/worksheets/sheet4.xml. */
function inSheet(e: unknown, part: string, sheet: string): unknown {
  if (!(e instanceof WorkbookUnreadableError)) return e;
  const params: object = e.reason.params;
  if (!("part" in params) || params.part !== part) return e;
  return new WorkbookUnreadableError({ ...e.reason, params: { ...params, sheet } } as UnreadableReason);
}

/** The shares of a sheet's progress taken by inflating its part and by decoding its text (about a quarter of its reading time together). */
const INFLATING = 0.15;
const DECODING = 0.1;

/**
 * Reads sheet values from .xlsx bytes; nothing is parsed until read() is called. `nativeInflate`:
 * the platform's inflates, if it has any: the file mode's asynchronous DecompressionStream
 * inflates the parts read (the wanted sheets, shared strings, styles), each just before it is
 * read; else the CLI's synchronous zlib; else fflate.
 */
export class XlsxReader implements WorkbookReader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly options: { readonly nativeInflate?: NativeInflate } = {},
  ) {}

  async read(wanted: readonly string[], options: StepOptions = {}): Promise<WorkbookSnapshot> {
    const { nativeInflate } = this.options;
    const { pkg, workbook } = openXlsx(this.bytes, nativeInflate);
    const partText = (name: string) => decodeXml(pkg.read(name));
    const { onProgress, signal } = options;

    const { sharedStringsPart, stylesPart } = workbook;
    // Declared sizes first: a part that claims too much is refused before anything is inflated.
    const sheetParts = workbook.sheets.filter((s) => wanted.includes(s.name) && s.kind === "worksheet").map((s) => s.part);
    pkg.checkSizes([...sheetParts, ...[sharedStringsPart, stylesPart].filter((p): p is string => p !== undefined)]);

    // Asynchronously inflated parts are inflated ahead, one at a time, for pkg.read to take
    // (failures are thrown there, where the synchronous path throws them); a cancel is heard
    // while a part inflates, as the inflate reports its steps.
    const cancelled = () => {
      if (signal?.aborted) throw new RunCancelled(signal.reason);
    };
    const inflateAsync = nativeInflate?.inflateAsync?.bind(nativeInflate);
    const inflateAhead = async (part: string, onStep?: InflateProgress) => {
      if (inflateAsync === undefined) return;
      await pkg.inflateAhead(part, inflateAsync, (at, of) => {
        cancelled();
        onStep?.(at, of);
      });
    };
    if (stylesPart !== undefined) await inflateAhead(stylesPart);
    if (sharedStringsPart !== undefined && sheetParts.length > 0) await inflateAhead(sharedStringsPart);

    // Parsed on first use (many sheets hold no shared string), and only once.
    let sharedStrings: readonly string[] | undefined;
    const ctx: SheetReadContext = {
      sharedStrings: () =>
        (sharedStrings ??= sharedStringsPart === undefined ? [] : parseSharedStrings(sharedStringsPart, partText(sharedStringsPart))),
      dateStyles: stylesPart === undefined ? [] : readDateStyles(stylesPart, partText(stylesPart)),
      date1904: workbook.date1904,
    };

    // Progress by the sheets' declared sizes: within a sheet, its first INFLATING share while
    // its part is inflated (seconds for a 40 MB 扣分说明 with fflate), the DECODING share while
    // its text is decoded (half a second), the rest as its rows are scanned.
    const total = sheetParts.reduce((n, part) => n + pkg.size(part), 0);
    let done = 0;
    const sheets = new Map<string, Grid>();
    for (const sheet of workbook.sheets) {
      if (!wanted.includes(sheet.name) || sheets.has(sheet.name)) continue;
      if (signal?.aborted) throw new RunCancelled(signal.reason);
      let rows: GridRow[] = [];
      if (sheet.kind === "worksheet") {
        const size = pkg.size(sheet.part);
        const inflated = size * INFLATING;
        const decoded = inflated + size * DECODING;
        const inflating = onProgress && ((at: number, of: number) => onProgress(done + (inflated * at) / of, total));
        try {
          await inflateAhead(sheet.part, inflating);
          const bytes = pkg.read(sheet.part, inflating);
          const xml = decodeXml(bytes, onProgress && ((at, of) => onProgress(done + inflated + ((decoded - inflated) * at) / of, total)));
          const scanned = (at: number) => onProgress?.(done + decoded + ((size - decoded) * at) / xml.length, total);
          rows = readSheetRows(sheet.part, xml, ctx, onProgress && scanned);
        } catch (e) {
          throw inSheet(e, sheet.part, sheet.name);
        }
        done += size;
        onProgress?.(done, total);
      }
      sheets.set(sheet.name, { name: sheet.name, rows });
    }
    return { sheetNames: workbook.sheets.map((s) => s.name), sheets };
  }
}
