import { UserError } from "../../model/failure.js";
import { columnLetters } from "../../model/cell.js";
import { checkSheetNames, type SheetSpec } from "../../report/sheet-spec.js";
import { addChartParts } from "./chart-parts.js";
import { emptyWorkbookParts } from "./new-package.js";
import { addOutputStyles, BASE_STYLES } from "./output-styles.js";
import { WORKSHEET_CONTENT_TYPE } from "./content-types.js";
import { dropCalcChain, PackageEditor } from "./package-editor.js";
import { openXlsx, type XlsxPackage } from "./reader.js";
import { REL_NS, relsPartOfSource, WORKSHEET_REL_TYPE } from "./relationships.js";
import { appendRows } from "./sheet-append.js";
import { sheetLooks, worksheetMadeText } from "./sheet-writer.js";
import { refuseStrict } from "./strict.js";
import { readWorkbookStructure, type SheetRef } from "./workbook-structure.js";
import { addSheetEntry, setPrintArea, setPrintTitles } from "./workbook-edits.js";
import { quoteSheetName } from "../../model/cell.js";
import { ZipPackage } from "./zip-package.js";
import type { SyncCompression } from "./compression.js";
import type { WriteOptions } from "./zip-writer.js";

/**
 * The input package with each output sheet written: a sheet of that name (compared as Excel
 * does, ignoring case) has its worksheet part replaced in place, any other is appended at the
 * end; a spec with `append` adds its rows below an existing sheet's instead. Every other zip
 * entry is kept byte for byte; workbook.xml, its .rels and [Content_Types].xml get minimal
 * edits, styles.xml gets the output styles appended. A replaced sheet loses its own .rels and
 * the parts only they led to (its old drawing and charts, comments…); calcChain.xml (a cache)
 * is dropped then. Throws WorkbookUnreadableError for an unreadable input.
 */
export function writeOutputSheets(
  input: Uint8Array,
  sheets: readonly SheetSpec[],
  options: WriteOptions<SyncCompression> = {},
): Uint8Array {
  return withOutputSheets(openForOutput(input), sheets).result(options);
}

/**
 * writeOutputSheets with a compression that may answer later (the browser's
 * CompressionStream): what XlsxWorkbook.writeSheets uses.
 */
export async function writeOutputSheetsAsync(
  input: Uint8Array,
  sheets: readonly SheetSpec[],
  options: WriteOptions = {},
): Promise<Uint8Array> {
  return withOutputSheets(openForOutput(input), sheets).resultAsync(options);
}

function openForOutput(input: Uint8Array): XlsxPackage {
  const pkg = openXlsx(input);
  refuseStrict(pkg.workbook);
  return pkg;
}

/** A new workbook holding exactly these sheets (templates, demo workbooks). */
export function createWorkbook(sheets: readonly SheetSpec[], options: { readonly compression?: SyncCompression } = {}): Uint8Array {
  if (sheets.length === 0) throw new Error("a workbook needs at least one sheet");
  const pkg = ZipPackage.of(emptyWorkbookParts());
  return withOutputSheets({ pkg, workbook: readWorkbookStructure(pkg) }, sheets).result(options);
}

const STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

/** The package editor with the output sheets in it, ready to write (result or resultAsync). */
function withOutputSheets({ pkg: zip, workbook }: XlsxPackage, specs: readonly SheetSpec[]): PackageEditor {
  checkSheetNames(specs);
  refuseNonWorksheets(workbook.sheets, specs);
  const pkg = new PackageEditor(zip);
  const { workbookPart } = workbook;
  const dir = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);

  let stylesPart = workbook.stylesPart;
  if (stylesPart === undefined) {
    stylesPart = pkg.freePartName((k) => `${dir}styles${k === 1 ? "" : k}.xml`);
    pkg.addPart(stylesPart, BASE_STYLES, STYLES_CONTENT_TYPE);
    pkg.relate(workbookPart, `${REL_NS}/styles`, stylesPart);
  }
  const styles = addOutputStyles(pkg.text(stylesPart), sheetLooks(specs), stylesPart);
  pkg.setText(stylesPart, styles.xml); // kept byte for byte when nothing was added

  const existing = new Map(workbook.sheets.map((s, index) => [s.name.toLowerCase(), { ...s, index }]));
  let nextSheetId = workbook.sheets.reduce((m, s) => (Number.isFinite(s.sheetId) ? Math.max(m, s.sheetId) : m), 0) + 1;
  let sheetCount = workbook.sheets.length;
  let replaced = false;
  for (const spec of specs) {
    const sheet = existing.get(spec.name.toLowerCase());
    if (sheet !== undefined && spec.append !== undefined) {
      pkg.edit(sheet.part, (xml) => appendRows(xml, sheet.part, spec, styles.ids));
      continue;
    }
    let part: string;
    let index: number;
    if (sheet === undefined) {
      part = pkg.freePartName((k) => `${dir}worksheets/sheet${k}.xml`);
      pkg.addPart(part, "", WORKSHEET_CONTENT_TYPE); // reserves the name; written below
      const relId = pkg.relate(workbookPart, WORKSHEET_REL_TYPE, part);
      const sheetId = nextSheetId++;
      pkg.edit(workbookPart, (xml) => addSheetEntry(xml, workbookPart, spec.name, sheetId, relId));
      index = sheetCount++;
    } else {
      part = sheet.part;
      index = sheet.index;
      dropOwnParts(pkg, sheet);
      replaced = true;
    }
    const charts = spec.charts ?? [];
    const drawingRelId = charts.length === 0 ? undefined : addChartParts(pkg, dir, part, spec);
    pkg.setMadeText(part, (onFraction) =>
      worksheetMadeText(spec, styles.ids, drawingRelId === undefined ? {} : { drawingRelId }, onFraction),
    );
    const titles = printTitles(spec);
    if (titles !== null || sheet !== undefined) pkg.edit(workbookPart, (xml) => setPrintTitles(xml, workbookPart, index, titles));
    const area = spec.print?.printArea === undefined ? null : `${quoteSheetName(spec.name)}!${absolute(spec.print.printArea)}`;
    if (area !== null || sheet !== undefined) pkg.edit(workbookPart, (xml) => setPrintArea(xml, workbookPart, index, area));
  }
  if (replaced) dropCalcChain(pkg, workbook);
  // The sheets' XML is made and deflated part by part when the result is taken: most of the writing's time.
  return pkg;
}

/**
 * An output sheet goes where a sheet of its name is; one that is not a worksheet (a chart
 * sheet the user named 考核结果, say) cannot take it, and replacing it would lose the user's
 * chart. Checked for all sheets before anything is written.
 */
function refuseNonWorksheets(sheets: readonly SheetRef[], specs: readonly SheetSpec[]): void {
  const wanted = new Set(specs.map((s) => s.name.toLowerCase()));
  const taken = sheets.find((s) => s.kind !== "worksheet" && wanted.has(s.name.toLowerCase()));
  if (taken !== undefined) throw new UserError("OUTPUT_SHEET_NOT_WORKSHEET", { sheet: taken.name });
}

/**
 * A replaced sheet's old relationships belonged to its old content (drawings and their charts,
 * comments, tables…): they go, and so does every part only they led to, so that re-runs
 * leave no orphans behind.
 */
function dropOwnParts(pkg: PackageEditor, sheet: SheetRef): void {
  const targets = pkg.relationships(sheet.part).flatMap((r) => (r.part === null ? [] : [r.part]));
  pkg.removePart(relsPartOfSource(sheet.part));
  pkg.removeUnreferenced(targets);
}

/** The print titles formula: repeated columns (`'s'!$A:$C`) and rows (`'s'!$3:$4`), or null. */
function printTitles(spec: SheetSpec): string | null {
  const p = spec.print;
  const rows = Math.floor(p?.repeatRows ?? 0);
  const cols = Math.floor(p?.repeatColumns ?? 0);
  const from = Math.floor(p?.repeatFrom ?? 0);
  const parts: string[] = [];
  if (cols > 0) parts.push(`${quoteSheetName(spec.name)}!$A:$${columnLetters(cols - 1)}`);
  if (rows > 0) parts.push(`${quoteSheetName(spec.name)}!$${from + 1}:$${from + rows}`);
  return parts.length === 0 ? null : parts.join(",");
}

/** "A1:H40" → "$A$1:$H$40". */
function absolute(range: string): string {
  return range
    .split(":")
    .map((ref) => ref.replace(/^\$?([A-Za-z]+)\$?(\d+)$/, (_, c: string, r: string) => `$${c.toUpperCase()}$${r}`))
    .join(":");
}
