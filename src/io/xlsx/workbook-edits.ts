import { damagedWorkbook } from "./damage.js";
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
  if (sheets === undefined) throw damagedWorkbook(`${part} 中没有工作表列表`);
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
  let root = elementTree(part, xml);
  let names = childNamed(root, "definedNames");
  if (names !== undefined) {
    const mine = childrenNamed(names, "definedName").filter(
      (d) => attr(d.attributes, "name") === "_xlnm.Print_Titles" && attr(d.attributes, "localSheetId") === String(localSheetId),
    );
    if (mine.length > 0) {
      const emptied = mine.length === names.children.length;
      xml = applySplices(
        xml,
        emptied ? [{ start: names.start, end: names.end, text: "" }] : mine.map((d) => ({ start: d.start, end: d.end, text: "" })),
      );
      root = elementTree(part, xml);
      names = childNamed(root, "definedNames");
    }
  }
  if (formula === null) return xml;

  const entry = (p: string) =>
    inPrefix(`<definedName name="_xlnm.Print_Titles" localSheetId="${localSheetId}">`, p) + escapeText(formula) + `</${p}definedName>`;
  if (names !== undefined) return applySplices(xml, appendContent(xml, names, entry(names.prefix)));
  const sheets = sheetList(part, xml, root);
  const later = root.children.find((c) => c.start > sheets.start && AFTER_DEFINED_NAMES.has(c.name));
  const at = later?.start ?? root.bodyEnd;
  const p = sheets.prefix;
  return applySplices(xml, [{ start: at, end: at, text: `<${p}definedNames>${entry(p)}</${p}definedNames>` }]);
}
