import { attr, escapeAttr } from "./xml.js";
import { appendContent, applySplices, childrenNamed, elementTree, inPrefix } from "./xml-spans.js";

/*
 * [Content_Types].xml: the content type of each part. The writer adds and removes `<Override>`
 * entries for the parts it adds and removes; everything else in the part stays as it was.
 * Part names are given without their leading "/" and compare ignoring case (OPC).
 */

export const CONTENT_TYPES_PART = "[Content_Types].xml";
export const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

const overrides = (xml: string) => childrenNamed(elementTree(CONTENT_TYPES_PART, xml), "Override");
const isPart = (partName: string) => {
  const wanted = `/${partName}`.toLowerCase();
  return (a: Readonly<Record<string, string>>) => attr(a, "PartName")?.toLowerCase() === wanted;
};

/** An `<Override>` for a new part. */
export function addOverride(xml: string, partName: string, contentType: string): string {
  const root = elementTree(CONTENT_TYPES_PART, xml);
  const entry = `<Override PartName="/${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`;
  return applySplices(xml, appendContent(xml, root, inPrefix(entry, root.prefix)));
}

/** Without any `<Override>` of the part. */
export function removeOverride(xml: string, partName: string): string {
  const mine = isPart(partName);
  return applySplices(
    xml,
    overrides(xml)
      .filter((o) => mine(o.attributes))
      .map((o) => ({ start: o.start, end: o.end, text: "" })),
  );
}

/** The content type an override gives the part, if any. */
export function overrideContentType(xml: string, partName: string): string | undefined {
  const mine = isPart(partName);
  const found = overrides(xml).find((o) => mine(o.attributes));
  return found === undefined ? undefined : attr(found.attributes, "ContentType");
}

/** Part names that overrides mention, lower-cased, without the leading "/". */
export function overriddenParts(xml: string): Set<string> {
  const names = new Set<string>();
  for (const o of overrides(xml)) {
    const name = attr(o.attributes, "PartName");
    if (name !== undefined) names.add(name.replace(/^\//, "").toLowerCase());
  }
  return names;
}
