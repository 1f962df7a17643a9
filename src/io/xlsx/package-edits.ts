import { escapeAttr } from "./xml.js";

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

/** Part names mentioned by [Content_Types].xml overrides, lower-cased, without the leading "/". */
export function overriddenParts(contentTypesXml: string): Set<string> {
  const names = new Set<string>();
  for (const m of contentTypesXml.matchAll(/\sPartName\s*=\s*["']\/?([^"']*)["']/g)) names.add(m[1]!.toLowerCase());
  return names;
}
