import { deflateRawSync, inflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { streamCompression } from "../../addin/file-mode/stream-compression.js";
import { zlibAsyncCompression, zlibCompression, zlibInflate, zlibLevel } from "../../src/cli/zlib-compression.js";
import { fflateCompression, fflateLevel, LARGE_PART, type Compression } from "../../src/io/xlsx/compression.js";
import { crc32 } from "../../src/io/xlsx/crc32.js";
import { writeZipAsync, type ZipSource } from "../../src/io/xlsx/zip-writer.js";
import { madeText } from "./hostile/forge.js";

/** The zip writer's compressions: each one's output inflates to the bytes given, whatever the chunks. */

// Sheet-like XML that repeats at long and short range, and some bytes that do not repeat.
const xml = (rows: number) =>
  new TextEncoder().encode(
    `<sheetData>${Array.from({ length: rows }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${(r * 7919) % 1000}</v></c><c r="B${r + 1}" t="inlineStr"><is><t>支部${r % 97}</t></is></c></row>`).join("")}</sheetData>`,
  );
const noise = (n: number) => new Uint8Array(n).map((_, i) => ((i * 2654435761) >>> 13) & 0xff);

const compressions: [string, Compression][] = [
  ["fflate", fflateCompression],
  ["zlib (CLI)", zlibCompression],
  ["zlib on the thread pool (CLI)", zlibAsyncCompression],
  ["CompressionStream (file mode)", streamCompression],
];

function inChunks(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

describe.each(compressions)("%s", (_, compression) => {
  const big = xml(40_000); // about 3.6 MB: several of zlib's 1 MiB blocks
  it.each([
    ["nothing", new Uint8Array(0), 1],
    ["a few bytes", new TextEncoder().encode("<a/>"), 1],
    ["sheet XML in odd chunks", big, 300_001],
    ["sheet XML in small chunks", big.subarray(0, 400_000), 1000],
    ["sheet XML in one chunk", big, big.length],
    ["bytes that do not repeat", noise(2_500_000), 700_000],
  ])("deflates %s to what inflates back, with its CRC-32 and size", async (_, data, chunk) => {
    const out = await compression.deflate({ size: data.length, chunks: inChunks(data, chunk) });
    const joined = Buffer.concat(out.chunks);
    expect(joined.length).toBe(out.compressedSize);
    expect(Buffer.compare(inflateRawSync(joined), data)).toBe(0);
    expect(out.crc).toBe(crc32(data));
    expect(out.size).toBe(data.length);
    if (data === big) expect(out.compressedSize).toBeLessThan(data.length / 5);
  });

  it("writes zips that unzip to the parts given", async () => {
    const parts = { "[Content_Types].xml": xml(3), "xl/worksheets/sheet1.xml": xml(20_000), empty: new Uint8Array(0) };
    const sources = (): ZipSource[] => [
      ...Object.entries(parts).map(([name, data]) => ({ name, data })),
      { name: "xl/pieces.xml", made: madeText(["<a>", "中文".repeat(100_000), "</a>"]) },
    ];
    const unzipped = unzipSync(await writeZipAsync(sources(), { compression }));
    const expected = { ...parts, "xl/pieces.xml": new TextEncoder().encode(`<a>${"中文".repeat(100_000)}</a>`) };
    expect(Object.keys(unzipped)).toEqual(Object.keys(expected));
    // Compared as buffers: toEqual on megabytes of Uint8Array takes many seconds.
    for (const [name, data] of Object.entries(expected)) expect(Buffer.compare(unzipped[name]!, data), name).toBe(0);
  });
});

describe("zlib on the thread pool", () => {
  it("gives exactly the bytes of the synchronous zlib, whatever the chunks", async () => {
    const data = xml(60_000);
    for (const [size, chunk] of [
      [data.length, 300_001],
      [LARGE_PART, 1 << 20],
      [10, 7_000],
    ] as const) {
      const sync = zlibCompression.deflate({ size, chunks: inChunks(data, chunk) });
      const pooled = await zlibAsyncCompression.deflate({ size, chunks: inChunks(data, chunk) });
      expect(Buffer.compare(Buffer.concat(pooled.chunks), Buffer.concat(sync.chunks))).toBe(0);
      expect([pooled.crc, pooled.size, pooled.compressedSize]).toEqual([sync.crc, sync.size, sync.compressedSize]);
    }
  });

  it("takes the chunks as it deflates, a few blocks ahead at most", async () => {
    const data = xml(100_000); // about 9 MB: nine blocks
    let taken = 0;
    const chunks = function* () {
      for (const chunk of inChunks(data, 1 << 20)) {
        taken++;
        yield chunk;
      }
    };
    const deflating = zlibAsyncCompression.deflate({ size: data.length, chunks: chunks() });
    expect(taken).toBeLessThanOrEqual(3); // the rest waits for the pool
    const out = await deflating;
    expect(Buffer.compare(inflateRawSync(Buffer.concat(out.chunks)), data)).toBe(0);
  });
});

describe("levels", () => {
  it("are faster for large parts", () => {
    expect([fflateLevel(0), fflateLevel(LARGE_PART - 1), fflateLevel(LARGE_PART)]).toEqual([3, 3, 1]);
    expect([zlibLevel(0), zlibLevel(LARGE_PART - 1), zlibLevel(LARGE_PART)]).toEqual([6, 6, 1]);
  });

  it("zlib's blocks compress as well as one call would (each refers back into the one before)", () => {
    const data = xml(40_000);
    const one = zlibCompression.deflate({ size: data.length, chunks: [data] }).compressedSize;
    const fresh = inChunks(data, 1 << 20).reduce(
      (n, block) => n + zlibCompression.deflate({ size: block.length, chunks: [block] }).compressedSize,
      0,
    );
    expect(one).toBeLessThan(fresh);
  });
});

describe("zlib's inflate (the CLI reads parts with it)", () => {
  const data = xml(40_000);
  const deflated = deflateRawSync(data);

  it("inflates a part to its bytes and their CRC-32", () => {
    const out = zlibInflate({ data: deflated, size: data.length });
    expect("bytes" in out && Buffer.compare(out.bytes, data)).toBe(0);
    expect("crc" in out && out.crc).toBe(crc32(data));
    const empty = zlibInflate({ data: deflateRawSync(new Uint8Array(0)), size: 0 });
    expect("bytes" in empty && [empty.bytes.length, empty.crc]).toEqual([0, 0]);
  });

  it("gives back a stream one byte longer than declared, for the reader to refuse", () => {
    const out = zlibInflate({ data: deflated, size: data.length - 1 });
    expect("bytes" in out && out.bytes.length).toBe(data.length);
  });

  it("stops a stream that lies about its size as soon as it passes it", () => {
    const bomb = deflateRawSync(new Uint8Array(256 * 2 ** 20));
    const heap = process.memoryUsage().arrayBuffers;
    expect(zlibInflate({ data: bomb, size: 5000 })).toEqual({ failed: "larger" });
    expect(zlibInflate({ data: deflated, size: 0 })).toEqual({ failed: "larger" });
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(2 ** 20);
  });

  it("refuses what is not a whole deflate stream", () => {
    expect(zlibInflate({ data: deflated.subarray(0, deflated.length >> 1), size: data.length })).toEqual({ failed: "invalid" });
    expect(zlibInflate({ data: new TextEncoder().encode("not deflate"), size: 100 })).toEqual({ failed: "invalid" });
  });
});
