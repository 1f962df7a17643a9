import { deflateSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { streamCompression } from "../../../addin/file-mode/stream-compression.js";
import { inflateByStream } from "../../../addin/file-mode/stream-inflate.js";
import type { NativeInflate } from "../../../src/io/xlsx/compression.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { LIMITS } from "../../../src/io/xlsx/zip-archive.js";
import { RunCancelled, WorkbookUnreadableError } from "../../../src/io/workbook.js";
import type { UnreadableReason } from "../../../src/model/failure.js";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../../src/model/sheets.js";
import {
  bytes,
  crc32,
  deflatedZeros,
  entriesOf,
  forgeZip,
  sampleParts,
  sheetPart,
  text,
  withSharedStringTable,
  type ForgedEntry,
} from "./forge.js";

/*
 * The file mode inflates the parts it reads with the platform's DecompressionStream, ahead of
 * the synchronous reader. Every damaged or hostile part is refused for the same reason as by
 * fflate (the synchronous path), and sound ones read the same.
 */

const WANTED = [...INPUT_SHEETS, OUTPUT_SHEETS.ledger];
let parts: Map<string, Uint8Array>;
let gridA: string;

beforeAll(() => {
  parts = sampleParts();
  gridA = sheetPart(parts, "评分A");
});

/** streamCompression's inflate, counting its calls (so that a test knows the async path was taken). */
function counted(): { nativeInflate: NativeInflate; calls: () => number } {
  let calls = 0;
  const inflateAsync = streamCompression.inflateAsync!;
  return {
    nativeInflate: {
      inflateAsync: (part) => {
        calls++;
        return inflateAsync(part);
      },
    },
    calls: () => calls,
  };
}

type Outcome = { readonly read: string } | { readonly refused: UnreadableReason };

async function outcome(input: Uint8Array, nativeInflate?: NativeInflate): Promise<Outcome> {
  try {
    const snapshot = await new XlsxReader(input, nativeInflate ? { nativeInflate } : {}).read(WANTED);
    return { read: JSON.stringify([...snapshot.sheets]) };
  } catch (e) {
    if (e instanceof WorkbookUnreadableError) return { refused: e.reason };
    throw e;
  }
}

/** Read through fflate and through DecompressionStream: the same outcome. */
async function expectSame(input: Uint8Array): Promise<Outcome> {
  const spy = counted();
  const synchronous = await outcome(input);
  expect(await outcome(input, spy.nativeInflate)).toEqual(synchronous);
  expect(spy.calls()).toBeGreaterThan(0);
  return synchronous;
}

const changed = (change: (e: ForgedEntry) => ForgedEntry | ForgedEntry[]) => forgeZip(entriesOf(parts, change));
const ofGridA = (change: (e: ForgedEntry) => ForgedEntry) => changed((e) => (e.name === gridA ? change(e) : e));
const deflated = (e: ForgedEntry) => deflateSync(e.data!, { level: 1 });

/** Letters that do not repeat (about six bits each once deflated), made the same every time. */
function noise(n: number): string {
  let x = 12345;
  let s = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += String.fromCharCode(97 + ((x >>> 16) % 26));
  }
  return s;
}

/** 评分A with a cell of `n` letters of noise: a part of megabytes even once deflated. */
const withNoise = (e: ForgedEntry, n: number): ForgedEntry => ({
  ...e,
  data: bytes(
    text(e.data!).replace(
      "</sheetData>",
      `<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>${noise(n)}</t></is></c></row></sheetData>`,
    ),
  ),
});

/** Sets the encrypted flag of a part in the central directory. */
function encrypted(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (text(out.subarray(at + 46, at + 46 + length)) === name) out[at + 8]! |= 1;
  }
  return out;
}

describe("parts inflated by DecompressionStream are refused for the same reasons as by fflate", () => {
  it.each<[string, (e: ForgedEntry) => ForgedEntry, string]>([
    ["a CRC that does not match", (e) => ({ ...e, crc: (crc32(e.data!) ^ 0x5a5a) >>> 0 }), "CRC_MISMATCH"],
    ["a stream one byte longer than declared", (e) => ({ ...e, size: e.data!.length - 1 }), "INFLATED_LARGER"],
    ["a stream shorter than declared", (e) => ({ ...e, size: e.data!.length + 10 }), "INFLATED_SIZE_MISMATCH"],
    [
      "altered compressed bytes",
      (e) => {
        const bad = deflated(e).slice();
        for (let i = 10; i < bad.length; i += 97) bad[i] = bad[i]! ^ 0xff;
        return { ...e, compressed: bad };
      },
      "",
    ],
    ["a stream cut short", (e) => ({ ...e, compressed: deflated(e).subarray(0, deflated(e).length >> 1) }), ""],
    ["a stream cut short by its last byte", (e) => ({ ...e, compressed: deflated(e).subarray(0, deflated(e).length - 1) }), ""],
    ["a stored part of the wrong size", (e) => ({ ...e, method: 0, size: e.data!.length + 1 }), "STORED_SIZE_MISMATCH"],
    ["a method nothing reads", (e) => ({ ...e, method: 12, compressed: bytes("BZh91AY&SY") }), "PART_COMPRESSION_UNSUPPORTED"],
    ["a lying gibibyte (declared 5,000 bytes)", (e) => ({ ...e, compressed: deflatedZeros(2 ** 30), size: 5000 }), "INFLATED_LARGER"],
  ])("%s", async (_, change, code) => {
    const out = await expectSame(ofGridA(change));
    expect(out).toHaveProperty("refused");
    if (code !== "") expect(out).toMatchObject({ refused: { code } });
  });

  it("a large stream (megabytes, which fflate inflates in steps) cut short", async () => {
    const big = withNoise({ name: gridA, data: parts.get(gridA)! }, 3_000_000);
    const whole = deflateSync(big.data!, { level: 1 });
    expect(whole.length).toBeGreaterThan(2 ** 20);
    // The declared CRC and size are the whole part's.
    const input = ofGridA(() => ({
      ...big,
      compressed: whole.subarray(0, whole.length - 1000),
      crc: crc32(big.data!),
      size: big.data!.length,
    }));
    expect(await expectSame(input)).toHaveProperty("refused");
  });

  it("an encrypted part", async () => {
    expect(
      await expectSame(
        encrypted(
          ofGridA((e) => e),
          gridA,
        ),
      ),
    ).toMatchObject({ refused: { code: "PART_ENCRYPTED", params: { part: gridA } } });
  });

  it("declared sizes are checked before anything is inflated", async () => {
    const spy = counted();
    const bomb = ofGridA((e) => ({ ...e, size: LIMITS.partBytes + 1, compressed: bytes("not deflate") }));
    expect(await outcome(bomb, spy.nativeInflate)).toMatchObject({ refused: { code: "PART_TOO_LARGE" } });
    expect(spy.calls()).toBe(0);
  });

  it("a lying bomb is stopped at the first chunk past its declared size", async () => {
    const data = deflatedZeros(2 ** 30);
    let steps = 0;
    const out = await inflateByStream({ data, size: 5000, onStep: () => steps++ });
    expect(out).toEqual({ failed: "larger" });
    expect(steps).toBe(0); // not even a mebibyte of its 4 MB was taken
  });

  it("bytes after the end of a stream are ignored as fflate ignores them", async () => {
    const out = await expectSame(ofGridA((e) => ({ ...e, compressed: new Uint8Array([...deflated(e), 1, 2, 3, 4]) })));
    expect(out).toHaveProperty("read");
  });

  it("shared strings no cell refers to are not checked, as before; ones that are used are", async () => {
    // damaged: its CRC is not its content's
    const withSst = (used: boolean) =>
      forgeZip(
        withSharedStringTable(parts, gridA, used, { name: "xl/sharedStrings.xml", data: bytes("<sst><si><t>甲</t></si></sst>"), crc: 7 }),
      );
    expect(await expectSame(withSst(false))).toHaveProperty("read");
    expect(await expectSame(withSst(true))).toMatchObject({ refused: { code: "CRC_MISMATCH", params: { part: "xl/sharedStrings.xml" } } });
  });
});

describe("a large part inflated by DecompressionStream", () => {
  let input: Uint8Array;
  beforeAll(() => {
    input = ofGridA((e) => withNoise(e, 4_000_000));
  });

  it("reads as through fflate, and reports its progress while it inflates", async () => {
    const seen: number[] = [];
    const snapshot = await new XlsxReader(input, { nativeInflate: streamCompression }).read(["评分A"], {
      onProgress: (done) => seen.push(done),
    });
    const fflate = await new XlsxReader(input).read(["评分A"]);
    expect(JSON.stringify([...snapshot.sheets])).toBe(JSON.stringify([...fflate.sheets]));
    const total = seen.at(-1)!;
    // The inflating share is the first 15% of the sheet's progress: several reports within it.
    expect(seen.filter((d) => d > 0 && d < total * 0.15).length).toBeGreaterThanOrEqual(2);
  });

  it("stops when the run is cancelled while it inflates", async () => {
    const signal: { aborted: boolean; reason?: unknown } = { aborted: false };
    const seen: number[] = [];
    const reading = new XlsxReader(input, { nativeInflate: streamCompression }).read(["评分A"], {
      signal,
      onProgress: (done) => {
        seen.push(done);
        signal.aborted = true;
        signal.reason = "取消";
      },
    });
    await expect(reading).rejects.toBeInstanceOf(RunCancelled);
    expect(seen).toHaveLength(1);
  });
});

describe("without DecompressionStream's inflate", () => {
  it("the reader inflates with fflate, as before", async () => {
    const noInflate: NativeInflate = {};
    expect(
      await outcome(
        ofGridA((e) => e),
        noInflate,
      ),
    ).toEqual(await outcome(ofGridA((e) => e)));
  });
});
