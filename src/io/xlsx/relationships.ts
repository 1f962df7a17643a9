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
  const relsName = findPart(parts, sourcePart === "" ? "_rels/.rels" : relsPartOf(sourcePart));
  if (relsName === undefined) return [];
  const rels: Relationship[] = [];
  parseXml(relsName, decodeXml(parts.get(relsName)!), {
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

/** Relationship types differ between transitional and strict OOXML only in their namespace prefix. */
export function isRelType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}
