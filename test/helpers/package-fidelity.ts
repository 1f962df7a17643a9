import { unzipSync } from "fflate";

/*
 * Part-by-part comparison of a workbook before and after the writer: what may change, and
 * how. Deliberately written apart from the writer (plain regular expressions over the XML),
 * so that a mistake in the writer's package handling is not repeated here.
 */

type Parts = Map<string, Uint8Array>;

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? "" : new TextDecoder().decode(bytes));
const lower = (s: string) => s.toLowerCase();

/** Every entry name in the zip's central directory, duplicates included (unzip would hide them). */
export function zipEntryNames(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** The decompressed parts of a package by name, in archive order. */
export function unzipParts(zip: Uint8Array): Parts {
  return new Map(Object.entries(unzipSync(zip)));
}

const attr = (element: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(element.slice(0, element.indexOf(">") + 1))
    ?.slice(1)
    .find((v) => v !== undefined);
const elements = (xml: string, name: string) => xml.match(new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, "g")) ?? [];

function resolve(source: string, target: string): string {
  const segments = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const s of decodeURIComponent(target).split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

const relsOf = (part: string) =>
  part === "" ? "_rels/.rels" : `${part.slice(0, part.lastIndexOf("/") + 1)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string | null;
  readonly xml: string;
}

function relationships(parts: Parts, source: string): Rel[] {
  const name = [...parts.keys()].find((k) => lower(k) === lower(relsOf(source)));
  if (name === undefined) return [];
  return elements(text(parts.get(name)), "Relationship").map((xml) => ({
    id: attr(xml, "Id") ?? "",
    type: attr(xml, "Type") ?? "",
    target: attr(xml, "TargetMode") === "External" ? null : resolve(source, attr(xml, "Target") ?? ""),
    xml,
  }));
}

const hasPart = (parts: Parts, name: string) => [...parts.keys()].some((p) => lower(p) === lower(name));

/** The sheets of a package: name, part, index, in workbook order. */
export function sheetsOf(parts: Parts): { name: string; part: string; index: number }[] {
  const rels = relationships(parts, "xl/workbook.xml");
  return elements(text(parts.get("xl/workbook.xml")), "sheet").map((xml, index) => ({
    name: attr(xml, "name")!.replace(/&amp;/g, "&"),
    part: rels.find((r) => r.id === attr(xml, "r:id"))?.target ?? "",
    index,
  }));
}

/** A part, its .rels and everything reachable from it through relationships. */
function closure(parts: Parts, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (part: string) => {
    if (seen.has(lower(part))) return;
    seen.add(lower(part));
    seen.add(lower(relsOf(part)));
    for (const rel of relationships(parts, part)) if (rel.target !== null) visit(rel.target);
  };
  visit(start);
  return seen;
}

/** Parts reachable from the package root, lower-cased. */
function reachable(parts: Parts): Set<string> {
  const seen = new Set<string>(["[content_types].xml", "_rels/.rels"]);
  const visit = (source: string) => {
    for (const rel of relationships(parts, source)) {
      if (rel.target === null || seen.has(lower(rel.target))) continue;
      seen.add(lower(rel.target));
      seen.add(lower(relsOf(rel.target)));
      visit(rel.target);
    }
  };
  visit("");
  return seen;
}

/** `after` with every `name` element that `before` lacks taken out, against `before` less the allowed removals. */
function onlyAdditions(
  part: string,
  before: string,
  after: string,
  name: string,
  mayRemove: (el: string) => boolean,
  problems: string[],
): void {
  const old = elements(before, name);
  const kept = new Set(old.filter((el) => !mayRemove(el)));
  const removable = old.filter(mayRemove);
  let stripped = after;
  for (const el of elements(after, name)) if (!kept.has(el)) stripped = stripped.replace(el, "");
  let base = before;
  for (const el of removable) base = base.replace(el, "");
  if (stripped !== base) problems.push(`${part}: changed other than by added ${name} elements`);
}

const STYLE_LISTS = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs"];

function checkStyles(before: string, after: string, problems: string[]): void {
  const list = (xml: string, name: string) => new RegExp(`<${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(xml);
  let restBefore = before;
  let restAfter = after;
  for (const name of STYLE_LISTS) {
    const b = list(before, name);
    const a = list(after, name);
    if (b && !a) problems.push(`styles.xml: <${name}> is gone`);
    if (b && a && !(a[1] ?? "").startsWith(b[1] ?? "")) problems.push(`styles.xml: the existing <${name}> entries changed`);
    if (b) restBefore = restBefore.replace(b[0], `<${name}/>`);
    if (a) restAfter = restAfter.replace(a[0], b ? `<${name}/>` : "");
  }
  if (restAfter !== restBefore) problems.push("styles.xml: changed outside the style lists");
}

function checkWorkbook(
  before: string,
  after: string,
  outputIndexesBefore: Set<number>,
  outputIndexesAfter: Set<number>,
  problems: string[],
): void {
  const oldSheets = elements(before, "sheet");
  const newSheets = elements(after, "sheet");
  if (oldSheets.some((s, i) => newSheets[i] !== s)) problems.push("workbook.xml: an existing <sheet> entry changed or moved");
  const names = newSheets.map((s) => lower(attr(s, "name") ?? ""));
  if (new Set(names).size !== names.length) problems.push("workbook.xml: duplicate sheet names");
  const normalise = (xml: string, outputIndexes: Set<number>) =>
    xml
      .replace(/<sheets>[\s\S]*?<\/sheets>|<sheets\/>/, "<sheets/>")
      .replace(/<definedName(?=[\s>])[^>]*>[\s\S]*?<\/definedName>/g, (el) =>
        (attr(el, "name") === "_xlnm.Print_Titles" || attr(el, "name") === "_xlnm.Print_Area") &&
        outputIndexes.has(Number(attr(el, "localSheetId")))
          ? ""
          : el,
      )
      .replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/, "");
  if (normalise(after, outputIndexesAfter) !== normalise(before, outputIndexesBefore)) {
    problems.push("workbook.xml: changed outside <sheets> and the output sheets' print titles");
  }
}

/**
 * What is wrong with `output` as the writer's result for `input`, given the output sheets it
 * wrote; [] when nothing is. Checks: every part not an output sheet's (with its drawings and
 * charts) is byte-identical; workbook.xml differs only in <sheets> (existing entries kept,
 * new ones appended) and the output sheets' print titles; its .rels and [Content_Types].xml
 * only gain elements (except entries of parts that went: calcChain, an old output sheet's
 * drawing); styles.xml only gains list entries; no duplicate zip entries, relationship ids,
 * overrides or sheet names; no orphaned or dangling part that the input did not have; every
 * part has a content type.
 */
export function fidelityProblems(input: Uint8Array, output: Uint8Array, outputSheets: readonly string[]): string[] {
  const problems: string[] = [];
  const names = zipEntryNames(output);
  if (new Set(names.map(lower)).size !== names.length)
    problems.push(`duplicate zip entries: ${names.filter((n, i) => names.indexOf(n) !== i).join(", ")}`);
  const before = unzipParts(input);
  const after = unzipParts(output);
  const wanted = new Set(outputSheets.map(lower));
  const sheetsBefore = sheetsOf(before).filter((s) => wanted.has(lower(s.name)));
  const sheetsAfter = sheetsOf(after).filter((s) => wanted.has(lower(s.name)));
  if (sheetsAfter.length !== outputSheets.length)
    problems.push(`output sheets missing: ${outputSheets.filter((n) => !sheetsAfter.some((s) => lower(s.name) === lower(n))).join(", ")}`);
  const ownedBefore = new Set(sheetsBefore.flatMap((s) => [...closure(before, s.part)]));
  const ownedAfter = new Set(sheetsAfter.flatMap((s) => [...closure(after, s.part)]));

  const removed = [...before.keys()].filter((p) => !after.has(p));
  for (const part of removed) {
    if (!ownedBefore.has(lower(part)) && !/calcChain\.xml$/i.test(part)) problems.push(`${part}: removed`);
  }
  for (const part of after.keys()) {
    if (!before.has(part) && !ownedAfter.has(lower(part))) problems.push(`${part}: new, but no output sheet's`);
  }

  const mayRemove = (target: string | undefined) => target !== undefined && removed.some((r) => lower(r) === lower(target));
  for (const [part, bytes] of before) {
    const now = after.get(part);
    if (now === undefined || ownedBefore.has(lower(part))) continue;
    if (part === "xl/workbook.xml") {
      const idx = (sheets: { index: number }[]) => new Set(sheets.map((s) => s.index));
      checkWorkbook(text(bytes), text(now), idx(sheetsBefore), idx(sheetsAfter), problems);
    } else if (part === "xl/_rels/workbook.xml.rels") {
      onlyAdditions(
        part,
        text(bytes),
        text(now),
        "Relationship",
        (el) => mayRemove(resolve("xl/workbook.xml", attr(el, "Target") ?? "")),
        problems,
      );
    } else if (part === "[Content_Types].xml") {
      onlyAdditions(part, text(bytes), text(now), "Override", (el) => mayRemove((attr(el, "PartName") ?? "").slice(1)), problems);
    } else if (part === "xl/styles.xml") {
      checkStyles(text(bytes), text(now), problems);
    } else if (Buffer.compare(Buffer.from(bytes), Buffer.from(now)) !== 0) {
      problems.push(`${part}: changed`);
    }
  }

  // Package integrity: identifiers unique, every part typed, nothing orphaned or dangling that was not so before.
  const contentTypes = text(after.get("[Content_Types].xml"));
  const overrides = elements(contentTypes, "Override").map((o) => lower(attr(o, "PartName") ?? ""));
  if (new Set(overrides).size !== overrides.length) problems.push("[Content_Types].xml: duplicate overrides");
  const defaults = new Set(elements(contentTypes, "Default").map((d) => lower(attr(d, "Extension") ?? "")));
  for (const part of after.keys()) {
    if (part === "[Content_Types].xml") continue;
    if (!overrides.includes(lower(`/${part}`)) && !defaults.has(lower(part.slice(part.lastIndexOf(".") + 1))))
      problems.push(`${part}: no content type`);
  }
  const staleBefore = elements(text(before.get("[Content_Types].xml")), "Override")
    .map((o) => lower(attr(o, "PartName") ?? ""))
    .filter((o) => !hasPart(before, o.slice(1)));
  for (const o of overrides)
    if (!hasPart(after, o.slice(1)) && !staleBefore.includes(o)) problems.push(`[Content_Types].xml: override for a missing part ${o}`);
  for (const part of after.keys()) {
    if (!part.endsWith(".rels")) continue;
    const source = part.replace(/_rels\/([^/]*)\.rels$/, "$1");
    const rels = relationships(after, source);
    if (new Set(rels.map((r) => r.id)).size !== rels.length) problems.push(`${part}: duplicate relationship ids`);
    for (const rel of rels) {
      if (rel.target === null || hasPart(after, rel.target)) continue;
      const danglingBefore =
        !hasPart(before, rel.target) &&
        relationships(before, source).some((r) => r.target !== null && lower(r.target) === lower(rel.target!));
      if (!danglingBefore) problems.push(`${part}: ${rel.id} points to a missing part ${rel.target}`);
    }
  }
  const reachableBefore = reachable(before);
  const orphansBefore = new Set([...before.keys()].map(lower).filter((p) => !reachableBefore.has(p)));
  const reachableAfter = reachable(after);
  for (const part of after.keys())
    if (!reachableAfter.has(lower(part)) && !orphansBefore.has(lower(part)))
      problems.push(`${part}: orphaned (no relationship leads to it)`);
  return problems;
}
