import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { streamCompression } from "../../../addin/file-mode/stream-compression.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { writeOutputSheets } from "../../../src/io/xlsx/writer.js";
import { runAssessment } from "../../../src/pipeline.js";
import { bytes, entriesOf, forgeZip, rawEntries, runOn, sampleParts, sheetPart, STACK_TRACE, text, type ForgedEntry } from "./forge.js";

/*
 * Damaged archives: cut short, altered, inconsistent. Each is WORKBOOK_UNREADABLE with a
 * "文件已损坏" message that says what to do, exit 2 from the CLI, no stack trace, nothing
 * written and the input untouched. Archives a sound producer may write (data descriptors,
 * ZIP64 records, stored parts) read exactly like the plain ones. Each is read through fflate,
 * through the file mode's DecompressionStream (inflating ahead, asynchronously) and by the CLI
 * (zlib), with the same outcome.
 */

/** The reader as the browser's file mode makes it: parts inflated by DecompressionStream. */
const streamed = (input: Uint8Array) => new XlsxReader(input, { nativeInflate: streamCompression });

const NOW = { now: new Date("2026-10-08T09:30:00") };
let parts: Map<string, Uint8Array>;
let plain: Uint8Array;
let plainJson: string;
let gridA: string;

beforeAll(async () => {
  parts = sampleParts();
  gridA = sheetPart(parts, "评分A");
  plain = forgeZip(entriesOf(parts));
  plainJson = JSON.stringify((await runAssessment(new XlsxReader(plain), null, NOW)).result);
});

async function expectDamaged(input: Uint8Array, message: RegExp, damaged = /文件已损坏/): Promise<void> {
  const out = await runAssessment(new XlsxReader(input), null, NOW);
  expect(out.result.status).toBe("fatal");
  expect(out.sheets).toEqual([]);
  expect(out.result.issues).toHaveLength(1);
  const issue = out.result.issues[0]!;
  expect(issue).toMatchObject({ severity: "fatal", code: "WORKBOOK_UNREADABLE" });
  expect(issue.message).toMatch(damaged);
  expect(issue.message).toMatch(message);
  expect(issue.message).toMatch(/请.*(再试|重试)。$/);
  const throughStream = await runAssessment(streamed(input), null, NOW);
  expect(throughStream.result.issues).toEqual(out.result.issues);

  const cli = await runOn(input);
  expect(cli.code).toBe(2);
  expect(cli.json?.issues[0]?.code).toBe("WORKBOOK_UNREADABLE");
  expect(cli.stderr + cli.stdout).not.toMatch(STACK_TRACE);
  expect(cli.output).toBeUndefined();
  expect(cli.inputUnchanged).toBe(true);
}

describe("damaged archives are WORKBOOK_UNREADABLE (文件已损坏), never a crash", () => {
  it.each([0.3, 0.6, 0.95, 0.999])("a file cut short at %f of its length", async (share) => {
    await expectDamaged(plain.subarray(0, Math.floor(plain.length * share)), /不完整/);
  });

  it("a file missing only its last bytes (the end of the central directory)", async () => {
    await expectDamaged(plain.subarray(0, plain.length - 5), /不完整/);
  });

  it("a part whose content does not match its CRC", async () => {
    const forged = forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, crc: (e.crc ?? 0) ^ 0x5a5a } : e)));
    await expectDamaged(forged, /工作表“评分A”的内容已被改动或损坏（技术信息：xl\/worksheets\/sheet\d+\.xml，CRC 校验不符）/);
  });

  it("a part whose compressed bytes were altered", async () => {
    const forged = forgeZip(
      entriesOf(parts, (e) => {
        if (e.name !== gridA) return e;
        const good = rawEntries(forgeZip([e]))[0]!.compressed.slice();
        for (let i = 10; i < good.length; i += 97) good[i] = good[i]! ^ 0xff;
        return { ...e, compressed: good };
      }),
    );
    await expectDamaged(forged, /工作表“评分A”.*（技术信息：xl\/worksheets\/sheet\d+\.xml）/);
  });

  it("a part whose inflated size differs from the declared one", async () => {
    await expectDamaged(forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, size: e.data!.length + 10 } : e))), /大小/);
  });

  it("two entries of the same name, or of names differing only in case", async () => {
    const twice = entriesOf(parts, (e) =>
      e.name === gridA ? [e, { ...e, data: bytes(text(e.data!).replace("<row", '<row hidden="1"')) }] : e,
    );
    await expectDamaged(forgeZip(twice), /出现了两次/);
    const cased = entriesOf(parts, (e) => (e.name === gridA ? [e, { ...e, name: gridA.toUpperCase() }] : e));
    await expectDamaged(forgeZip(cased), /出现了两次/);
  });

  it("two entries sharing the same bytes (overlapping entries)", async () => {
    const overlapping: ForgedEntry[] = [...entriesOf(parts), { name: "xl/media/image1.png", sameDataAs: gridA, data: parts.get(gridA)! }];
    await expectDamaged(forgeZip(overlapping), /重叠/);
  });

  it("a part in a compression method nothing reads (not damage, but unreadable all the same)", async () => {
    const bzip2 = forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, method: 12, compressed: bytes("BZh91AY&SY") } : e)));
    await expectDamaged(bzip2, /不支持的压缩方式/, /另存为/);
  });

  it("names the sheet (the part only as technical information) and says to get the original file again", async () => {
    const out = await runAssessment(
      new XlsxReader(forgeZip(entriesOf(parts, (e) => (e.name === gridA ? { ...e, crc: 1 } : e)))),
      null,
      NOW,
    );
    expect(out.result.issues[0]!.message).toBe(
      `无法读取该文件：文件已损坏：工作表“评分A”的内容已被改动或损坏（技术信息：${gridA}，CRC 校验不符）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。`,
    );
  });
});

describe("archives as other producers write them read as the plain one", () => {
  it.each<[string, (e: ForgedEntry) => ForgedEntry, { zip64?: boolean }]>([
    ["data descriptors (streaming writers)", (e) => ({ ...e, dataDescriptor: true }), {}],
    ["ZIP64 records and extra fields", (e) => e, { zip64: true }],
    ["ZIP64 with data descriptors", (e) => ({ ...e, dataDescriptor: true }), { zip64: true }],
    ["stored (uncompressed) parts", (e) => ({ ...e, method: 0 }), {}],
    ["directory entries", (e) => e, {}],
  ])("%s", async (what, change, options) => {
    const entries = entriesOf(parts, change);
    if (what === "directory entries")
      entries.splice(1, 0, { name: "xl/", data: new Uint8Array() }, { name: "xl/worksheets/", data: new Uint8Array() });
    const input = forgeZip(entries, options);
    const out = await runAssessment(new XlsxReader(input), null, NOW);
    expect(JSON.stringify(out.result)).toBe(plainJson);
    expect(JSON.stringify((await runAssessment(streamed(input), null, NOW)).result)).toBe(plainJson);
    // and the results go into it: every part fflate reads back, the input's parts as they were
    const written = unzipSync(writeOutputSheets(input, out.sheets));
    expect(text(written[gridA]!)).toBe(text(parts.get(gridA)!));
    expect(Object.keys(written)).toContain("xl/worksheets/sheet9.xml");
  });
});

describe("bytes after the archive", () => {
  it("(padding, a signature some tools append) are ignored", async () => {
    const padded = new Uint8Array(plain.length + 100);
    padded.set(plain);
    padded.fill(0x20, plain.length);
    const out = await runAssessment(new XlsxReader(padded), null, NOW);
    expect(JSON.stringify(out.result)).toBe(plainJson);
  });
});

describe("what is never read is never checked, and is copied as it is", () => {
  it("a damaged part nothing reads (here docProps/app.xml) does not stop scoring; its bytes are kept", async () => {
    const input = forgeZip(entriesOf(parts, (e) => (e.name === "docProps/app.xml" ? { ...e, crc: 7 } : e)));
    const run = await runOn(input);
    expect(run.code).toBe(0);
    const kept = rawEntries(run.output!).find((e) => e.name === "docProps/app.xml")!;
    const original = rawEntries(input).find((e) => e.name === "docProps/app.xml")!;
    expect(kept.crc).toBe(7);
    expect(kept.compressed).toEqual(original.compressed);
  });
});
