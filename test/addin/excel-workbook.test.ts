/// <reference types="office-js" />
import { describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import { createFakeExcel, type FakeExcel } from "../fake-excel/fake-excel.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { buildXlsx, stylesWithFormats } from "../helpers/xlsx-fixture.js";

function workbookOn(fake: FakeExcel, payloadBudget?: number): ExcelWorkbook {
  return new ExcelWorkbook({ excel: fake.Excel, office: fake.Office, ...(payloadBudget ? { payloadBudget } : {}) });
}

const CHINESE_DATE = '[$-804]yyyy"年"m"月"d"日"';

describe("ExcelWorkbook.read: cells as the .xlsx reader reports them", () => {
  it("converts text, numbers, dates (built-in and East Asian formats), errors, booleans and blanks, from A1", async () => {
    // The same cells as a file…
    const xlsx = buildXlsx({
      sheets: [
        {
          name: "评分A",
          rows:
            `<row r="3"><c r="C3" t="s"><v>0</v></c><c r="D3"><v>3.5</v></c><c r="E3" s="1"><v>46303</v></c></row>` +
            `<row r="5"><c r="C5" t="e"><v>#DIV/0!</v></c><c r="D5" t="b"><v>1</v></c><c r="F5" s="2"><v>46304.5</v></c>` +
            `<c r="G5" t="inlineStr"><is><t>=1+1</t></is></c><c r="H5" s="3"><v>0.30000000000000004</v></c></row>`,
        },
        { name: "空表", rows: "" },
        { name: "不读", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` },
      ],
      sharedStrings: ["<t>第一党支部</t>"],
      styles: stylesWithFormats([0, 14, 180, 2], { 180: CHINESE_DATE }),
    });
    // …and in Excel, which reports number formats as codes.
    const fake = createFakeExcel();
    const { host } = fake;
    host.setCell("评分A", "C3", { value: "第一党支部" });
    host.setCell("评分A", "D3", { value: 3.5 });
    host.setCell("评分A", "E3", { value: 46303, numberFormat: "m/d/yyyy" });
    host.setCell("评分A", "C5", { value: "#DIV/0!", type: "Error" });
    host.setCell("评分A", "D5", { value: true });
    host.setCell("评分A", "F5", { value: 46304.5, numberFormat: CHINESE_DATE });
    host.setCell("评分A", "G5", { value: "=1+1" });
    host.setCell("评分A", "H5", { value: 0.30000000000000004, numberFormat: "0.00" });
    host.addSheet("空表");
    host.setCell("不读", "A1", { value: 1 });

    const wanted = ["评分A", "空表", "没有这张表"];
    const fromFile = await new XlsxReader(xlsx).read(wanted);
    const fromExcel = await workbookOn(fake).read(wanted);
    expect(fromExcel).toEqual(fromFile);
    expect(fromExcel.sheetNames).toEqual(["评分A", "空表", "不读"]);
    expect(fromExcel.sheets.get("评分A")!.rows[2]![4]).toEqual({ kind: "number", value: 46303, isDate: true });
    expect(fromExcel.sheets.get("评分A")!.rows[4]![5]).toEqual({ kind: "number", value: 46304.5, isDate: true });
  });

  it("reads in one round trip for names and used ranges, then as few as the response budget allows", async () => {
    const fake = createFakeExcel();
    const rows = Array.from({ length: 3_000 }, (_, r) =>
      Array.from({ length: 8 }, (_, c) => (c === 0 ? `ZB${String(r).padStart(5, "0")}` : r + c / 4)),
    );
    fake.host.seedSheets([
      { name: "评分A", rows },
      { name: "评分B", rows: rows.slice(0, 10) },
    ]);
    const budget = 200_000;
    const snapshot = await workbookOn(fake, budget).read(["评分A", "评分B"]);
    expect(snapshot.sheets.get("评分A")!.rows).toHaveLength(3_000);
    expect(snapshot.sheets.get("评分A")!.rows[2_999]![0]).toEqual({ kind: "text", value: "ZB02999" });
    const { stats } = fake.host;
    const dataBytes = stats.responseBytes;
    expect(stats.maxResponseBytes).toBeLessThanOrEqual(budget * 1.1);
    // 1 sync for names and used ranges, then the cells: about their size over the budget.
    expect(stats.syncs).toBeLessThanOrEqual(1 + Math.ceil(dataBytes / (budget * 0.5)));
    expect(stats.syncs).toBeGreaterThan(2);
    expect(stats.failedSyncs).toBe(0);
  });

  it("reads again in smaller slices when a response is larger than assumed", async () => {
    const fake = createFakeExcel({ limits: { responseBytes: 150_000 } });
    const rows = Array.from({ length: 200 }, (_, r) => [`${r}`, "说明".repeat(200)]);
    fake.host.seedSheets([{ name: "扣分说明", rows }]);
    const snapshot = await workbookOn(fake, 140_000).read(["扣分说明"]);
    expect(snapshot.sheets.get("扣分说明")!.rows).toEqual(rows.map((r) => r.map((v) => ({ kind: "text", value: v }))));
    expect(fake.host.stats.failedSyncs).toBeGreaterThan(0);
  });

  it("works with ExcelApi 1.1 only: no null objects, used range with formatting", async () => {
    const fake = createFakeExcel({ apiVersion: "1.1" });
    fake.host.seedSheets([
      {
        name: "评分A",
        rows: [
          ["支部编码", "支部名称"],
          ["ZB001", { v: null, style: "input" }],
        ],
      },
    ]);
    const snapshot = await workbookOn(fake).read(["评分A", "评分B"]);
    expect(snapshot.sheets.get("评分A")!.rows).toEqual([
      [
        { kind: "text", value: "支部编码" },
        { kind: "text", value: "支部名称" },
      ],
      [{ kind: "text", value: "ZB001" }],
    ]);
    expect([...snapshot.sheets.keys()]).toEqual(["评分A"]);
  });
});

// ---------------------------------------------------------------------------------------------

const FEATURES: SheetSpec = {
  name: "考核结果",
  rows: [
    [{ v: "2026Q3 支部考核结果", style: "title" }],
    ["排名", "支部编码", "支部名称", "总分", "得分", "链接"].map((v) => ({ v, style: "header" as const })),
    [
      { v: 1, style: "integer" },
      { v: "001", style: "text" },
      { v: '=HYPERLINK("http://x")', style: "text", tone: "top" },
      { v: 95.5, style: "decimal2", tone: "top" },
      { v: null, style: "input" },
      { v: "D7", style: "text", link: { sheet: "评分A", cell: "D7" } },
    ],
    [
      { v: 2, style: "integer" },
      { v: "TRUE", style: "text" },
      { v: "@SUM(A1)", style: "text", tone: "veto" },
      { v: 80, style: "decimal2", tone: "veto" },
      { v: 3, style: "input" },
      { v: "回到顶部", style: "text", link: { sheet: "考核结果", cell: null } },
    ],
    ["+86 123", "-1+2", "'引号", null, true, 0.5],
  ],
  columnWidths: [6, 10, 24, 10, 10, 10],
  freezeRows: 2,
  freezeColumns: 3,
  merges: ["A1:F1"],
  validations: [
    {
      kind: "decimal",
      range: "E3:E4",
      min: 0,
      max: 5,
      prompt: { title: "得分".repeat(20), text: "评分标准".repeat(100) },
      error: "请输入 0～5 的数",
    },
    { kind: "list", range: "F3 F4", values: ["是", "否"] },
  ],
  protect: true,
  print: { orientation: "landscape", fitToWidth: true, repeatRows: 2 },
  charts: [
    {
      kind: "scatter",
      title: "A方总分与B方总分",
      table: "H2:J4",
      series: [
        { name: "支部", values: "I3:I4", categories: "H3:H4" },
        { name: "参考线 y=x", values: "J3:J4", categories: "H3:H4", line: true },
      ],
      anchor: { from: "L2", to: "T20" },
      xTitle: "A方总分",
      yTitle: "B方总分",
      min: 60,
      max: 100,
    },
    {
      kind: "bar",
      title: "排名",
      table: "H2:I4",
      series: [{ name: "总分", values: "I3:I4", categories: "H3:H4" }],
      anchor: { from: "L22", to: "T40" },
      xTitle: "总分",
      min: 50,
    },
    {
      kind: "radar",
      title: "得分率",
      table: "H2:I4",
      series: [{ name: "总分", values: "I3:I4", categories: "H3:H4" }],
      anchor: { from: "L42", to: "T60" },
      min: 0,
      max: 100,
    },
  ],
};

/** FEATURES with the table its charts point at (H2:J4), one blank column after its rows. */
const WITH_CHART_TABLE: SheetSpec = {
  ...FEATURES,
  rows: FEATURES.rows.map((r, i) =>
    i >= 1 && i <= 3
      ? [
          ...r,
          null,
          ...[
            ["x", "A", "B"],
            ["一", 90, 91],
            ["二", 70, 72],
          ][i - 1]!,
        ]
      : r,
  ),
};

describe("ExcelWorkbook.writeSheets", () => {
  it("writes values with text as text, number formats, looks, merges, widths, panes, links, validation, protection, print and charts", async () => {
    const fake = createFakeExcel();
    const { host } = fake;
    host.seedSheets([{ name: "评分A", rows: [["支部编码"]] }]);
    const spec = WITH_CHART_TABLE;
    const wb = workbookOn(fake);
    await wb.writeSheets([spec]);
    expect(wb.skipped).toEqual([]);

    expect(host.sheetNames()).toEqual(["评分A", "考核结果"]);
    const cell = (a: string) => host.cell("考核结果", a);
    // Text stays text whatever it looks like; numbers and booleans keep their type.
    for (const [a, v] of [
      ["B3", "001"],
      ["C3", '=HYPERLINK("http://x")'],
      ["B4", "TRUE"],
      ["C4", "@SUM(A1)"],
      ["A5", "+86 123"],
      ["B5", "-1+2"],
      ["C5", "'引号"],
    ] as const) {
      expect([cell(a).type, cell(a).value, cell(a).formula, cell(a).numberFormat], a).toEqual(["String", v, null, "@"]);
    }
    expect([cell("D3").value, cell("D3").numberFormat, cell("D3").text]).toEqual([95.5, "0.00", "95.50"]);
    expect([cell("E5").type, cell("F5").value]).toEqual(["Boolean", 0.5]);
    expect(cell("E3").numberFormat).toBe("0.00");
    // Looks.
    expect(cell("A1").format).toMatchObject({ bold: true, size: 16 });
    expect(cell("C2").format).toMatchObject({ bold: true, fill: "#D9D9D9", horizontalAlignment: "Center" });
    expect(cell("C3").format.fill).toBe("#E2EFDA");
    expect(cell("D4").format.fill).toBe("#FFC7CE");
    expect(cell("B3").format.borderTop).toMatchObject({ style: "Continuous" });
    expect(cell("E3").format.locked).toBe(false);
    expect(cell("D3").format.locked).toBe(true);
    expect(cell("F3").format).toMatchObject({ color: "#0563C1", underline: "Single" });
    // Sheet features.
    const sheet = host.sheet("考核结果");
    expect(sheet.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 5 }]);
    expect(sheet.freeze).toEqual({ rows: 2, columns: 3 });
    expect(sheet.columnWidths.get(2)).toBeCloseTo((24 * 7 + 5) * 0.75);
    expect(cell("F3").hyperlink).toEqual({ documentReference: "'评分A'!D7", screenTip: "转到 '评分A'!D7" });
    expect(cell("F4").hyperlink?.documentReference).toBe("'考核结果'!A1");
    expect(cell("F3").value).toBe("D7");
    expect(cell("E4").validation?.rule).toEqual({ decimal: { formula1: 0, formula2: 5, operator: "Between" } });
    expect((cell("E4").validation?.prompt?.title as string).length).toBeLessThanOrEqual(32);
    expect(cell("F4").validation?.rule).toEqual({ list: { inCellDropDown: true, source: "是,否" } });
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.pageLayout).toMatchObject({
      orientation: "Landscape",
      printTitleRows: "$1:$2",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    const [scatter, bar, radar] = sheet.charts;
    expect(scatter).toMatchObject({ chartType: "XYScatter", title: "A方总分与B方总分", position: { from: "L2", to: "T20" } });
    expect(scatter!.series.map((s) => [s.name, s.chartType])).toEqual([
      ["支部", "XYScatter"],
      ["参考线 y=x", "XYScatterLinesNoMarkers"],
    ]);
    expect(scatter!.axes).toEqual({
      category: { title: "A方总分", minimum: 60, maximum: 100 },
      value: { title: "B方总分", minimum: 60, maximum: 100 },
    });
    expect(bar!.axes.value).toEqual({ title: "总分", minimum: 50, maximum: null }); // a bar chart's value axis is the horizontal one
    expect(radar!.axes.value).toMatchObject({ minimum: 0, maximum: 100, title: null });
    expect(host.state.activeSheet?.name).toBe("考核结果");
  });

  it("replaces an output sheet in its place, leaving every other sheet as it was", async () => {
    const fake = createFakeExcel();
    const { host } = fake;
    host.seedSheets([
      { name: "考核设置", rows: [["设置项", "值"]] },
      { name: "考核结果", rows: [["旧的"], ["old"]], protect: true },
      { name: "评分A", rows: [["支部编码"], ["=1+1"]] },
    ]);
    const before = ["考核设置", "评分A"].map((n) => host.fingerprint(n));
    await workbookOn(fake).writeSheets([
      { name: "考核结果", rows: [["新的"]] },
      { name: "双评明细", rows: [["明细"]] },
    ]);
    expect(host.sheetNames()).toEqual(["考核设置", "考核结果", "评分A", "双评明细"]);
    expect(host.values("考核结果")).toEqual([["新的"]]);
    expect(host.sheet("考核结果").protection.protected).toBe(false);
    expect(["考核设置", "评分A"].map((n) => host.fingerprint(n))).toEqual(before);
  });

  it("never overwrites an input sheet", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets([{ name: "评分A", rows: [["支部编码"]] }]);
    await expect(workbookOn(fake).writeSheets([{ name: "评分a", rows: [["x"]] }])).rejects.toThrow(/不会覆盖/);
    expect(fake.host.values("评分A")).toEqual([["支部编码"]]);
  });

  it("appends a spec's rows below the last used row of an existing sheet, and creates it whole when missing", async () => {
    for (const apiVersion of ["1.1", "1.17"]) {
      const fake = createFakeExcel({ apiVersion });
      const log = (time: string): SheetSpec => ({
        name: "运行记录",
        rows: [
          ["时间", "周期"].map((v) => ({ v, style: "header" as const })),
          [
            { v: time, style: "text" },
            { v: "2026Q3", style: "text" },
          ],
        ],
        append: { appendSkip: 1 },
        freezeRows: 1,
      });
      const wb = workbookOn(fake);
      await wb.writeSheets([log("2026-10-01 09:00:00")]);
      await wb.writeSheets([log("2026-10-02 09:00:00")]);
      await wb.writeSheets([log("2026-10-03 09:00:00")]);
      expect(fake.host.values("运行记录"), apiVersion).toEqual([
        ["时间", "周期"],
        ["2026-10-01 09:00:00", "2026Q3"],
        ["2026-10-02 09:00:00", "2026Q3"],
        ["2026-10-03 09:00:00", "2026Q3"],
      ]);
      expect(fake.host.cell("运行记录", "A4").numberFormat).toBe("@");
    }
  });

  it("with ExcelApi 1.1 writes values, looks and charts, and reports what it left out", async () => {
    const fake = createFakeExcel({ apiVersion: "1.1" });
    const spec = WITH_CHART_TABLE;
    const wb = workbookOn(fake);
    await wb.writeSheets([spec]);
    const { host } = fake;
    expect(host.cell("考核结果", "C3")).toMatchObject({ type: "String", value: '=HYPERLINK("http://x")', numberFormat: "@" });
    expect(host.cell("考核结果", "C2").format).toMatchObject({ bold: true, fill: "#D9D9D9" });
    const sheet = host.sheet("考核结果");
    expect(sheet.charts.map((c) => c.chartType)).toEqual(["XYScatter", "BarClustered", "Radar"]);
    expect(sheet.charts[0]!.series.map((s) => s.name)).toEqual(["支部", "参考线 y=x"]);
    expect(sheet.freeze).toBeNull();
    expect(sheet.merges).toEqual([]);
    expect(host.cell("考核结果", "F3").hyperlink).toBeNull();
    expect(host.cell("考核结果", "E3").validation).toBeNull();
    expect(sheet.protection.protected).toBe(false);
    expect(wb.skipped.map((s) => [s.feature, s.requirement]).sort()).toEqual(
      [
        ["chartFormatting", "ExcelApi 1.7"],
        ["columnWidths", "ExcelApi 1.2"],
        ["dataValidation", "ExcelApi 1.8"],
        ["freezePanes", "ExcelApi 1.7"],
        ["hyperlinks", "ExcelApi 1.7"],
        ["merges", "ExcelApi 1.2"],
        ["printSetup", "ExcelApi 1.9"],
        ["protection", "ExcelApi 1.2"],
      ].sort(),
    );
    expect(wb.skipped.find((s) => s.feature === "freezePanes")!.sheets).toEqual(["考核结果"]);
  });

  it("splits big writes into requests under the budget, syncing about once per budget of payload", async () => {
    const fake = createFakeExcel();
    const rows = Array.from({ length: 5_000 }, (_, r) => [
      { v: `ZB${r}`, style: "text" as const },
      { v: "第一党支部".repeat(3), style: "text" as const },
      { v: r / 4, style: "decimal2" as const },
    ]);
    const budget = 100_000;
    await workbookOn(fake, budget).writeSheets([{ name: "双评明细", rows }]);
    const { stats } = fake.host;
    expect(fake.host.values("双评明细")).toHaveLength(5_000);
    expect(stats.maxRequestBytes).toBeLessThanOrEqual(budget);
    expect(stats.syncs).toBeLessThanOrEqual(2 + Math.ceil(stats.requestBytes / budget));
    expect(stats.operations).toBeLessThan(200); // formats by column runs, values by row blocks
  });
});

describe("ExcelWorkbook.patchCells and select", () => {
  it("sets only the given cells; text stays text in any cell format, on a protected sheet's open cells", async () => {
    const fake = createFakeExcel();
    const { host } = fake;
    host.seedSheets([
      {
        name: "评分A",
        rows: [
          ["支部编码", "1.1", "V1"],
          ["ZB001", { v: null, style: "input" }, { v: null, style: "inputText" }],
          ["ZB002", { v: null, style: "input" }, { v: null, style: "inputText" }],
        ],
        protect: true,
      },
    ]);
    const wb = workbookOn(fake);
    await wb.patchCells("评分A", [
      { cell: "B2", value: 3.5 },
      { cell: "C2", value: "=1+1" },
      { cell: "B3", value: "-1" },
      { cell: "C3", value: "是" },
    ]);
    expect(host.cell("评分A", "B2")).toMatchObject({ type: "Double", value: 3.5 });
    expect(host.cell("评分A", "C2")).toMatchObject({ type: "String", value: "=1+1", formula: null, numberFormat: "@" });
    expect(host.cell("评分A", "B3")).toMatchObject({ type: "String", value: "-1", formula: null, quotePrefix: true });
    expect(host.cell("评分A", "C3")).toMatchObject({ type: "String", value: "是" });
    expect(host.cell("评分A", "A2").value).toBe("ZB001");
    await expect(wb.patchCells("评分A", [{ cell: "A2", value: "X" }])).rejects.toThrow(/受保护/);
    await expect(wb.patchCells("没有", [{ cell: "A1", value: 1 }])).rejects.toThrow(/工作簿中没有工作表“没有”/);
  });

  it("selects a cell on its sheet", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets([
      { name: "一", rows: [["a"]] },
      { name: "评分A", rows: [["b"]] },
    ]);
    await workbookOn(fake).select("评分A", "H4");
    expect(fake.host.state.activeSheet?.name).toBe("评分A");
    expect(fake.host.state.selection?.rect).toEqual({ r0: 3, c0: 7, r1: 3, c1: 7 });
    await expect(workbookOn(fake).select("不存在", "A1")).rejects.toThrow(/工作簿中没有工作表“不存在”/);
  });
});
