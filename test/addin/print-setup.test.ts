/// <reference types="office-js" />
// The quarterly output sheets' print setup written through Office.js (ExcelApi 1.9), and left
// out with a note on a host without it.
import { describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { createFakeExcel } from "../fake-excel/fake-excel.js";
import { assessment } from "../helpers/assessment-builder.js";

async function written(apiVersion: string) {
  const out = await assessment()
    .branches(3)
    .scoresA({ ZB002: { "1.1": 3 } })
    .run();
  const fake = createFakeExcel({ apiVersion });
  const wb = new ExcelWorkbook({ excel: fake.Excel, office: fake.Office });
  await wb.writeSheets(out.sheets);
  return { out, host: fake.host, wb };
}

describe("print setup of the output sheets in Excel", () => {
  it("gives every output sheet A4, the footer with period and page numbers, and its titles, area and breaks", async () => {
    const { out, host, wb } = await written("1.9");
    expect(wb.skipped).toEqual([]);
    for (const spec of out.sheets) {
      const layout = host.sheet(spec.name).pageLayout;
      expect(layout.paperSize, spec.name).toBe("A4");
      expect(layout.centerFooter, spec.name).toBe(`2026Q3 ${spec.name}\u3000第 &P 页 共 &N 页`);
    }
    const results = host.sheet(OUTPUT_SHEETS.results).pageLayout;
    expect(results).toMatchObject({ orientation: "Landscape", printTitleColumns: "$A:$C", printTitleRows: "$1:$2" });
    const printable = host.sheet(OUTPUT_SHEETS.printable).pageLayout;
    expect(printable).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(printable.margins.left).toBeCloseTo(21.6);
    // 双评明细: the agreement on its own page, then one page a branch under the repeated header.
    const details = out.sheets.find((s) => s.name === OUTPUT_SHEETS.details)!;
    const header = details.print!.repeatFrom!;
    expect(host.sheet(OUTPUT_SHEETS.details).pageLayout).toMatchObject({
      orientation: "Portrait",
      printTitleRows: `$${header + 1}:$${header + 1}`,
      rowBreaks: [header, header + 1 + 32, header + 1 + 64],
    });
    // 统计图表: the charts and small tables printed, the A-versus-B data beside them not.
    expect(host.sheet(OUTPUT_SHEETS.charts).pageLayout.printArea).toMatch(/^A1:H\d+$/);
    expect(host.sheet(OUTPUT_SHEETS.charts).pageLayout.rowBreaks.length).toBe(4);
  });

  it("leaves print setup out on ExcelApi 1.8 and says so, for every output sheet", async () => {
    const { out, host, wb } = await written("1.8");
    expect(host.sheet(OUTPUT_SHEETS.results).pageLayout.centerFooter).toBe("");
    const skipped = wb.skipped.find((s) => s.feature === "printSetup")!;
    expect(skipped.requirement).toBe("ExcelApi 1.9");
    expect(skipped.sheets).toEqual(out.sheets.map((s) => s.name));
    expect(skipped.zh).toContain("页码");
  });
});
