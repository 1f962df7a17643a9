import { crc32 } from "../../src/io/xlsx/crc32.js";
import { fflateCompression, type Compression, type Deflated } from "../../src/io/xlsx/compression.js";

/**
 * The platform's own deflate, CompressionStream("deflate-raw") (Chromium 103, Firefox 113,
 * Safari 16.4, Node 20): native zlib, several times as fast as fflate on our sheet XML, so
 * the file mode writes large results about as fast as the CLI. It takes no level: zlib's
 * default (6), the CLI's level for small parts, is used for every part (a large part is then
 * about a tenth smaller than the CLI's and takes a little longer). The CRC-32 is the JS one
 * (the browser has none). Where CompressionStream or its "deflate-raw" format is missing,
 * fflate (pure JavaScript) is used.
 */
export const streamCompression: Compression = {
  deflate: (part) => (deflateRawSupported() ? deflateByStream(part.chunks) : fflateCompression.deflate(part)),
};

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
  let crc = 0;
  let size = 0;
  try {
    for (const chunk of input) {
      crc = crc32(chunk, crc);
      size += chunk.length;
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
  return { ...(await reading), crc, size };
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
