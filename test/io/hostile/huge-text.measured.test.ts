import { describe, expect, it } from "vitest";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { runAssessment } from "../../../src/pipeline.js";
import { describeRun, expectWithinBudget, measureAgainstBudget } from "./cli-measure.js";
import { bytes, cpuMs, entriesOf, forgeZip, rawEntries, sampleParts, sheetPart, text } from "./forge.js";

/*
 * One shared string of 50 MB (Excel stops at 32,767 characters a cell; a hostile file need
 * not). Everything that touches it is linear: the scanner, entity and _xHHHH_ decoding,
 * trimming (a regular expression like /\s+$/ is quadratic on a long run of spaces), the
 * blank-row test. The string sits where it is read but not written out: the 说明 column of
 * 考核设置, the 佐证材料 column of 扣分说明, and a cell of 评分A beyond the items.
 */

const MIB = 2 ** 20;

/** XML text of about `mib` MiB (UTF-8): CJK, entities, _xHHHH_ escapes, and long runs of spaces inside. */
function hugeText(mib: number): string {
  const unit = "评分说明 &amp; 佐证 _x0041_ ";
  const spaces = " ".repeat(MIB);
  let s = " 首";
  while (s.length * 2 < mib * MIB) s += unit.repeat(20_000) + spaces + "中";
  return `${s} 尾 `;
}

function withHugeString(mib: number): Uint8Array {
  const parts = sampleParts();
  const shared = `<si><t xml:space="preserve">${hugeText(mib)}</t></si>`;
  const cellsAt: Record<string, string> = { 考核设置: "C2", 扣分说明: "E2", 评分A: "AZ4" };
  const change = new Map(Object.entries(cellsAt).map(([sheet, cell]) => [sheetPart(parts, sheet), cell]));
  return forgeZip(
    entriesOf(parts, (e) => {
      const cell = change.get(e.name);
      let xml = e.data === undefined ? "" : text(e.data);
      if (cell !== undefined) {
        const row = cell.replace(/^[A-Z]+/, "");
        const existing = new RegExp(`<c r="${cell}"[^>]*>.*?</c>`);
        const big = `<c r="${cell}" t="s"><v>0</v></c>`;
        xml = existing.test(xml)
          ? xml.replace(existing, big)
          : xml.replace(new RegExp(`(<row r="${row}"[^>]*>.*?)</row>`), `$1${big}</row>`);
        return { ...e, data: bytes(xml) };
      }
      if (e.name === "xl/_rels/workbook.xml.rels") {
        xml = xml.replace(
          "</Relationships>",
          `<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        );
        return { ...e, data: bytes(xml) };
      }
      if (e.name === "[Content_Types].xml") {
        xml = xml.replace(
          "</Types>",
          `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
        );
        return { ...e, data: bytes(xml) };
      }
      return e;
    }).concat([
      {
        name: "xl/sharedStrings.xml",
        data: bytes(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${shared}</sst>`),
      },
    ]),
  );
}

describe("a 50 MB shared string", () => {
  it("is read in linear time: ten times the text takes well under twenty times as long", async () => {
    const small = withHugeString(5);
    const big = withHugeString(50);
    const now = { now: new Date("2026-10-08T09:30:00") };
    const score = async (input: Uint8Array) => {
      const out = await runAssessment(new XlsxReader(input), null, now);
      expect(out.result.status).not.toBe("fatal");
    };
    const times = { small: Infinity, big: Infinity };
    for (let i = 0; i < 2; i++) {
      times.small = Math.min(times.small, await cpuMs(() => score(small)));
      times.big = Math.min(times.big, await cpuMs(() => score(big)));
    }
    // Linear: about 10× the text-dependent part; quadratic trimming alone took minutes.
    expect(times.big, `5 MB: ${times.small.toFixed(0)} ms, 50 MB: ${times.big.toFixed(0)} ms of CPU`).toBeLessThan(20 * times.small);
    expect(times.big).toBeLessThan(10_000);
  }, 180_000);

  it("the command line scores the workbook within issue 7's 10 s and 1 GiB, and copies the string's part without inflating it", async () => {
    const input = withHugeString(50);
    const run = await measureAgainstBudget(input);
    expect(run.code, describeRun(run)).toBe(0);
    expectWithinBudget(run);
    const copied = rawEntries(run.output!).find((e) => e.name === "xl/sharedStrings.xml")!;
    expect(Buffer.compare(copied.compressed, rawEntries(input).find((e) => e.name === "xl/sharedStrings.xml")!.compressed)).toBe(0);
  }, 180_000);
});
