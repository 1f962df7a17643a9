import { describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { runAssessment } from "../../src/pipeline.js";
import { createFakeExcel, type FakeExcel } from "../fake-excel/fake-excel.js";
import { correctionScenario, expectCarriedOver, LEDGER_NOW, readLedger } from "../helpers/ledger-scenario.js";

/** Excel holding the demo quarter's input sheets (8 branches) as a reader reports them. */
async function excelWithQuarter(apiVersion?: string): Promise<FakeExcel> {
  const fake = createFakeExcel(apiVersion === undefined ? {} : { apiVersion });
  const bytes = createWorkbook(sampleQuarterSheets(sampleQuarter({ branches: 8 })));
  const reader = new XlsxReader(bytes);
  const snapshot = await reader.read((await reader.read([])).sheetNames);
  for (const name of snapshot.sheetNames) fake.host.seedGrid(snapshot.sheets.get(name)!);
  return fake;
}

describe("整改台账 in Excel (the Office.js adapter on the fake host)", () => {
  it("keeps what people typed when the workbook is scored again after a correction", async () => {
    const fake = await excelWithQuarter();
    const wb = new ExcelWorkbook({ excel: fake.Excel, office: fake.Office });
    const outcome = await correctionScenario(wb);
    expectCarriedOver(outcome);

    // 整改状态 has its list on every data row, 完成时限 a date format; typed text is text, never a formula.
    const { header, titles, rows } = await readLedger(wb);
    const sheet = fake.host.state.find(OUTPUT_SHEETS.ledger)!;
    const status = titles.indexOf("整改状态");
    for (const r of rows) {
      expect(sheet.cell(r.index, status)?.validation?.rule, `row ${r.index + 1}`).toEqual({
        list: { inCellDropDown: true, source: "未整改,整改中,已销号" },
      });
    }
    expect(sheet.cell(header + 1 + rows.length, status)?.validation ?? null).toBeNull();
    const blankDeadline = rows.find((r) => r.cells["完成时限"] === null)!;
    expect(sheet.cell(blankDeadline.index, titles.indexOf("完成时限"))?.numberFormat).toBe("yyyy-mm-dd");
    // A date typed as text stays text ("@"), as it was typed.
    const textDeadline = rows.find((r) => r.cells["完成时限"]?.kind === "text")!;
    expect(sheet.cell(textDeadline.index, titles.indexOf("完成时限"))?.numberFormat).toBe("@");
    for (const r of rows) for (let c = 0; c < titles.length; c++) expect(sheet.cell(r.index, c)?.formula ?? null).toBeNull();
    expect(wb.skipped).toEqual([]);
  });

  it("without ExcelApi 1.8 writes the ledger without its list and says so", async () => {
    const fake = await excelWithQuarter("1.7");
    const wb = new ExcelWorkbook({ excel: fake.Excel, office: fake.Office });
    await runAssessment(wb, wb, { now: LEDGER_NOW });
    const { rows } = await readLedger(wb);
    expect(rows.length).toBeGreaterThan(0);
    expect(wb.skipped.find((s) => s.feature === "dataValidation")).toMatchObject({
      requirement: "ExcelApi 1.8",
      sheets: [OUTPUT_SHEETS.ledger],
    });
  });
});
