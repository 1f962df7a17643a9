import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { a1, bool, num, quoteSheetName, text } from "../../src/model/cell.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { openXlsx, XlsxReader } from "../../src/io/xlsx/reader.js";
import { addOutputStyles, BASE_STYLES } from "../../src/io/xlsx/output-styles.js";
import { createWorkbook, writeOutputSheets } from "../../src/io/xlsx/writer.js";
import { LARGE_PART, type SyncCompression } from "../../src/io/xlsx/compression.js";
import { cellXml, worksheetMadeText, worksheetXml } from "../../src/io/xlsx/sheet-writer.js";
import { escapeAttr } from "../../src/io/xlsx/xml.js";
import { fitCellText } from "../../src/report/excel-limits.js";
import { unzipParts } from "../helpers/package-fidelity.js";
import { buildXlsx, partText, REL_NS, stylesWithFormats, withCalcChain, zipRaw } from "../helpers/xlsx-fixture.js";

/** A package written by openpyxl (not by us): the edits must fit a third party's parts. */
const EXAMPLE = readFileSync(new URL("../fixtures/openpyxl-bad-input.xlsx", import.meta.url));
const INPUT_SHEETS = ["考核设置", "评分细则", "支部名册", "评分A", "评分B"];
const EDITABLE = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]);

const RESULTS: SheetSpec = {
  name: "考核结果",
  rows: [
    [{ v: "2026Q3 考核结果", style: "title" }],
    [{ v: "结果为暂定", style: "notice" }],
    [],
    ["排名", "支部编码", "总分", "占比", "否决"].map((v) => ({ v, style: "header" as const })),
    [{ v: 1, style: "integer" }, { v: "=SUM(1)", style: "text" }, { v: 95.125, style: "decimal2" }, { v: 0.5, style: "percent" }, true],
    [2, "+1 @x -2", { v: 0.30000000000000004, style: "decimal4" }, null, false, { v: null, style: "text" }],
  ],
  columnWidths: [8, 14],
  freezeRows: 4,
};
const REPORT: SheetSpec = {
  name: "校验报告",
  rows: [
    ["级别", "代码"],
    ["错误", "SCORE_MISSING"],
  ],
};

async function readAll(bytes: Uint8Array, names: readonly string[]) {
  return new XlsxReader(bytes).read(names);
}

describe("writeOutputSheets into an existing workbook", () => {
  const output = writeOutputSheets(EXAMPLE, [RESULTS, REPORT]);

  it("appends the sheets after the existing ones, values intact and text never a formula", async () => {
    const snapshot = await readAll(output, ["考核结果", "校验报告"]);
    expect(snapshot.sheetNames).toEqual([...INPUT_SHEETS, "考核结果", "校验报告"]);
    const grid = snapshot.sheets.get("考核结果")!;
    expect(grid.rows).toEqual([
      [text("2026Q3 考核结果")],
      [text("结果为暂定")],
      [],
      ["排名", "支部编码", "总分", "占比", "否决"].map(text),
      [num(1), text("=SUM(1)"), num(95.125), num(0.5), bool(true)],
      [num(2), text("+1 @x -2"), num(0.30000000000000004), null, bool(false)],
    ]);
    expect(snapshot.sheets.get("校验报告")!.rows[1]).toEqual([text("错误"), text("SCORE_MISSING")]);
  });

  it("keeps the input sheets' values", async () => {
    const before = await readAll(EXAMPLE, INPUT_SHEETS);
    const after = await readAll(output, INPUT_SHEETS);
    for (const name of INPUT_SHEETS) expect(after.sheets.get(name)).toEqual(before.sheets.get(name));
  });

  it("copies every other entry byte for byte, in the same order, new parts last", () => {
    const input = unzipParts(EXAMPLE);
    const out = unzipParts(output);
    expect([...out.keys()].slice(0, input.size)).toEqual([...input.keys()]);
    expect([...out.keys()].slice(input.size)).toEqual(["xl/worksheets/sheet6.xml", "xl/worksheets/sheet7.xml"]);
    for (const [name, bytes] of input) if (!EDITABLE.has(name)) expect(out.get(name), name).toEqual(bytes);
  });

  it("only inserts into workbook.xml, its relationships and the content types", () => {
    const strip = (xml: string, pattern: RegExp) => xml.replace(pattern, "");
    const workbook = partText(output, "xl/workbook.xml");
    expect(workbook).toContain(`name="考核结果" sheetId="6" r:id="rId8"`);
    expect(workbook).toContain(`name="校验报告" sheetId="7" r:id="rId9"`);
    expect(strip(workbook, /<sheet [^>]*name="(考核结果|校验报告)"[^>]*\/>/g)).toBe(partText(EXAMPLE, "xl/workbook.xml"));
    expect(strip(partText(output, "xl/_rels/workbook.xml.rels"), /<Relationship Id="rId[89]"[^>]*\/>/g)).toBe(
      partText(EXAMPLE, "xl/_rels/workbook.xml.rels"),
    );
    expect(strip(partText(output, "[Content_Types].xml"), /<Override PartName="\/xl\/worksheets\/sheet[67]\.xml"[^>]*\/>/g)).toBe(
      partText(EXAMPLE, "[Content_Types].xml"),
    );
  });

  it("appends styles without disturbing existing entries", () => {
    const lists = (xml: string) =>
      Object.fromEntries(
        ["fonts", "fills", "borders", "cellXfs"].map((l) => [l, new RegExp(`<${l}[^>]*>([\\s\\S]*?)</${l}>`).exec(xml)![1]!]),
      );
    const before = lists(partText(EXAMPLE, "xl/styles.xml"));
    const after = lists(partText(output, "xl/styles.xml"));
    for (const l of Object.keys(before)) expect(after[l]!.startsWith(before[l]!), l).toBe(true);
    expect(partText(output, "xl/styles.xml")).toMatch(/<cellXfs count="14">/);
    const sheet = partText(output, "xl/worksheets/sheet6.xml");
    expect(sheet).toContain('<c r="B5" s="5" t="inlineStr"><is><t>=SUM(1)</t></is></c>');
    expect(sheet).toContain('<c r="F6" s="5"/>');
  });

  it("writes the same package again when run again (idempotent), replacing the sheets in place", () => {
    const again = writeOutputSheets(output, [RESULTS, REPORT]);
    expect(unzipParts(again)).toEqual(unzipParts(output));
  });

  it("replaces an existing sheet in place, matching its name as Excel does (ignoring case)", async () => {
    const bytes = buildXlsx({ sheets: [{ name: "Sheet1", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` }, { name: "Other" }] });
    const out = writeOutputSheets(bytes, [{ name: "SHEET1", rows: [["new"]] }]);
    const snapshot = await readAll(out, ["Sheet1"]);
    expect(snapshot.sheetNames).toEqual(["Sheet1", "Other"]);
    expect(snapshot.sheets.get("Sheet1")!.rows).toEqual([[text("new")]]);
    expect(openXlsx(out).workbook.sheets[0]!.part).toBe("xl/worksheets/sheet1.xml");
  });
});

describe("writeOutputSheets: package details", () => {
  it("gives a new sheet the next sheetId and an unused relationship id and part name", () => {
    const base = buildXlsx({ sheets: [{ name: "A" }, { name: "B" }], sharedStrings: ["<t>x</t>"], styles: stylesWithFormats([0]) });
    const entries = unzipParts(base);
    const enc = new TextEncoder();
    // Gaps and extra entries: sheetIds 1 and 9, a stale sheet3.xml part, a relationship "rId3".
    entries.set("xl/workbook.xml", enc.encode(partText(base, "xl/workbook.xml").replace('sheetId="2"', 'sheetId="9"')));
    entries.set("xl/worksheets/sheet3.xml", enc.encode("<worksheet/>"));
    entries.set("xl/_rels/workbook.xml.rels", enc.encode(partText(base, "xl/_rels/workbook.xml.rels").replace('Id="rIdSst"', 'Id="rId3"')));
    const out = writeOutputSheets(zipRaw(Object.fromEntries(entries)), [{ name: "New", rows: [[1]] }]);
    const sheet = openXlsx(out).workbook.sheets.find((s) => s.name === "New")!;
    expect(sheet).toMatchObject({ sheetId: 10, relId: "rId4", part: "xl/worksheets/sheet4.xml", kind: "worksheet" });
  });

  it("escapes the sheet name in workbook.xml", async () => {
    const out = writeOutputSheets(buildXlsx({ sheets: [{ name: "A" }] }), [{ name: `R&D "<结果>"`, rows: [["ok"]] }]);
    const snapshot = await readAll(out, [`R&D "<结果>"`]);
    expect(snapshot.sheetNames).toEqual(["A", `R&D "<结果>"`]);
    expect(snapshot.sheets.get(`R&D "<结果>"`)!.rows).toEqual([[text("ok")]]);
  });

  it("drops the replaced part's own relationships and the parts only they led to, keeping shared ones", () => {
    const sheets = [{ name: "考核结果", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` }, { name: "Other" }];
    const base = unzipParts(buildXlsx({ sheets, styles: stylesWithFormats([0]) }));
    const rels = (...targets: string[]) =>
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      targets
        .map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/${t.includes("drawing") ? "drawing" : "image"}" Target="${t}"/>`)
        .join("") +
      `</Relationships>`;
    const ct = new TextDecoder()
      .decode(base.get("[Content_Types].xml"))
      .replace(
        "</Types>",
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
      );
    const parts = {
      ...Object.fromEntries(base),
      "[Content_Types].xml": ct,
      "xl/worksheets/_rels/sheet1.xml.rels": rels("../drawings/drawing1.xml"),
      "xl/drawings/drawing1.xml": "<xdr:wsDr xmlns:xdr='x'/>",
      "xl/drawings/_rels/drawing1.xml.rels": rels("../media/own.png", "../media/shared.png"),
      "xl/media/own.png": "1",
      "xl/media/shared.png": "2",
      "xl/worksheets/_rels/sheet2.xml.rels": rels("../drawings/drawing2.xml"),
      "xl/drawings/drawing2.xml": "<xdr:wsDr xmlns:xdr='x'/>",
      "xl/drawings/_rels/drawing2.xml.rels": rels("../media/shared.png"),
    };
    const output = writeOutputSheets(zipRaw(parts), [{ name: "考核结果", rows: [[2]] }]);
    const out = unzipParts(output);
    for (const gone of [
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/drawings/drawing1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/media/own.png",
    ]) {
      expect(out.has(gone), gone).toBe(false);
    }
    for (const kept of [
      "xl/worksheets/_rels/sheet2.xml.rels",
      "xl/drawings/drawing2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/media/shared.png",
    ]) {
      expect(out.get(kept), kept).toEqual(base.get(kept) ?? new TextEncoder().encode(parts[kept as keyof typeof parts]));
    }
    expect(partText(output, "[Content_Types].xml")).toBe(new TextDecoder().decode(base.get("[Content_Types].xml")));
  });

  it("drops calcChain.xml when it replaces a sheet, and only then", () => {
    const input = withCalcChain(buildXlsx({ sheets: [{ name: "Input" }, { name: "考核结果" }] }));
    const added = writeOutputSheets(input, [{ name: "新表", rows: [[1]] }]);
    expect(unzipParts(added).has("xl/calcChain.xml")).toBe(true);
    const replaced = writeOutputSheets(input, [{ name: "考核结果", rows: [[1]] }]);
    expect(unzipParts(replaced).has("xl/calcChain.xml")).toBe(false);
    expect(partText(replaced, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(partText(replaced, "[Content_Types].xml")).not.toContain("calcChain");
  });

  it("keeps a UTF-16 styles part byte for byte when it already holds every output style", () => {
    const styles = addOutputStyles(BASE_STYLES).xml.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(styles, "utf16le")]);
    const base = unzipParts(buildXlsx({ sheets: [{ name: "A" }], styles: "<styleSheet/>" }));
    const input = zipRaw({ ...Object.fromEntries(base), "xl/styles.xml": utf16 });
    const out = unzipParts(writeOutputSheets(input, [{ name: "B", rows: [[{ v: 1, style: "decimal2" }]] }]));
    expect(out.get("xl/styles.xml")).toEqual(utf16);
  });

  it("adds a styles part to a workbook that has none", async () => {
    const out = writeOutputSheets(buildXlsx({ sheets: [{ name: "A" }] }), [{ name: "B", rows: [[{ v: 1.5, style: "decimal2" }]] }]);
    expect(openXlsx(out).workbook.stylesPart).toBe("xl/styles.xml");
    expect(partText(out, "[Content_Types].xml")).toContain('PartName="/xl/styles.xml"');
    expect((await readAll(out, ["B"])).sheets.get("B")!.rows).toEqual([[num(1.5)]]);
  });

  it("writes frozen panes, column widths and the dimension", () => {
    const xml = partText(writeOutputSheets(EXAMPLE, [RESULTS]), "xl/worksheets/sheet6.xml");
    expect(xml).toContain('<dimension ref="A1:F6"/>');
    expect(xml).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<cols><col min="1" max="1" width="8" customWidth="1"/><col min="2" max="2" width="14" customWidth="1"/></cols>');
  });

  it('marks xml:space="preserve" only on text whose whitespace could be taken as layout, and reads every text back the same', async () => {
    const values = [" 前", "后 ", "一\n二", "a  b", "\t", "炼钢厂", "a b"];
    const out = writeOutputSheets(EXAMPLE, [{ name: "T", rows: [values] }]);
    expect((await readAll(out, ["T"])).sheets.get("T")!.rows).toEqual([values.map(text)]);
    const xml = [...unzipParts(out).values()].map((b) => new TextDecoder().decode(b)).find((x) => x.includes("炼钢厂"))!;
    for (const v of values.slice(0, 5)) expect(xml).toContain(`<t xml:space="preserve">${v}</t>`);
    expect(xml).toContain("<t>炼钢厂</t>");
    expect(xml).toContain("<t>a b</t>");
  });

  it("keeps text exact: characters XML cannot hold are written as _xHHHH_ (as Excel does), CR and _xHHHH_ look-alikes survive", async () => {
    const value = "a\u0001b\u001b[31m\r\nc _x000D_ \uD800d\uFFFF 😀";
    const out = writeOutputSheets(EXAMPLE, [{ name: "T", rows: [[value, 1e21, -0, 5e-324]] }]);
    expect((await readAll(out, ["T"])).sheets.get("T")!.rows).toEqual([[text(value), num(1e21), num(0), num(5e-324)]]);
    const xml = [...unzipParts(out).values()]
      .map((b) => new TextDecoder().decode(b))
      .find((x) => x.includes('<t xml:space="preserve">a_x'))!;
    expect(xml).toContain("a_x0001_b_x001B_[31m&#13;\nc _x005F_x000D_ _xD800_d_xFFFF_ 😀");
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("writes each value as cellXml does, whatever its characters and wherever they stand (text is mostly written without valueXml)", () => {
    // Every UTF-16 code unit alone, inside, at either end and after a space; pairs; integers
    // and other numbers around where the writer changes its way of writing them.
    const values: (string | number | boolean | null)[] = [];
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      values.push(c, `a${c}b`, `${c}a`, `a${c}`, `a ${c}b`);
    }
    values.push("😀", "a😀", "😀 ", "a  b", "", "x".repeat(4681), "_".repeat(4682), "_x0041_", "&amp;", "🀀".repeat(3000));
    values.push(0, -0, 1, -1, 9, 10, 99, 100, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 0.5, -2.25, 1e21, 5e-324, true, false);
    const rows: (string | number | boolean | null)[][] = [];
    for (let i = 0; i < values.length; i += 37) rows.push(values.slice(i, i + 37));
    const xml = worksheetXml({ name: "T", rows }, () => undefined);
    let expected = "";
    rows.forEach((row, r) => {
      expected += `<row r="${r + 1}">`;
      row.forEach((v, c) => (expected += cellXml(v, undefined, a1(r, c), "T")));
      expected += "</row>";
    });
    expect(xml.slice(xml.indexOf("<sheetData>") + 11, xml.indexOf("</sheetData>")) === expected).toBe(true);
  });

  it("writes hyperlinks' attributes escaped, their text cut to Excel's limit", () => {
    const odd = ['a "b" <c> & d', "\t\n\r", "\u0001x\uFFFEy", "\uD800", "😀 链接", "…".repeat(40_000), "_x0041_ 'q'"];
    const rows = odd.map((v, i) => [{ v, link: { sheet: i % 2 === 0 ? `R&D "${i}"` : "O'Brien", cell: i === 3 ? null : `B${i}` } }]);
    const xml = worksheetXml({ name: "L", rows }, () => undefined);
    const links = rows.map(
      ([cell], r) =>
        `<hyperlink ref="A${r + 1}" location="${escapeAttr(`${quoteSheetName(cell!.link.sheet)}!${cell!.link.cell ?? "A1"}`)}"` +
        ` display="${escapeAttr(fitCellText(cell!.v))}"/>`,
    );
    expect(xml).toContain(`<hyperlinks>${links.join("")}</hyperlinks>`);
  });

  it("refuses what it cannot write", () => {
    expect(() => writeOutputSheets(EXAMPLE, [{ name: "T", rows: [[NaN]] }])).toThrow(RangeError);
    expect(() => writeOutputSheets(EXAMPLE, [{ name: "a/b", rows: [] }])).toThrow(/sheet name/);
    expect(() =>
      writeOutputSheets(EXAMPLE, [
        { name: "x", rows: [] },
        { name: "X", rows: [] },
      ]),
    ).toThrow(/duplicate/);
    const chart = buildXlsx({ sheets: [{ name: "A" }, { name: "统计图表", kind: "chartsheet" }] });
    expect(() => writeOutputSheets(chart, [{ name: "统计图表", rows: [] }])).toThrow(/不是普通工作表/);
  });
});

describe("writeOutputSheets: large sheets, made as they are deflated", () => {
  const big = (rows: number, text: string): SheetSpec => ({
    name: "大表",
    rows: Array.from({ length: rows }, (_, r) => [r, `${text}${r % 7}`]),
  });
  /** A compression that keeps nothing: what the writer gave it, and when. */
  const spy = (seen: { size: number; length: number }[], onChunk: () => void = () => {}): SyncCompression => ({
    deflate(part) {
      let length = 0;
      for (const chunk of part.chunks) {
        length += chunk.length;
        onChunk();
      }
      seen.push({ size: part.size, length });
      return { chunks: [], compressedSize: 0, crc: 0, size: length };
    },
  });
  const sheetPart = (seen: { size: number; length: number }[]) => seen.reduce((a, b) => (b.length > a.length ? b : a));

  it("writes a sheet as UTF-8 chunks of about a megabyte, no character split, counting its characters", () => {
    const spec = big(6000, "很长的说明，".repeat(60));
    const made = worksheetMadeText(spec, () => undefined);
    const chunks = [...made.chunks];
    const decoder = new TextDecoder("utf-8", { fatal: true });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThan(0.9 * 2 ** 20);
    const text = chunks.map((chunk) => decoder.decode(chunk)).join(""); // throws on a split character
    expect(text).toBe(worksheetXml(spec, () => undefined));
    expect(made.length).toBe(text.length);
    expect(made.minLength).toBeLessThanOrEqual(text.length);
  });

  it("ends every row whole wherever a chunk ends, after texts whose escapes outgrow the room first set aside", () => {
    // Rows of one short text to escape, its XML longer than the room set aside for it as it is:
    // the first chunk's end falls at every few bytes of a row as the first row's text grows.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (let pad = 0; pad < 120; pad += 4) {
      const rows = [["x".repeat(pad + 1)], ...Array.from({ length: 11_000 }, () => ["&&&&&&"])];
      const chunks = [...worksheetMadeText({ name: "E", rows }, () => undefined).chunks];
      expect(chunks.length).toBeGreaterThan(1);
      const xml = chunks.map((chunk) => decoder.decode(chunk)).join("");
      let expected = "";
      rows.forEach((row, r) => (expected += `<row r="${r + 1}">${cellXml(row[0]!, undefined, a1(r, 0), "E")}</row>`));
      expect(xml.slice(xml.indexOf("<sheetData>") + 11, xml.indexOf("</sheetData>")) === expected).toBe(true);
    }
  });

  it("tells the progress within a large sheet every few thousand rows, in order", () => {
    const progress: number[] = [];
    writeOutputSheets(createWorkbook([REPORT]), [big(40_000, "说明")], {
      compression: spy([]),
      onProgress: (done, total) => void progress.push(done / total),
    });
    const steps = progress.filter((p, i) => i > 0 && p > progress[i - 1]!);
    expect(steps.length).toBeGreaterThan(40_000 / 2048);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it("gives the compression the sheet's exact length in characters, or at least LARGE_PART for a long one (its level)", () => {
    const small: { size: number; length: number }[] = [];
    const spec = big(3000, "第");
    writeOutputSheets(createWorkbook([REPORT]), [spec], { compression: spy(small) });
    expect(sheetPart(small).size).toBe(worksheetXml(spec, () => undefined).length);
    // Long texts: fewer rows than the lower bound counts as large, more characters than LARGE_PART.
    const long = big(2000, "很长的说明".repeat(1000));
    const large: { size: number; length: number }[] = [];
    let chunks = 0;
    writeOutputSheets(createWorkbook([REPORT]), [long], { compression: spy(large, () => chunks++) });
    expect(sheetPart(large).size).toBeGreaterThanOrEqual(LARGE_PART);
    expect(sheetPart(large).size).toBeLessThanOrEqual(sheetPart(large).length);
    expect(chunks).toBeGreaterThan(1);
  });
});

describe("createWorkbook", () => {
  it("builds a package that reads back to the same sheets and values", async () => {
    const bytes = createWorkbook([RESULTS, REPORT, { name: "空白", rows: [] }]);
    const snapshot = await readAll(bytes, ["考核结果", "校验报告", "空白"]);
    expect(snapshot.sheetNames).toEqual(["考核结果", "校验报告", "空白"]);
    expect(snapshot.sheets.get("考核结果")!.rows[4]).toEqual([num(1), text("=SUM(1)"), num(95.125), num(0.5), bool(true)]);
    expect(snapshot.sheets.get("空白")!.rows).toEqual([]);
  });

  it("is deterministic: the same sheets give the same bytes", () => {
    expect(Buffer.from(createWorkbook([RESULTS])).equals(Buffer.from(createWorkbook([RESULTS])))).toBe(true);
  });

  it("declares every part it holds", () => {
    const bytes = createWorkbook([REPORT]);
    const contentTypes = partText(bytes, "[Content_Types].xml");
    for (const name of unzipParts(bytes).keys()) {
      if (!name.endsWith(".rels") && name !== "[Content_Types].xml") expect(contentTypes, name).toContain(`PartName="/${name}"`);
    }
    expect(() => createWorkbook([])).toThrow();
  });
});
