import { Inflate, inflateSync } from "fflate";
import { WorkbookUnreadableError } from "../workbook.js";
import { crc32 } from "./crc32.js";
import { damagedArchive } from "./damage.js";

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

const damaged = damagedArchive;

const NOT_A_ZIP = "文件不是 Excel 工作簿，可能是其他文件（如文本文件）改成了 .xlsx 扩展名，或文件已损坏。";

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** The entries of a zip archive, in central-directory order. Throws WorkbookUnreadableError. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  const looksLikeZip = bytes.length >= 4 && u32(0) === SIG_LOCAL;

  const eocd = findEndOfCentralDirectory(bytes, view);
  if (eocd < 0)
    throw looksLikeZip
      ? damaged("压缩包不完整（缺少末尾的目录），可能在下载或复制时中断了")
      : new WorkbookUnreadableError(NOT_A_ZIP, { remedy: "not-a-workbook" });
  let count = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryStart = u32(eocd + 16);
  let directoryEnd = eocd;
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw damaged("这是分卷压缩包的一部分");
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    // ZIP64: a locator just before the classic record points to the 64-bit one.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== SIG_ZIP64_LOCATOR) throw damaged("压缩包的目录信息不完整");
    const record = u64(locator + 8);
    if (record + 56 > locator || u32(record) !== SIG_ZIP64_EOCD) throw damaged("压缩包的目录信息不完整");
    count = u64(record + 32);
    directorySize = u64(record + 40);
    directoryStart = u64(record + 48);
    directoryEnd = record;
  }
  if (directoryStart + directorySize > directoryEnd) throw damaged("压缩包不完整（目录超出了文件末尾），可能在下载或复制时中断了");

  const entries: ZipEntry[] = [];
  const utf8 = new TextDecoder("utf-8");
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(at) !== SIG_CENTRAL) throw damaged("压缩包的目录已损坏");
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
    if (next > directoryEnd) throw damaged("压缩包的目录已损坏");
    // ZIP64 extended information: the 64-bit values of the fields set to all ones, in order.
    for (let x = extraStart; x + 4 <= extraStart + extraLength;) {
      const id = u16(x);
      const length = u16(x + 2);
      if (id === ZIP64_EXTRA) {
        let field = x + 4;
        const take = () => {
          if (field + 8 > x + 4 + length) throw damaged("压缩包的目录已损坏");
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
      throw damaged(`压缩包中的“${entry.name}”不完整或位置错误`);
    }
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataStart + entry.compressedSize > directoryStart) throw damaged(`压缩包中的“${entry.name}”不完整，可能在下载或复制时中断了`);
    if (entry.name.endsWith("/") && entry.size === 0) continue;
    // Part names compare ignoring case (OPC), so names differing only in case are the same part.
    const key = entry.name.toLowerCase();
    if (seen.has(key)) throw damaged(`压缩包中有两个“${entry.name}”`);
    seen.add(key);
    located.push({ ...entry, dataStart });
  }
  const byPosition = [...located].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < byPosition.length; i++) {
    const previous = byPosition[i - 1]!;
    if (previous.dataStart + previous.compressedSize > byPosition[i]!.dataStart - 30) {
      throw damaged(`压缩包中的“${previous.name}”与“${byPosition[i]!.name}”重叠`);
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
    if (size > LIMITS.partBytes) throw tooLarge(`“${name}”解压后有 ${mib(size)}，超过了单个部分 ${mib(LIMITS.partBytes)} 的上限`);
    total += size;
  }
  if (total > LIMITS.packageBytes) throw tooLarge(`要读取的内容解压后共有 ${mib(total)}，超过了 ${mib(LIMITS.packageBytes)} 的上限`);
}

/**
 * An entry's inflated bytes, checked: its declared size within the limits (before anything is
 * inflated), the actual size equal to the declared one (inflating stops as soon as it is
 * exceeded), and the CRC. Throws WorkbookUnreadableError.
 */
export function inflateEntry(archive: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const { name, size } = entry;
  checkDeclaredSizes([entry], budget);
  if (entry.flags & FLAG_ENCRYPTED) throw new WorkbookUnreadableError(`压缩包中的“${name}”经过加密，无法读取`);
  const data = archive.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length !== size) throw damaged(`“${name}”的大小与目录不符`);
    out = data;
  } else if (entry.method === 8) {
    out = inflateExactly(data, size, name);
  } else {
    throw new WorkbookUnreadableError(`压缩包中的“${name}”使用了不支持的压缩方式（${entry.method}）`);
  }
  if (crc32(out) !== entry.crc) throw damaged(`“${name}”的校验和（CRC）不符，内容已被改动或损坏`);
  budget.used += size;
  return out;
}

const tooLarge = (what: string) =>
  new WorkbookUnreadableError(`文件过大或已损坏：${what}。正常的考核工作簿远小于此：文件可能已损坏，或是恶意构造的压缩包（“压缩炸弹”）`, {
    remedy: "split",
  });

function inflateExactly(data: Uint8Array, size: number, name: string): Uint8Array {
  if (data.length <= ONE_CALL) {
    let out: Uint8Array;
    try {
      // One byte more than declared: filling it means the stream holds more than it said.
      out = inflateSync(data, { out: new Uint8Array(size + 1) });
    } catch {
      throw damaged(`“${name}”的压缩数据无效`);
    }
    if (out.length > size) throw damaged(`“${name}”解压后的内容比目录中声明的大`);
    if (out.length < size) throw damaged(`“${name}”解压后的大小与目录不符`);
    return out;
  }
  return inflateInSteps(data, size, name);
}

function inflateInSteps(data: Uint8Array, size: number, name: string): Uint8Array {
  const out = new Uint8Array(size);
  let filled = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (filled + chunk.length > size) throw damaged(`“${name}”解压后的内容比目录中声明的大`);
    out.set(chunk, filled);
    filled += chunk.length;
    ended ||= final;
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  } catch (e) {
    if (e instanceof WorkbookUnreadableError) throw e;
    throw damaged(`“${name}”的压缩数据无效`);
  }
  if (!ended || filled !== size) throw damaged(`“${name}”解压后的大小与目录不符`);
  return out;
}
