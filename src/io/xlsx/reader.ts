import type { Grid } from "../../model/cell.js";
import type { WorkbookReader } from "../workbook.js";
import type { WorkbookSnapshot } from "../../model/workbook.js";
import { parseSharedStrings } from "./shared-strings.js";
import { readSheetRows, type SheetReadContext } from "./sheet-reader.js";
import { readDateStyles } from "./styles.js";
import { readWorkbookStructure, type WorkbookStructure } from "./workbook-parts.js";
import { decodeXml } from "./xml.js";
import { unzipParts, type Parts } from "./zip-package.js";

/** An opened .xlsx package: its parts, untouched, and the workbook's sheet list. */
export interface XlsxPackage {
  readonly parts: Parts;
  readonly workbook: WorkbookStructure;
}

/** Throws WorkbookUnreadableError (reason in Chinese) for anything that is not a readable .xlsx. */
export function openXlsx(bytes: Uint8Array): XlsxPackage {
  const parts = unzipParts(bytes);
  return { parts, workbook: readWorkbookStructure(parts) };
}

/** Reads sheet values from .xlsx bytes; nothing is parsed until read() is called. */
export class XlsxReader implements WorkbookReader {
  constructor(private readonly bytes: Uint8Array) {}

  async read(wanted: readonly string[]): Promise<WorkbookSnapshot> {
    const { parts, workbook } = openXlsx(this.bytes);
    const partText = (name: string | undefined) => (name === undefined ? undefined : decodeXml(parts.get(name)!));

    let sharedStrings: readonly string[] | undefined;
    const stylesXml = partText(workbook.stylesPart);
    const ctx: SheetReadContext = {
      sharedStrings: () => {
        const xml = partText(workbook.sharedStringsPart);
        return (sharedStrings ??= xml === undefined ? [] : parseSharedStrings(workbook.sharedStringsPart!, xml));
      },
      dateStyles: stylesXml === undefined ? [] : readDateStyles(workbook.stylesPart!, stylesXml),
      date1904: workbook.date1904,
    };

    const sheets = new Map<string, Grid>();
    for (const sheet of workbook.sheets) {
      if (!wanted.includes(sheet.name) || sheets.has(sheet.name)) continue;
      const rows = sheet.kind === "worksheet" ? readSheetRows(sheet.part, partText(sheet.part)!, ctx) : [];
      sheets.set(sheet.name, { name: sheet.name, rows });
    }
    return { sheetNames: workbook.sheets.map((s) => s.name), sheets };
  }
}
