import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bool, cellAt, err, num, parseA1, text, type Cell, type Grid } from "../../src/model/cell.js";
import { openXlsx, XlsxReader } from "../../src/io/xlsx/reader.js";
import { WorkbookUnreadableError } from "../../src/io/workbook.js";
import { unreadableReason } from "../../src/model/failure-messages.js";
import { buildXlsx, stylesWithFormats, worksheet, zipRaw, type FixtureOptions } from "../helpers/xlsx-fixture.js";

async function readGrid(options: FixtureOptions, name = options.sheets[0]!.name): Promise<Grid> {
  const snapshot = await new XlsxReader(buildXlsx(options)).read([name]);
  const grid = snapshot.sheets.get(name);
  if (!grid) throw new Error(`sheet ${name} not read`);
  return grid;
}

const at = (grid: Grid, ref: string): Cell => {
  const { row, col } = parseA1(ref);
  return cellAt(grid, row, col);
};

describe("XlsxReader: cell values", () => {
  it("reads shared strings, with rich-text runs joined and phonetic guides dropped", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`,
        },
      ],
      sharedStrings: [
        "<t>支部编码</t>",
        `<r><rPr><b/></rPr><t>党建</t></r><r><t xml:space="preserve"> 部门 </t></r><rPh sb="0" eb="2"><t>dǎngjiàn</t></rPh><phoneticPr fontId="1"/>`,
        "<t>a &amp; b &lt;c&gt; &#x4E2D;&#25991;</t>",
        "<t>line1_x000D_\nline2 _x005F_x000D_</t>",
      ],
    });
    expect(grid.rows[0]).toEqual([text("支部编码"), text("党建 部门 "), text("a & b <c> 中文"), text("line1\r\nline2 _x000D_")]);
  });

  it("reads inline strings, plain and rich", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows:
            `<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  前后空格  </t></is></c>` +
            `<c r="B1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r><rPh><t>fu</t></rPh></is></c>` +
            `<c r="C1" t="inlineStr"><is><t><![CDATA[<raw> & ]]></t></is></c></row>`,
        },
      ],
    });
    expect(grid.rows[0]).toEqual([text("  前后空格  "), text("富文本"), text("<raw> & ")]);
  });

  it("reads formula results by their cached value; a formula without one is blank", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows:
            `<row r="1"><c r="A1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="B1"><f>1+2</f><v>3</v></c>` +
            `<c r="C1"><f>1+2</f></c><c r="D1" t="str"><f>"x"</f></c><c r="E1"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>`,
        },
      ],
    });
    expect(grid.rows[0]).toEqual([text("ab"), num(3), null, null, num(0.30000000000000004)]);
  });

  it("reads booleans, errors and plain numbers", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows:
            `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#N/A</v></c>` +
            `<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1"><v>-1.5E-3</v></c><c r="F1" t="n"><v>38.456</v></c><c r="G1" s="0"/></row>`,
        },
      ],
    });
    expect(grid.rows[0]).toEqual([bool(true), bool(false), err("#N/A"), err("#DIV/0!"), num(-0.0015), num(38.456)]);
  });

  it("marks numbers with a date or time format as dates", async () => {
    const formats = [0, 14, 31, 57, 58, 164, 165, 166, 167, 2, 49, 22, 168];
    const custom = {
      164: 'yyyy"年"m"月"d"日"',
      165: "0.00",
      166: "[h]:mm",
      167: "[Red]#,##0.00_);(#,##0.00)",
      168: '[$-804]General"分"',
    };
    const cells = formats.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>46000</v></c>`).join("");
    const grid = await readGrid({ sheets: [{ name: "S", rows: `<row r="1">${cells}</row>` }], styles: stylesWithFormats(formats, custom) });
    const dates = Array.from(grid.rows[0]!, (c) => c != null && c.kind === "number" && c.isDate);
    expect(dates).toEqual([false, true, true, true, true, true, false, true, false, false, false, true, false]);
  });

  it("ignores number formats of conditional formats (dxfs)", async () => {
    const styles = stylesWithFormats([2]).replace(
      "</styleSheet>",
      '<dxfs count="1"><dxf><numFmt numFmtId="2" formatCode="yyyy-mm-dd"/></dxf></dxfs></styleSheet>',
    );
    const grid = await readGrid({ sheets: [{ name: "S", rows: `<row r="1"><c r="A1" s="0"><v>1</v></c></row>` }], styles });
    expect(grid.rows[0]).toEqual([num(1)]);
  });

  it("converts ISO dates (t=d) to Excel serial numbers", async () => {
    const rows = `<row r="1"><c r="A1" t="d"><v>2026-03-15</v></c><c r="B1" t="d"><v>2026-03-15T12:00:00</v></c><c r="C1" t="d"><v>1900-01-01</v></c></row>`;
    const grid = await readGrid({ sheets: [{ name: "S", rows }] });
    expect(grid.rows[0]).toEqual([num(46096, true), num(46096.5, true), num(1, true)]);
    const grid1904 = await readGrid({ sheets: [{ name: "S", rows }], workbookPr: 'date1904="1"' });
    expect(at(grid1904, "A1")).toEqual(num(46096 - 1462, true));
  });
});

describe("XlsxReader: positions", () => {
  it("places cells by their references, with a header row below row 1", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows: `<row r="3"><c r="B3" t="inlineStr"><is><t>支部编码</t></is></c><c r="D3"><v>1</v></c></row><row r="5"><c r="AB5"><v>2</v></c></row>`,
        },
      ],
    });
    expect(grid.rows.length).toBe(5);
    expect(grid.rows[0]).toEqual([]);
    expect(grid.rows[2]).toEqual([null, text("支部编码"), null, num(1)]);
    expect(at(grid, "AB5")).toEqual(num(2));
    expect(grid.rows[4]!.length).toBe(28);
  });

  it("positions cells and rows without r attributes by order", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows: `<row><c><v>1</v></c><c/><c><v>3</v></c></row><row><c r="B2"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>`,
        },
      ],
    });
    expect(grid.rows).toEqual([[num(1), null, num(3)], [null, num(4), num(5)], [num(6)]]);
  });

  it("drops trailing blank cells and rows (styled but empty)", async () => {
    const grid = await readGrid({
      sheets: [
        {
          name: "S",
          rows: `<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"/><c r="C1" t="str"><f>X()</f></c></row><row r="2"><c r="A2" s="1"/></row>`,
        },
      ],
    });
    expect(grid.rows).toEqual([[num(1)]]);
  });

  it("accepts prefixed SpreadsheetML elements", async () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    expect((await readGrid({ sheets: [{ name: "S", xml }] })).rows).toEqual([[text("ok")]]);
  });
});

describe("XlsxReader: sheets", () => {
  const options: FixtureOptions = {
    sheets: [
      { name: "评分A", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` },
      { name: "图表", kind: "chartsheet" },
      { name: 'A & B "引号"', rows: `<row r="1"><c r="A1"><v>2</v></c></row>` },
    ],
  };

  it("lists every sheet in workbook order and reads only the wanted ones that exist", async () => {
    const snapshot = await new XlsxReader(buildXlsx(options)).read(['A & B "引号"', "图表", "不存在"]);
    expect(snapshot.sheetNames).toEqual(["评分A", "图表", 'A & B "引号"']);
    expect([...snapshot.sheets.keys()].sort()).toEqual(['A & B "引号"', "图表"].sort());
    expect(snapshot.sheets.get("图表")).toEqual({ name: "图表", rows: [] });
    expect(snapshot.sheets.get('A & B "引号"')!.rows).toEqual([[num(2)]]);
  });

  it("resolves absolute relationship targets", async () => {
    const snapshot = await new XlsxReader(buildXlsx({ ...options, absoluteTargets: true })).read(["评分A"]);
    expect(snapshot.sheets.get("评分A")!.rows).toEqual([[num(1)]]);
  });

  it("exposes the package structure", () => {
    const pkg = openXlsx(buildXlsx(options));
    expect(pkg.workbook.sheets.map((s) => [s.name, s.kind, s.part])).toEqual([
      ["评分A", "worksheet", "xl/worksheets/sheet1.xml"],
      ["图表", "chartsheet", "xl/chartsheets/sheet2.xml"],
      ['A & B "引号"', "worksheet", "xl/worksheets/sheet3.xml"],
    ]);
  });
});

describe("XlsxReader: workbooks written by other programs", () => {
  const read = (fixture: string, names: string[]) =>
    new XlsxReader(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url))).read(names);

  it("reads openpyxl-bad-input.xlsx (openpyxl, inline strings)", async () => {
    const snapshot = await read("openpyxl-bad-input.xlsx", ["评分A", "考核设置"]);
    expect(snapshot.sheetNames).toEqual(["考核设置", "评分细则", "支部名册", "评分A", "评分B"]);
    const grid = snapshot.sheets.get("评分A")!;
    expect(at(grid, "A1")).toEqual(text("支部编码"));
    expect(at(grid, "C4")).toEqual(text("３．５"));
    expect(at(grid, "N7")).toEqual(err("#N/A"));
    expect(at(grid, "B12")).toEqual(text('=HYPERLINK("http://example.invalid","点我")'));
    expect(snapshot.sheets.get("考核设置")!.rows[1]).toEqual([text("考核周期"), text("2026Q3")]);
  });

  it("reads openpyxl-disputes.xlsx (仲裁, 自评, 扣分说明)", async () => {
    const disputes = await read("openpyxl-disputes.xlsx", ["扣分说明"]);
    expect(disputes.sheetNames).toContain("仲裁");
    expect(at(disputes.sheets.get("扣分说明")!, "A1")).toEqual(text("支部编码"));
  });

  it("reads a LibreOffice-saved copy (shared strings, other styles) to the same values", async () => {
    const names = ["考核设置", "评分细则", "支部名册", "评分A", "评分B"];
    const original = await read("openpyxl-bad-input.xlsx", names);
    const saved = await read("saved-by-libreoffice.xlsx", names);
    expect(saved.sheetNames).toEqual(original.sheetNames);
    for (const name of names) expect(saved.sheets.get(name)).toEqual(original.sheets.get(name));
  });
});

describe("unreadable files", () => {
  const reasonOf = (bytes: Uint8Array): string => {
    try {
      openXlsx(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookUnreadableError);
      return unreadableReason((e as WorkbookUnreadableError).reason);
    }
    throw new Error("expected WorkbookUnreadableError");
  };
  const ole = (extra: Uint8Array) => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(extra, 1024);
    return bytes;
  };

  it("an empty file", () => expect(reasonOf(new Uint8Array())).toMatch(/空/));

  it("random bytes", () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    // Said in words people know (no "zip"): another kind of file renamed, or a damaged one.
    expect(reasonOf(bytes)).toBe("文件不是 Excel 工作簿，可能是其他文件（如文本文件）改成了 .xlsx 扩展名，或文件已损坏。");
  });

  it("a password-protected workbook (OLE with an EncryptedPackage stream)", () => {
    expect(reasonOf(ole(Buffer.from("EncryptedPackage", "utf16le")))).toMatch(/加密.*密码/);
  });

  it("a legacy .xls (OLE without encryption)", () => {
    expect(reasonOf(ole(Buffer.from("Workbook", "utf16le")))).toMatch(/\.xls/);
  });

  it("a zip without xl/workbook.xml", () => {
    expect(reasonOf(zipRaw({ "word/document.xml": "<document/>" }))).toBe(
      "文件不是 Excel 工作簿，而是其他格式的文件（如 Word 文档）改成了 .xlsx 扩展名。",
    );
  });

  it("a .docx-like package whose main part is not a workbook", () => {
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
    expect(reasonOf(zipRaw({ "_rels/.rels": rels, "word/document.xml": "<w:document xmlns:w='x'/>" }))).toMatch(/不是 Excel/);
  });

  it("corrupt XML in a sheet is reported when the sheet is read", async () => {
    const bytes = buildXlsx({ sheets: [{ name: "S", xml: worksheet(`<row r="1"><c r="A1"><v>1</v></c>`).slice(0, -30) }] });
    await expect(new XlsxReader(bytes).read(["S"])).rejects.toThrow(WorkbookUnreadableError);
    await expect(new XlsxReader(bytes).read(["S"])).rejects.toThrow(/sheet1\.xml/);
  });

  it.each([
    ["a reference beyond the grid", `<row r="1"><c r="XFE1"><v>1</v></c></row>`],
    ["a malformed reference", `<row r="1"><c r="1A"><v>1</v></c></row>`],
    ["a row number beyond the grid", `<row r="1048577"><c><v>1</v></c></row>`],
    ["a non-numeric row number", `<row r="x"><c><v>1</v></c></row>`],
  ])("%s in a sheet", async (_, rows) => {
    await expect(new XlsxReader(buildXlsx({ sheets: [{ name: "S", rows }] })).read(["S"])).rejects.toThrow(WorkbookUnreadableError);
  });

  it("corrupt XML in the workbook part", () => {
    const bytes = zipRaw({ "xl/workbook.xml": "<workbook><sheets><sheet name='a' & /></sheets></workbook>" });
    expect(reasonOf(bytes)).toMatch(/工作表清单的内容格式有误（技术信息：xl\/workbook\.xml，/);
  });
});
