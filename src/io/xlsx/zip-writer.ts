import { Deflate, deflateSync } from "fflate";
import { crc32 } from "./crc32.js";
import type { ZipEntry } from "./zip-archive.js";

/**
 * What goes into the written archive under one name: new bytes, new text as pieces (each
 * encoded and deflated in turn, then let go: the list is emptied as it is written), or an
 * entry of the input copied as it is.
 */
export type ZipSource =
  | { readonly name: string; readonly data: Uint8Array }
  | { readonly name: string; readonly pieces: string[] }
  | { readonly name: string; readonly copy: ZipEntry; readonly from: Uint8Array };

// MS-DOS time and date of new entries: 1980-01-01 00:00, so that the output is a function of
// the input alone.
const NEW_TIME = 0;
const NEW_DATE = (0 << 9) | (1 << 5) | 1;
const FLAG_UTF8 = 0x0800;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/**
 * The deflate level of new data of this many bytes: 3 (a 5,000-branch result is written about
 * a third faster than at 6, for a file about a tenth larger), and 1 from 8 MiB (a 5,000-branch
 * 双评明细 is 93 MB of XML: level 1 deflates it about a quarter faster, for 13% more bytes).
 */
export function deflateLevel(size: number): 1 | 3 {
  return size >= LARGE_PART ? 1 : 3;
}
const LARGE_PART = 8 * 2 ** 20;

interface Written {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/**
 * A zip archive of the given entries, in order. An entry may be given as a function, called
 * when its turn comes: a large part is then encoded and deflated while the earlier ones'
 * uncompressed bytes are already garbage. New data is deflated (deflateLevel); a copied
 * entry keeps its compressed bytes, method, CRC and timestamp exactly, so parts the tool did
 * not change are never inflated or recompressed. Local headers are written afresh, with the
 * sizes (no data descriptors); ZIP64 records are added only when a size, an offset or the
 * number of entries needs them.
 */
export function writeZip(sources: readonly (ZipSource | MadeSource)[], onProgress?: WriteProgress): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const written: Written[] = [];
  let offset = 0;
  const push = (more: Uint8Array | readonly Uint8Array[]) => {
    for (const chunk of more instanceof Uint8Array ? [more] : more) {
      chunks.push(chunk);
      offset += chunk.length;
    }
  };

  for (const [index, given] of sources.entries()) {
    onProgress?.(index, sources.length);
    // A part made now takes the first half of its share of the progress, its deflating the second.
    const made = typeof given === "function";
    const source = made ? given(onProgress && ((f) => onProgress(index + f / 2, sources.length))) : given;
    const name = encoder.encode(source.name);
    const flags = /^[\x20-\x7e]*$/.test(source.name) ? 0 : FLAG_UTF8;
    let entry: Omit<Written, "offset" | "name" | "flags">;
    let data: Uint8Array[];
    if ("copy" in source) {
      const { copy, from } = source;
      data = [from.subarray(copy.dataStart, copy.dataStart + copy.compressedSize)];
      entry = {
        method: copy.method,
        time: copy.time,
        date: copy.date,
        crc: copy.crc,
        compressedSize: copy.compressedSize,
        size: copy.size,
      };
    } else if ("pieces" in source) {
      const deflated = deflatePieces(
        source.pieces,
        onProgress && ((f) => onProgress(index + (made ? 0.5 : 0) + f * (made ? 0.5 : 1), sources.length)),
      );
      data = deflated.chunks;
      entry = {
        method: 8,
        time: NEW_TIME,
        date: NEW_DATE,
        crc: deflated.crc,
        compressedSize: deflated.compressedSize,
        size: deflated.size,
      };
    } else {
      const from = made ? 0.5 : 0;
      data = [
        deflate(
          source.data,
          deflateLevel(source.data.length),
          onProgress && ((f) => onProgress(index + from + f * (1 - from), sources.length)),
        ),
      ];
      entry = {
        method: 8,
        time: NEW_TIME,
        date: NEW_DATE,
        crc: crc32(source.data),
        compressedSize: data[0]!.length,
        size: source.data.length,
      };
    }
    const record: Written = { ...entry, name, flags: flags | (("copy" in source ? source.copy.flags : 0) & 0x0007), offset };
    push(localHeader(record));
    push(data);
    written.push(record);
  }

  const directoryStart = offset;
  for (const record of written) push(centralHeader(record));
  const directorySize = offset - directoryStart;
  const zip64 = written.length >= MAX16 || directoryStart >= MAX32 || directorySize >= MAX32;
  if (zip64) {
    const recordAt = offset;
    push(zip64EndRecord(written.length, directorySize, directoryStart));
    push(zip64Locator(recordAt));
  }
  push(endRecord(written.length, directorySize, directoryStart));
  onProgress?.(sources.length, sources.length);

  const out = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Text pieces as UTF-8, deflated as a stream: one piece's bytes at a time, each piece dropped
 * from the list once encoded (a 5,000-branch 双评明细 is 93 MB of XML, never in one array).
 * The level is chosen by the number of characters, which the bytes are at least.
 */
function deflatePieces(
  pieces: string[],
  onFraction?: (fraction: number) => void,
): { chunks: Uint8Array[]; crc: number; size: number; compressedSize: number } {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let compressedSize = 0;
  const level = deflateLevel(pieces.reduce((n, p) => n + p.length, 0));
  const deflate = new Deflate({ level }, (chunk) => {
    chunks.push(chunk);
    compressedSize += chunk.length;
  });
  let crc = 0;
  let size = 0;
  if (pieces.length === 0) deflate.push(new Uint8Array(0), true);
  for (let i = 0; i < pieces.length; i++) {
    const bytes = encoder.encode(pieces[i]);
    pieces[i] = "";
    crc = crc32(bytes, crc);
    size += bytes.length;
    deflate.push(bytes, i === pieces.length - 1);
    onFraction?.((i + 1) / pieces.length);
  }
  return { chunks, crc, size, compressedSize };
}

/** An entry made when its turn comes, told how far its making is (0…1). */
export type MadeSource = (onFraction?: (fraction: number) => void) => ZipSource;

/** How far the writing is: entries done (fractional within a large one) of all. */
export type WriteProgress = (done: number, total: number) => void;

/** Parts up to this size are deflated at once; larger ones in chunks of it, saying how far they are. */
const DEFLATE_CHUNK = 1 << 20;

/**
 * At the writer's level (deflateLevel). A large part (a 5,000-branch sheet is tens of MB) is deflated as a
 * stream in 1 MiB chunks so that progress can be told within it: a page waiting on the writer
 * (a worker's progress bar) then moves at least every chunk, not only between parts.
 */
function deflate(data: Uint8Array, level: 1 | 3, onFraction: ((fraction: number) => void) | undefined): Uint8Array {
  if (onFraction === undefined || data.length <= DEFLATE_CHUNK) return deflateSync(data, { level });
  const out: Uint8Array[] = [];
  let size = 0;
  const stream = new Deflate({ level }, (chunk) => {
    out.push(chunk);
    size += chunk.length;
  });
  for (let at = 0; at < data.length; at += DEFLATE_CHUNK) {
    const end = Math.min(data.length, at + DEFLATE_CHUNK);
    stream.push(data.subarray(at, end), end === data.length);
    onFraction(end / data.length);
  }
  if (out.length === 1) return out[0]!;
  const joined = new Uint8Array(size);
  let at = 0;
  for (const chunk of out) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

class Bytes {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
  }

  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }

  u32(v: number): this {
    this.view.setUint32(this.at, v, true);
    this.at += 4;
    return this;
  }

  u64(v: number): this {
    return this.u32(v % 2 ** 32).u32(Math.floor(v / 2 ** 32));
  }

  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

/**
 * The ZIP64 extra field: the values that do not fit 32 bits, in the order the format fixes (a
 * local header that has one must give both sizes).
 */
function zip64Extra(values: readonly number[], all = false): Uint8Array {
  if (!values.some((v) => v >= MAX32)) return new Uint8Array();
  const wide = all ? values : values.filter((v) => v >= MAX32);
  const extra = new Bytes(4 + 8 * wide.length).u16(0x0001).u16(8 * wide.length);
  for (const v of wide) extra.u64(v);
  return extra.bytes;
}

const clamp32 = (v: number) => (v >= MAX32 ? MAX32 : v);

/** The fields local and central headers share, from "general purpose flags" to "extra field length". */
function entryFields(b: Bytes, r: Written, sized: (v: number) => number, extraLength: number): Bytes {
  return b
    .u16(r.flags)
    .u16(r.method)
    .u16(r.time)
    .u16(r.date)
    .u32(r.crc)
    .u32(sized(r.compressedSize))
    .u32(sized(r.size))
    .u16(r.name.length)
    .u16(extraLength);
}

function localHeader(r: Written): Uint8Array {
  // A local header with a ZIP64 field gives both sizes there, and all ones in its own fields.
  const extra = zip64Extra([r.size, r.compressedSize], true);
  const sized = (v: number) => (extra.length > 0 ? MAX32 : v);
  const head = new Bytes(30 + r.name.length + extra.length).u32(0x04034b50).u16(extra.length > 0 ? 45 : 20);
  return entryFields(head, r, sized, extra.length).raw(r.name).raw(extra).bytes;
}

function centralHeader(r: Written): Uint8Array {
  const extra = zip64Extra([r.size, r.compressedSize, r.offset]);
  const version = extra.length > 0 ? 45 : 20;
  const head = new Bytes(46 + r.name.length + extra.length).u32(0x02014b50).u16(version).u16(version); // made by (MS-DOS), needed
  return entryFields(head, r, clamp32, extra.length)
    .u16(0) // comment
    .u16(0) // disk
    .u16(0) // internal attributes
    .u32(0) // external attributes
    .u32(clamp32(r.offset))
    .raw(r.name)
    .raw(extra).bytes;
}

function zip64EndRecord(count: number, size: number, start: number): Uint8Array {
  return new Bytes(56).u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(count).u64(count).u64(size).u64(start).bytes;
}

function zip64Locator(recordAt: number): Uint8Array {
  return new Bytes(20).u32(0x07064b50).u32(0).u64(recordAt).u32(1).bytes;
}

function endRecord(count: number, size: number, start: number): Uint8Array {
  const n = count >= MAX16 ? MAX16 : count;
  return new Bytes(22).u32(0x06054b50).u16(0).u16(0).u16(n).u16(n).u32(clamp32(size)).u32(clamp32(start)).u16(0).bytes;
}
