import { fflateCompression, LARGE_PART, type Compression, type Deflated, type PartToDeflate, type SyncCompression } from "./compression.js";
import type { ZipEntry } from "./zip-archive.js";
import type { MadeText } from "./made-text.js";

/**
 * What goes into the written archive under one name: new bytes, new text made as UTF-8 chunks
 * as it is taken (a large output sheet: deflated a chunk at a time, never held whole), or an
 * entry of the input copied as it is.
 */
export type ZipSource =
  | { readonly name: string; readonly data: Uint8Array }
  | { readonly name: string; readonly made: MadeText }
  | { readonly name: string; readonly copy: ZipEntry; readonly from: Uint8Array };

// MS-DOS time and date of new entries: 1980-01-01 00:00, so that the output is a function of
// the input alone (and of the compression: see compression.ts).
const NEW_TIME = 0;
const NEW_DATE = (0 << 9) | (1 << 5) | 1;
const FLAG_UTF8 = 0x0800;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

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

/** How to write: the compression of new parts (fflate by default), and whom to tell how far it is. */
export interface WriteOptions<C extends Compression = Compression> {
  readonly compression?: C;
  readonly onProgress?: WriteProgress;
}

/**
 * A zip archive of the given entries, in order. An entry may be given as a function, called
 * when its turn comes: a large part is then encoded and deflated while the earlier ones'
 * uncompressed bytes are already garbage. New data is deflated by the compression; a copied
 * entry keeps its compressed bytes, method, CRC and timestamp exactly, so parts the tool did
 * not change are never inflated or recompressed. Local headers are written afresh, with the
 * sizes (no data descriptors); ZIP64 records are added only when a size, an offset or the
 * number of entries needs them.
 */
export function writeZip(sources: readonly (ZipSource | MadeSource)[], options: WriteOptions<SyncCompression> = {}): Uint8Array {
  const compression = options.compression ?? fflateCompression;
  const steps = zipSteps(sources, options.onProgress);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(compression.deflate(step.value));
  }
}

/** writeZip with a compression that may answer later (the browser's CompressionStream). */
export async function writeZipAsync(sources: readonly (ZipSource | MadeSource)[], options: WriteOptions = {}): Promise<Uint8Array> {
  const compression = options.compression ?? fflateCompression;
  const steps = zipSteps(sources, options.onProgress);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(await compression.deflate(step.value));
  }
}

/**
 * The writing itself, shared by writeZip and writeZipAsync: it yields each new part to be
 * deflated and is resumed with the result.
 */
function* zipSteps(
  sources: readonly (ZipSource | MadeSource)[],
  onProgress: WriteProgress | undefined,
): Generator<PartToDeflate, Uint8Array, Deflated> {
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
    // A part made now takes the first half of its share of the progress, its deflating the
    // second; one whose text is made as it is deflated tells the progress of both (share 1).
    const made = typeof given === "function";
    let share = 0.5;
    const source = made ? given(onProgress && ((f) => onProgress(index + f * share, sources.length))) : given;
    if ("made" in source) share = 1;
    const name = encoder.encode(source.name);
    const flags = /^[\x20-\x7e]*$/.test(source.name) ? 0 : FLAG_UTF8;
    let entry: Omit<Written, "offset" | "name" | "flags">;
    let data: readonly Uint8Array[];
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
    } else {
      const from = made ? 0.5 : 0;
      const onFraction = onProgress && ((f: number) => onProgress(index + from + f * (1 - from), sources.length));
      const deflated: Deflated = yield "made" in source ? madeChunks(source.made) : dataChunks(source.data, onFraction);
      data = deflated.chunks;
      entry = {
        method: 8,
        time: NEW_TIME,
        date: NEW_DATE,
        crc: deflated.crc,
        compressedSize: deflated.compressedSize,
        size: deflated.size,
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

/** An entry made when its turn comes, told how far its making is (0…1). */
export type MadeSource = (onFraction?: (fraction: number) => void) => ZipSource;

/** How far the writing is: entries done (fractional within a large one) of all. */
export type WriteProgress = (done: number, total: number) => void;

/**
 * New bytes are handed over in chunks of this size (views, not copies), so that progress can
 * be told within a large part (a 5,000-branch sheet is tens of MB): a page waiting on the
 * writer (a worker's progress bar) then moves at least every chunk, not only between parts.
 */
const CHUNK = 1 << 20;

function dataChunks(data: Uint8Array, onFraction: ((fraction: number) => void) | undefined): PartToDeflate {
  function* chunks() {
    for (let at = 0; at < data.length; at += CHUNK) {
      const end = Math.min(data.length, at + CHUNK);
      yield data.subarray(at, end);
      onFraction?.(end / data.length);
    }
  }
  return { size: data.length, chunks: chunks() };
}

/**
 * Text made as it is taken, handed over a chunk at a time: the compression deflates a chunk
 * while the next is made. A compression chooses its level by the size before the bytes are
 * made: when the lower bound given is short of LARGE_PART, chunks are made first until their
 * text is that long or ends, so that the size given (the exact number of characters, or a
 * lower bound of LARGE_PART or more) chooses the level the whole text's characters would.
 */
function madeChunks(text: MadeText): PartToDeflate {
  const made = text.chunks[Symbol.iterator]();
  const held: Uint8Array[] = [];
  let ended = false;
  if (text.minLength < LARGE_PART) {
    while (text.length < LARGE_PART) {
      const next = made.next();
      if (next.done === true) {
        ended = true;
        break;
      }
      held.push(next.value);
    }
  }
  function* chunks() {
    yield* held.splice(0);
    if (ended) return;
    for (let next = made.next(); next.done !== true; next = made.next()) yield next.value;
  }
  return { size: ended ? text.length : Math.max(text.length, text.minLength), chunks: chunks() };
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
