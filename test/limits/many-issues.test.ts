import { describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import { createFakeExcel } from "../fake-excel/fake-excel.js";
import { worksheetXml } from "../../src/io/xlsx/sheet-writer.js";
import { MAX_HYPERLINKS } from "../../src/report/excel-limits.js";
import { reportSheet } from "../../src/report/sheets/report.js";
import type { OutCell, SheetSpec } from "../../src/report/sheet-spec.js";
import type { Result } from "../../src/model/result.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { assessment } from "../helpers/assessment-builder.js";

const isLinked = (e: unknown) => e !== null && typeof e === "object" && (e as OutCell).link !== undefined;
const links = (sheet: SheetSpec) => sheet.rows.reduce((n, row) => n + row.filter(isLinked).length, 0);
const firstTexts = (sheet: SheetSpec) => sheet.rows.map((r) => String((r[0] as OutCell | null)?.v ?? ""));

describe("more than 130,000 grid issues", () => {
  it("are all in the result; 校验报告 lists the first 65,530, each linked, and counts the rest", async () => {
    // 1,810 branches × 36 items × 2 raters, every cell "x": 130,320 issues (issues.push(...list) overflowed the stack).
    const { result, sheets } = await assessment()
      .branches(1810)
      .scores(() => "x")
      .run();
    expect(result.issues.filter((i) => i.code === "SCORE_NOT_NUMBER" || i.code === "VETO_INVALID")).toHaveLength(130_320);
    const report = sheets.find((s) => s.name === OUTPUT_SHEETS.report)!;
    const header = report.rows.findIndex((r) => (r[0] as OutCell | null)?.v === "级别");
    const rows = report.rows.slice(header + 1);
    expect(rows).toHaveLength(MAX_HYPERLINKS);
    // One link a row, on the cell address: every listed issue leads to its cell.
    expect(links(report)).toBe(MAX_HYPERLINKS);
    expect(rows.every((r) => r.filter(isLinked).length === 1 && isLinked(r[3]))).toBe(true);
    expect(rows.map((r) => `${(r[2] as OutCell).v}!${(r[3] as OutCell).v}`)).toEqual(
      result.issues.slice(0, MAX_HYPERLINKS).map((i) => `${i.sheet}!${i.cell}`),
    );
    const notes = firstTexts(report).filter((v) => v.startsWith("【"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`共 ${result.issues.length} 项问题，本表列出前 65530 项`);
  }, 120_000);

  it("lists as many as a sheet can link, says how many more there are and where they all are", () => {
    const issue = { severity: "error" as const, code: "SCORE_NOT_NUMBER" as const, sheet: "评分A", cell: "C2", message: "x" };
    const result = {
      period: "2026Q3",
      status: "provisional",
      summary: { branches: 1, fatal: 0, errors: 30, warnings: 0 },
      issues: Array.from({ length: 30 }, () => issue),
    };
    const sheet = reportSheet(result as unknown as Result, { listed: 10 });
    expect(sheet.rows).toHaveLength(4 + 10);
    expect(links(sheet)).toBe(10);
    expect(firstTexts(sheet).filter((v) => v.startsWith("【"))).toEqual([
      "【未全部列出】共 30 项问题，本表列出前 10 项（Excel 一张工作表最多 10 个链接，列出的每项都可点击跳转），另有 20 项未列出。请先改正列出的问题，再重新校验，其余的问题会接着列在这里。",
    ]);
    expect(sheet.freezeRows).toBe(4);
  });

  it("links an issue without a cell on its sheet name", async () => {
    const result = await assessment().branches(2).without("评分B").result();
    const row = reportSheet(result).rows.find((r) => (r[1] as OutCell | undefined)?.v === "SHEET_MISSING")!;
    expect(row.map(isLinked)).toEqual([false, false, true, false, false]);
    expect((row[2] as OutCell).link).toEqual({ sheet: "评分B", cell: null });
  });

  it("the .xlsx writer never writes more than 65,530 hyperlinks on a sheet, whatever it is given", () => {
    const spec: SheetSpec = {
      name: "S",
      rows: Array.from({ length: MAX_HYPERLINKS + 70 }, (_, r) => [{ v: `A${r + 1}`, link: { sheet: "S", cell: "A1" } }]),
    };
    const xml = worksheetXml(spec, () => undefined);
    expect(xml.match(/<hyperlink /g)).toHaveLength(MAX_HYPERLINKS);
  });

  it("nor does the Office.js writer", async () => {
    const fake = createFakeExcel();
    const spec: SheetSpec = {
      name: "S",
      rows: Array.from({ length: MAX_HYPERLINKS + 70 }, (_, r) => [{ v: `A${r + 1}`, link: { sheet: "S", cell: "A1" } }]),
    };
    await new ExcelWorkbook({ excel: fake.Excel, office: fake.Office }).writeSheets([spec]);
    const linked = fake.host.cells("S").filter(([, c]) => c.hyperlink !== null);
    expect(linked).toHaveLength(MAX_HYPERLINKS);
    expect(fake.host.cell("S", `A${MAX_HYPERLINKS + 1}`).hyperlink).toBeNull();
  }, 60_000);
});
