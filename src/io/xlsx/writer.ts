import type { SheetSpec } from "../../report/sheet-spec.js";
import { WorkbookUnreadableError } from "../workbook.js";
import { emptyWorkbookParts } from "./new-package.js";
import { addOutputStyles, BASE_STYLES } from "./output-styles.js";
import {
  addOverride,
  addRelationship,
  addSheetEntry,
  overriddenParts,
  REL_NS,
  removeElements,
  WORKSHEET_CONTENT_TYPE,
  WORKSHEET_REL_TYPE,
} from "./package-edits.js";
import { openXlsx, type XlsxPackage } from "./reader.js";
import { isRelType } from "./relationships.js";
import { worksheetXml } from "./sheet-writer.js";
import { readWorkbookStructure } from "./workbook-parts.js";
import { decodeXml, encodeXml } from "./xml.js";
import { findPart, relsPartOf, zipParts, type Parts } from "./zip-package.js";

/**
 * The input package with each output sheet written: a sheet of that name (compared as Excel
 * does, ignoring case) has its worksheet part replaced in place, any other is appended at the
 * end. Every other zip entry is kept byte for byte; workbook.xml, its .rels and
 * [Content_Types].xml get minimal insertions, styles.xml gets the output styles appended.
 * A replaced part loses its own .rels (its drawings, comments… were the old content's), and
 * calcChain.xml (a cache) is dropped then. Throws WorkbookUnreadableError for an unreadable input.
 */
export function writeOutputSheets(input: Uint8Array, sheets: readonly SheetSpec[]): Uint8Array {
  const pkg = openXlsx(input);
  if (pkg.workbook.strict) {
    throw new Error("工作簿是“Strict Open XML”格式，无法写入结果。请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再试。");
  }
  return zipParts(withOutputSheets(pkg, sheets));
}

/** A new workbook holding exactly these sheets (templates, demo workbooks). */
export function createWorkbook(sheets: readonly SheetSpec[]): Uint8Array {
  if (sheets.length === 0) throw new Error("a workbook needs at least one sheet");
  const parts = emptyWorkbookParts();
  return zipParts(withOutputSheets({ parts, workbook: readWorkbookStructure(parts) }, sheets));
}

const STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

function withOutputSheets({ parts: original, workbook }: XlsxPackage, specs: readonly SheetSpec[]): Parts {
  checkSheetNames(specs);
  const parts: Parts = new Map(original);
  const text = (name: string) => decodeXml(parts.get(name)!);
  const contentTypesPart = findPart(parts, "[Content_Types].xml");
  if (contentTypesPart === undefined) throw new WorkbookUnreadableError("文件已损坏：缺少 [Content_Types].xml。");
  const { workbookPart } = workbook;
  const relsPart = findPart(parts, relsPartOf(workbookPart)) ?? relsPartOf(workbookPart);
  const dir = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);

  // The three parts that get insertions, edited as text and stored only if they changed.
  const edited = new Map<string, string>();
  const edit = (part: string, change: (xml: string) => string) =>
    edited.set(part, change(edited.get(part) ?? (parts.has(part) ? text(part) : EMPTY_RELS)));

  const relIds = new Set(workbook.workbookRels.map((r) => r.id));
  let nextRelNumber = Math.max(0, ...[...relIds].map((id) => Number(/^rId(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
  const newRelId = () => {
    while (relIds.has(`rId${nextRelNumber}`)) nextRelNumber++;
    const id = `rId${nextRelNumber}`;
    relIds.add(id);
    return id;
  };
  /** A part name that no entry, and no stale content-type override, uses yet. */
  const freePartName = (name: (k: number) => string) => {
    const overridden = overriddenParts(edited.get(contentTypesPart) ?? text(contentTypesPart));
    for (let k = 1; ; k++) {
      if (findPart(parts, name(k)) === undefined && !overridden.has(name(k).toLowerCase())) return name(k);
    }
  };
  const addPart = (part: string, bytes: Uint8Array, relType: string, contentType: string) => {
    parts.set(part, bytes);
    const target = part.startsWith(dir) ? part.slice(dir.length) : `/${part}`;
    const relId = newRelId();
    edit(relsPart, (xml) => addRelationship(xml, relsPart, relId, relType, target));
    edit(contentTypesPart, (xml) => addOverride(xml, part, contentType));
    return relId;
  };

  let stylesPart = workbook.stylesPart;
  if (stylesPart === undefined) {
    stylesPart = freePartName((k) => `${dir}styles${k === 1 ? "" : k}.xml`);
    addPart(stylesPart, encodeXml(BASE_STYLES), `${REL_NS}/styles`, STYLES_CONTENT_TYPE);
  }
  const stylesXml = text(stylesPart);
  const { xml: newStylesXml, ids } = addOutputStyles(stylesXml);
  if (newStylesXml !== stylesXml) parts.set(stylesPart, encodeXml(newStylesXml));

  const existing = new Map(workbook.sheets.map((s) => [s.name.toLowerCase(), s]));
  let nextSheetId = Math.max(0, ...workbook.sheets.map((s) => s.sheetId).filter(Number.isFinite)) + 1;
  let replaced = false;
  for (const spec of specs) {
    const bytes = encodeXml(worksheetXml(spec, ids));
    const sheet = existing.get(spec.name.toLowerCase());
    if (sheet === undefined) {
      const part = freePartName((k) => `${dir}worksheets/sheet${k}.xml`);
      const relId = addPart(part, bytes, WORKSHEET_REL_TYPE, WORKSHEET_CONTENT_TYPE);
      const sheetId = nextSheetId++;
      edit(workbookPart, (xml) => addSheetEntry(xml, workbookPart, spec.name, sheetId, relId));
      continue;
    }
    if (sheet.kind !== "worksheet") {
      throw new Error(`工作表“${sheet.name}”不是普通工作表（例如图表工作表），无法写入结果。请将它改名或删除后再试。`);
    }
    parts.set(sheet.part, bytes);
    // The old part's drawings, comments, tables… belonged to the old content: drop the links.
    const oldRels = findPart(parts, relsPartOf(sheet.part));
    if (oldRels !== undefined) parts.delete(oldRels);
    replaced = true;
  }

  // calcChain.xml lists formula cells by sheet; one that lists cells of a replaced sheet makes
  // Excel report the file as damaged. It is only a cache (Excel rebuilds it), so it goes
  // whenever a sheet is replaced: safer than relying on how its sheet numbers are meant.
  const calcRel = workbook.workbookRels.find((r) => isRelType(r, "calcChain"));
  const calcPart = calcRel?.part == null ? undefined : findPart(parts, calcRel.part);
  if (calcRel && calcPart && replaced) {
    parts.delete(calcPart);
    edit(relsPart, (xml) => removeElements(xml, "Relationship", "Id", calcRel.id));
    edit(contentTypesPart, (xml) => removeElements(xml, "Override", "PartName", `/${calcPart}`));
  }
  for (const [part, xml] of edited) parts.set(part, encodeXml(xml));
  return parts;
}

/** Excel's sheet-name rules; output sheet names come from the program, so a bad one is a bug. */
function checkSheetNames(specs: readonly SheetSpec[]): void {
  const seen = new Set<string>();
  for (const { name } of specs) {
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new Error(`invalid sheet name: ${JSON.stringify(name)}`);
    }
    if (seen.has(name.toLowerCase())) throw new Error(`duplicate sheet name: ${JSON.stringify(name)}`);
    seen.add(name.toLowerCase());
  }
}
