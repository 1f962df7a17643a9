/// <reference types="office-js" />
// 支部画像 written through Office.js on the fake host: one block a page (ExcelApi 1.9, left out
// with a note before it), a radar per branch built from its block's table, and 转到画像页.
import { describe, expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { profilesLayout } from "../../src/report/sheets/profiles.js";
import { createFakeExcel } from "../fake-excel/fake-excel.js";

async function scored(apiVersion: string, branches = 6) {
  const fake = createFakeExcel({ apiVersion });
  fake.host.seedSheets(sampleQuarterSheets(sampleQuarter({ branches })));
  const ops = createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => new Date(2026, 9, 8, 9, 30) });
  const { result } = await ops.scoreAndRank(() => undefined);
  return { fake, ops, result, layout: profilesLayout(result) };
}

describe("支部画像 in Excel", () => {
  it("writes one block a printed page and a radar per branch against its category", async () => {
    const { fake, ops, result, layout } = await scored("1.9");
    expect(ops.skippedFeatures()).toEqual([]);
    const sheet = fake.host.sheet(OUTPUT_SHEETS.profiles);
    const firsts = result.branches.map((b) => layout.blocks.get(b.code)!.first);
    expect(sheet.pageLayout.rowBreaks).toEqual(firsts.slice(1));
    expect(sheet.pageLayout).toMatchObject({ orientation: "Portrait", paperSize: "A4" });
    result.branches.forEach((b, i) => {
      expect(fake.host.cell(OUTPUT_SHEETS.profiles, `A${firsts[i]! + 1}`).value).toBe(`${b.name} 2026Q3 考核画像`);
    });
    const charts = sheet.charts;
    expect(charts).toHaveLength(result.branches.length);
    for (const c of charts) {
      expect(c.chartType).toBe("Radar");
      expect(c.series.map((s) => s.name)).toEqual(["本支部", "类别平均"]);
    }
  });

  it("leaves the page breaks out on ExcelApi 1.8 and names 支部画像 in the note", async () => {
    const { fake, ops } = await scored("1.8");
    expect(fake.host.sheet(OUTPUT_SHEETS.profiles).pageLayout.rowBreaks).toEqual([]);
    const skipped = ops.skippedFeatures().find((s) => s.feature === "printSetup")!;
    expect(skipped.requirement).toBe("ExcelApi 1.9");
    expect(skipped.sheets).toContain(OUTPUT_SHEETS.profiles);
    expect(skipped.zh).toContain("分页");
  });

  it("转到画像页 selects the branch's block", async () => {
    const { fake, ops, result, layout } = await scored("1.9");
    const b = result.branches[2]!;
    await ops.showProfile(result, b.code);
    const block = layout.blocks.get(b.code)!;
    expect(fake.host.state.activeSheet?.name).toBe(OUTPUT_SHEETS.profiles);
    expect(fake.host.state.selection).toMatchObject({ rect: { r0: block.first, c0: 0, r1: block.last, c1: 7 } });
  });
});
