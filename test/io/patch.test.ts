import { describe, expect, it } from "vitest";
import { bool, num, text } from "../../src/model/cell.js";
import type { CellEdit } from "../../src/model/workbook.js";
import { shiftFormula } from "../../src/io/xlsx/formula-shift.js";
import { patchCells, patchSheetXml } from "../../src/io/xlsx/patch.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { unzipParts } from "../helpers/package-fidelity.js";
import { buildXlsx, partText, stylesWithFormats, withCalcChain } from "../helpers/xlsx-fixture.js";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const sheet = (data: string, before = "", after = "") =>
  `<worksheet xmlns="${NS}">${before}<sheetData>${data}</sheetData>${after}</worksheet>`;
const patch = (xml: string, edits: CellEdit[]) => patchSheetXml(xml, "sheet1.xml", "评分A", edits);

describe("patchSheetXml: text-level cell edits", () => {
  it("replaces a value keeping the cell's format, and drops a formula", () => {
    const xml = sheet(
      `<row r="2" spans="1:3"><c r="A2" s="4" t="s"><v>0</v></c><c r="B2" s="7"><f>1+1</f><v>2</v></c><c r="C2"><v>3</v></c></row>`,
    );
    const out = patch(xml, [
      { cell: "A2", value: "=SUM(1) 不是公式" },
      { cell: "B2", value: 9.5 },
      { cell: "C2", value: false },
    ]);
    expect(out).toEqual({
      xml: sheet(
        `<row r="2" spans="1:3"><c r="A2" s="4" t="inlineStr"><is><t>=SUM(1) 不是公式</t></is></c><c r="B2" s="7"><v>9.5</v></c><c r="C2" t="b"><v>0</v></c></row>`,
      ),
      removedFormula: true,
    });
  });

  it("clears a value with null, keeping the format; a missing cell stays missing", () => {
    const xml = sheet(`<row r="1"><c r="A1" s="3"><v>1</v></c><c r="B1"><v>2</v></c></row>`);
    expect(
      patch(xml, [
        { cell: "A1", value: null },
        { cell: "B1", value: null },
        { cell: "C1", value: null },
        { cell: "Z9", value: null },
      ]).xml,
    ).toBe(sheet(`<row r="1"><c r="A1" s="3"/><c r="B1"/></row>`));
  });

  it("inserts cells in column order and rows in row order, widening spans and the dimension", () => {
    const xml = sheet(
      `<row r="2" spans="2:3"><c r="B2"><v>1</v></c><c r="D2"><v>2</v></c></row>\n<row r="5"><c r="A5"><v>5</v></c></row>`,
      `<dimension ref="A2:D5"/>`,
    );
    const out = patch(xml, [
      { cell: "E2", value: 4 },
      { cell: "C2", value: 3 },
      { cell: "A2", value: 0 },
      { cell: "A3", value: "三" },
      { cell: "F7", value: true },
      { cell: "A1", value: 1 },
    ]);
    expect(out.xml).toBe(
      sheet(
        `<row r="1"><c r="A1"><v>1</v></c></row>` +
          `<row r="2" spans="1:5"><c r="A2"><v>0</v></c><c r="B2"><v>1</v></c><c r="C2"><v>3</v></c><c r="D2"><v>2</v></c><c r="E2"><v>4</v></c></row>` +
          `\n<row r="3"><c r="A3" t="inlineStr"><is><t>三</t></is></c></row>` +
          `<row r="5"><c r="A5"><v>5</v></c></row><row r="7"><c r="F7" t="b"><v>1</v></c></row>`,
        `<dimension ref="A1:F7"/>`,
      ),
    );
    expect(out.removedFormula).toBe(false);
  });

  it("fills empty rows and an empty sheetData", () => {
    expect(patch(sheet(`<row r="3" ht="20" customHeight="1"/>`), [{ cell: "B3", value: 1 }]).xml).toBe(
      sheet(`<row r="3" ht="20" customHeight="1"><c r="B3"><v>1</v></c></row>`),
    );
    const empty = `<worksheet xmlns="${NS}"><dimension ref="A1"/><sheetData/><pageMargins/></worksheet>`;
    expect(
      patch(empty, [
        { cell: "B2", value: 1 },
        { cell: "A1", value: "x" },
      ]).xml,
    ).toBe(
      `<worksheet xmlns="${NS}"><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c r="B2"><v>1</v></c></row></sheetData><pageMargins/></worksheet>`,
    );
  });

  it("gives a new cell its row's format, or else its column's, as Excel does", () => {
    const xml = sheet(
      `<row r="1" s="5" customFormat="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`,
      `<cols><col min="2" max="4" width="9" style="8" customWidth="1"/></cols>`,
    );
    const out = patch(xml, [
      { cell: "B1", value: 1 },
      { cell: "C2", value: 2 },
      { cell: "F2", value: 3 },
    ]).xml;
    expect(out).toContain(`<c r="B1" s="5"><v>1</v></c>`);
    expect(out).toContain(`<c r="C2" s="8"><v>2</v></c><c r="F2"><v>3</v></c>`);
  });

  it("follows cells and rows without an r attribute, and the part's own prefix", () => {
    const xml = `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c s="2"><x:v>2</x:v></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(
      patch(xml, [
        { cell: "B1", value: "二" },
        { cell: "C2", value: 4 },
      ]).xml,
    ).toBe(
      `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row><x:c><x:v>1</x:v></x:c><x:c r="B1" s="2" t="inlineStr"><x:is><x:t>二</x:t></x:is></x:c></x:row>` +
        `<x:row><x:c><x:v>3</x:v></x:c><x:c r="C2"><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
  });

  it("writes out a shared formula for the group's other cells when its first cell is overwritten", () => {
    const xml = sheet(
      `<row r="2"><c r="D2"><f t="shared" ref="D2:E4" si="3">B2*$C$1+SUM(A:A)&amp;"B2"</f><v>1</v></c><c r="E2"><f t="shared" si="3"/><v>2</v></c></row>` +
        `<row r="3"><c r="D3"><f t="shared" si="3"/><v>3</v></c><c r="E3"><f t="shared" si="0"/><v>0</v></c></row>` +
        `<row r="4"><c r="E4"><f t="shared" si="3"/><v>4</v></c></row>`,
    );
    const out = patch(xml, [
      { cell: "D2", value: 0 },
      { cell: "D3", value: 7 },
      { cell: "D4", value: 5 },
    ]);
    expect(out.xml).toBe(
      sheet(
        `<row r="2"><c r="D2"><v>0</v></c><c r="E2"><f>C2*$C$1+SUM(B:B)&amp;"B2"</f><v>2</v></c></row>` +
          `<row r="3"><c r="D3"><v>7</v></c><c r="E3"><f t="shared" si="0"/><v>0</v></c></row>` +
          `<row r="4"><c r="D4"><v>5</v></c><c r="E4"><f>C4*$C$1+SUM(B:B)&amp;"B2"</f><v>4</v></c></row>`,
      ),
    );
    expect(out.removedFormula).toBe(true);
  });

  it("lets the last edit of a cell win, and refuses bad addresses and numbers", () => {
    const xml = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`);
    expect(
      patch(xml, [
        { cell: "A1", value: 2 },
        { cell: "a1", value: 3 },
      ]).xml,
    ).toBe(sheet(`<row r="1"><c r="A1"><v>3</v></c></row>`));
    expect(() => patch(xml, [{ cell: "1A", value: 1 }])).toThrow(/A1 address/);
    expect(() => patch(xml, [{ cell: "A1", value: Infinity }])).toThrow(RangeError);
  });
});

describe("shiftFormula", () => {
  it.each([
    ["B2*C2/100", 1, 0, "B3*C3/100"],
    ["$B$2+B$2+$B2", 2, 3, "$B$2+E$2+$B4"],
    ["SUM(A1:B2)+LOG10(A1)", 1, 1, "SUM(B2:C3)+LOG10(B2)"],
    ["SUM(A:B)+SUM(1:2)+SUM($A:A)", 1, 1, "SUM(B:C)+SUM(2:3)+SUM($A:B)"],
    [`"A1"&'Sheet 1'!A1&Sheet2!B2`, 1, 0, `"A1"&'Sheet 1'!A2&Sheet2!B3`],
    ["Table1[[#This Row],[A1]]+A1", 1, 0, "Table1[[#This Row],[A1]]+A2"],
    ["A1-1", -1, 0, "#REF!-1"],
    ["1E5+A1.5", 1, 0, "1E5+A1.5"],
  ])("%s moved by (%i, %i) is %s", (formula, rows, cols, expected) => {
    expect(shiftFormula(formula, rows, cols)).toBe(expected);
  });
});

describe("patchCells on a package", () => {
  const workbook = () =>
    withCalcChain(
      buildXlsx({
        sheets: [
          { name: "评分A", rows: `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><v>5</v></c></row>` },
          { name: "图", kind: "chartsheet" },
        ],
        styles: stylesWithFormats([0]),
      }),
    );

  it("keeps calcChain unless a formula cell was overwritten", () => {
    const input = workbook();
    const kept = unzipParts(
      patchCells(input, "评分A", [
        { cell: "B1", value: 6 },
        { cell: "C3", value: "新" },
      ]),
    );
    expect(kept.has("xl/calcChain.xml")).toBe(true);
    const dropped = patchCells(input, "评分A", [{ cell: "A1", value: 3 }]);
    expect(unzipParts(dropped).has("xl/calcChain.xml")).toBe(false);
    expect(partText(dropped, "[Content_Types].xml")).not.toContain("calcChain");
    expect(partText(dropped, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
  });

  it("finds the sheet as Excel does (ignoring case) and says in Chinese when it cannot", () => {
    const input = workbook();
    expect(partText(patchCells(input, "评分a", [{ cell: "B1", value: 1 }]), "xl/worksheets/sheet1.xml")).toContain(
      `<c r="B1"><v>1</v></c>`,
    );
    expect(() => patchCells(input, "评分B", [{ cell: "A1", value: 1 }])).toThrow(
      "工作簿中没有工作表“评分B”。请确认这张表没有被改名或删除，然后重试。",
    );
    expect(() => patchCells(input, "图", [{ cell: "A1", value: 1 }])).toThrow(
      "“图”不是普通工作表（例如图表工作表），无法写入单元格。请使用“新建考核模板”生成的工作簿，或把同名的图表工作表改名后重试。",
    );
    expect(patchCells(input, "评分A", [])).toBe(input);
  });
});

describe("XlsxWorkbook", () => {
  it("reads, writes output sheets, patches cells and hands back the bytes", async () => {
    const workbook = XlsxWorkbook.create([
      {
        name: "评分A",
        rows: [
          ["支部编码", "1.1"],
          ["D01", 5],
        ],
      },
    ]);
    await workbook.patchCells("评分A", [
      { cell: "B2", value: 8.5 },
      { cell: "C2", value: true },
    ]);
    await workbook.writeSheets([{ name: "考核结果", rows: [["ok"]] }]);
    const snapshot = await workbook.read(["评分A", "考核结果", "缺少"]);
    expect(snapshot.sheetNames).toEqual(["评分A", "考核结果"]);
    expect(snapshot.sheets.get("评分A")!.rows).toEqual([
      [text("支部编码"), text("1.1")],
      [text("D01"), num(8.5), bool(true)],
    ]);
    const again = await new XlsxReader(workbook.bytes()).read(["考核结果"]);
    expect(again.sheets.get("考核结果")!.rows).toEqual([[text("ok")]]);
  });
});
