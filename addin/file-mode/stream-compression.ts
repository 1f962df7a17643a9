import { crc32 } from "../../src/io/xlsx/crc32.js";
import { fflateCompression, LARGE_PART, type Compression, type Deflated, type PartToDeflate } from "../../src/io/xlsx/compression.js";
import { fastDeflate } from "./fast-deflate.js";
import { inflateByStream, inflateRawSupported } from "./stream-inflate.js";

/**
 * The platform's own deflate, CompressionStream("deflate-raw") (Chromium 103, Firefox 113,
 * Safari 16.4, Node 20): native zlib, several times as fast as fflate on our sheet XML, so
 * the file mode writes small parts as the CLI does. It takes no level: zlib's default (6), the
 * CLI's level for small parts. Large parts (LARGE_PART, 8 MiB, as the CLI decides) are
 * deflated by fastDeflate instead, as the CLI deflates them at level 1: at level 6 the 177.6 MiB
 * of a 5,000-branch result's large parts took 4.0 s of CPU, fastDeflate 0.95–1.05 s (zlib's
 * level 1, the CLI's, 1.1 s in the same runs; fflate's level 1 6.0 s), for 21.7 MiB instead of
 * 15.5 (the CLI's 20.6) (Node 20, 2026-12-03). The CRC-32 is the JS one (the browser has none). Where
 * CompressionStream or its "deflate-raw" format is missing, fflate (pure JavaScript) deflates
 * the small parts.
 *
 * It inflates the parts the file mode reads too, through DecompressionStream (stream-inflate.ts),
 * where the platform has it with "deflate-raw"; where not, the reader's fflate does.
 */
export const streamCompression: Compression = {
  deflate: (part) =>
    part.size >= LARGE_PART ? deflateFast(part) : deflateRawSupported() ? deflateByStream(part.chunks) : fflateCompression.deflate(part),
  ...(inflateRawSupported() ? { inflateAsync: inflateByStream } : {}),
};

/** The CRC-32 and length of the bytes passed through, counted as a deflate takes them. */
class Checksum {
  crc = 0;
  size = 0;

  *pass(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
    for (const chunk of chunks) {
      this.crc = crc32(chunk, this.crc);
      this.size += chunk.length;
      yield chunk;
    }
  }
}

function deflateFast(part: PartToDeflate): Deflated {
  const sum = new Checksum();
  const chunks = fastDeflate(sum.pass(part.chunks));
  return { chunks, compressedSize: chunks.reduce((n, c) => n + c.length, 0), crc: sum.crc, size: sum.size };
}

async function deflateByStream(input: Iterable<Uint8Array>): Promise<Deflated> {
  const stream = new CompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Read while writing: the stream holds back its input until its output is taken.
  const reading = (async () => {
    const chunks: Uint8Array[] = [];
    let compressedSize = 0;
    const reader = stream.readable.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
      compressedSize += r.value.length;
    }
    return { chunks, compressedSize };
  })();
  const sum = new Checksum();
  try {
    for (const chunk of sum.pass(input)) {
      await writer.ready;
      // Not awaited one by one: the next chunk is made while this one is deflated. A failed
      // write fails the reading too, which is awaited below.
      writer.write(chunk as Uint8Array<ArrayBuffer>).catch(() => undefined); // never a SharedArrayBuffer's view
    }
    await writer.close();
  } catch (e) {
    await reading.catch(() => undefined);
    throw e;
  }
  return { ...(await reading), crc: sum.crc, size: sum.size };
}

let supported: boolean | undefined;
function deflateRawSupported(): boolean {
  if (supported === undefined) {
    try {
      new CompressionStream("deflate-raw");
      supported = true;
    } catch {
      supported = false; // no CompressionStream, or one without "deflate-raw" (before Chromium 103)
    }
  }
  return supported;
}
