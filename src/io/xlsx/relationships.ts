import { attr, decodeXml, escapeAttr, parseXml } from "./xml.js";
import { appendContent, applySplices, childrenNamed, elementTree, inPrefix } from "./xml-spans.js";
import { relsPartOf, resolveTarget, type ZipPackage } from "./zip-package.js";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKSHEET_REL_TYPE = `${REL_NS}/worksheet`;

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Part name the target resolves to; null for external targets (hyperlinks etc.). */
  readonly part: string | null;
}

/** The relationships of `sourcePart` (the package itself when sourcePart is ""); none if it has no .rels part. */
export function readRelationships(pkg: ZipPackage, sourcePart: string): Relationship[] {
  const relsName = pkg.find(relsPartOfSource(sourcePart));
  if (relsName === undefined) return [];
  return parseRelationships(relsName, decodeXml(pkg.read(relsName)), sourcePart);
}

/** A .rels part's text → its relationships, targets resolved against `sourcePart`. */
export function parseRelationships(relsName: string, xml: string, sourcePart: string): Relationship[] {
  const rels: Relationship[] = [];
  let depth = 0;
  parseXml(relsName, xml, {
    open(name, a) {
      depth++;
      if (name !== "Relationship" || depth !== 2) return;
      const target = attr(a, "Target") ?? "";
      const external = attr(a, "TargetMode") === "External";
      rels.push({
        id: attr(a, "Id") ?? "",
        type: attr(a, "Type") ?? "",
        part: external ? null : resolveTarget(sourcePart, target),
      });
    },
    close() {
      depth--;
    },
  });
  return rels;
}

/** A .rels part's text with a new relationship at the end. */
export function addRelationship(xml: string, relsPart: string, id: string, type: string, target: string): string {
  const root = elementTree(relsPart, xml);
  const entry = `<Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
  return applySplices(xml, appendContent(xml, root, inPrefix(entry, root.prefix)));
}

/** A .rels part's text without the relationship of this id. */
export function removeRelationship(xml: string, relsPart: string, id: string): string {
  const root = elementTree(relsPart, xml);
  const gone = childrenNamed(root, "Relationship").filter((r) => attr(r.attributes, "Id") === id);
  return applySplices(
    xml,
    gone.map((r) => ({ start: r.start, end: r.end, text: "" })),
  );
}

/** The .rels part of a source part ("" is the package: `_rels/.rels`). */
export function relsPartOfSource(sourcePart: string): string {
  return sourcePart === "" ? "_rels/.rels" : relsPartOf(sourcePart);
}

/** `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/sheet1.xml`; `_rels/.rels` → ""; undefined for any other name. */
export function sourceOfRelsPart(relsPart: string): string | undefined {
  const m = /^((?:.*\/)?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  if (!m) return undefined;
  return `${m[1]}${m[2]}`;
}

/** Relationship types differ between transitional and strict OOXML only in their namespace prefix. */
export function isRelType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}
