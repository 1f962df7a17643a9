import * as zlib from "node:zlib";
import { LARGE_PART, type Deflated, type Inflated, type PartToInflate, type SyncCompression } from "../io/xlsx/compression.js";

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
    const level = zlibLevel(part.size);
    const chunks: Uint8Array[] = [];
    let compressedSize = 0;
    let crc = 0;
    let size = 0;
    let pending: Uint8Array[] = [];
    let pendingSize = 0;
    let dictionary: Uint8Array | undefined;
    const deflateBlock = (last: boolean) => {
      const input = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingSize);
      pending = [];
      pendingSize = 0;
      const out = zlib.deflateRawSync(input, {
        level,
        finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        ...(dictionary === undefined ? {} : { dictionary }),
      });
      chunks.push(out);
      compressedSize += out.length;
      // A block that is not the last is at least BLOCK bytes: its tail is a whole window.
      dictionary = input.subarray(input.length - WINDOW);
    };
    for (const chunk of part.chunks) {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize >= BLOCK) deflateBlock(false);
    }
    deflateBlock(true);
    return { chunks, compressedSize, crc, size };
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
