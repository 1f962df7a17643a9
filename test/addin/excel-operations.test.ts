/// <reference types="office-js" />
import { describe, expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import type { Progress } from "../../addin/operations.js";
import { progressView } from "../../addin/taskpane/progress.js";
import { createFakeExcel, type FakeExcel } from "../fake-excel/fake-excel.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import type { CellEdit } from "../../src/model/workbook.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import type { Grid } from "../../src/model/cell.js";
import { runAssessment } from "../../src/pipeline.js";
import { RunCancelled } from "../../src/io/workbook.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { inputSheets } from "../../src/template/input-sheets.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { PROVISIONAL_BRANCHES, provisionalWorkbook } from "../helpers/sample-workbooks.js";
import { gridEdits } from "../template/fill-template.js";

const NOW = new Date("2026-10-08T09:30:00");

function operationsOn(fake: FakeExcel) {
  return createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW });
}

const progressLog = () => {
  const seen: Progress[] = [];
  return { seen, on: (p: Progress) => void seen.push(p) };
};

/** A workbook in Excel holding exactly what a reader reports for these sheets (values, date formats, errors). */
async function seedFromXlsx(fake: FakeExcel, bytes: Uint8Array): Promise<void> {
  const all = await new XlsxReader(bytes).read([]);
  const snapshot = await new XlsxReader(bytes).read(all.sheetNames);
  for (const name of snapshot.sheetNames) fake.host.seedGrid(snapshot.sheets.get(name) ?? { name, rows: [] });
}

/** What raters type into a template's grid: every open score cell of every branch row. */
function fillGrid(grid: Grid, rater: "A" | "B"): CellEdit[] {
  return gridEdits(grid, defaultRules(), (_, item, { row, col }) => {
    const max = item.max / 100;
    const k = row * 31 + col;
    if (item.type === "veto") return rater === "A" && k % 53 === 0 ? "是" : "否";
    if (item.type === "bonus") return k % 5 === 0 ? Math.min(max, 1) : 0;
    return k % 7 === 0 ? max - (rater === "A" ? 0.5 : max / 2) : k % 3 === 0 ? max - 0.25 : max;
  });
}

describe("Excel operations: the whole flow inside Excel", () => {
  it("new template → raters fill it → validate → score and rank: the same result as the CLI on the same workbook", async () => {
    const fake = createFakeExcel();
    const { host } = fake;
    host.addSheet("Sheet1");
    const ops = operationsOn(fake);
    await ops.newTemplate({ period: "2026年第三季度" });
    const template = templateSheets({ period: "2026Q3" });
    expect(host.sheetNames()).toEqual(["Sheet1", ...template.map((s) => s.name)]);
    expect(host.sheet("评分A").protection.protected).toBe(true);
    expect(host.sheet("评分A").freeze).toEqual({ rows: 4, columns: 2 });
    expect(ops.skippedFeatures()).toEqual([]);

    // Raters type their scores into the open cells of the protected grids.
    const grids = await new ExcelWorkbook({ excel: fake.Excel, office: fake.Office }).read(["评分A", "评分B"]);
    const edits = { 评分A: fillGrid(grids.sheets.get("评分A")!, "A"), 评分B: fillGrid(grids.sheets.get("评分B")!, "B") };
    for (const [sheet, list] of Object.entries(edits)) for (const e of list) host.typeInto(sheet, e.cell, e.value as string | number);

    // The same workbook as a file, for the CLI.
    const file = XlsxWorkbook.create(template);
    for (const [sheet, list] of Object.entries(edits)) await file.patchCells(sheet, list);
    const cli = await runAssessment(new XlsxReader(file.bytes()), null, { now: NOW });

    const inputsBefore = INPUT_SHEETS.filter((n) => host.sheetNames().includes(n)).map((n) => host.fingerprint(n));
    const validation = progressLog();
    const { result: validated } = await ops.validate(validation.on);
    expect(validated).toEqual(cli.result);
    expect(host.sheetNames()).not.toContain(OUTPUT_SHEETS.results); // validation writes nothing
    expect(validation.seen.at(-1)).toEqual({ step: "score", stepNumber: 3, steps: 3, done: 1, total: 1 });

    const scoring = progressLog();
    const { result } = await ops.scoreAndRank(scoring.on);
    expect(JSON.stringify(result)).toBe(JSON.stringify(cli.result));
    expect(result.status).not.toBe("fatal");
    expect(result.branches).toHaveLength(4);
    // The template's example roster gives units: 单位汇总 too.
    expect(host.sheetNames().slice(-9)).toEqual([
      OUTPUT_SHEETS.results,
      OUTPUT_SHEETS.printable,
      OUTPUT_SHEETS.details,
      OUTPUT_SHEETS.report,
      OUTPUT_SHEETS.charts,
      OUTPUT_SHEETS.units,
      OUTPUT_SHEETS.profiles,
      OUTPUT_SHEETS.ledger,
      OUTPUT_SHEETS.log,
    ]);
    expect(host.sheet(OUTPUT_SHEETS.charts).charts.map((c) => c.chartType)).toEqual([
      "Radar",
      "ColumnClustered",
      "XYScatter",
      "BarClustered",
    ]);
    // Progress: reading (by row slices), validating, scoring, writing (by batches), in order, ending at 1.
    expect([...new Set(scoring.seen.map((p) => p.step))]).toEqual(["read", "validate", "score", "write"]);
    expect(scoring.seen.filter((p) => p.step === "read" && p.done! > 0).length).toBeGreaterThan(0);
    const views = scoring.seen.map(progressView);
    expect(views.map((v) => v.fraction)).toEqual(views.map((v) => v.fraction).sort((a, b) => a - b));
    expect(views.at(-1)).toEqual({ fraction: 1, label: "progressDone", step: { n: 4, m: 4, percent: 100 } });

    // The output sheets hold what the CLI writes, cell for cell.
    const outFile = new XlsxWorkbook(file.bytes());
    await outFile.writeSheets(cli.sheets);
    const fromFile = await new XlsxReader(outFile.bytes()).read(Object.values(OUTPUT_SHEETS));
    const fromExcel = await new ExcelWorkbook({ excel: fake.Excel, office: fake.Office }).read(Object.values(OUTPUT_SHEETS));
    // An empty text ("" in a spec) is a blank cell in Excel, which holds no empty string constants.
    const blankEmpty = (g: Grid | undefined) => g?.rows.map((r) => r.map((c) => (c?.kind === "text" && c.value === "" ? null : c)));
    for (const name of [
      OUTPUT_SHEETS.results,
      OUTPUT_SHEETS.details,
      OUTPUT_SHEETS.report,
      OUTPUT_SHEETS.charts,
      OUTPUT_SHEETS.units,
      OUTPUT_SHEETS.ledger,
    ]) {
      expect(blankEmpty(fromExcel.sheets.get(name)), name).toEqual(blankEmpty(fromFile.sheets.get(name)));
    }

    // Input sheets unchanged; a re-run gives the same result, replaces the outputs and appends one log row.
    expect(INPUT_SHEETS.filter((n) => host.sheetNames().includes(n)).map((n) => host.fingerprint(n))).toEqual(inputsBefore);
    const { result: again } = await ops.scoreAndRank(() => undefined);
    expect(again).toEqual(result);
    expect(host.sheetNames().filter((n) => n === OUTPUT_SHEETS.results)).toHaveLength(1);
    expect(host.values(OUTPUT_SHEETS.log)).toHaveLength(3);
    expect(INPUT_SHEETS.filter((n) => host.sheetNames().includes(n)).map((n) => host.fingerprint(n))).toEqual(inputsBefore);
  });

  it("refuses to put a template over sheets that already exist", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets([{ name: "评分A", rows: [["支部编码"]] }]);
    await expect(operationsOn(fake).newTemplate({ period: null })).rejects.toThrow(/已有工作表“评分A”/);
    expect(fake.host.sheetNames()).toEqual(["评分A"]);
    await expect(operationsOn(fake).newTemplate({ period: "2026Q5" })).rejects.toThrow(/考核周期无效/);
  });

  it("gives a workbook with disputes, arbitration and a veto exactly the CLI's result", async () => {
    const bytes = provisionalWorkbook();
    const cli = await runAssessment(new XlsxReader(bytes), null, { now: NOW });
    const fake = createFakeExcel();
    await seedFromXlsx(fake, bytes);
    const { result } = await operationsOn(fake).scoreAndRank(() => undefined);
    expect(JSON.stringify(result)).toBe(JSON.stringify(cli.result));
    expect(result.status).toBe("provisional");
    expect(result.branches).toHaveLength(PROVISIONAL_BRANCHES);
  });

  it("keeps user text that starts with = + - @ as text in every output sheet", async () => {
    const hostile = ['=HYPERLINK("http://example.invalid","点我")', "+86 123", "-1+2", "@SUM(A1)", "=1+1", "'引号", "0012", "TRUE"];
    const rules = defaultRules();
    const sheets = inputSheets({
      settings: { period: "2026Q3", raterAName: "=A方", raterBName: "+B方" },
      rules,
      branches: hostile.map((name, i) => ({ code: `ZB00${i + 1}`, name, category: "生产类", unit: "-单位" })),
      a: (b, it) => (it.type === "veto" ? "否" : it.type === "bonus" ? 0 : it.max / 100 - (b.code === "ZB001" ? 1 : 0)),
      b: (_b, it) => (it.type === "veto" ? "否" : it.type === "bonus" ? 0 : it.max / 100),
      notes: [{ branch: "ZB001", item: "1.1", rater: "A", note: "=说明" }],
    });
    const fake = createFakeExcel();
    fake.host.seedSheets(sheets);
    const { result } = await operationsOn(fake).scoreAndRank(() => undefined);
    expect(result.branches.map((b) => b.name).sort()).toEqual([...hostile].sort());
    let texts = 0;
    for (const name of Object.values(OUTPUT_SHEETS)) {
      for (const [address, cell] of fake.host.cells(name)) {
        expect(cell.formula, `${name}!${address}`).toBeNull();
        expect(cell.type, `${name}!${address}`).not.toBe("Error");
        if (cell.type === "String") texts++;
      }
    }
    expect(texts).toBeGreaterThan(50);
    for (const sheet of [OUTPUT_SHEETS.results, OUTPUT_SHEETS.details, OUTPUT_SHEETS.charts]) {
      const strings = fake.host
        .cells(sheet)
        .filter(([, c]) => c.type === "String")
        .map(([, c]) => c.value);
      for (const h of hostile) expect(strings, `${sheet} keeps ${h}`).toContain(h);
    }
  });

  it("works on ExcelApi 1.1: results and charts written, newer features skipped and reported", async () => {
    const fake = createFakeExcel({ apiVersion: "1.1" });
    fake.host.addSheet("Sheet1");
    const ops = operationsOn(fake);
    await ops.newTemplate({ period: "2026Q3" });
    expect(ops.skippedFeatures().map((s) => s.feature)).toEqual(
      expect.arrayContaining(["dataValidation", "freezePanes", "protection", "merges", "columnWidths"]),
    );
    expect(fake.host.sheet("评分A").protection.protected).toBe(false);

    const bytes = provisionalWorkbook();
    const modern = createFakeExcel();
    await seedFromXlsx(modern, bytes);
    const old = createFakeExcel({ apiVersion: "1.1" });
    await seedFromXlsx(old, bytes);
    const oldOps = operationsOn(old);
    const progress = progressLog();
    const { result } = await oldOps.scoreAndRank(progress.on);
    expect(result).toEqual((await operationsOn(modern).scoreAndRank(() => undefined)).result);
    expect(old.host.sheet(OUTPUT_SHEETS.charts).charts).toHaveLength(4);
    expect(old.host.values(OUTPUT_SHEETS.results)).toEqual(modern.host.values(OUTPUT_SHEETS.results));
    const skipped = oldOps.skippedFeatures();
    expect(skipped.map((s) => s.feature).sort()).toEqual([
      "chartFormatting",
      "columnWidths",
      "dataValidation",
      "freezePanes",
      "hyperlinks",
      "merges",
      "printSetup",
    ]);
    expect(skipped.find((s) => s.feature === "hyperlinks")).toMatchObject({ requirement: "ExcelApi 1.7", sheets: [OUTPUT_SHEETS.report] });
    expect(skipped.map((s) => s.zh)).toContain("冻结窗格");
  });

  it("imports a rater's filled copy into the open workbook's grid", async () => {
    const template = templateSheets({ period: "2026Q3" });
    const fake = createFakeExcel();
    fake.host.seedSheets(template);
    const raterCopy = XlsxWorkbook.create(template);
    const edits = fillGrid((await raterCopy.read(["评分B"])).sheets.get("评分B")!, "B");
    await raterCopy.patchCells("评分B", edits);
    const before = fake.host.fingerprint("评分A");
    const summary = await operationsOn(fake).importRaterFile(raterCopy.bytes(), null);
    expect(summary).toMatchObject({ sheet: "评分B", copied: edits.length, conflicts: [] });
    for (const e of edits) expect(fake.host.cell("评分B", e.cell).value, e.cell).toBe(e.value);
    expect(fake.host.fingerprint("评分A")).toBe(before);
  });

  it("selects the cell an issue points at", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets([{ name: "评分A", rows: [["支部编码"]] }]);
    await operationsOn(fake).selectCell("评分A", "D7");
    expect(fake.host.state.selection).toMatchObject({ rect: { r0: 6, c0: 3, r1: 6, c1: 3 } });
    expect(fake.host.state.activeSheet?.name).toBe("评分A");
  });
});

describe("取消 in Excel: the output sheets are written under temporary names, so a cancel leaves the workbook as it was", () => {
  const state = (fake: FakeExcel) => fake.host.sheetNames().map((name) => `${name} ${fake.host.fingerprint(name)}`);
  // Small batches: the write takes several syncs, and the cancel comes after the first.
  const operations = (fake: FakeExcel) =>
    createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW, payloadBudget: 100_000 });
  const cancelDuringWrite = (fake: FakeExcel) => {
    const abort = new AbortController();
    const onProgress = (p: Progress) => void (p.step === "write" && p.done !== null && p.done > 0 && abort.abort());
    return operations(fake).scoreAndRank(onProgress, { signal: abort.signal });
  };

  it("on a first run (new sheets) and on a re-run (sheets replaced), and a later run completes", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets(sampleQuarterSheets(sampleQuarter({ branches: 40 })));
    const ops = operations(fake);
    const before = state(fake);
    await expect(cancelDuringWrite(fake)).rejects.toBeInstanceOf(RunCancelled);
    expect(state(fake)).toEqual(before);

    await ops.scoreAndRank(() => undefined);
    const scored = state(fake);
    expect(fake.host.sheetNames()).toEqual(expect.arrayContaining(Object.values(OUTPUT_SHEETS)));
    await expect(cancelDuringWrite(fake)).rejects.toBeInstanceOf(RunCancelled);
    expect(state(fake)).toEqual(scored);

    // Run again to its end: every output sheet replaced in its place, no temporary sheet left.
    await ops.scoreAndRank(() => undefined);
    expect(fake.host.sheetNames()).toEqual(scored.map((s) => s.split(" ")[0]));
  });
});

describe("round trips grow with the payload, not with the number of branches", () => {
  async function measure(branches: number) {
    const fake = createFakeExcel();
    fake.host.seedSheets(sampleQuarterSheets(sampleQuarter({ branches, disputeShare: 0.03 })));
    const { result } = await operationsOn(fake).scoreAndRank(() => undefined);
    const s = fake.host.stats;
    return {
      result,
      syncs: s.syncs,
      failed: s.failedSyncs,
      request: s.requestBytes,
      response: s.responseBytes,
      maxRequest: s.maxRequestBytes,
      maxResponse: s.maxResponseBytes,
    };
  }

  it("2,000 branches take no more extra syncs than extra 4 MB chunks of payload over 10 branches", async () => {
    const small = await measure(10);
    const big = await measure(2_000);
    expect(big.result.branches).toHaveLength(2_000);
    const budget = 4_000_000;
    expect([small.failed, big.failed]).toEqual([0, 0]);
    expect(big.maxRequest).toBeLessThanOrEqual(budget);
    expect(big.maxResponse).toBeLessThanOrEqual(budget);
    // Extra 4 MB chunks of everything sent and received.
    const chunks = (m: { request: number; response: number }) => Math.ceil((m.request + m.response) / budget);
    expect(chunks(big)).toBeGreaterThan(chunks(small));
    // Requests are packed sheet by sheet, not byte-perfectly: one partly filled request more than
    // the byte ceiling is the packing's slack (9 output sheets since 单位汇总, 支部画像, 整改台账).
    expect(big.syncs - small.syncs).toBeLessThanOrEqual(chunks(big) - chunks(small) + 1);
    expect(small.syncs).toBeLessThanOrEqual(5);
  }, 120_000);
});
