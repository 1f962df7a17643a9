import { describe, expect, it } from "vitest";
import { addOutputStyles, BASE_STYLES } from "../../src/io/xlsx/output-styles.js";
import { setPrintTitles } from "../../src/io/xlsx/workbook-edits.js";
import { truncate } from "../../src/report/excel-limits.js";
import { sheetLooks, worksheetXml } from "../../src/io/xlsx/sheet-writer.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook, writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { parseXml } from "../../src/io/xlsx/xml.js";
import { TONE_FILLS, type CellTone, type SheetSpec } from "../../src/report/sheet-spec.js";
import { everyFeatureSheet } from "../helpers/every-feature-sheet.js";
import { unzipParts } from "../helpers/package-fidelity.js";
import { buildXlsx, partText, stylesWithFormats, zipRaw } from "../helpers/xlsx-fixture.js";

// CT_Worksheet's children in schema order.
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
];

function children(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  parseXml("sheet.xml", xml, {
    open: (name) => {
      if (depth++ === 1) names.push(name);
    },
    close: () => void depth--,
  });
  return names;
}

const SHEET = everyFeatureSheet();
const styles = addOutputStyles(BASE_STYLES, sheetLooks([SHEET]));
const XML = worksheetXml(SHEET, styles.ids, { drawingRelId: "rId7" });

/** The `<xf>` elements of cellXfs, by index. */
function cellXfs(stylesXml: string): string[] {
  return /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1]!.match(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
}
function fills(stylesXml: string): string[] {
  return /<fills[^>]*>([\s\S]*?)<\/fills>/.exec(stylesXml)![1]!.match(/<fill>[\s\S]*?<\/fill>/g)!;
}
const styleOf = (xml: string, ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1]);

describe("worksheetXml: every SheetSpec feature", () => {
  it("writes the worksheet's children in schema order", () => {
    const names = children(XML);
    expect(names).toEqual([
      "sheetPr",
      "dimension",
      "sheetViews",
      "cols",
      "sheetData",
      "sheetProtection",
      "mergeCells",
      "dataValidations",
      "hyperlinks",
      "pageMargins",
      "pageSetup",
      "drawing",
    ]);
    const positions = names.map((n) => WORKSHEET_ORDER.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("freezes rows and columns together, or either alone", () => {
    expect(XML).toContain(
      '<pane xSplit="1" ySplit="3" topLeftCell="B4" activePane="bottomRight" state="frozen"/>' +
        '<selection pane="topRight" activeCell="B1" sqref="B1"/><selection pane="bottomLeft" activeCell="A4" sqref="A4"/>' +
        '<selection pane="bottomRight" activeCell="B4" sqref="B4"/>',
    );
    const columnsOnly = worksheetXml({ name: "x", rows: [], freezeColumns: 2 }, styles.ids);
    expect(columnsOnly).toContain(
      '<pane xSplit="2" topLeftCell="C1" activePane="topRight" state="frozen"/><selection pane="topRight" activeCell="C1" sqref="C1"/>',
    );
  });

  it("merges ranges and refuses one that is not a range", () => {
    expect(XML).toContain('<mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="A2:F2"/></mergeCells>');
    expect(() => worksheetXml({ name: "x", rows: [], merges: ["A1:F1;"] }, styles.ids)).toThrow(/not a cell range/);
  });

  it("links to cells on other sheets, to A1 when no cell is given, quoting sheet names", () => {
    expect(XML).toContain(
      `<hyperlinks><hyperlink ref="F4" location="'评分A'!C4" display="看评分A"/><hyperlink ref="F5" location="'功能全集'!A1" display="回到顶部"/>` +
        `<hyperlink ref="F6" location="'O''Brien 表'!B2" display="O'Brien 表"/></hyperlinks>`,
    );
    const odd = worksheetXml(
      { name: "x", rows: [[{ v: 'a "b"', link: { sheet: `R&D "<1>"`, cell: "B2" } }]] },
      addOutputStyles(BASE_STYLES, [{ link: true }]).ids,
    );
    expect(odd).toContain(`<hyperlink ref="A1" location="'R&amp;D &quot;&lt;1&gt;&quot;'!B2" display="a &quot;b&quot;"/>`);
  });

  it("validates decimals between bounds and lists of values, over several areas, prompts cut to Excel's limits", () => {
    const validations = /<dataValidations count="2">([\s\S]*?)<\/dataValidations>/.exec(XML)![1]!;
    const [decimal, list] = validations.match(/<dataValidation [\s\S]*?<\/dataValidation>/g)!;
    expect(decimal).toMatch(
      /^<dataValidation type="decimal" operator="between" allowBlank="1" showInputMessage="1" promptTitle="[^"]*" prompt="[^"]*" showErrorMessage="1" error="请输入 0～100 之间的数。" sqref="B4:B8"><formula1>0<\/formula1><formula2>100<\/formula2><\/dataValidation>$/,
    );
    expect(list).toBe(
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" promptTitle="否决" prompt="填“是”或“否”" showErrorMessage="1" error="只能填“是”或“否”。" sqref="D4:D8 D10:D12"><formula1>"是,否"</formula1></dataValidation>`,
    );
    let title = "";
    let prompt = "";
    parseXml("v.xml", decimal, { open: (_, a) => void ((title = a["promptTitle"] ?? title), (prompt = a["prompt"] ?? prompt)) });
    expect(title).toHaveLength(32);
    expect(title.endsWith("…")).toBe(true);
    expect(prompt).toHaveLength(255);
    expect(prompt.startsWith("评分标准：评分标准：")).toBe(true);
  });

  it("refuses list values an inline list cannot hold", () => {
    const spec = (values: string[]): SheetSpec => ({ name: "x", rows: [], validations: [{ kind: "list", range: "A1", values }] });
    expect(() => worksheetXml(spec(["a,b"]), styles.ids)).toThrow(RangeError);
    expect(() => worksheetXml(spec([]), styles.ids)).toThrow(RangeError);
    expect(() => worksheetXml(spec(["x".repeat(300)]), styles.ids)).toThrow(RangeError);
  });

  it("cuts texts at a character boundary, never inside a surrogate pair", () => {
    expect(truncate("短", 32)).toBe("短");
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("a😀bcd", 4)).toBe("a😀…");
  });

  it("protects the sheet, leaving input cells unlocked", () => {
    expect(XML).toContain(
      '</sheetData><sheetProtection sheet="1" objects="1" scenarios="1" selectLockedCells="0" selectUnlockedCells="0"/><mergeCells',
    );
    const xfs = cellXfs(styles.xml);
    for (const style of ["input", "inputText"] as const) {
      expect(xfs[styles.ids({ style })!]).toMatch(/applyProtection="1"><protection locked="0"\/><\/xf>$/);
    }
    for (const style of ["text", "header", "decimal2"] as const) expect(xfs[styles.ids({ style })!]).not.toContain("protection");
    expect(xfs[styleOf(XML, "B5")]).toContain('<protection locked="0"/>'); // input with a tone is still unlocked
  });

  it("sets up printing: fit to one page wide, A4 landscape", () => {
    expect(XML.indexOf('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension')).toBeGreaterThan(0);
    expect(XML).toContain(
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    const portrait = worksheetXml({ name: "x", rows: [], print: { orientation: "portrait", fitToWidth: false } }, styles.ids);
    expect(portrait).toContain('<pageSetup paperSize="9" orientation="portrait"/>');
    expect(portrait).not.toContain("sheetPr");
  });

  it("references the drawing last", () => {
    expect(XML.endsWith('<drawing r:id="rId7"/></worksheet>')).toBe(true);
  });
});

describe("tones and link styles", () => {
  it("puts each tone's fill on top of the style, one format per style and tone, reused", () => {
    const xml = worksheetXml(SHEET, styles.ids);
    const xfs = cellXfs(styles.xml);
    const fillList = fills(styles.xml);
    const fillOf = (ref: string) => fillList[Number(/fillId="(\d+)"/.exec(xfs[styleOf(xml, ref)]!)![1])]!;
    const tones: [string, CellTone][] = [
      ["A4", "top"],
      ["A5", "dispute"],
      ["A6", "veto"],
      ["A7", "muted"],
      ["B5", "dispute"],
    ];
    for (const [ref, tone] of tones) expect(fillOf(ref), ref).toContain(`<fgColor rgb="FF${TONE_FILLS[tone]}"/>`);
    expect(TONE_FILLS).toEqual({ dispute: "FCE4D6", veto: "FFC7CE", top: "E2EFDA", muted: "F2F2F2" });
    // Same look, same format; the tone keeps the style's number format and border.
    expect(styleOf(xml, "F7")).toBe(styleOf(xml, "F8"));
    expect(styleOf(xml, "A4")).not.toBe(styleOf(xml, "A8"));
    expect(xfs[styleOf(xml, "B5")]).toMatch(/numFmtId="2" [^>]*borderId="[1-9]/);
    expect(new Set(xfs).size).toBe(xfs.length);
  });

  it("shows links underlined in the hyperlink colour", () => {
    const fonts = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles.xml)![1]!.match(/<font>[\s\S]*?<\/font>/g)!;
    const fontOf = (ref: string) => fonts[Number(/fontId="(\d+)"/.exec(cellXfs(styles.xml)[styleOf(XML, ref)]!)![1])]!;
    expect(fontOf("F4")).toMatch(/^<font><u\/><sz val="11"\/><color rgb="FF0563C1"\/><name val="等线"\/>/);
    expect(fontOf("F5")).toContain("<u/>");
  });

  it("creates formats only for the looks asked for, and adds nothing on a second run", () => {
    const plain = addOutputStyles(BASE_STYLES);
    expect(cellXfs(plain.xml)).toHaveLength(13);
    expect(() => plain.ids({ style: "text", tone: "veto" })).toThrow(/no cell format/);
    const again = addOutputStyles(styles.xml, sheetLooks([SHEET]));
    expect(again.xml).toBe(styles.xml);
    expect(again.ids({ style: "text", tone: "veto" })).toBe(styles.ids({ style: "text", tone: "veto" }));
  });
});

describe("print titles in workbook.xml", () => {
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

  it("adds <definedNames> where the schema wants it, and replaces only that sheet's print titles", () => {
    const bare = `<workbook ${NS}><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="1"/></workbook>`;
    const added = setPrintTitles(bare, "wb", 1, "'b'!$1:$3");
    expect(added).toBe(
      `<workbook ${NS}><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">'b'!$1:$3</definedName></definedNames><calcPr calcId="1"/></workbook>`,
    );
    const names = `<workbook ${NS}><sheets/><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">a!$1:$1</definedName><definedName localSheetId="1" name="_xlnm.Print_Titles">b!$1:$9</definedName><definedName name="x">a!$A$1</definedName></definedNames></workbook>`;
    // Replaced where it was, so a re-run leaves the names in the same order.
    expect(setPrintTitles(names, "wb", 1, "'b'!$1:$3")).toBe(
      `<workbook ${NS}><sheets/><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">a!$1:$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'b'!$1:$3</definedName><definedName name="x">a!$A$1</definedName></definedNames></workbook>`,
    );
    expect(setPrintTitles(names, "wb", 1, null)).not.toContain("b!$1:$9");
    const only = `<workbook ${NS}><sheets/><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="2">c!$1:$1</definedName></definedNames><calcPr/></workbook>`;
    expect(setPrintTitles(only, "wb", 2, null)).toBe(`<workbook ${NS}><sheets/><calcPr/></workbook>`);
    expect(setPrintTitles(`<workbook ${NS}><sheets/></workbook>`, "wb", 0, "'&'!$1:$1")).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">'&amp;'!$1:$1</definedName></definedNames></workbook>`,
    );
  });

  it("points at the sheet's index, new sheets counted after the existing ones, and stays single on a re-run", () => {
    const input = buildXlsx({ sheets: [{ name: "A" }, { name: "B" }], styles: stylesWithFormats([0]) });
    const spec: SheetSpec = { name: "结果", rows: [["x"]], print: { orientation: "landscape", fitToWidth: true, repeatRows: 2 } };
    const once = writeOutputSheets(input, [{ name: "other", rows: [] }, spec]);
    const twice = writeOutputSheets(once, [spec]);
    for (const bytes of [once, twice]) {
      expect([...partText(bytes, "xl/workbook.xml").matchAll(/_xlnm\.Print_Titles/g)]).toHaveLength(1);
      expect(partText(bytes, "xl/workbook.xml")).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="3">'结果'!$1:$2</definedName>`,
      );
    }
    const without = writeOutputSheets(once, [{ ...spec, print: undefined }]);
    expect(partText(without, "xl/workbook.xml")).not.toContain("Print_Titles");
  });
});

describe("运行记录: appending rows", () => {
  const LOG: SheetSpec = {
    name: "运行记录",
    rows: [
      [
        { v: "时间", style: "header" },
        { v: "周期", style: "header" },
      ],
      [
        { v: "2026-11-21 10:00:00", style: "text" },
        { v: 3, style: "integer", tone: "muted" },
      ],
    ],
    append: { appendSkip: 1 },
    freezeRows: 1,
  };

  it("creates the sheet with every row when there is none", async () => {
    const out = writeOutputSheets(buildXlsx({ sheets: [{ name: "A" }] }), [LOG]);
    expect((await new XlsxReader(out).read(["运行记录"])).sheets.get("运行记录")!.rows).toHaveLength(2);
  });

  it("inserts the rows after the last row, keeping every earlier byte but the dimension", async () => {
    const existing =
      `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C5"/>` +
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>时间</t></is></c></row>\n<row r="5" spans="1:3"><c r="C5"><v>7</v></c></row></sheetData>` +
      `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/></worksheet>`;
    const input = buildXlsx({ sheets: [{ name: "运行记录", xml: existing }], styles: stylesWithFormats([0]) });
    const out = writeOutputSheets(input, [LOG]);
    const xml = partText(out, "xl/worksheets/sheet1.xml");
    const styled = addOutputStyles(stylesWithFormats([0]), sheetLooks([LOG])).ids;
    const added = `<row r="6"><c r="A6" s="${styled({ style: "text" })}" t="inlineStr"><is><t>2026-11-21 10:00:00</t></is></c><c r="B6" s="${styled({ style: "integer", tone: "muted" })}"><v>3</v></c></row>`;
    expect(xml).toBe(
      existing.replace('<dimension ref="A1:C5"/>', '<dimension ref="A1:C6"/>').replace("</row></sheetData>", `</row>${added}</sheetData>`),
    );
    expect(unzipParts(out).has("xl/calcChain.xml")).toBe(false);
  });

  it("writes the header too into a sheet with no rows, in the part's own prefix", async () => {
    const empty = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData/></x:worksheet>`;
    const out = writeOutputSheets(buildXlsx({ sheets: [{ name: "运行记录", xml: empty }] }), [LOG]);
    const xml = partText(out, "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(
      /^<x:worksheet [^>]*><x:sheetData><x:row r="1"><x:c r="A1" s="\d+" t="inlineStr"><x:is><x:t>时间<\/x:t><\/x:is><\/x:c>/,
    );
    expect((await new XlsxReader(out).read(["运行记录"])).sheets.get("运行记录")!.rows).toHaveLength(2);
  });
});

describe("charts as package parts", () => {
  const chartSheet = (charts: number): SheetSpec => ({
    name: "统计图表",
    rows: [
      ["支部", "总分"],
      ["一", 90],
      ["二", 80],
    ],
    charts: Array.from({ length: charts }, (_, i) => ({
      kind: "column" as const,
      title: `图${i + 1}`,
      table: "A1:B3",
      series: [{ name: "总分", values: "B2:B3", categories: "A2:A3" }],
      anchor: { from: `D${1 + i * 10}`, to: `K${9 + i * 10}` },
    })),
  });

  it("writes a drawing with one chart per chart, its relationships and content types", () => {
    const out = createWorkbook([chartSheet(2)]);
    const parts = unzipParts(out);
    expect(partText(out, "xl/worksheets/_rels/sheet1.xml.rels")).toContain(
      'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"',
    );
    const drawingRels = partText(out, "xl/drawings/_rels/drawing1.xml.rels");
    expect(drawingRels).toContain(
      'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"',
    );
    expect(drawingRels).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"',
    );
    expect(partText(out, "xl/drawings/drawing1.xml")).toMatch(/r:id="rId1"[\s\S]*r:id="rId2"/);
    const ct = partText(out, "[Content_Types].xml");
    expect(ct).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    expect(ct).toContain(
      '<Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
    expect(partText(out, "xl/worksheets/sheet1.xml")).toMatch(
      /^[\s\S]*<worksheet [^>]*xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships"[\s\S]*<drawing r:id="rId1"\/><\/worksheet>$/,
    );
    expect([...parts.keys()].filter((p) => p.startsWith("xl/charts/"))).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
  });

  it("takes free part names next to a user's own drawings, and removes its old charts when there are fewer", () => {
    const base = unzipParts(buildXlsx({ sheets: [{ name: "A" }] }));
    const taken = zipRaw({ ...Object.fromEntries(base), "xl/drawings/drawing1.xml": "<x/>", "xl/charts/chart1.xml": "<x/>" });
    const three = writeOutputSheets(taken, [chartSheet(3)]);
    expect(partText(three, "xl/drawings/_rels/drawing2.xml.rels")).toContain("../charts/chart4.xml");
    const one = writeOutputSheets(three, [chartSheet(1)]);
    const names = [...unzipParts(one).keys()].filter((p) => /^xl\/(charts|drawings)\//.test(p));
    expect(names).toEqual([
      "xl/drawings/drawing1.xml",
      "xl/charts/chart1.xml",
      "xl/drawings/drawing2.xml",
      "xl/charts/chart2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
    ]);
    expect(partText(one, "[Content_Types].xml")).not.toMatch(/chart[34]\.xml/);
    const none = writeOutputSheets(one, [chartSheet(0)]);
    expect([...unzipParts(none).keys()].filter((p) => /^xl\/(charts|drawings)\//.test(p))).toEqual([
      "xl/drawings/drawing1.xml",
      "xl/charts/chart1.xml",
    ]);
    expect(partText(none, "xl/worksheets/sheet2.xml")).not.toContain("<drawing");
  });
});
