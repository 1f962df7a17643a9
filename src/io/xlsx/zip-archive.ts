import { Inflate, inflateSync } from "fflate";
import { unreadable, WorkbookUnreadableError } from "../workbook.js";
import type { Compression, Inflated, NativeInflate } from "./compression.js";
import { crc32 } from "./crc32.js";

/*
 * The zip container of an .xlsx package, read from its central directory (ZIP64 included) with
 * nothing inflated up front: a part is inflated only when it is read, with its declared size
 * checked against the limits first and enforced again while inflating (declared sizes can lie),
 * and its CRC checked. Parts never read are copied to the output as their compressed bytes
 * (see zip-writer.ts). No Node Buffer: the same code runs in the browser's file mode.
 */

/** One file of the archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated (anything else cannot be read, only copied). */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** Inflated size, as declared. */
  readonly size: number;
  /** MS-DOS time and date, kept when the entry is copied. */
  readonly time: number;
  readonly date: number;
  /** Where the compressed bytes start in the archive (after the local header). */
  readonly dataStart: number;
}

/**
 * The most one part may inflate to, and the most all parts read from one package may inflate
 * to together. Reading turns sheet XML into cells at up to about five times its size in memory
 * (60 MiB of the densest cells make 290 MiB of grid), so 128 MiB keeps anything accepted within
 * the 1 GiB the tool promises. That is twice the 5,000-branch benchmark workbook (65 MiB of XML,
 * its largest sheet 41 MiB); a larger one is refused with the advice to split it by unit.
 */
export const LIMITS = { partBytes: 64 * 2 ** 20, packageBytes: 128 * 2 ** 20 } as const;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const FLAG_ENCRYPTED = 0x0001;

/** The entries of a zip archive, in central-directory order. Throws WorkbookUnreadableError. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  const looksLikeZip = bytes.length >= 4 && u32(0) === SIG_LOCAL;

  const eocd = findEndOfCentralDirectory(bytes, view);
  if (eocd < 0) throw looksLikeZip ? unreadable("ZIP_END_MISSING", {}) : unreadable("NOT_A_ZIP", {});
  let count = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryStart = u32(eocd + 16);
  let directoryEnd = eocd;
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw unreadable("ZIP_SPANNED", {});
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    // ZIP64: a locator just before the classic record points to the 64-bit one.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== SIG_ZIP64_LOCATOR) throw unreadable("ZIP64_DIRECTORY_INCOMPLETE", {});
    const record = u64(locator + 8);
    if (record + 56 > locator || u32(record) !== SIG_ZIP64_EOCD) throw unreadable("ZIP64_DIRECTORY_INCOMPLETE", {});
    count = u64(record + 32);
    directorySize = u64(record + 40);
    directoryStart = u64(record + 48);
    directoryEnd = record;
  }
  if (directoryStart + directorySize > directoryEnd) throw unreadable("ZIP_DIRECTORY_BEYOND_END", {});

  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder("utf-8");
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(at) !== SIG_CENTRAL) throw unreadable("ZIP_DIRECTORY_DAMAGED", {});
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const time = u16(at + 12);
    const date = u16(at + 14);
    const crc = u32(at + 16);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > directoryEnd) throw unreadable("ZIP_DIRECTORY_DAMAGED", {});
    // ZIP64 extended information: the 64-bit values of the fields set to all ones, in order.
    for (let x = extraStart; x + 4 <= extraStart + extraLength;) {
      const id = u16(x);
      const length = u16(x + 2);
      if (id === ZIP64_EXTRA) {
        let field = x + 4;
        const take = () => {
          if (field + 8 > x + 4 + length) throw unreadable("ZIP_DIRECTORY_DAMAGED", {});
          const value = u64(field);
          field += 8;
          return value;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      x += 4 + length;
    }
    const name = utf8.decode(bytes.subarray(nameStart, extraStart));
    entries.push({ name, method, flags, crc, compressedSize, size, time, date, dataStart: localOffset });
    at = next;
  }
  return locateData(entries, view, directoryStart);
}

/**
 * The classic end-of-central-directory record: the last one whose comment ends the file, or
 * failing that (bytes appended after the archive) the last one that fits in it.
 */
function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - 22;
  let fits = -1;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes[at] !== 0x50 || view.getUint32(at, true) !== SIG_EOCD) continue;
    const end = at + 22 + view.getUint16(at + 20, true);
    if (end === bytes.length) return at;
    if (end < bytes.length && fits < 0) fits = at;
  }
  return fits;
}

/**
 * Resolves each entry's local header to where its data starts, and checks that every entry's
 * data lies inside the archive before the directory, with no two entries sharing bytes (a
 * damaged archive, or a "zip bomb" that makes many entries out of the same data). Directory
 * entries ("xl/") are dropped; two entries of the same part name are damage.
 */
function locateData(entries: ZipEntry[], view: DataView, directoryStart: number): ZipEntry[] {
  const located: ZipEntry[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const local = entry.dataStart;
    if (local + 30 > directoryStart || view.getUint32(local, true) !== SIG_LOCAL) {
      throw unreadable("ENTRY_MISPLACED", { part: entry.name });
    }
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + entry.compressedSize > directoryStart) throw unreadable("ENTRY_TRUNCATED", { part: entry.name });
    if (entry.name.endsWith("/") && entry.size === 0) continue;
    // Part names compare ignoring case (OPC), so names differing only in case are the same part.
    const key = entry.name.toLowerCase();
    if (seen.has(key)) throw unreadable("ENTRY_REPEATED", { part: entry.name });
    seen.add(key);
    located.push({ ...entry, dataStart });
  }
  const byPosition = [...located].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < byPosition.length; i++) {
    const previous = byPosition[i - 1]!;
    if (previous.dataStart + previous.compressedSize > byPosition[i]!.dataStart - 30) {
      throw unreadable("ENTRIES_OVERLAP", { part: previous.name, other: byPosition[i]!.name });
    }
  }
  return located;
}

/** How much the parts read so far from one package have inflated to. */
export interface InflateBudget {
  used: number;
}

// Compressed bytes fed to the inflater at a time: deflate expands at most 1032:1, so one step
// produces at most about 64 MiB before the size check stops a stream that lies about its size.
const STEP = 64 * 1024;
// Up to this much compressed data a part is inflated in one call, into a buffer of its declared
// size: the fastest way, and even a stream that lies about its size costs at most about a
// gibibyte of decoding (a second or two) before the lie shows. Larger parts go in steps.
const ONE_CALL = 1024 * 1024;

/**
 * Throws before anything is inflated if these entries, as declared, would go over the limits
 * (one part, or all of them with what was read already). Inflating checks again, as declared
 * sizes can lie.
 */
export function checkDeclaredSizes(entries: readonly ZipEntry[], budget: InflateBudget): void {
  let total = budget.used;
  for (const { name, size } of entries) {
    if (size > LIMITS.partBytes) throw unreadable("PART_TOO_LARGE", { part: name, size, limit: LIMITS.partBytes });
    total += size;
  }
  if (total > LIMITS.packageBytes) throw unreadable("CONTENT_TOO_LARGE", { size: total, limit: LIMITS.packageBytes });
}

/** How far inflating one part has come, by compressed bytes (for progress within a large part). */
export type InflateProgress = (done: number, total: number) => void;

/**
 * An entry's inflated bytes, checked: its declared size within the limits (before anything is
 * inflated), the actual size equal to the declared one (inflating stops as soon as it is
 * exceeded), and the CRC. Throws WorkbookUnreadableError. `onStep` hears how far a part large
 * enough to be inflated in steps has come (a 40 MB sheet takes seconds with fflate; a native
 * inflater does it in one call of a few hundred milliseconds and reports once, at its end).
 */
export function inflateEntry(
  archive: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  onStep?: InflateProgress,
  inflater?: NativeInflate,
): Uint8Array {
  const { name, size } = entry;
  const data = entryData(archive, entry, budget);
  let out: Uint8Array;
  let crc: number | undefined;
  if (entry.method === 0) {
    if (data.length !== size) throw unreadable("STORED_SIZE_MISMATCH", { part: name });
    out = data;
  } else if (entry.method === 8 && inflater?.inflate !== undefined) {
    ({ out, crc } = checkedInflate(inflater.inflate({ data, size }), size, name));
    if (data.length > ONE_CALL) onStep?.(data.length, data.length);
  } else if (entry.method === 8) {
    if (data.length <= ONE_CALL) out = inflateInOneCall(data, size, name);
    else ({ out, crc } = inflateInSteps(data, size, name, onStep));
  } else {
    throw unreadable("PART_COMPRESSION_UNSUPPORTED", { part: name, method: entry.method });
  }
  return accepted(out, crc ?? crc32(out), entry, budget);
}

/** An entry's stored bytes, once its declared size is within the limits and it is not encrypted. */
function entryData(archive: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  checkDeclaredSizes([entry], budget);
  if (entry.flags & FLAG_ENCRYPTED) throw unreadable("PART_ENCRYPTED", { part: entry.name });
  return archive.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
}

/** An entry's inflated bytes if their CRC is the declared one, counted against the budget. */
function accepted(out: Uint8Array, crc: number, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  if (crc !== entry.crc) throw unreadable("CRC_MISMATCH", { part: entry.name });
  budget.used += entry.size;
  return out;
}

/**
 * inflateEntry through the platform's asynchronous inflate (the browser's DecompressionStream),
 * with the same checks and the same failures: the declared size within the limits before
 * anything is inflated, the part not encrypted, a stream that inflates to more than declared
 * stopped by the inflate, one that inflates to less refused, the CRC. Stored parts and
 * unsupported methods go as in inflateEntry. A stream the platform calls invalid is inflated
 * again by inflateEntry, whose verdict stands: a stream's error does not say whether the data
 * was cut short, or is followed by bytes fflate ignores, and damaged files are rare enough to
 * be read twice.
 */
export async function inflateEntryAsync(
  archive: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  inflateAsync: NonNullable<Compression["inflateAsync"]>,
  onStep?: InflateProgress,
): Promise<Uint8Array> {
  if (entry.method !== 8) return inflateEntry(archive, entry, budget, onStep);
  const { name, size } = entry;
  const data = entryData(archive, entry, budget);
  const inflated = await inflateAsync({ data, size, ...(onStep ? { onStep } : {}) });
  if ("failed" in inflated && inflated.failed === "invalid") return inflateEntry(archive, entry, budget);
  const { out, crc } = checkedInflate(inflated, size, name);
  return accepted(out, crc, entry, budget);
}

/** The platform's inflate's answer, held to what fflate's paths check (sizes; the CRC by the caller). */
function checkedInflate(inflated: Inflated, size: number, name: string): { out: Uint8Array; crc: number } {
  if ("failed" in inflated) {
    throw unreadable(inflated.failed === "larger" ? "INFLATED_LARGER" : "DEFLATE_INVALID", { part: name });
  }
  const { bytes, crc } = inflated;
  if (bytes.length > size) throw unreadable("INFLATED_LARGER", { part: name });
  if (bytes.length < size) throw unreadable("INFLATED_SIZE_MISMATCH", { part: name });
  return { out: bytes, crc };
}

function inflateInOneCall(data: Uint8Array, size: number, name: string): Uint8Array {
  let out: Uint8Array;
  try {
    // One byte more than declared: filling it means the stream holds more than it said.
    out = inflateSync(data, { out: new Uint8Array(size + 1) });
  } catch {
    throw unreadable("DEFLATE_INVALID", { part: name });
  }
  if (out.length > size) throw unreadable("INFLATED_LARGER", { part: name });
  if (out.length < size) throw unreadable("INFLATED_SIZE_MISMATCH", { part: name });
  return out;
}

// Progress is told every this many steps (a mebibyte of compressed data: tens of milliseconds).
const STEPS_PER_REPORT = 16;

/** Inflates step by step, with the CRC computed as the bytes come (so that it too is within the progress). */
function inflateInSteps(data: Uint8Array, size: number, name: string, onStep?: InflateProgress): { out: Uint8Array; crc: number } {
  const out = new Uint8Array(size);
  let filled = 0;
  let crc = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (filled + chunk.length > size) throw unreadable("INFLATED_LARGER", { part: name });
    out.set(chunk, filled);
    crc = crc32(chunk, crc);
    filled += chunk.length;
    ended ||= final;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0, step = 1; at < data.length; at += STEP, step++) {
      inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
      if (step % STEPS_PER_REPORT === 0) onStep?.(Math.min(at + STEP, data.length), data.length);
    }
  } catch (e) {
    if (e instanceof WorkbookUnreadableError) throw e;
    throw unreadable("DEFLATE_INVALID", { part: name });
  }
  if (!ended || filled !== size) throw unreadable("INFLATED_SIZE_MISMATCH", { part: name });
  return { out, crc };
}
