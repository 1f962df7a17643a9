import { attr, decodeXml, parseXml } from "./xml.js";
import { findPart, relsPartOf, resolveTarget, type Parts } from "./zip-package.js";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Part name the target resolves to; null for external targets (hyperlinks etc.). */
  readonly part: string | null;
}

/** The relationships of `sourcePart` (the package itself when sourcePart is ""); none if it has no .rels part. */
export function readRelationships(parts: Parts, sourcePart: string): Relationship[] {
  const relsName = findPart(parts, relsPartOfSource(sourcePart));
  if (relsName === undefined) return [];
  return parseRelationships(relsName, decodeXml(parts.get(relsName)!), sourcePart);
}

/** A .rels part's text → its relationships, targets resolved against `sourcePart`. */
export function parseRelationships(relsName: string, xml: string, sourcePart: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(relsName, xml, {
    open(name, a) {
      if (name !== "Relationship") return;
      const target = attr(a, "Target") ?? "";
      const external = attr(a, "TargetMode") === "External";
      rels.push({
        id: attr(a, "Id") ?? "",
        type: attr(a, "Type") ?? "",
        part: external ? null : resolveTarget(sourcePart, target),
      });
    },
  });
  return rels;
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
