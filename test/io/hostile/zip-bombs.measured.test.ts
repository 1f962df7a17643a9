import { beforeAll, describe, expect, it } from "vitest";
import { streamCompression } from "../../../addin/file-mode/stream-compression.js";
import { LIMITS } from "../../../src/io/xlsx/zip-archive.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { runAssessment } from "../../../src/pipeline.js";
import { describeRun, expectWithinBudget, measureAgainstBudget } from "./cli-measure.js";
import {
  bytes,
  deflatedZeros,
  densestZeros,
  entriesOf,
  forgeZip,
  rawEntries,
  runOn,
  sampleParts,
  sheetPart,
  STACK_TRACE,
  text,
  withSharedStringTable,
  type ForgedEntry,
} from "./forge.js";

/*
 * Zip bombs: a part that inflates to far more than a workbook ever holds. What is read is
 * capped (one part, and all parts read from one package together): declared sizes are checked
 * before anything is inflated, and inflating stops as soon as a part exceeds what it declared,
 * since declared sizes can lie. What is not read is never inflated, and is copied to the
 * output as its compressed bytes.
 */

const NOW = { now: new Date("2026-10-08T09:30:00") };
const GIB = 2 ** 30;
let parts: Map<string, Uint8Array>;
let gridA: string;

beforeAll(() => {
  parts = sampleParts();
  gridA = sheetPart(parts, "评分A");
});

/** The run's time and how much the heap grew: a bomb must cost neither. */
async function measured<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; heapMiB: number }> {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start, heapMiB: (process.memoryUsage().heapUsed - heap) / 2 ** 20 };
}

async function expectRefused(input: Uint8Array, message: RegExp): Promise<void> {
  // fflate, and the file mode's DecompressionStream (asynchronous, inflating each part ahead)
  for (const reader of [new XlsxReader(input), new XlsxReader(input, { nativeInflate: streamCompression })]) {
    const { value: out, ms, heapMiB } = await measured(() => runAssessment(reader, null, NOW));
    expect(out.result.status).toBe("fatal");
    expect(out.result.issues.map((i) => i.code)).toEqual(["WORKBOOK_UNREADABLE"]);
    expect(out.result.issues[0]!.message).toMatch(message);
    expect(out.result.issues[0]!.message).toMatch(
      /请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。$|后再试。$/,
    );
    expect(ms).toBeLessThan(3000);
    expect(heapMiB).toBeLessThan(200);
  }

  const cli = await runOn(input);
  expect(cli.code).toBe(2);
  expect(cli.stderr + cli.stdout).not.toMatch(STACK_TRACE);
  expect(cli.output).toBeUndefined();
}

describe("zip bombs in parts that are read", () => {
  it("a sheet that declares more than one part may hold is refused before anything is inflated", async () => {
    // The data is not even a deflate stream: inflating it would fail differently.
    const bomb = forgeZip(
      entriesOf(parts, (e) => (e.name === gridA ? { ...e, size: LIMITS.partBytes + 1, compressed: bytes("not deflate") } : e)),
    );
    await expectRefused(bomb, new RegExp(`超过了单个部分 ${LIMITS.partBytes / 2 ** 20} MB 的上限`));
  });

  it("sheets that together declare more than a package may hold are refused before anything is inflated", async () => {
    const big = Math.floor(LIMITS.partBytes * 0.9);
    const sheets = ["考核设置", "评分细则", "支部名册", "评分A", "评分B"].map((s) => sheetPart(parts, s));
    const bomb = forgeZip(entriesOf(parts, (e) => (sheets.includes(e.name) ? { ...e, size: big, compressed: bytes("not deflate") } : e)));
    await expectRefused(bomb, new RegExp(`共有 \\d+ MB，超过了 ${LIMITS.packageBytes / 2 ** 20} MB 的上限`));
  });

  it("a sheet that declares a small size but inflates to a gibibyte is stopped at once", async () => {
    const data = deflatedZeros(GIB);
    const bomb = forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, compressed: data, size: 5000 } : e)));
    await expectRefused(bomb, /比文件目录中声明的大/);
  });

  it("a sheet that honestly declares a gibibyte is refused by its declared size", async () => {
    const bomb = forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, compressed: deflatedZeros(GIB), size: GIB } : e)));
    await expectRefused(bomb, /解压后有 1024 MB/);
  });

  it("shared strings are capped like any part", async () => {
    // one cell of 评分A refers to the shared strings, so that they are read
    const withSst = withSharedStringTable(parts, gridA, true, { name: "xl/sharedStrings.xml", compressed: deflatedZeros(GIB), size: 3000 });
    await expectRefused(forgeZip(withSst), /超过|声明/);
  });
});

describe("zip bombs in parts that are not read", () => {
  it("are never inflated: scoring works, and the output holds the part's compressed bytes as they were", async () => {
    const payload = deflatedZeros(4 * GIB - 1);
    const entries: ForgedEntry[] = entriesOf(parts, (e) =>
      e.name === "[Content_Types].xml"
        ? {
            ...e,
            data: bytes(text(e.data!).replace("<Default ", '<Default Extension="bin" ContentType="application/octet-stream"/><Default ')),
          }
        : e,
    );
    // The CRC is of nothing in particular: it is never checked, as the part is never read.
    entries.push({ name: "xl/media/bomb.bin", compressed: payload, size: 4 * GIB - 1, crc: 0x1234 });
    const input = forgeZip(entries);
    const { value: run, ms, heapMiB } = await measured(() => runOn(input));
    expect(run.code).toBe(0);
    expect(run.json?.status).not.toBe("fatal");
    expect(ms).toBeLessThan(5000);
    expect(heapMiB).toBeLessThan(300);
    const copied = rawEntries(run.output!).find((e) => e.name === "xl/media/bomb.bin")!;
    expect(copied.size).toBe(4 * GIB - 1);
    expect(copied.crc).toBe(0x1234);
    expect(copied.compressed.length).toBe(payload.length);
    expect(Buffer.compare(copied.compressed, payload)).toBe(0);
  });
});

describe("the command line on zip bombs (child process, heap capped at 1 GiB)", () => {
  it("refuses a lying 1 GiB bomb in a sheet, and scores around a 4 GiB one in an unread part, each within issue 7's 10 s and 1 GiB", async () => {
    // The densest gibibyte is under 1 MiB compressed, so it is inflated in one call: the worst case there.
    const densest = densestZeros(GIB);
    expect(densest.length).toBeLessThan(2 ** 20);
    const lying = forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, compressed: densest, size: 5000 } : e)));
    const refused = await measureAgainstBudget(lying);
    expect(refused.code, describeRun(refused)).toBe(2);
    expect(refused.stdout).toContain("WORKBOOK_UNREADABLE");
    expect(refused.output).toBeUndefined();

    const unread = forgeZip([
      ...entriesOf(parts),
      { name: "xl/media/bomb.bin", compressed: deflatedZeros(4 * GIB - 1), size: 4 * GIB - 1 },
    ]);
    const scored = await measureAgainstBudget(unread);
    expect(scored.code, describeRun(scored)).toBe(0);
    for (const run of [refused, scored]) {
      expectWithinBudget(run);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    }
  }, 180_000);
});
