/*
 * CRC-32 (the zip checksum, polynomial 0xEDB88320). Every part that is read is checked
 * against the checksum its zip entry declares, so the eight-tables ("slicing-by-8") variant
 * is used: about three times as fast as the byte-at-a-time loop, which matters for the tens
 * of megabytes of sheet XML in a large workbook.
 */

const TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const previous = t[(k - 1) * 256 + i]!;
      t[k * 256 + i] = (previous >>> 8) ^ t[previous & 0xff]!;
    }
  }
  return t;
})();

// Every platform a browser or Node runs on is little-endian; on another the words would be read
// the wrong way round, so bytes are read one by one there.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The CRC-32 of `data` (an unsigned 32-bit number); of data following data whose CRC-32 was
 * `previous`. The eight bytes of a step are read as two 32-bit words through an Int32Array
 * view (from the first 4-aligned byte): about twice as fast as assembling them byte by byte
 * (100 MiB in 0.25–0.35 s instead of 0.55–0.6 s, Node 20), which matters in the browser, where
 * there is no native CRC-32 to call.
 */
export function crc32(data: Uint8Array, previous = 0): number {
  const t = TABLES;
  let c = ~previous;
  let i = 0;
  const n = data.length;
  if (LITTLE_ENDIAN) {
    for (; i < n && ((data.byteOffset + i) & 3) !== 0; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    const pairs = (n - i) >>> 3;
    if (pairs > 0) {
      const w = new Int32Array(data.buffer, data.byteOffset + i, pairs * 2);
      for (let j = 0; j < w.length; j += 2) {
        const a = w[j]! ^ c;
        const b = w[j + 1]!;
        c =
          t[1792 + (a & 0xff)]! ^
          t[1536 + ((a >>> 8) & 0xff)]! ^
          t[1280 + ((a >>> 16) & 0xff)]! ^
          t[1024 + (a >>> 24)]! ^
          t[768 + (b & 0xff)]! ^
          t[512 + ((b >>> 8) & 0xff)]! ^
          t[256 + ((b >>> 16) & 0xff)]! ^
          t[b >>> 24]!;
      }
      i += pairs * 8;
    }
  }
  for (; i < n; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
