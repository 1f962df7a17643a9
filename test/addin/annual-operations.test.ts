/// <reference types="office-js" />
// 年度定级 in Excel mode on the fake Excel host: the open workbook as a quarter, the others as
// files, and the new workbook opened with Excel.createWorkbook (ExcelApi 1.8) or downloaded.
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { beforeAll, describe, expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import { base64 } from "../../addin/excel/excel-workbook.js";
import type { AnnualProgress, QuarterSource } from "../../addin/operations.js";
import { runAnnual, type AnnualRunOutput } from "../../src/annual-pipeline.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "../fake-excel/fake-excel.js";
import { sampleYearFiles } from "../annual/sample-year-files.js";

const NOW = new Date(2026, 11, 28, 9, 0, 0);
const onProgress = (_: AnnualProgress) => undefined;
let expected: AnnualRunOutput;

beforeAll(async () => {
  expected = await runAnnual(
    sampleYearFiles().map((q) => ({ file: q.file, reader: new XlsxReader(q.bytes) })),
    { now: NOW, newWorkbook: createWorkbook },
  );
});

/** Excel with the sample year's last quarter open (as a reader reports its cells), named as its file. */
async function excelWithQ4(options: FakeExcelOptions): Promise<FakeExcel> {
  const fake = createFakeExcel(options);
  const q4 = sampleYearFiles()[3]!;
  const { sheetNames } = await new XlsxReader(q4.bytes).read([]);
  const { sheets } = await new XlsxReader(q4.bytes).read(sheetNames);
  for (const name of sheetNames) fake.host.seedGrid(sheets.get(name)!);
  fake.host.state.fileName = q4.file;
  return fake;
}

const operationsOn = (fake: FakeExcel) => createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW }).annual!;
const files = (): QuarterSource[] =>
  sampleYearFiles()
    .slice(0, 3)
    .map((q) => ({ kind: "file", file: q.file, bytes: q.bytes }));

async function sheetNamesOf(bytes: Uint8Array): Promise<readonly string[]> {
  return (await new XlsxReader(bytes).read([])).sheetNames;
}

describe("年度定级 in Excel mode", () => {
  it("reads the open workbook as a quarter, grades the year as `scorecard annual` does and opens the new workbook in Excel (ExcelApi 1.8)", async () => {
    const fake = await excelWithQ4({ apiVersion: "1.17" });
    const before = fake.host.values("支部名册");
    const annual = operationsOn(fake);
    expect(annual.openWorkbook).toBe(true);
    const open = await annual.checkQuarter({ kind: "open" }, { onProgress });
    expect(open).toEqual(expected.quarters[3]);
    const out = await annual.gradeYear([...files(), { kind: "open" }], { onProgress });
    expect(out.result).toEqual(expected.result);
    expect(out.workbook).toEqual({ how: "opened", fileName: "2026年度定级.xlsx" });
    expect(fake.host.createdWorkbooks).toHaveLength(1);
    expect(await sheetNamesOf(fake.host.createdWorkbooks[0]!)).toEqual(["年度定级", "公示名单", "年度图表", "年度校验报告", "运行记录"]);
    // The open workbook is an input: nothing was written into it.
    expect(fake.host.sheetNames()).not.toContain("年度定级");
    expect(fake.host.values("支部名册")).toEqual(before);
  });

  it("reads the open workbook again when grading: what was fixed or broken since the check counts", async () => {
    const fake = await excelWithQ4({ apiVersion: "1.17" });
    const annual = operationsOn(fake);
    const checked = await annual.checkQuarter({ kind: "open" }, { onProgress });
    expect(checked.errors).toBe(0);
    fake.host.setCell("评分A", "C4", { value: null }); // a score cleared after the check
    const out = await annual.gradeYear([...files(), { kind: "open" }], { onProgress });
    expect(out.quarters[3]!.errors).toBeGreaterThan(0);
    expect(out.result.status).toBe("provisional");
    expect(out.issues.map((i) => i.code)).toContain("ANNUAL_QUARTER_PROVISIONAL");
  });

  it.each([
    { name: "below ExcelApi 1.8", options: { apiVersion: "1.7" } },
    { name: "an office.js without Excel.createWorkbook", options: { apiVersion: "1.17", createWorkbook: false } },
  ])("offers the workbook to download, saying why, $name", async ({ options }) => {
    const fake = await excelWithQ4(options);
    const out = await operationsOn(fake).gradeYear([...files(), { kind: "open" }], { onProgress });
    expect(out.result).toEqual(expected.result);
    expect(out.workbook).toMatchObject({ how: "download", fileName: "2026年度定级.xlsx", why: "noApi" });
    expect(fake.host.createdWorkbooks).toHaveLength(0);
    expect(await sheetNamesOf(out.workbook!.how === "download" ? out.workbook!.bytes : new Uint8Array())).toContain("年度定级");
  });

  it("falls back to the download when Excel refuses to open the workbook", async () => {
    const fake = await excelWithQ4({ apiVersion: "1.17" });
    const excel = { ...fake.Excel, createWorkbook: () => Promise.reject(new Error("blocked")) };
    const annual = createExcelOperations({ excel, office: fake.Office, now: () => NOW }).annual!;
    const out = await annual.gradeYear([...files(), { kind: "open" }], { onProgress });
    expect(out.workbook).toMatchObject({ how: "download", why: "openFailed" });
  });

  it("names the open workbook 当前工作簿 where Excel cannot say its name (before ExcelApi 1.7)", async () => {
    const fake = await excelWithQ4({ apiVersion: "1.1" });
    const annual = operationsOn(fake);
    expect((await annual.checkQuarter({ kind: "open" }, { onProgress })).file).toBe("当前工作簿");
    const out = await annual.gradeYear([...files(), { kind: "open" }], { onProgress });
    expect(out.result.quarters.map((q) => q.file)).toEqual(["2026Q1考核.xlsx", "2026Q2考核.xlsx", "2026Q3考核.xlsx", "当前工作簿"]);
    expect(out.workbook).toMatchObject({ how: "download", why: "noApi" });
  });
});

describe("base64 for Excel.createWorkbook", () => {
  it("is standard base64 at every length, also beyond one slice", () => {
    for (const n of [0, 1, 2, 3, 8191, 8192, 8193, 70_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) % 256);
      expect(base64(bytes), String(n)).toBe(Buffer.from(bytes).toString("base64"));
    }
  });
});
