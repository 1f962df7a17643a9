import { readFileSync } from "node:fs";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { beforeAll, describe, expect, it } from "vitest";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { patchCells } from "../../src/io/xlsx/patch.js";
import { writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { runAssessment } from "../../src/pipeline.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { excelLikeWorkbook } from "../helpers/excel-like-workbook.js";
import { fidelityProblems, sheetsOf, unzipParts, zipEntryNames } from "../helpers/package-fidelity.js";
import { zipRaw } from "../helpers/xlsx-fixture.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

/** Workbooks from different producers, each holding things the writer must keep. */
const FIXTURES: Record<string, Uint8Array> = {
  "excel-like.xlsx (hand-built as Excel saves)": fixture("excel-like.xlsx"),
  "libreoffice-roundtrip.xlsx (excel-like.xlsx saved by LibreOffice)": fixture("libreoffice-roundtrip.xlsx"),
  "saved-by-libreoffice.xlsx (an assessment saved by LibreOffice)": fixture("saved-by-libreoffice.xlsx"),
  "openpyxl-disputes.xlsx (an assessment written by openpyxl)": fixture("openpyxl-disputes.xlsx"),
};

// These fixtures have no 所属单位, so no 单位汇总.
const OUTPUT: readonly string[] = Object.values(OUTPUT_SHEETS).filter((s) => s !== OUTPUT_SHEETS.units);
const LOG = "运行记录";

/** The output sheets of a real run (disputes, issues with links, charts), at a given time. */
async function outputSheets(hour: number): Promise<readonly SheetSpec[]> {
  const { sheets } = await runAssessment(new XlsxReader(fixture("openpyxl-disputes.xlsx")), null, {
    now: new Date(2026, 10, 21, hour, 0, 0),
  });
  expect(sheets.map((s) => s.name)).toEqual(OUTPUT);
  return sheets;
}

const text = (parts: Map<string, Uint8Array>, name: string) => new TextDecoder().decode(parts.get(name));
const partOf = (bytes: Uint8Array, sheet: string) => sheetsOf(unzipParts(bytes)).find((s) => s.name === sheet)?.part;

async function logRows(bytes: Uint8Array): Promise<number> {
  const grid = (await new XlsxReader(bytes).read([LOG])).sheets.get(LOG);
  return grid === undefined ? 0 : grid.rows.filter((r) => r.some((c) => c !== null)).length - 1;
}

let first: readonly SheetSpec[];
let second: readonly SheetSpec[];
beforeAll(async () => {
  first = await outputSheets(10);
  second = await outputSheets(11);
});

describe.each(Object.entries(FIXTURES))("writing the output sheets into %s", (_, input) => {
  let once: Uint8Array;
  let twice: Uint8Array;
  beforeAll(() => {
    once = writeOutputSheets(input, first);
    twice = writeOutputSheets(once, second);
  });

  it("keeps every part that is not an output sheet's, and edits the shared parts only by adding", () => {
    expect(fidelityProblems(input, once, OUTPUT)).toEqual([]);
  });

  it("run again on its own output: the same again, output sheets replaced, nothing accumulated", () => {
    expect(fidelityProblems(once, twice, OUTPUT)).toEqual([]);
    expect(zipEntryNames(twice)).toEqual(zipEntryNames(once));
    const a = unzipParts(once);
    const b = unzipParts(twice);
    const logPart = partOf(twice, LOG)!;
    const changed = [...a].filter(([name, bytes]) => !Buffer.from(bytes).equals(Buffer.from(b.get(name) ?? [])));
    expect(changed.map(([name]) => name)).toEqual([logPart]);
  });

  it("appends one 运行记录 row per run and never rewrites the earlier ones", async () => {
    const before = await logRows(input);
    expect(await logRows(once)).toBe(before + 1);
    expect(await logRows(twice)).toBe(before + 2);
    const part = partOf(twice, LOG)!;
    const dimensionless = (xml: string) => xml.replace(/<dimension ref="[^"]*"\/>/, "");
    const previous = dimensionless(text(unzipParts(once), part));
    const now = dimensionless(text(unzipParts(twice), part));
    const lastRow = /<row r="\d+">(?:(?!<row ).)*<\/row>(?=<\/sheetData>)/.exec(now)![0];
    expect(now.replace(lastRow, "")).toBe(previous);
    const grid = (await new XlsxReader(twice).read([LOG])).sheets.get(LOG)!;
    expect(grid.rows.at(-1)![0]).toEqual({ kind: "text", value: "2026-11-21 11:00:00" });
    expect(grid.rows.at(-2)![0]).toEqual({ kind: "text", value: "2026-11-21 10:00:00" });
  });

  it("leaves the values of every other sheet as they were", async () => {
    const others = sheetsOf(unzipParts(input))
      .map((s) => s.name)
      .filter((n) => !OUTPUT.includes(n));
    const was = await new XlsxReader(input).read(others);
    const now = await new XlsxReader(twice).read(others);
    for (const name of others) expect(now.sheets.get(name), name).toEqual(was.sheets.get(name));
  });

  it("gives 统计图表 one drawing with a chart part per chart", () => {
    const parts = unzipParts(twice);
    const sheet = partOf(twice, "统计图表")!;
    const sheetRels = text(parts, sheet.replace(/([^/]*)$/, "_rels/$1.rels"));
    const drawing = /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(sheetRels)![1]!;
    const drawingRels = text(parts, `xl/drawings/_rels/${drawing}.rels`);
    const charts = [...drawingRels.matchAll(/Target="\.\.\/charts\/(chart\d+\.xml)"/g)].map((m) => m[1]);
    expect(charts).toHaveLength(second.find((s) => s.name === "统计图表")!.charts!.length);
    for (const chart of charts) expect(text(parts, `xl/charts/${chart}`)).toContain("<c:chartSpace");
    expect(text(parts, sheet)).toMatch(/<drawing r:id="rId\d+"\/><\/worksheet>$/);
  });
});

describe("the Excel-like fixture in detail", () => {
  const input = fixture("excel-like.xlsx");
  let output: Uint8Array;
  beforeAll(() => {
    output = writeOutputSheets(input, first);
  });

  it("is the workbook the helper builds (regenerate with npx tsx test/fixtures/make-fixtures.ts)", () => {
    expect(unzipParts(input)).toEqual(unzipParts(excelLikeWorkbook()));
  });

  it("replaces the old 考核结果 in place, dropping its drawing, chart, comments and calcChain", () => {
    const parts = unzipParts(output);
    const old = unzipParts(input);
    expect(partOf(output, "考核结果")).toBe("xl/worksheets/sheet4.xml");
    expect(parts.has("xl/worksheets/_rels/sheet4.xml.rels")).toBe(false);
    for (const gone of ["xl/comments2.xml", "xl/drawings/vmlDrawing2.vml", "xl/calcChain.xml"]) expect(parts.has(gone), gone).toBe(false);
    // The freed names drawing2/chart2 now hold 统计图表's charts.
    for (const reused of ["xl/drawings/drawing2.xml", "xl/charts/chart2.xml"])
      expect(parts.get(reused), reused).not.toEqual(old.get(reused));
    expect([...parts.values()].some((bytes) => new TextDecoder().decode(bytes).includes("旧图表"))).toBe(false);
    const kept = [
      "xl/drawings/drawing1.xml",
      "xl/charts/chart1.xml",
      "xl/charts/style1.xml",
      "xl/media/image1.png",
      "xl/comments1.xml",
      "xl/threadedComments/threadedComment1.xml",
    ];
    kept.push(
      "xl/pivotTables/pivotTable1.xml",
      "xl/tables/table1.xml",
      "xl/printerSettings/printerSettings1.bin",
      "xl/worksheets/_rels/sheet1.xml.rels",
    );
    for (const name of kept) expect(parts.get(name), name).toEqual(old.get(name));
    expect(text(parts, "[Content_Types].xml")).not.toMatch(/comments2|vmlDrawing2|calcChain/);
  });

  it("sets print titles of output sheets only, the user's own kept", () => {
    const workbook = text(unzipParts(output), "xl/workbook.xml");
    // The input's sheets stay where they are and the new output sheets follow in OUTPUT_SHEETS order:
    // a defined name's localSheetId is that position.
    const existing = sheetsOf(unzipParts(input)).map((s) => s.name);
    const order = [...existing, ...OUTPUT.filter((name) => !existing.includes(name))];
    expect(sheetsOf(unzipParts(output)).map((s) => s.name)).toEqual(order);
    const at = (name: string) => String(order.indexOf(name));
    const titles = [...workbook.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)</g)].map((m) => [m[1], m[2]]);
    const print = (name: string) => first.find((s) => s.name === name)!.print!;
    const details = print("双评明细");
    expect(titles).toEqual([
      [at("数据"), "数据!$1:$1"],
      [at("考核结果"), `'考核结果'!$A:$C,'考核结果'!$1:$${print("考核结果").repeatRows}`],
      [at("考核结果（打印版）"), `'考核结果（打印版）'!$1:$${print("考核结果（打印版）").repeatRows}`],
      [at("双评明细"), `'双评明细'!$${details.repeatFrom! + 1}:$${details.repeatFrom! + 1}`],
      [at("校验报告"), `'校验报告'!$1:$3`],
      [at("整改台账"), `'整改台账'!$${print("整改台账").repeatFrom! + 1}:$${print("整改台账").repeatFrom! + 1}`],
    ]);
    // 统计图表 prints its charts and small tables, not the A-versus-B data beside them.
    expect(workbook).toMatch(
      new RegExp(`<definedName name="_xlnm.Print_Area" localSheetId="${at("统计图表")}">'统计图表'!\\$A\\$1:\\$H\\$\\d+</definedName>`),
    );
    expect(workbook).toContain(`<definedName name="单价">数据!$C$2:$C$6</definedName>`);
  });
});

describe("the fidelity check itself", () => {
  const input = fixture("excel-like.xlsx");
  const output = () => unzipParts(writeOutputSheets(input, first));
  const rezip = (parts: Map<string, Uint8Array>) => zipRaw(Object.fromEntries(parts));
  const enc = (s: string) => new TextEncoder().encode(s);

  it.each([
    [
      "a user part changed",
      (p: Map<string, Uint8Array>) => p.set("xl/charts/chart1.xml", enc(text(p, "xl/charts/chart1.xml").replace("各支部得分", "x"))),
    ],
    ["a user part lost", (p: Map<string, Uint8Array>) => p.delete("xl/media/image1.png")],
    [
      "an existing sheet entry changed",
      (p: Map<string, Uint8Array>) => p.set("xl/workbook.xml", enc(text(p, "xl/workbook.xml").replace('state="hidden" ', ""))),
    ],
    [
      "a user defined name changed",
      (p: Map<string, Uint8Array>) => p.set("xl/workbook.xml", enc(text(p, "xl/workbook.xml").replace("数据!$1:$1", "数据!$1:$2"))),
    ],
    [
      "an existing style changed",
      (p: Map<string, Uint8Array>) =>
        p.set("xl/styles.xml", enc(text(p, "xl/styles.xml").replace('formatCode="0.0_ "', 'formatCode="0.0"'))),
    ],
    [
      "a relationship removed",
      (p: Map<string, Uint8Array>) =>
        p.set("xl/_rels/workbook.xml.rels", enc(text(p, "xl/_rels/workbook.xml.rels").replace(/<Relationship Id="rId10"[^>]*\/>/, ""))),
    ],
    ["an orphan left behind", (p: Map<string, Uint8Array>) => p.set("xl/charts/chart99.xml", enc("<c:chartSpace/>"))],
  ])("notices %s", (_, spoil) => {
    const parts = output();
    spoil(parts);
    expect(fidelityProblems(input, rezip(parts), OUTPUT)).not.toEqual([]);
  });
});

describe("patchCells fidelity", () => {
  const input = fixture("excel-like.xlsx");

  it("changes only the edited cells of the one sheet part", () => {
    const output = patchCells(input, "数据", [
      { cell: "C3", value: 61 },
      { cell: "F4", value: "新备注" },
      { cell: "B9", value: true },
    ]);
    const before = unzipParts(input);
    const after = unzipParts(output);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) if (name !== "xl/worksheets/sheet1.xml") expect(after.get(name), name).toEqual(bytes);
    const was = text(before, "xl/worksheets/sheet1.xml");
    const now = text(after, "xl/worksheets/sheet1.xml");
    expect(now).toContain('<c r="C3" s="2"><v>61</v></c>');
    expect(now).toContain('<c r="F4" s="3" t="inlineStr"><is><t>新备注</t></is></c>'); // column F's format
    expect(now).toContain('<row r="9"><c r="B9" t="b"><v>1</v></c></row></sheetData>');
    const undo = now
      .replace('<c r="C3" s="2"><v>61</v></c>', '<c r="C3" s="2"><v>58</v></c>')
      .replace(/<c r="F4"[^>]*>.*?<\/c>/, "")
      .replace('<row r="9"><c r="B9" t="b"><v>1</v></c></row>', "")
      .replace('<dimension ref="A1:F9"/>', '<dimension ref="A1:F8"/>');
    expect(undo).toBe(was);
  });

  it("drops calcChain when an edited cell held a formula, keeping the group's other formulas", async () => {
    const output = patchCells(input, "数据", [{ cell: "D2", value: 1 }]);
    const after = unzipParts(output);
    expect(after.has("xl/calcChain.xml")).toBe(false);
    expect(text(after, "[Content_Types].xml")).not.toContain("calcChain");
    expect(text(after, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    const sheet = text(after, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain('<c r="D2" s="2"><v>1</v></c>');
    expect(sheet).toContain('<c r="D3" s="2"><f>B3*C3/100</f>');
    expect(sheet).toContain('<c r="D6" s="2"><f>B6*C6/100</f>');
    const values = (await new XlsxReader(output).read(["数据"])).sheets.get("数据")!;
    expect(values.rows[2]![3]).toEqual({ kind: "number", value: 6.96, isDate: false });
  });
});
