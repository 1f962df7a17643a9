import { addOverride, CONTENT_TYPES_PART, overrideContentType, overriddenParts, removeOverride } from "./content-types.js";
import { unreadable } from "../workbook.js";
import {
  addRelationship,
  isRelType,
  parseRelationships,
  relsPartOfSource,
  removeRelationship,
  sourceOfRelsPart,
  type Relationship,
} from "./relationships.js";
import type { WorkbookStructure } from "./workbook-structure.js";
import { decodeXml, encodeXml } from "./xml.js";
import type { ZipPackage } from "./zip-package.js";
import type { SyncCompression } from "./compression.js";
import { textOfChunks, type MadeText } from "./made-text.js";
import { writeZip, writeZipAsync, type MadeSource, type WriteOptions, type ZipSource } from "./zip-writer.js";

/** A part's text as UTF-8 chunks, made as they are taken; told how far it is (0…1) as it goes. */
type MakeText = (onFraction?: (fraction: number) => void) => MadeText;

// The largest part not read before that result() compares with its new text.
const COMPARED_UNREAD = 1024 * 1024;

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/**
 * A package being changed: parts are added, removed or edited as text, and everything not
 * touched keeps its bytes: a part that is not edited is never even inflated, and is written
 * back as the compressed bytes it had. A part that is removed and then written again (an
 * output sheet's chart on a re-run) keeps its place in the archive, so re-runs give the same
 * entry order.
 */
export class PackageEditor {
  /** Entry names in archive order, new parts at the end. */
  private readonly order: string[];
  /** Current text of parts edited or added, written back (if changed) by result(). */
  private readonly texts = new Map<string, string>();
  /** Parts whose text is made when the package is written, chunk by chunk (large output sheets). */
  private readonly deferred = new Map<string, MakeText>();
  /** Text of the input's parts as read, so that each is inflated once. */
  private readonly originals = new Map<string, string>();
  private readonly removed = new Set<string>();
  readonly contentTypesPart: string;

  constructor(private readonly base: ZipPackage) {
    this.order = [...base.names];
    const contentTypes = base.find(CONTENT_TYPES_PART);
    if (contentTypes === undefined) throw unreadable("CONTENT_TYPES_MISSING", { part: CONTENT_TYPES_PART });
    this.contentTypesPart = contentTypes;
  }

  /** The entry name of a part (part names compare ignoring case), if the package has it. */
  find(name: string): string | undefined {
    if (!this.removed.has(name) && (this.texts.has(name) || this.base.find(name) === name)) return name;
    const lower = name.toLowerCase();
    return this.order.find((key) => key.toLowerCase() === lower && !this.removed.has(key));
  }

  text(part: string): string {
    const deferred = this.deferred.get(part);
    if (deferred !== undefined) this.setText(part, textOfChunks(deferred().chunks));
    const edited = this.texts.get(part);
    if (edited !== undefined) return edited;
    if (this.find(part) !== part) throw new Error(`no part ${part}`);
    return this.original(part);
  }

  private original(part: string): string {
    let text = this.originals.get(part);
    if (text === undefined) {
      text = decodeXml(this.base.read(part));
      this.originals.set(part, text);
    }
    return text;
  }

  /** Sets a part's text, adding the entry (no content type: see addPart) if it is new. */
  setText(part: string, xml: string): void {
    if (this.find(part) !== part) {
      this.removed.delete(part);
      if (!this.order.includes(part)) this.order.push(part);
    }
    this.deferred.delete(part);
    this.texts.set(part, xml);
  }

  /**
   * Sets a part's text as UTF-8 chunks made only when the package is written, one such part at a
   * time: the XML of every large output sheet is then never in memory at once, nor any of it
   * as one string.
   */
  setMadeText(part: string, make: MakeText): void {
    this.setText(part, "");
    this.deferred.set(part, make);
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
      return addOverride(removeOverride(ct, part), part, contentType);
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
    if (relsPart !== undefined) this.edit(relsPart, (xml) => removeRelationship(xml, relsPart, id));
  }

  /** Removes a part, its content-type override and its own relationships part. */
  removePart(name: string): void {
    const part = this.find(name);
    if (part === undefined) return;
    this.removed.add(part);
    this.texts.delete(part);
    this.deferred.delete(part);
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
    for (const name of this.order) {
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

  /**
   * The package with every change applied, as zip bytes; the editor is spent afterwards. A part
   * whose text did not change (including an unchanged UTF-16 part, which stays UTF-16) is
   * copied as its compressed bytes.
   */
  result(options: WriteOptions<SyncCompression> = {}): Uint8Array {
    return writeZip(this.sources(), options);
  }

  /** result() with a compression that may answer later (the browser's CompressionStream). */
  resultAsync(options: WriteOptions = {}): Promise<Uint8Array> {
    return writeZipAsync(this.sources(), options);
  }

  /** The entries of the result, in order: new parts made when the writer comes to them. */
  private sources(): (ZipSource | MadeSource)[] {
    // Overrides of removed parts go last: a part written again (addPart) keeps its override in place.
    for (const part of this.removed) {
      if (this.find(part) === undefined) this.edit(this.contentTypesPart, (ct) => removeOverride(ct, part));
    }
    const sources: (ZipSource | MadeSource)[] = [];
    for (const name of this.order) {
      if (this.removed.has(name)) continue;
      const deferred = this.deferred.get(name);
      if (deferred !== undefined) {
        // Its XML is made (by rows) as the writer takes it: the progress of the whole entry.
        sources.push((onFraction) => this.writtenMadeText(name, deferred(onFraction)));
        continue;
      }
      const text = this.texts.get(name);
      if (text === undefined) {
        sources.push(this.base.copy(name));
        continue;
      }
      // Encoded when written, and the text let go: one large part's bytes in memory at a time.
      sources.push(() => {
        this.texts.delete(name);
        const encoded = encodeXml(text);
        return this.unchanged(name, text, encoded) ? this.base.copy(name) : { name, data: encoded };
      });
    }
    return sources;
  }

  /**
   * A deferred part's bytes: its chunks, made and deflated one by one by the zip writer. A
   * part the input has is first compared as text if it was read, or if it is small (a part not
   * read is compared only then: see unchanged()).
   */
  private writtenMadeText(name: string, made: MadeText): ZipSource {
    this.deferred.delete(name);
    if (this.base.find(name) === name && (this.originals.has(name) || this.base.size(name) <= COMPARED_UNREAD)) {
      const text = textOfChunks(made.chunks);
      const encoded = encodeXml(text);
      return this.unchanged(name, text, encoded) ? this.base.copy(name) : { name, data: encoded };
    }
    // Only our own worksheets are deferred: their XML declaration says UTF-8 already.
    return { name, made };
  }

  /**
   * Whether the input has this part with this content. A part not read before (an output
   * sheet's chart written again on a re-run) is compared only if it is small and of the right
   * size: a large output sheet is not inflated just to compare it (the same text deflates to
   * the same bytes anyway).
   */
  private unchanged(name: string, text: string, encoded: Uint8Array): boolean {
    if (this.base.find(name) !== name) return false;
    const original = this.originals.get(name);
    if (original !== undefined) return original === text;
    return encoded.length <= COMPARED_UNREAD && this.base.size(name) === encoded.length && this.original(name) === text;
  }
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
