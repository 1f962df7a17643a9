import { unreadable, WorkbookUnreadableError } from "../workbook.js";
import type { Compression, NativeInflate } from "./compression.js";
import {
  checkDeclaredSizes,
  inflateEntry,
  inflateEntryAsync,
  readZipDirectory,
  type InflateBudget,
  type InflateProgress,
  type ZipEntry,
} from "./zip-archive.js";
import { writeZip, type ZipSource } from "./zip-writer.js";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * An .xlsx package opened from its bytes: the part names, in archive order, and each part's
 * content inflated only when it is read (checked: size limits, CRC). Throws
 * WorkbookUnreadableError for anything that is not a readable zip.
 */
export class ZipPackage {
  /** Part names in archive order. */
  readonly names: readonly string[];
  private readonly entries: ReadonlyMap<string, ZipEntry>;
  private readonly lowerCase = new Map<string, string>();
  private readonly budget: InflateBudget = { used: 0 };
  /** Parts inflated ahead (inflateAhead), or why they could not be, until read() takes them. */
  private readonly ahead = new Map<string, Uint8Array | WorkbookUnreadableError>();

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly inflater?: NativeInflate,
  ) {
    const entries = readZipDirectory(bytes);
    this.entries = new Map(entries.map((e) => [e.name, e]));
    this.names = entries.map((e) => e.name);
    for (const name of this.names) this.lowerCase.set(name.toLowerCase(), name);
  }

  /** `inflater`: the platform's faster inflate for the parts read (the CLI's zlib); fflate without it (or inflateAhead). */
  static open(bytes: Uint8Array, inflater?: NativeInflate): ZipPackage {
    if (bytes.length === 0) throw unreadable("FILE_EMPTY", {});
    if (OLE_MAGIC.every((b, i) => bytes[i] === b)) throw oleFile(bytes);
    return new ZipPackage(bytes, inflater);
  }

  /** A package of the given parts (a new workbook), in the given order. */
  static of(parts: ReadonlyMap<string, Uint8Array>): ZipPackage {
    return new ZipPackage(writeZip([...parts].map(([name, data]) => ({ name, data }))));
  }

  /** The entry name of a part: OPC part names compare ignoring case; producers normally agree on case, so exact first. */
  find(name: string): string | undefined {
    return this.entries.has(name) ? name : this.lowerCase.get(name.toLowerCase());
  }

  /** A part's inflated content; every call inflates again, so callers read a part once. `onStep`: how far a large part has come. */
  read(name: string, onStep?: InflateProgress): Uint8Array {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no part ${name}`);
    const ahead = this.ahead.get(name);
    if (ahead !== undefined) {
      this.ahead.delete(name);
      if (ahead instanceof WorkbookUnreadableError) throw ahead;
      return ahead;
    }
    return inflateEntry(this.bytes, entry, this.budget, onStep, this.inflater);
  }

  /**
   * Inflates a part now through an asynchronous inflate (the browser's DecompressionStream),
   * for the next read() of it to take, with read()'s checks. A failure to read the part is
   * that read's to throw: a part inflated ahead but never read (shared strings no cell
   * refers to) fails nothing, as before. What `onStep` throws (a cancel) is thrown here.
   */
  async inflateAhead(name: string, inflateAsync: NonNullable<Compression["inflateAsync"]>, onStep?: InflateProgress): Promise<void> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no part ${name}`);
    try {
      this.ahead.set(name, await inflateEntryAsync(this.bytes, entry, this.budget, inflateAsync, onStep));
    } catch (e) {
      if (!(e instanceof WorkbookUnreadableError)) throw e;
      this.ahead.set(name, e);
    }
  }

  /** Throws WorkbookUnreadableError if reading these parts would go over the size limits by their declared sizes. */
  checkSizes(names: readonly string[]): void {
    checkDeclaredSizes(
      names.map((n) => this.entries.get(n)).filter((e): e is ZipEntry => e !== undefined),
      this.budget,
    );
  }

  /** A part's inflated size, as the archive declares it. */
  size(name: string): number {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no part ${name}`);
    return entry.size;
  }

  /** The part as it is in the archive, to be written again without being inflated. */
  copy(name: string): ZipSource {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(`no part ${name}`);
    return { name, copy: entry, from: this.bytes };
  }
}

/**
 * Password-protected .xlsx files are OLE compound documents holding an "EncryptedPackage"
 * stream; any other OLE file is a legacy binary workbook (.xls).
 */
function oleFile(bytes: Uint8Array): WorkbookUnreadableError {
  return containsUtf16le(bytes, "EncryptedPackage") ? unreadable("WORKBOOK_ENCRYPTED", {}) : unreadable("LEGACY_BINARY", {});
}

/** Whether the bytes contain the text in UTF-16LE (OLE stream names); no Buffer, so it runs in the browser too. */
function containsUtf16le(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[2 * i] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A relationship target (relative to its source part, or absolute from the package root) → part name. */
export function resolveTarget(sourcePart: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // not percent-encoded after all: use as written
  }
  const segments = path.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
