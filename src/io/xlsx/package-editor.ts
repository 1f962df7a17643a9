import { WorkbookUnreadableError } from "../workbook.js";
import { addOverride, addRelationship, overrideContentType, overriddenParts, removeElements } from "./package-edits.js";
import { isRelType, parseRelationships, relsPartOfSource, sourceOfRelsPart, type Relationship } from "./relationships.js";
import type { WorkbookStructure } from "./workbook-parts.js";
import { decodeXml, encodeXml } from "./xml.js";
import type { Parts } from "./zip-package.js";

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/**
 * A package being changed: parts are added, removed or edited as text, and everything not
 * touched keeps its bytes. A part that is removed and then written again (an output sheet's
 * chart on a re-run) keeps its place in the archive, so re-runs give the same entry order.
 */
export class PackageEditor {
  private readonly parts: Parts;
  /** Current text of parts edited as text, written back (if changed) by result(). */
  private readonly texts = new Map<string, string>();
  private readonly removed = new Set<string>();
  readonly contentTypesPart: string;

  constructor(original: Parts) {
    this.parts = new Map(original);
    const contentTypes = this.find("[Content_Types].xml");
    if (contentTypes === undefined) throw new WorkbookUnreadableError("文件已损坏：缺少 [Content_Types].xml。");
    this.contentTypesPart = contentTypes;
  }

  /** The entry name of a part (part names compare ignoring case), if the package has it. */
  find(name: string): string | undefined {
    if (this.parts.has(name) && !this.removed.has(name)) return name;
    const lower = name.toLowerCase();
    for (const key of this.parts.keys()) if (key.toLowerCase() === lower && !this.removed.has(key)) return key;
    return undefined;
  }

  text(part: string): string {
    const edited = this.texts.get(part);
    if (edited !== undefined) return edited;
    const bytes = this.find(part) === part ? this.parts.get(part) : undefined;
    if (bytes === undefined) throw new Error(`no part ${part}`);
    return decodeXml(bytes);
  }

  /** Sets a part's text, adding the entry (no content type: see addPart) if it is new. */
  setText(part: string, xml: string): void {
    if (this.find(part) !== part) {
      this.removed.delete(part);
      this.parts.set(part, new Uint8Array());
    }
    this.texts.set(part, xml);
  }

  edit(part: string, change: (xml: string) => string): void {
    this.setText(part, change(this.text(part)));
  }

  /** A part name that no entry, and no stale content-type override, uses yet (one removed in this edit is free again). */
  freePartName(name: (k: number) => string): string {
    const overridden = overriddenParts(this.text(this.contentTypesPart));
    const removed = new Set([...this.removed].map((r) => r.toLowerCase()));
    for (let k = 1; ; k++) {
      const lower = name(k).toLowerCase();
      if (this.find(name(k)) === undefined && (!overridden.has(lower) || removed.has(lower))) return name(k);
    }
  }

  /** A new part with its content-type override (one it had before being removed in this edit stays where it was). */
  addPart(part: string, xml: string, contentType: string): void {
    this.setText(part, xml);
    this.edit(this.contentTypesPart, (ct) => {
      if (overrideContentType(ct, part) === contentType) return ct;
      return addOverride(removeElements(ct, "Override", "PartName", `/${part}`), part, contentType);
    });
  }

  /** The current relationships of a part ("" = the package). */
  relationships(source: string): Relationship[] {
    const rels = this.find(relsPartOfSource(source));
    return rels === undefined ? [] : parseRelationships(rels, this.text(rels), source);
  }

  /** Adds a relationship from `source` to the part `target` (creating the .rels part); returns its id. */
  relate(source: string, type: string, target: string): string {
    const relsPart = this.find(relsPartOfSource(source)) ?? relsPartOfSource(source);
    if (this.find(relsPart) === undefined) this.setText(relsPart, EMPTY_RELS);
    const ids = new Set(this.relationships(source).map((r) => r.id));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    this.edit(relsPart, (xml) => addRelationship(xml, relsPart, `rId${n}`, type, relativeTarget(source, target)));
    return `rId${n}`;
  }

  removeRelationship(source: string, id: string): void {
    const relsPart = this.find(relsPartOfSource(source));
    if (relsPart !== undefined) this.edit(relsPart, (xml) => removeElements(xml, "Relationship", "Id", id));
  }

  /** Removes a part, its content-type override and its own relationships part. */
  removePart(name: string): void {
    const part = this.find(name);
    if (part === undefined) return;
    this.removed.add(part);
    this.texts.delete(part);
    const rels = this.find(relsPartOfSource(part));
    if (rels !== undefined) this.removePart(rels);
  }

  /**
   * Removes the parts of `candidates` that no remaining relationship points to, and then,
   * recursively, what only they pointed to (a drawing, its charts, their styles…). A part
   * something else still uses (an image two drawings share, a pivot cache) stays.
   */
  removeUnreferenced(candidates: Iterable<string>): void {
    const pending = new Set([...candidates].map((c) => this.find(c)).filter((c): c is string => c !== undefined));
    for (let changed = true; changed;) {
      changed = false;
      const referenced = this.referencedParts();
      // A part still referenced stays pending: what refers to it may go later in this pass.
      for (const part of [...pending]) {
        if (referenced.get(part.toLowerCase())?.some((source) => source.toLowerCase() !== part.toLowerCase())) continue;
        pending.delete(part);
        for (const rel of this.relationships(part)) {
          const target = rel.part === null ? undefined : this.find(rel.part);
          if (target !== undefined) pending.add(target);
        }
        this.removePart(part);
        changed = true;
      }
    }
  }

  /** Lower-cased target part → the parts whose relationships point at it. */
  private referencedParts(): Map<string, string[]> {
    const sources = new Map<string, string[]>();
    for (const name of this.parts.keys()) {
      const source = this.removed.has(name) ? undefined : sourceOfRelsPart(name);
      if (source === undefined) continue;
      for (const rel of parseRelationships(name, this.text(name), source)) {
        if (rel.part === null) continue;
        const key = rel.part.toLowerCase();
        sources.set(key, [...(sources.get(key) ?? []), source]);
      }
    }
    return sources;
  }

  /** The package with every change applied; parts whose text did not change keep their bytes. */
  result(): Parts {
    // Overrides of removed parts go last: a part written again (addPart) keeps its override in place.
    for (const part of this.removed) {
      if (this.find(part) === undefined) this.edit(this.contentTypesPart, (ct) => removeElements(ct, "Override", "PartName", `/${part}`));
    }
    const out: Parts = new Map();
    for (const [name, bytes] of this.parts) {
      if (this.removed.has(name)) continue;
      const text = this.texts.get(name);
      const encoded = text === undefined ? bytes : encodeXml(text);
      // A UTF-16 part (BOM) that is unchanged is kept as it was, not re-encoded as UTF-8.
      const unchanged =
        sameBytes(encoded, bytes) || (text !== undefined && (bytes[0] === 0xff || bytes[0] === 0xfe) && decodeXml(bytes) === text);
      out.set(name, unchanged ? bytes : encoded);
    }
    return out;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The relationship target from `source` ("" = the package root) to `target`, both part names. */
export function relativeTarget(source: string, target: string): string {
  const from = source.split("/").slice(0, -1);
  const to = target.split("/");
  let same = 0;
  while (same < from.length && same < to.length - 1 && from[same] === to[same]) same++;
  return [...from.slice(same).map(() => ".."), ...to.slice(same)].join("/");
}

/**
 * calcChain.xml lists formula cells by sheet; one that lists a cell that no longer holds a
 * formula (a replaced sheet, an overwritten formula cell) makes Excel report the file as
 * damaged. It is only a cache (Excel rebuilds it), so it goes whenever that may be the case.
 */
export function dropCalcChain(pkg: PackageEditor, workbook: WorkbookStructure): void {
  const calcRel = workbook.workbookRels.find((r) => isRelType(r, "calcChain"));
  if (calcRel?.part == null || pkg.find(calcRel.part) === undefined) return;
  pkg.removePart(calcRel.part);
  pkg.removeRelationship(workbook.workbookPart, calcRel.id);
}
