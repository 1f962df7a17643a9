import { WorkbookUnreadableError } from "../workbook.js";
import { isRelType, readRelationships, type Relationship } from "./relationships.js";
import { attr, decodeXml, parseXml } from "./xml.js";
import { findPart, type Parts } from "./zip-package.js";

export type SheetKind = "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet";

export interface SheetRef {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  /** Zip entry name of the sheet's part. */
  readonly part: string;
  readonly kind: SheetKind;
}

/** What the reader and writer need to know about a package's workbook part. */
export interface WorkbookStructure {
  readonly workbookPart: string;
  readonly workbookRels: readonly Relationship[];
  readonly sheets: readonly SheetRef[];
  /** Serial dates count from 1904-01-01 (old Mac workbooks). */
  readonly date1904: boolean;
  /** ISO 29500 strict namespaces (Excel's "Strict Open XML" save option). */
  readonly strict: boolean;
  readonly sharedStringsPart: string | undefined;
  readonly stylesPart: string | undefined;
}

const SHEET_KINDS: readonly SheetKind[] = ["worksheet", "chartsheet", "dialogsheet", "macrosheet"];

export function readWorkbookStructure(parts: Parts): WorkbookStructure {
  const officeDoc = readRelationships(parts, "").find((r) => isRelType(r, "officeDocument"));
  const workbookPart = findPart(parts, officeDoc?.part ?? "xl/workbook.xml");
  const notAWorkbook = new WorkbookUnreadableError(
    "压缩包中没有 xl/workbook.xml：这不是 Excel 工作簿（.xlsx），可能是其他格式的文件（如 Word 文档）。",
  );
  if (workbookPart === undefined) throw notAWorkbook;
  const workbookRels = readRelationships(parts, workbookPart);
  const relsById = new Map(workbookRels.map((r) => [r.id, r]));
  const partOfType = (type: string): string | undefined => {
    const rel = workbookRels.find((r) => isRelType(r, type));
    return rel?.part == null ? undefined : findPart(parts, rel.part);
  };

  const sheets: SheetRef[] = [];
  let date1904 = false;
  let strict = false;
  let root: string | undefined;
  parseXml(workbookPart, decodeXml(parts.get(workbookPart)!), {
    open(name, a) {
      root ??= name;
      if (root !== "workbook") throw notAWorkbook; // e.g. a .docx's officeDocument
      if (name === "workbook") {
        strict = Object.values(a).some((v) => v.startsWith("http://purl.oclc.org/ooxml/spreadsheetml/"));
      } else if (name === "workbookPr") {
        const v = attr(a, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (name === "sheet") {
        const sheetName = attr(a, "name") ?? "";
        const relId = attr(a, "id") ?? "";
        const rel = relsById.get(relId);
        const part = rel?.part == null ? undefined : findPart(parts, rel.part);
        const kind = rel && SHEET_KINDS.find((k) => isRelType(rel, k));
        if (part === undefined || kind === undefined) {
          throw new WorkbookUnreadableError(`文件已损坏：找不到工作表“${sheetName}”的内容。`);
        }
        sheets.push({ name: sheetName, sheetId: Number(attr(a, "sheetId")), relId, part, kind });
      }
    },
  });
  return {
    workbookPart,
    workbookRels,
    sheets,
    date1904,
    strict,
    sharedStringsPart: partOfType("sharedStrings"),
    stylesPart: partOfType("styles"),
  };
}
