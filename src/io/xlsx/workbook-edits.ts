import { unreadable } from "../workbook.js";
import { REL_NS } from "./relationships.js";
import { attr, escapeAttr, escapeText } from "./xml.js";
import { appendContent, applySplices, childNamed, childrenNamed, elementTree, inPrefix, type ElementSpan } from "./xml-spans.js";

/*
 * Edits of the workbook part (xl/workbook.xml) at offsets the XML scanner found: a sheet added
 * to <sheets>, a sheet's print titles set. The part is never re-serialised, so whatever else
 * it holds (extensions, other namespaces, comments) stays exactly as it was.
 */

function sheetList(part: string, xml: string, root: ElementSpan): ElementSpan {
  const sheets = childNamed(root, "sheets");
  if (sheets === undefined) throw unreadable("SHEET_LIST_MISSING", { part });
  return sheets;
}

/** A new `<sheet>` at the end of `<sheets>`, declaring the relationships namespace itself. */
export function addSheetEntry(xml: string, part: string, name: string, sheetId: number, relId: string): string {
  const root = elementTree(part, xml);
  const sheets = sheetList(part, xml, root);
  const entry = `<sheet xmlns:r="${REL_NS}" name="${escapeAttr(name)}" sheetId="${sheetId}" r:id="${escapeAttr(relId)}"/>`;
  return applySplices(xml, appendContent(xml, sheets, inPrefix(entry, sheets.prefix)));
}

// CT_Workbook children that come after <definedNames>, to know where a new one goes.
const AFTER_DEFINED_NAMES = new Set([
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
]);

/**
 * The sheet's print titles (`_xlnm.Print_Titles` local to the sheet at index `localSheetId`)
 * set to `formula`, or removed when it is null. Other defined names are not touched; a
 * `<definedNames>` list is added where the schema wants it if there is none, and dropped again
 * if removing left it empty.
 */
export function setPrintTitles(xml: string, part: string, localSheetId: number, formula: string | null): string {
  return setSheetDefinedName(xml, part, "_xlnm.Print_Titles", localSheetId, formula);
}

/** The sheet's print area (`_xlnm.Print_Area`), as setPrintTitles does its titles. */
export function setPrintArea(xml: string, part: string, localSheetId: number, formula: string | null): string {
  return setSheetDefinedName(xml, part, "_xlnm.Print_Area", localSheetId, formula);
}

/** A name local to a sheet: an existing one is replaced where it is (a re-run keeps the order), or removed. */
function setSheetDefinedName(xml: string, part: string, name: string, localSheetId: number, formula: string | null): string {
  const root = elementTree(part, xml);
  const names = childNamed(root, "definedNames");
  const entry = (p: string) =>
    inPrefix(`<definedName name="${name}" localSheetId="${localSheetId}">`, p) + escapeText(formula ?? "") + `</${p}definedName>`;
  if (names !== undefined) {
    const mine = childrenNamed(names, "definedName").filter(
      (d) => attr(d.attributes, "name") === name && attr(d.attributes, "localSheetId") === String(localSheetId),
    );
    if (mine.length > 0) {
      if (formula === null && mine.length === names.children.length)
        return applySplices(xml, [{ start: names.start, end: names.end, text: "" }]);
      return applySplices(
        xml,
        mine.map((d, i) => ({ start: d.start, end: d.end, text: formula !== null && i === 0 ? entry(names.prefix) : "" })),
      );
    }
  }
  if (formula === null) return xml;
  if (names !== undefined) return applySplices(xml, appendContent(xml, names, entry(names.prefix)));
  const sheets = sheetList(part, xml, root);
  const later = root.children.find((c) => c.start > sheets.start && AFTER_DEFINED_NAMES.has(c.name));
  const at = later?.start ?? root.bodyEnd;
  const p = sheets.prefix;
  return applySplices(xml, [{ start: at, end: at, text: `<${p}definedNames>${entry(p)}</${p}definedNames>` }]);
}
