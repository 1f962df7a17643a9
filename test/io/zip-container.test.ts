import fc from "fast-check";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { crc32 } from "../../src/io/xlsx/crc32.js";
import { inflateEntry, readZipDirectory } from "../../src/io/xlsx/zip-archive.js";
import { writeZip } from "../../src/io/xlsx/zip-writer.js";
import { bytes, crc32 as referenceCrc, forgeZip, madeText, rawEntries, text } from "./hostile/forge.js";

/** The zip container under the package layer: what it writes, every reader reads; what it copies stays as it was. */

describe("crc32", () => {
  it("agrees with the byte-at-a-time reference on every length and alignment", () => {
    const data = new Uint8Array(4099).map((_, i) => (i * 131 + 7) % 256);
    for (const [from, to] of [
      [0, 0],
      [0, 1],
      [3, 10],
      [1, 4099],
      [0, 4099],
      [5, 4000],
    ] as const) {
      expect(crc32(data.subarray(from, to))).toBe(referenceCrc(data.subarray(from, to)));
    }
  });

  it("continues over data in pieces", () => {
    const data = new Uint8Array(4099).map((_, i) => (i * 131 + 7) % 256);
    for (const cut of [0, 1, 7, 2048, 4099]) expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut)))).toBe(referenceCrc(data));
  });

  it("agrees with the reference on any bytes at any offset, in any pieces", () => {
    // The words are read through an Int32Array from the first 4-aligned byte: offsets 0–7
    // into the buffer and cuts anywhere cover the bytes before, between and after them.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 7 }), fc.array(fc.nat(300)), (bytes, offset, cuts) => {
        const data = new Uint8Array(offset + bytes.length).subarray(offset);
        data.set(bytes);
        let crc = 0;
        let at = 0;
        for (const cut of [...cuts.map((c) => Math.min(c, data.length)).sort((a, b) => a - b), data.length]) {
          crc = crc32(data.subarray(at, Math.max(at, cut)), crc);
          at = Math.max(at, cut);
        }
        expect(crc).toBe(referenceCrc(data));
      }),
      { numRuns: 300 },
    );
  });
});

describe("writeZip and readZipDirectory", () => {
  it("write what fflate reads, and read it back", () => {
    const zip = writeZip([
      { name: "[Content_Types].xml", data: bytes("<Types/>") },
      { name: "xl/表.xml", data: bytes("中文".repeat(1000)) },
      { name: "empty", data: new Uint8Array() },
    ]);
    expect(Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, text(v)]))).toEqual({
      "[Content_Types].xml": "<Types/>",
      "xl/表.xml": "中文".repeat(1000),
      empty: "",
    });
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => e.name)).toEqual(["[Content_Types].xml", "xl/表.xml", "empty"]);
    const budget = { used: 0 };
    expect(text(inflateEntry(zip, entries[1]!, budget))).toBe("中文".repeat(1000));
    expect(budget.used).toBe(6000);
  });

  it("write text made in chunks as its UTF-8, streamed (a large part at the faster level)", () => {
    const pieces = ["<x>", ...Array.from({ length: 300 }, (_, i) => `<r n="${i}">第${i}行${"中文 text ".repeat(4000)}</r>`), "</x>"];
    const whole = pieces.join("");
    expect(whole.length).toBeGreaterThan(8 * 2 ** 20);
    const zip = writeZip([
      { name: "big.xml", made: madeText(pieces) },
      { name: "small.xml", made: madeText(["<a>", "中", "</a>"]) },
      { name: "none.xml", made: madeText([]) },
    ]);
    const parts = unzipSync(zip);
    expect(text(parts["big.xml"]!)).toBe(whole);
    expect(text(parts["small.xml"]!)).toBe("<a>中</a>");
    expect(text(parts["none.xml"]!)).toBe("");
    const [big] = readZipDirectory(zip);
    expect(big!.crc).toBe(referenceCrc(bytes(whole)));
    expect(text(inflateEntry(zip, big!, { used: 0 }))).toBe(whole); // the CRC checked as it is read
  });

  it("copy an entry's compressed bytes, method, CRC and time exactly", () => {
    const source = forgeZip([
      { name: "a.xml", data: bytes("x".repeat(5000)) },
      { name: "b.bin", data: bytes("stored"), method: 0 },
    ]);
    const [a, b] = readZipDirectory(source);
    const copy = writeZip([
      { name: "a.xml", copy: a!, from: source },
      { name: "b.bin", copy: b!, from: source },
      { name: "c.xml", data: bytes("new") },
    ]);
    const before = rawEntries(source);
    const after = rawEntries(copy);
    for (const i of [0, 1]) {
      expect(after[i]!.method).toBe(before[i]!.method);
      expect(after[i]!.crc).toBe(before[i]!.crc);
      expect(Buffer.compare(after[i]!.compressed, before[i]!.compressed)).toBe(0);
    }
    expect(text(unzipSync(copy)["c.xml"]!)).toBe("new");
  });

  it("write ZIP64 end records when there are 65,535 entries or more, and read them back", () => {
    // One small part copied under 70,000 names (copies: no deflating 70,000 times).
    const source = writeZip([{ name: "one", data: bytes("第一") }]);
    const [one] = readZipDirectory(source);
    const zip = writeZip(Array.from({ length: 70_000 }, (_, i) => ({ name: `p/${i}.txt`, copy: one!, from: source })));
    const entries = readZipDirectory(zip);
    expect(entries).toHaveLength(70_000);
    expect(entries[69_999]!.name).toBe("p/69999.txt");
    expect(text(inflateEntry(zip, entries[69_999]!, { used: 0 }))).toBe("第一");
    expect(rawEntries(zip)).toHaveLength(70_000);
  });

  it("are deterministic: the same parts give the same bytes", () => {
    const parts = [{ name: "a", data: bytes("same") }];
    expect(Buffer.compare(writeZip(parts), writeZip(parts))).toBe(0);
  });
});
