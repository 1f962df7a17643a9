import { damagedWorkbook } from "./damage.js";
import { isRelType, readRelationships, type Relationship } from "./relationships.js";
import { attr, decodeXml, parseXml } from "./xml.js";
import type { ZipPackage } from "./zip-package.js";
import { WorkbookUnreadableError } from "../workbook.js";

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
const STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";

/**
 * The workbook part's sheet list and settings. Throws WorkbookUnreadableError when the package
 * has no workbook, or one Excel itself would call damaged: no `<sheets>` list, a sheet whose
 * part is missing, two sheets of the same name (names compare ignoring case, as in Excel).
 */
export function readWorkbookStructure(pkg: ZipPackage): WorkbookStructure {
  const officeDoc = readRelationships(pkg, "").find((r) => isRelType(r, "officeDocument"));
  const workbookPart = pkg.find(officeDoc?.part ?? "xl/workbook.xml");
  const notAWorkbook = new WorkbookUnreadableError("文件不是 Excel 工作簿，而是其他格式的文件（如 Word 文档）改成了 .xlsx 扩展名。", {
    remedy: "not-a-workbook",
  });
  if (workbookPart === undefined) throw notAWorkbook;
  const workbookRels = readRelationships(pkg, workbookPart);
  const relsById = new Map(workbookRels.map((r) => [r.id, r]));
  const partOfType = (type: string): string | undefined => {
    const rel = workbookRels.find((r) => isRelType(r, type));
    return rel?.part == null ? undefined : pkg.find(rel.part);
  };

  const sheets: SheetRef[] = [];
  const names = new Set<string>();
  let date1904 = false;
  let strict = false;
  let hasSheetList = false;
  // Element path by depth: only <workbook><sheets><sheet> count, not look-alikes in extensions.
  const path: string[] = [];
  parseXml(workbookPart, decodeXml(pkg.read(workbookPart)), {
    open(name, a) {
      path.push(name);
      const depth = path.length;
      if (depth === 1) {
        if (name !== "workbook") throw notAWorkbook; // e.g. a .docx's officeDocument
        strict = attr(a, "conformance") === "strict" || Object.entries(a).some(([k, v]) => k.startsWith("xmlns") && v === STRICT_NS);
      } else if (depth === 2 && name === "workbookPr") {
        const v = attr(a, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (depth === 2 && name === "sheets") {
        hasSheetList = true;
      } else if (depth === 3 && name === "sheet" && path[1] === "sheets") {
        const sheetName = attr(a, "name") ?? "";
        const relId = attr(a, "id") ?? "";
        const rel = relsById.get(relId);
        const part = rel?.part == null ? undefined : pkg.find(rel.part);
        const kind = rel && SHEET_KINDS.find((k) => isRelType(rel, k));
        if (part === undefined || kind === undefined) throw damagedWorkbook(`找不到工作表“${sheetName}”的内容`);
        const key = sheetName.toLowerCase();
        if (names.has(key)) throw damagedWorkbook(`有两个工作表都名为“${sheetName}”（工作表名称不能重复）`);
        names.add(key);
        sheets.push({ name: sheetName, sheetId: Number(attr(a, "sheetId")), relId, part, kind });
      }
    },
    close() {
      path.pop();
    },
  });
  if (!hasSheetList) throw damagedWorkbook(`${workbookPart} 中没有工作表列表`);
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
