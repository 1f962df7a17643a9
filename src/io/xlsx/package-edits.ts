import { escapeAttr, escapeText } from "./xml.js";

/*
 * Minimal string-level edits of the package parts we must touch. The documents are never
 * re-serialised: whatever else they hold (extensions, other namespaces, user content) stays
 * exactly as it was.
 */

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKSHEET_REL_TYPE = `${REL_NS}/worksheet`;
export const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** Inserts `fragment` (written unprefixed) as the last child of the first `list` element, in that element's prefix. */
function appendToList(xml: string, list: string, fragment: (prefix: string) => string, part: string): string {
  const open = new RegExp(`<([\\w.-]+:)?${list}(?:\\s[^>]*)?/?>`).exec(xml);
  if (!open) throw new Error(`${part}: no <${list}> element`);
  const prefix = open[1] ?? "";
  if (open[0].endsWith("/>")) {
    const start = open[0].slice(0, -2).trimEnd() + ">";
    return xml.slice(0, open.index) + start + fragment(prefix) + `</${prefix}${list}>` + xml.slice(open.index + open[0].length);
  }
  const close = xml.indexOf(`</${prefix}${list}>`, open.index);
  if (close < 0) throw new Error(`${part}: <${list}> is not closed`);
  return xml.slice(0, close) + fragment(prefix) + xml.slice(close);
}

/** workbook.xml: a new `<sheet>` at the end of `<sheets>`, declaring the relationships namespace itself. */
export function addSheetEntry(workbookXml: string, part: string, name: string, sheetId: number, relId: string): string {
  return appendToList(
    workbookXml,
    "sheets",
    (p) => `<${p}sheet xmlns:r="${REL_NS}" name="${escapeAttr(name)}" sheetId="${sheetId}" r:id="${escapeAttr(relId)}"/>`,
    part,
  );
}

export function addRelationship(relsXml: string, part: string, id: string, type: string, target: string): string {
  return appendToList(
    relsXml,
    "Relationships",
    (p) => `<${p}Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`,
    part,
  );
}

/** [Content_Types].xml: an Override for a new part (name without the leading "/"). */
export function addOverride(contentTypesXml: string, partName: string, contentType: string): string {
  return appendToList(
    contentTypesXml,
    "Types",
    (p) => `<${p}Override PartName="/${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`,
    "[Content_Types].xml",
  );
}

/** Removes every element `<name …/>` whose attribute `attr` equals `value` (case-insensitively, as part names compare). */
export function removeElements(xml: string, name: string, attr: string, value: string): string {
  const element = new RegExp(`<([\\w.-]+:)?${name}\\s[^>]*?(?:/>|>[\\s\\S]*?</\\1?${name}>)`, "g");
  const wanted = value.toLowerCase();
  return xml.replace(element, (el) => {
    const v = new RegExp(`\\s${attr}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(el);
    return (v?.[2] ?? v?.[3])?.toLowerCase() === wanted ? "" : el;
  });
}

/** The content type an override of [Content_Types].xml gives a part (name without the leading "/"). */
export function overrideContentType(contentTypesXml: string, partName: string): string | undefined {
  const wanted = `/${partName}`.toLowerCase();
  for (const m of contentTypesXml.matchAll(/<([\w.-]+:)?Override\s[^>]*>/g)) {
    if (attrOf(m[0], "PartName")?.toLowerCase() === wanted) return attrOf(m[0], "ContentType");
  }
  return undefined;
}

/** Part names mentioned by [Content_Types].xml overrides, lower-cased, without the leading "/". */
export function overriddenParts(contentTypesXml: string): Set<string> {
  const names = new Set<string>();
  for (const m of contentTypesXml.matchAll(/\sPartName\s*=\s*["']\/?([^"']*)["']/g)) names.add(m[1]!.toLowerCase());
  return names;
}

// CT_Workbook children that come after <definedNames>, to know where a new one goes.
const AFTER_DEFINED_NAMES = [
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
];

const attrOf = (element: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(element.slice(0, element.indexOf(">") + 1));
  return m ? (m[1] ?? m[2]) : undefined;
};

/**
 * workbook.xml: the sheet's print titles (`_xlnm.Print_Titles` local to the sheet at index
 * `localSheetId`) set to `formula`, or removed when it is null. Other defined names are not
 * touched; a `<definedNames>` list is added where the schema wants it if there is none, and
 * dropped again if removing left it empty.
 */
export function setPrintTitles(workbookXml: string, part: string, localSheetId: number, formula: string | null): string {
  return setSheetName(workbookXml, part, "_xlnm.Print_Titles", localSheetId, formula);
}

/** workbook.xml: the sheet's print area (`_xlnm.Print_Area`), as setPrintTitles does its titles. */
export function setPrintArea(workbookXml: string, part: string, localSheetId: number, formula: string | null): string {
  return setSheetName(workbookXml, part, "_xlnm.Print_Area", localSheetId, formula);
}

function setSheetName(workbookXml: string, part: string, name: string, localSheetId: number, formula: string | null): string {
  const element = /<([\w.-]+:)?definedName(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1?definedName>)/g;
  const entry = (p: string) =>
    `<${p}definedName name="${name}" localSheetId="${localSheetId}">${escapeText(formula ?? "")}</${p}definedName>`;
  let found = false;
  // An existing one is replaced where it is (the order of the names stays as it was), or removed.
  let xml = workbookXml.replace(element, (el, prefix: string | undefined) => {
    if (attrOf(el, "name") !== name || attrOf(el, "localSheetId") !== String(localSheetId)) return el;
    const first = !found;
    found = true;
    return formula !== null && first ? entry(prefix ?? "") : "";
  });
  if (found && formula !== null) return xml;
  if (found) xml = xml.replace(/<([\w.-]+:)?definedNames(?:\s[^>]*)?>\s*<\/\1?definedNames>/, "");
  if (formula === null) return xml;

  if (/<([\w.-]+:)?definedNames[\s/>]/.test(xml)) return appendToList(xml, "definedNames", entry, part);
  const sheetsEnd = /<\/([\w.-]+:)?sheets>|<([\w.-]+:)?sheets(?:\s[^>]*)?\/>/.exec(xml);
  if (!sheetsEnd) throw new Error(`${part}: no <sheets> element`);
  const prefix = sheetsEnd[1] ?? sheetsEnd[2] ?? "";
  const from = sheetsEnd.index + sheetsEnd[0].length;
  const rest = xml.slice(from);
  const later = new RegExp(`<${prefix}(?:${AFTER_DEFINED_NAMES.join("|")})[\\s/>]|</${prefix}workbook>`).exec(rest);
  if (!later) throw new Error(`${part}: <workbook> is not closed`);
  const at = from + later.index;
  return xml.slice(0, at) + `<${prefix}definedNames>${entry(prefix)}</${prefix}definedNames>` + xml.slice(at);
}

/** A sheet name as formulas quote it: `'考核结果'`, `'O''Brien'`. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
