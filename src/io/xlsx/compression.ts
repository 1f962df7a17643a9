import { Deflate } from "fflate";
import { crc32 } from "./crc32.js";

/**
 * How the zip writer deflates a new part (and the zip reader may inflate one): an interface,
 * so that each platform brings its fastest deflate while the writer stays pure. The default (fflateCompression) is pure
 * JavaScript and works everywhere; the CLI brings Node's zlib (src/cli/zlib-compression.ts),
 * the browser's file mode the platform's CompressionStream (addin/file-mode). Outputs of two
 * compressions differ in their compressed bytes only: every part inflates to the same bytes.
 */
export interface Compression {
  /** Deflates a part (raw deflate, as zip method 8 stores it) and takes its CRC-32. */
  deflate(part: PartToDeflate): Deflated | Promise<Deflated>;
  /**
   * Inflates a part that is read, when the platform has a faster way than fflate (the CLI:
   * Node's zlib); without it the zip reader inflates with fflate. Synchronous, as reading is.
   */
  inflate?(part: PartToInflate): Inflated;
  /**
   * Inflates a part that is read, asynchronously (the browser's DecompressionStream, native
   * where fflate is JavaScript): when a compression has it, the reader inflates each part
   * through it just before reading it, and the synchronous code takes the bytes from there.
   * "invalid" need not say why: the zip reader then inflates the part again with fflate, for
   * today's exact verdict (which a stream's error does not tell apart).
   */
  inflateAsync?(part: PartToInflateLater): Promise<Inflated>;
}

/** The inflates of a platform's compression, if it has any: what the zip reader asks of it (fflate does the rest). */
export type NativeInflate = Pick<Compression, "inflate" | "inflateAsync">;

/** A deflated part (zip method 8) to inflate, as the zip reader hands it over. */
export interface PartToInflate {
  /** The raw deflate stream as stored. */
  readonly data: Uint8Array;
  /**
   * The inflated size the archive declares (within the limits, checked before). Declared sizes
   * can lie: inflating must stop once the output passes size + 1 bytes (a zip bomb), and give
   * back what it has up to there, for the reader to refuse.
   */
  readonly size: number;
}

/** A deflated part to inflate asynchronously: PartToInflate, and whom to tell how far it is. */
export interface PartToInflateLater extends PartToInflate {
  /**
   * How far inflating has come, by compressed bytes, told now and then (a part of megabytes
   * takes tenths of a second), and once at the end. It may throw (a cancelled run): inflating
   * then stops, lets the stream go and rejects with what it threw.
   */
  readonly onStep?: (done: number, total: number) => void;
}

/**
 * The inflated bytes (at most size + 1 of them: the reader compares their length with the
 * declared size) and their CRC-32; or why there are none: the stream would inflate to more
 * than size + 1 bytes ("larger"), or is not a complete deflate stream ("invalid").
 */
export type Inflated = { readonly bytes: Uint8Array; readonly crc: number } | { readonly failed: "larger" | "invalid" };

/** A compression that answers at once: what the synchronous writer (writeZip) needs. */
export interface SyncCompression extends Compression {
  deflate(part: PartToDeflate): Deflated;
}

/** A new part's bytes, as the zip writer hands them over. */
export interface PartToDeflate {
  /**
   * The part's size in bytes, or a lower bound (the characters of its text, which its UTF-8
   * bytes are at least; for text made as it is taken, LARGE_PART or more once it is known to
   * be that long): a compression chooses its level by it before the bytes are made.
   */
  readonly size: number;
  /**
   * The bytes in order, each chunk made when it is asked for (a 5,000-branch 双评明细 is
   * 93 MB of XML, never in one array) and reporting the writer's progress as it is taken.
   * A chunk is not changed afterwards: a compression may keep it until it is done.
   */
  readonly chunks: Iterable<Uint8Array>;
}

export interface Deflated {
  readonly chunks: readonly Uint8Array[];
  readonly compressedSize: number;
  /** The CRC-32 of the uncompressed bytes. */
  readonly crc: number;
  /** The uncompressed size. */
  readonly size: number;
}

/** Parts of this many bytes or more are large: compressions deflate them at a faster level. */
export const LARGE_PART = 8 * 2 ** 20;

/**
 * fflate's level for a part of this size: 3, and 1 for large parts. Measured on the parts of
 * 5,000-branch results (双评明细 89 MiB, 校验报告 37–59 MiB, 2026-12-03, fflate 0.8): level 1
 * deflates them in 0.6–0.85× the CPU time of level 3 for 10–13% more bytes, both one-shot and
 * streamed in 1 MiB chunks; below 8 MiB, level 3 costs little and saves about a tenth.
 */
export function fflateLevel(size: number): 1 | 3 {
  return size >= LARGE_PART ? 1 : 3;
}

/** Pure JavaScript (fflate, the JS crc32): the default, in every environment. */
export const fflateCompression: SyncCompression = {
  deflate(part) {
    const chunks: Uint8Array[] = [];
    let compressedSize = 0;
    const stream = new Deflate({ level: fflateLevel(part.size) }, (chunk) => {
      chunks.push(chunk);
      compressedSize += chunk.length;
    });
    let crc = 0;
    let size = 0;
    // Each chunk is pushed once the next is known, so that the last one closes the stream.
    let held: Uint8Array | undefined;
    for (const chunk of part.chunks) {
      if (held !== undefined) stream.push(held, false);
      crc = crc32(chunk, crc);
      size += chunk.length;
      held = chunk;
    }
    stream.push(held ?? new Uint8Array(0), true);
    return { chunks, compressedSize, crc, size };
  },
};
