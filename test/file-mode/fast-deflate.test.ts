import { inflateRawSync } from "node:zlib";
import { inflateSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeLengths, fastDeflate } from "../../addin/file-mode/fast-deflate.js";
import { streamCompression } from "../../addin/file-mode/stream-compression.js";
import { LARGE_PART } from "../../src/io/xlsx/compression.js";
import { crc32 } from "../../src/io/xlsx/crc32.js";

/** The file mode's deflate for large parts: what it writes inflates back (zlib and fflate) to the bytes given, whatever the chunks. */

// Sheet-like XML that repeats at long and short range.
const xml = (rows: number) =>
  new TextEncoder().encode(
    `<sheetData>${Array.from({ length: rows }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${(r * 7919) % 1000}</v></c><c r="B${r + 1}" t="inlineStr"><is><t>支部${r % 97}</t></is></c></row>`).join("")}</sheetData>`,
  );
const noise = (n: number, seed = 1) => new Uint8Array(n).map((_, i) => (((i + seed) * 2654435761) >>> 13) & 0xff);

function inChunks(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

// Bytes repeated exactly at the window's edge (32 KiB back) and just beyond it.
function atWindowEdge(): Uint8Array {
  const block = noise(32 * 1024, 7);
  const out = new Uint8Array(32 * 1024 * 4 + 1);
  out.set(block, 0);
  out.set(block, 32 * 1024); // 32768 back: the farthest a match may refer
  out[65536] = 0x55;
  out.set(block, 65537); // 32769 back from the copy before: out of reach but for the one 32768 back
  return out;
}

// Bytes whose frequencies follow Fibonacci (no four in a row alike): a Huffman tree deeper than 15.
function skewed(): Uint8Array {
  const counts: number[] = [1, 1];
  while (counts.length < 26) counts.push(counts.at(-1)! + counts.at(-2)!);
  const bytes: number[] = [];
  counts.forEach((n, symbol) => {
    for (let i = 0; i < n; i++) bytes.push(symbol);
  });
  // Shuffled (a fixed generator): few matches, so the literals keep their skew.
  let state = 12345;
  for (let i = bytes.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [bytes[i], bytes[j]] = [bytes[j]!, bytes[i]!];
  }
  return new Uint8Array(bytes);
}

/**
 * Bytes made of literals and copies from earlier in the bytes, their lengths (4–258, and at the
 * ends of the ranges) and distances (1 to beyond the window) drawn by the generator: matches
 * that end at a block's or the input's end, that overlap themselves, with every length and
 * distance code, some of them rare enough to get long codes.
 */
const copiesArb = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
      fc.record({
        length: fc.oneof(fc.integer({ min: 1, max: 258 }), fc.constantFrom(3, 4, 5, 227, 257, 258, 259, 300)),
        distance: fc.oneof(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(1, 2, 4, 5, 32_767, 32_768, 32_769)),
      }),
    ),
    { maxLength: 400 },
  )
  .map((parts) => {
    const out: number[] = [];
    for (const part of parts) {
      if (part instanceof Uint8Array) out.push(...part);
      else for (let i = 0; i < part.length; i++) out.push(out.length >= part.distance ? out[out.length - part.distance]! : i & 0xff);
    }
    return new Uint8Array(out);
  });

function roundTrips(data: Uint8Array, chunk: number): void {
  const joined = Buffer.concat(fastDeflate(inChunks(data, Math.max(chunk, 1))));
  expect(Buffer.compare(inflateRawSync(joined), data)).toBe(0);
  expect(Buffer.compare(inflateSync(joined), data)).toBe(0);
}

/**
 * Random bytes with copies of five bytes from earlier ones, the copies' distance codes 14–29
 * counted as Fibonacci numbers (the farthest rarest): unlimited, a Huffman code of depth 15,
 * on codes with 13 extra bits. 28 bits with up to 7 pending overflow a 32-bit bit buffer:
 * the distance codes are limited to 11 bits so that they never do.
 */
function skewedDistances(seed: number): Uint8Array {
  let state = seed;
  const random = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const distBase = [129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577, 32769];
  const out = new Uint8Array(60_000).map(() => random(256));
  // Copy slots and their sources, kept apart so that every source is random bytes found only there.
  const taken = new Uint8Array(out.length + 8);
  const free = (at: number) => taken.subarray(at - 1, at + 7).every((t) => t === 0);
  const copies: [number, number][] = [];
  let count = [1, 1];
  while (count.length < 16) count = [...count, count.at(-1)! + count.at(-2)!];
  count.reverse().forEach((n, i) => {
    for (let k = 0; k < n; k++) {
      for (;;) {
        const distance = distBase[i]! + random(distBase[i + 1]! - distBase[i]!);
        const to = distance + 1 + random(out.length - 9 - distance);
        if (free(to) && free(to - distance)) {
          taken.fill(1, to - 1, to + 7);
          taken.fill(1, to - distance - 1, to - distance + 7);
          copies.push([to, distance]);
          break;
        }
      }
    }
  });
  for (const [to, distance] of copies.sort((a, b) => a[0] - b[0])) out.copyWithin(to, to - distance, to - distance + 5);
  return out;
}

describe("fastDeflate", () => {
  const big = xml(40_000); // about 3.6 MB: several of its 1 MiB blocks and of its blocks of codes
  it.each([
    ["nothing", new Uint8Array(0), 1],
    ["a few bytes", new TextEncoder().encode("<a/>"), 1],
    ["a few bytes one by one", new TextEncoder().encode("<row><c/><c/><c/></row>"), 1],
    ["sheet XML in odd chunks", big, 300_001],
    ["sheet XML in small chunks", big.subarray(0, 400_000), 1000],
    ["sheet XML in one chunk", big, big.length],
    ["bytes that do not repeat", noise(2_500_000), 700_000],
    ["a run of one byte", new Uint8Array(3_000_000).fill(0x41), 65_536],
    ["repeats at the window's edge", atWindowEdge(), 5000],
    ["skewed frequencies", skewed(), 4096],
  ])("deflates %s to what inflates back", (_, data, chunk) => {
    const joined = Buffer.concat(fastDeflate(inChunks(data, chunk)));
    expect(Buffer.compare(inflateRawSync(joined), data)).toBe(0);
    expect(Buffer.compare(inflateSync(joined), data)).toBe(0);
    if (data === big) expect(joined.length).toBeLessThan(data.length / 5);
  });

  it("deflates literals and copies of any length and distance, in any chunks, to what inflates back", () => {
    fc.assert(
      fc.property(copiesArb, fc.integer({ min: 1, max: 5000 }), (data, chunk) => roundTrips(data, chunk)),
      { numRuns: 150 },
    );
  });

  it("deflates input that ends within a few bytes of a match, of a word or of the input", () => {
    // Every length from 0 to 40 of a repeating pattern: matches end 0–3 bytes before the
    // input's end, where the four-byte compare hands over to the byte one.
    for (let n = 0; n <= 40; n++) {
      roundTrips(
        new Uint8Array(n).map((_, i) => i % 5),
        7,
      );
      roundTrips(
        new Uint8Array(n).map((_, i) => (i < n - 1 ? i % 3 : 9)),
        1,
      );
    }
    // The last three bytes, with the zero after them in the buffer, repeat four bytes before:
    // not a match, as the input ends.
    roundTrips(new Uint8Array([1, 2, 3, 0, 9, 9, 1, 2, 3]), 3);
  });

  it("deflates matches across the block boundaries", () => {
    // Sheet XML long enough to cross a 1 MiB block of input; a run of one byte of exactly a
    // block and of a block and a match; symbols (two per row) that fill a block of codes at
    // varying points.
    const block = 1 << 20;
    roundTrips(new Uint8Array(block).fill(7), 65_536);
    roundTrips(new Uint8Array(block + 258 + 1).fill(7), 65_536);
    roundTrips(new Uint8Array(32 * 1024 + block - 3).fill(9), 4096);
    const rows = xml(20_000);
    roundTrips(Buffer.concat([noise(65_536 * 2 - 5), rows]), 65_536);
  });

  it("deflates matches whose distance codes would be longer than the bit buffer allows", () => {
    for (const seed of [1, 2, 3, 4]) roundTrips(skewedDistances(seed), 65_536);
  });

  it("makes complete codes of at most the lengths allowed", () => {
    const fibonacci = new Int32Array(286);
    fibonacci[0] = fibonacci[1] = 1;
    for (let s = 2; s < 40; s++) fibonacci[s] = fibonacci[s - 1]! + fibonacci[s - 2]!;
    for (const [freq, limit] of [
      [fibonacci, 15],
      [fibonacci.subarray(0, 19), 7],
      [fibonacci.subarray(0, 30), 11], // the distance codes' limit
      [new Int32Array(30), 15], // nothing used: still two codes
      [Int32Array.from({ length: 30 }, (_, i) => (i === 4 ? 9 : 0)), 15], // one used
    ] as const) {
      const lengths = codeLengths(freq, limit);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
      expect(lengths.filter((l) => l > 0).length).toBeGreaterThanOrEqual(2);
      // Kraft's sum is exactly 1: zlib refuses incomplete codes.
      expect(lengths.reduce((sum, l) => sum + (l > 0 ? 2 ** (limit - l) : 0), 0)).toBe(2 ** limit);
      freq.forEach((f, s) => f > 0 && expect(lengths[s]).toBeGreaterThan(0));
    }
  });
});

describe("the file mode's compression", () => {
  it("deflates large parts with fastDeflate and small ones with CompressionStream, each with its CRC-32 and size", async () => {
    const data = xml(20_000);
    for (const size of [data.length, LARGE_PART]) {
      const out = await streamCompression.deflate({ size, chunks: inChunks(data, 65_536) });
      const joined = Buffer.concat(out.chunks);
      expect(joined.length).toBe(out.compressedSize);
      expect(Buffer.compare(inflateRawSync(joined), data)).toBe(0);
      expect([out.crc, out.size]).toEqual([crc32(data), data.length]);
    }
    // Told it is large, the part is deflated by fastDeflate: the same bytes it makes.
    const large = await streamCompression.deflate({ size: LARGE_PART, chunks: [data] });
    expect(Buffer.compare(Buffer.concat(large.chunks), Buffer.concat(fastDeflate([data])))).toBe(0);
  });
});
