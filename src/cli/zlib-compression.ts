import * as zlib from "node:zlib";
import {
  LARGE_PART,
  type Compression,
  type Deflated,
  type Inflated,
  type PartToInflate,
  type SyncCompression,
} from "../io/xlsx/compression.js";

/**
 * zlib's level for a part of this size: 6 (zlib's default), and 1 for large parts. Measured
 * on the new parts of a 5,000-branch result (2026-12-03, Node 20, zlib 1.3): the parts of
 * 8 MiB or more (205 MiB of sheet XML) take 2.1 s at level 1, 3.5 s at 3 and 6.8 s at 6, for
 * 21.6, 19.5 and 16.2 MiB; the smaller ones (36 MiB) 0.46 s at 1 and 1.46 s at 6, for 4.5 and
 * 3.3 MiB. A workbook of a few hundred branches has only small parts: level 6 costs it
 * milliseconds and makes the file smallest; a large part is most of a big run's writing,
 * where level 1 is about three times as fast as 6 for a third more bytes.
 */
export function zlibLevel(size: number): 1 | 6 {
  return size >= LARGE_PART ? 1 : 6;
}

/** Bytes deflated in one zlib call: enough that the calls cost nothing, few enough to stream. */
const BLOCK = 1 << 20;
/** Deflate's window: how far back a block may refer into the one before it. */
const WINDOW = 32 * 1024;

/**
 * Node's zlib, synchronous and streamed, for the CLI (about seven times as fast as fflate on
 * our XML): a part is deflated in blocks of about 1 MiB, each by its own zlib call that ends
 * with a sync flush (byte-aligned, not final) and is given the previous block's last 32 KiB as
 * its dictionary, so that the blocks, one after another, are a single deflate stream (the way
 * pigz splits its work) that compresses as well as one call would. CRC-32 by zlib.crc32 (Node
 * 20.15 and later; package.json asks for 20.19).
 *
 * It inflates the parts the CLI reads too (zlibInflate).
 */
export const zlibCompression: SyncCompression = {
  deflate(part): Deflated {
    const blocks = new Blocks(part.size);
    for (const chunk of part.chunks) {
      const block = blocks.add(chunk);
      if (block !== undefined) blocks.done(zlib.deflateRawSync(block.input, block.options));
    }
    const last = blocks.last();
    blocks.done(zlib.deflateRawSync(last.input, last.options));
    return blocks.deflated();
  },
  inflate: zlibInflate,
};

/**
 * Inflates a part in one zlib call (about eight times as fast as fflate with its CRC-32: a
 * 46 MB sheet in a quarter of a second, 2026-12-03), into one buffer two bytes larger than the
 * declared size: an honest part never fills it, and a stream that does is longer than it
 * declared, so zlib stops it there (ERR_BUFFER_TOO_LARGE) before it asks for another buffer. A
 * zip bomb costs no more memory than an honest part of the size it claims. One call cannot
 * report progress, but even a 64 MiB part (the limit) takes well under a second: the reader
 * reports it once inflated.
 */
export function zlibInflate({ data, size }: PartToInflate): Inflated {
  let bytes: Buffer;
  try {
    bytes = zlib.inflateRawSync(data, {
      maxOutputLength: size + 1,
      chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, size + 2),
    });
  } catch (e) {
    return { failed: (e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE" ? "larger" : "invalid" };
  }
  return { bytes, crc: zlib.crc32(bytes) };
}

/** Blocks deflated at once, on libuv's pool, at most: the memory held is about this many MiB. */
const IN_FLIGHT = 3;
/**
 * zlib's output buffer for a block: room for a deflated 1 MiB block of our XML (about a tenth
 * of it at level 1), so that the pool thread deflates a block in one go, without coming back
 * to the main thread (which may be busy making the next chunks) for more room every 16 KiB
 * (zlib's default); not the whole block's bound (over 1 MiB), whose buffer for every block
 * would be hundreds of MB of garbage, collected in full passes over the whole heap.
 */
const OUT_CHUNK = 256 * 1024;

/**
 * zlibCompression's blocks deflated by zlib's asynchronous calls, on libuv's thread pool: the
 * main thread makes the next chunks (a sheet's XML, made as it is taken) while a pool thread
 * deflates the blocks before them, so on two cores most of the deflating is off the wall
 * clock. Each block's dictionary is the input before it, never its output, so blocks do not
 * wait for each other; at most IN_FLIGHT are pending (the chunks are not taken further until
 * the oldest is done), which bounds the memory. The bytes are exactly zlibCompression's.
 */
export const zlibAsyncCompression: Compression = {
  async deflate(part): Promise<Deflated> {
    const blocks = new Blocks(part.size);
    const pending: Promise<Buffer>[] = [];
    const settle = async () => blocks.done(await pending.shift()!);
    try {
      for (const chunk of part.chunks) {
        const block = blocks.add(chunk);
        if (block === undefined) continue;
        pending.push(deflateLater(block));
        if (pending.length >= IN_FLIGHT) await settle();
      }
      pending.push(deflateLater(blocks.last()));
      while (pending.length > 0) await settle();
    } catch (e) {
      // The blocks already handed over still finish; their failures are this one's.
      await Promise.allSettled(pending);
      throw e;
    }
    return blocks.deflated();
  },
  inflate: zlibInflate,
};

interface Block {
  readonly input: Buffer | Uint8Array;
  readonly options: zlib.ZlibOptions;
}

function deflateLater({ input, options }: Block): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib.deflateRaw(input, { ...options, chunkSize: OUT_CHUNK }, (error, out) => (error === null ? resolve(out) : reject(error)));
  });
}

/** A part cut into blocks as its chunks come, with its CRC-32 and size, and the blocks' output. */
class Blocks {
  private readonly level: number;
  private readonly chunks: Uint8Array[] = [];
  private compressedSize = 0;
  private crc = 0;
  private size = 0;
  private pending: Uint8Array[] = [];
  private pendingSize = 0;
  private dictionary: Uint8Array | undefined;

  constructor(size: number) {
    this.level = zlibLevel(size);
  }

  /** Takes a chunk; returns a block to deflate once BLOCK bytes are in hand. */
  add(chunk: Uint8Array): Block | undefined {
    this.crc = zlib.crc32(chunk, this.crc);
    this.size += chunk.length;
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    return this.pendingSize >= BLOCK ? this.block(false) : undefined;
  }

  /** The last block (possibly empty), which ends the deflate stream. */
  last(): Block {
    return this.block(true);
  }

  /** A block's output, in the order the blocks were made. */
  done(out: Uint8Array): void {
    this.chunks.push(out);
    this.compressedSize += out.length;
  }

  deflated(): Deflated {
    return { chunks: this.chunks, compressedSize: this.compressedSize, crc: this.crc, size: this.size };
  }

  private block(last: boolean): Block {
    const input = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingSize);
    this.pending = [];
    this.pendingSize = 0;
    const options: zlib.ZlibOptions = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      ...(this.dictionary === undefined ? {} : { dictionary: this.dictionary }),
    };
    // A block that is not the last is at least BLOCK bytes: its tail is a whole window.
    this.dictionary = input.subarray(input.length - WINDOW);
    return { input, options };
  }
}
