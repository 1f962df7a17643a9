import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/failure.js";
import { patchCells } from "../../../src/io/xlsx/patch.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { writeOutputSheets } from "../../../src/io/xlsx/writer.js";
import { runAssessment } from "../../../src/pipeline.js";
import { runCli } from "../../helpers/cli.js";
import { bytes, entriesOf, forgeZip, runOn, sampleParts, sheetPart, STACK_TRACE, text } from "./forge.js";

/*
 * Strict Open XML (Excel's "Strict Open XML Spreadsheet" save option): the same parts under
 * other namespaces. They are read and scored like any workbook; the results are not written
 * into them (a faithful conversion of every part is out of reach, and a half-converted file is
 * a damaged one), with a message that says to save as a normal .xlsx.
 */

const TO_STRICT: readonly (readonly [string, string])[] = [
  ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
  [
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
  ],
  ["http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"],
  ["http://schemas.openxmlformats.org/drawingml/2006/chart", "http://purl.oclc.org/ooxml/drawingml/chart"],
  ["http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing"],
];

/** A workbook as Excel saves it in Strict Open XML: namespaces and relationship types of ISO/IEC 29500 Strict. */
function toStrict(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return forgeZip(
    entriesOf(parts, (e) => {
      if (!/\.(xml|rels)$/.test(e.name)) return e;
      let xml = text(e.data!);
      for (const [from, to] of TO_STRICT) xml = xml.split(from).join(to);
      if (e.name === "xl/workbook.xml") xml = xml.replace("<workbook ", '<workbook conformance="strict" ');
      return { ...e, data: bytes(xml) };
    }),
  );
}

const NOW = { now: new Date("2026-10-08T09:30:00") };
let parts: Map<string, Uint8Array>;
let transitional: Uint8Array;
let strict: Uint8Array;

beforeAll(() => {
  parts = sampleParts();
  transitional = forgeZip(entriesOf(parts));
  strict = toStrict(parts);
});

describe("a Strict Open XML workbook", () => {
  it("is read and scored exactly as the same workbook saved normally", async () => {
    expect(text(unzipSync(strict)["xl/workbook.xml"]!)).toContain(
      'conformance="strict" xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"',
    );
    const a = await runAssessment(new XlsxReader(transitional), null, NOW);
    const b = await runAssessment(new XlsxReader(strict), null, NOW);
    expect(b.result.branches.length).toBeGreaterThan(0);
    expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
  });

  it("validates with the same exit code and JSON", async () => {
    const a = await runOn(transitional, "validate");
    const b = await runOn(strict, "validate");
    expect(b.code).toBe(a.code);
    expect(b.stdout).toBe(a.stdout);
  });

  it("gets no results written into it: exit 2, and how to save as a normal .xlsx", async () => {
    const run = await runOn(strict);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("工作簿是“Strict Open XML 电子表格”格式：本程序能读取这种格式，但不能把结果写入这种格式的文件");
    expect(run.stderr).toContain("保存类型选“Excel 工作簿 (*.xlsx)”");
    expect(run.stderr + run.stdout).not.toMatch(STACK_TRACE);
    expect(run.output).toBeUndefined();
    expect(run.inputUnchanged).toBe(true);
    expect(() => writeOutputSheets(strict, [{ name: "考核结果", rows: [["x"]] }])).toThrow(UserError);
  });

  it("is not patched either (a rater merge into it): exit 2, nothing written", async () => {
    expect(() => patchCells(strict, "评分A", [{ cell: "C4", value: 1 }])).toThrow(UserError);
    const dir = mkdtempSync(join(tmpdir(), "scorecard-strict-"));
    // The target lacks one score of 评分A that the rater's file (saved normally) has.
    const gridA = sheetPart(parts, "评分A");
    const target = toStrict(
      new Map([...parts].map(([n, d]) => [n, n === gridA ? bytes(text(d).replace(/(<c r="D4"[^>]*>)<v>[^<]*<\/v>/, "$1")) : d])),
    );
    writeFileSync(join(dir, "target.xlsx"), target);
    writeFileSync(join(dir, "rater.xlsx"), transitional);
    const r = await runCli(["merge", join(dir, "target.xlsx"), join(dir, "rater.xlsx"), "--as", "评分A", "-o", join(dir, "out.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Strict Open XML");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
    expect(Buffer.compare(readFileSync(join(dir, "target.xlsx")), target)).toBe(0);
  });
});
