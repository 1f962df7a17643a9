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
  it("are all reported, in the result and in 校验报告, with one link per row up to Excel's 65,530 and a note", async () => {
    // 1,810 branches × 36 items × 2 raters, every cell "x": 130,320 issues (issues.push(...list) overflowed the stack).
    const { result, sheets } = await assessment()
      .branches(1810)
      .scores(() => "x")
      .run();
    expect(result.issues.filter((i) => i.code === "SCORE_NOT_NUMBER" || i.code === "VETO_INVALID")).toHaveLength(130_320);
    const report = sheets.find((s) => s.name === OUTPUT_SHEETS.report)!;
    const header = report.rows.findIndex((r) => (r[0] as OutCell | null)?.v === "级别");
    expect(report.rows.length - header - 1).toBe(result.issues.length);
    expect(links(report)).toBe(MAX_HYPERLINKS);
    // One link a row, on the cell address; the rows after the 65,530th are plain text.
    const rows = report.rows.slice(header + 1);
    expect(rows.every((r) => r.filter(isLinked).length <= 1)).toBe(true);
    expect(isLinked(rows[0]![3])).toBe(true);
    expect(isLinked(rows[MAX_HYPERLINKS]![3])).toBe(false);
    expect(firstTexts(report).filter((v) => v.startsWith("【链接已达上限】"))).toHaveLength(1);
  }, 120_000);

  it("keeps Excel's row limit: lists what fits, says how many more there are, and links the first ones", () => {
    const issue = { severity: "error" as const, code: "SCORE_NOT_NUMBER" as const, sheet: "评分A", cell: "C2", message: "x" };
    const result = {
      period: "2026Q3",
      status: "provisional",
      summary: { branches: 1, fatal: 0, errors: 30, warnings: 0 },
      issues: Array.from({ length: 30 }, () => issue),
    };
    const sheet = reportSheet(result as unknown as Result, { hyperlinks: 10, rows: 20 });
    expect(sheet.rows.length).toBeLessThanOrEqual(20);
    expect(links(sheet)).toBe(10);
    expect(firstTexts(sheet).filter((v) => v.startsWith("【"))).toEqual([
      "【未全部列出】共 30 项问题，超出 Excel 一张工作表的行数上限，本表只列出前 15 项，另有 15 项未列出。完整清单见 JSON 结果（命令行 --json）。请先改正列出的问题后重新校验。",
      "【链接已达上限】Excel 一张工作表最多 10 个超链接：前 10 项问题的地址可点击跳转，其后各项的工作表和单元格为普通文字，请按地址查找。",
    ]);
    expect(sheet.freezeRows).toBe(5);
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
