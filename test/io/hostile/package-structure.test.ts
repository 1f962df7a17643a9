import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { text as textCell } from "../../../src/model/cell.js";
import { bytes, entriesOf, forgeZip, runOn, sampleParts, sheetPart, STACK_TRACE, text } from "./forge.js";

/*
 * Packages whose structure is broken or hostile: Excel itself would refuse or repair them, or
 * they cannot take the results as they are. Each gives correct results or a clear fatal
 * message (exit 2), never a stack trace, never a damaged output, never a changed input.
 */

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
let parts: Map<string, Uint8Array>;

beforeAll(() => {
  parts = sampleParts();
});

const edited = (source: ReadonlyMap<string, Uint8Array>, name: string, change: (xml: string) => string) =>
  forgeZip(entriesOf(source, (e) => (e.name === name ? { ...e, data: bytes(change(text(e.data!))) } : e)));

async function expectUnreadable(input: Uint8Array, message: string): Promise<void> {
  const run = await runOn(input);
  expect(run.code).toBe(2);
  expect(run.json?.status).toBe("fatal");
  expect(run.json?.issues.map((i) => i.code)).toEqual(["WORKBOOK_UNREADABLE"]);
  expect(run.json?.issues[0]!.message).toContain(message);
  expect(run.json?.issues[0]!.message).toMatch(/请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 \.xlsx 文件后再试。$/);
  expect(run.stderr + run.stdout).not.toMatch(STACK_TRACE);
  expect(run.output).toBeUndefined();
  expect(run.inputUnchanged).toBe(true);
}

/** A score run that could not write the results, and wrote nothing, saying why in stderr. */
async function expectUnwritable(input: Uint8Array, message: RegExp): Promise<void> {
  const run = await runOn(input);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/再试。|再运行/);
  expect(run.stderr + run.stdout).not.toMatch(STACK_TRACE);
  expect(run.output).toBeUndefined();
  expect(run.inputUnchanged).toBe(true);
}

describe("packages Excel would call damaged: WORKBOOK_UNREADABLE", () => {
  it("no [Content_Types].xml", async () => {
    await expectUnreadable(
      forgeZip(entriesOf(parts).filter((e) => e.name !== "[Content_Types].xml")),
      "缺少每个 Excel 工作簿都有的内容类型清单（技术信息：[Content_Types].xml）",
    );
  });

  it("a workbook.xml without <sheets>", async () => {
    await expectUnreadable(
      edited(parts, "xl/workbook.xml", (xml) => xml.replace(/<sheets>.*<\/sheets>/, "")),
      "工作簿中没有工作表清单（技术信息：xl/workbook.xml）",
    );
  });

  it("a <sheets> that only appears inside a comment", async () => {
    await expectUnreadable(
      edited(parts, "xl/workbook.xml", (xml) => xml.replace(/<sheets>.*<\/sheets>/, (s) => `<!--${s}-->`)),
      "没有工作表清单",
    );
  });

  it("two sheets of the same name, or of names differing only in case", async () => {
    const twice = (name: string) => (xml: string) => xml.replace(/<sheet [^>]*name="评分B"/, (s) => s.replace("评分B", name));
    await expectUnreadable(edited(parts, "xl/workbook.xml", twice("评分A")), "有两个工作表都名为“评分A”");
    const lower = edited(parts, "xl/workbook.xml", (xml) =>
      xml.replace('name="考核设置"', 'name="Sheet"').replace('name="评分细则"', 'name="SHEET"'),
    );
    await expectUnreadable(lower, "有两个工作表都名为“SHEET”");
  });

  it("a sheet whose part is missing", async () => {
    const gridB = sheetPart(parts, "评分B");
    await expectUnreadable(forgeZip(entriesOf(parts).filter((e) => e.name !== gridB)), "找不到工作表“评分B”的内容");
  });
});

/** The sample workbook with a chart sheet of this name added. */
function withChartSheet(name: string): Uint8Array {
  const source = new Map(parts);
  const change = (part: string, f: (xml: string) => string) => source.set(part, bytes(f(text(source.get(part)!))));
  change("xl/workbook.xml", (xml) => xml.replace("</sheets>", `<sheet name="${name}" sheetId="90" r:id="rIdChart"/></sheets>`));
  change("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace(
      "</Relationships>",
      `<Relationship Id="rIdChart" Type="${REL_NS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    ),
  );
  change("[Content_Types].xml", (xml) =>
    xml.replace(
      "</Types>",
      `<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>`,
    ),
  );
  source.set(
    "xl/chartsheets/sheet1.xml",
    bytes(`<chartsheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`),
  );
  return forgeZip(entriesOf(source));
}

describe("workbooks that cannot take the results: nothing written, exit 2, the way out said", () => {
  it.each(["考核结果", "统计图表", "运行记录"])("a chart sheet named %s, like an output sheet", async (name) => {
    await expectUnwritable(
      withChartSheet(name),
      new RegExp(`工作表“${name}”不是普通工作表（例如图表工作表），无法写入结果。请将它改名或删除后再试。`),
    );
  });

  it("a chart sheet of another name is left alone", async () => {
    const run = await runOn(withChartSheet("趋势图"));
    expect(run.code).toBe(0);
    expect(unzipSync(run.output!)["xl/chartsheets/sheet1.xml"]).toBeDefined();
  });
});

describe("运行记录 as a user may leave it", () => {
  let scored: Map<string, Uint8Array>;
  let log: string;

  beforeAll(async () => {
    const first = await runOn(forgeZip(entriesOf(parts)));
    expect(first.code).toBe(0);
    scored = new Map(Object.entries(unzipSync(first.output!)));
    log = sheetPart(scored, "运行记录");
  });

  it("without <sheetData> (Excel would repair it): it gets one where the schema wants it, with the header and this run's row", async () => {
    const input = edited(scored, log, (xml) => xml.replace(/<sheetData>.*<\/sheetData>/, ""));
    const run = await runOn(input);
    expect(run.code).toBe(0);
    const xml = text(unzipSync(run.output!)[log]!);
    expect(xml).toMatch(/<\/cols><sheetData><row r="1">.*<\/sheetData><pageMargins/);
    const grid = (await new XlsxReader(run.output!).read(["运行记录"])).sheets.get("运行记录")!;
    expect(grid.rows).toHaveLength(2);
    expect(grid.rows[0]![0]).toEqual(textCell("时间"));
    expect(grid.rows[1]![0]).toEqual(textCell("2026-10-08 09:30:00"));
  });

  it("with rows down to Excel's last row (1,048,576): nothing is written, and the message says how to go on", async () => {
    const lastRow = `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>满</t></is></c></row>`;
    const input = edited(scored, log, (xml) => xml.replace("</sheetData>", `${lastRow}</sheetData>`));
    await expectUnwritable(
      input,
      /“运行记录”已写到 Excel 的最后一行（第 1,048,576 行），无法再添加本次运行的记录，因此没有写入任何结果。请将“运行记录”工作表改名/,
    );
  });

  it("with rows that only look like rows (in a comment, a processing instruction): only real rows count", async () => {
    const fake = `<!-- <row r="1048576"><c r="A1048576"><v>1</v></c></row> --><?pi <row r="1048576"/> ?>`;
    const run = await runOn(edited(scored, log, (xml) => xml.replace("</sheetData>", `${fake}</sheetData>`)));
    expect(run.code).toBe(0);
    const xml = text(unzipSync(run.output!)[log]!);
    expect(xml).toContain(`${fake}<row r="3">`);
  });
});
