import type { Result } from "../../src/model/result.js";
import { denseRows } from "../helpers/sheet-values.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ExcelWorkbook } from "../../addin/excel/excel-workbook.js";
import { createFakeExcel } from "../fake-excel/fake-excel.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { escapeXstring, fitXstring } from "../../src/io/xlsx/xstring.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import type { Cell } from "../../src/model/cell.js";
import { fitCellText, MAX_CELL_TEXT, overlongTexts } from "../../src/report/excel-limits.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { assessment } from "../helpers/assessment-builder.js";
import { runCli } from "../helpers/cli.js";
import { zipRaw } from "../helpers/xlsx-fixture.js";

const LONG = "很长的支部名称".repeat(6_000); // 42,000 characters
const texts = (rows: readonly (readonly Cell[])[]) => rows.flat().flatMap((c) => (c?.kind === "text" ? [c.value] : []));

/** The builder's workbook as .xlsx, with texts replaced in the parts (our writer would shorten them). */
function workbookWith(build: ReturnType<typeof assessment>, replace: Readonly<Record<string, string>>): Uint8Array {
  const specs: SheetSpec[] = [...build.build().sheets.values()].map((g) => ({
    name: g.name,
    rows: denseRows(g).map((r) => r.map((c) => (c === null ? null : c.value))),
  }));
  const parts = unzipSync(createWorkbook(specs));
  const edit = (xml: string) => Object.entries(replace).reduce((x, [find, by]) => x.replaceAll(`>${find}<`, `>${by}<`), xml);
  return zipRaw(
    Object.fromEntries(Object.entries(parts).map(([n, b]) => [n, n.startsWith("xl/worksheets/") ? strToU8(edit(strFromU8(b))) : b])),
  );
}

describe("text longer than Excel's 32,767 characters a cell", () => {
  it("is cut to 32,767 characters ending in …, never splitting a character", () => {
    expect(fitCellText("短")).toBe("短");
    expect(fitCellText("a".repeat(MAX_CELL_TEXT))).toHaveLength(MAX_CELL_TEXT);
    const cut = fitCellText("a".repeat(MAX_CELL_TEXT + 1));
    expect(cut).toHaveLength(MAX_CELL_TEXT);
    expect(cut.endsWith("a…")).toBe(true);
    // 😀 is two code units; one must not be left alone at the cut.
    const emoji = fitCellText("a" + "😀".repeat(MAX_CELL_TEXT));
    expect(emoji.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(emoji.endsWith("😀…")).toBe(true);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("counts characters written as _xHHHH_ as the file stores them: the stored text fits too", () => {
    const text = "\u0001" + "a".repeat(MAX_CELL_TEXT);
    const fitted = fitXstring(text);
    expect(fitted.startsWith("\u0001aaa")).toBe(true);
    expect(fitted.endsWith("a…")).toBe(true);
    expect(escapeXstring(fitted).length).toBe(MAX_CELL_TEXT); // "_x0001_" + 32,759 × "a" + "…"
    // A literal "_x0041_" is stored as "_x005F_x0041_" (13 characters): 2,520 of them and "…" fit.
    const lookalikes = fitXstring("_x0041_".repeat(5000));
    expect(lookalikes).toBe("_x0041_".repeat(2520) + "…");
    expect(escapeXstring(lookalikes).length).toBe(2520 * 13 + 1);
    expect(fitXstring("短\u0007文本")).toBe("短\u0007文本");
    expect(fitXstring("😀".repeat(20_000)).endsWith("😀…")).toBe(true);
  });

  it("score: names and messages quoting values are shortened in the sheets with a warning; the JSON keeps them whole; the input is untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-long-"));
    const input = join(dir, "考核.xlsx");
    const value = "值".repeat(40_000);
    const bytes = workbookWith(
      assessment()
        .branches(2)
        .scoresA({ ZB002: { "1.1": "长文本" } }),
      { ZB001党支部: LONG, 长文本: value },
    );
    writeFileSync(input, bytes);
    const r = await runCli(["score", input, "--json", "-"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as Result;
    expect(result.branches.find((b) => b.code === "ZB001")!.name).toBe(LONG);
    const quoting = result.issues.find((i) => i.code === "SCORE_NOT_NUMBER")!;
    expect(quoting.message).toContain(value);
    expect(r.stderr).toMatch(/注意：考核结果!C\d+（42000 个字符）.*的文字超过 Excel 单元格上限 32767 个字符，已截短并以“…”结尾/);

    const out = await new XlsxReader(new Uint8Array(readFileSync(join(dir, "考核-评分结果.xlsx")))).read(Object.values(OUTPUT_SHEETS));
    const all = [...out.sheets.values()].flatMap((g) => texts(denseRows(g)));
    expect(all.reduce((m, t) => Math.max(m, t.length), 0)).toBe(MAX_CELL_TEXT);
    const cut = all.filter((t) => t.length === MAX_CELL_TEXT);
    expect(cut.every((t) => t.endsWith("…"))).toBe(true);
    expect(cut.some((t) => t.includes("很长的支部名称很长"))).toBe(true);
    expect(cut.some((t) => t.includes("SCORE") || t.includes("值值值"))).toBe(true); // 校验报告's message quoting the value
    expect(new Uint8Array(readFileSync(input))).toEqual(bytes);
  });

  it("template: a CSV roster's long name is shortened in the new workbook, with a warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-long-"));
    writeFileSync(join(dir, "名册.csv"), `支部编码,支部名称,支部类别\nZB1,${LONG},生产类\n`);
    const r = await runCli(["template", "--branches", join(dir, "名册.csv"), "-o", join(dir, "模板.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("已截短并以“…”结尾");
    const snap = await new XlsxReader(new Uint8Array(readFileSync(join(dir, "模板.xlsx")))).read(["支部名册", "评分A"]);
    const names = texts(denseRows(snap.sheets.get("支部名册"))).filter((t) => t.startsWith("很长"));
    expect(names.map((t) => t.length)).toEqual([MAX_CELL_TEXT]);
  });

  it("the Office.js writer shortens too (Excel refuses longer text), in output sheets and merged cells", async () => {
    const fake = createFakeExcel();
    const wb = new ExcelWorkbook({ excel: fake.Excel, office: fake.Office });
    const spec: SheetSpec = { name: OUTPUT_SHEETS.results, rows: [["支部名称"], [LONG]] };
    expect(overlongTexts([spec])).toEqual([{ sheet: OUTPUT_SHEETS.results, cell: "A2", length: 42_000 }]);
    await wb.writeSheets([spec]);
    const written = fake.host.cell(OUTPUT_SHEETS.results, "A2").value as string;
    expect(written).toHaveLength(MAX_CELL_TEXT);
    expect(written.endsWith("…")).toBe(true);

    fake.host.seedSheets([{ name: "评分A", rows: [["支部编码", "支部名称"]] }]);
    await wb.patchCells("评分A", [
      { cell: "B2", value: LONG },
      { cell: "B3", value: "=" + LONG },
    ]);
    expect(fake.host.cell("评分A", "B2").value).toHaveLength(MAX_CELL_TEXT);
    expect(fake.host.cell("评分A", "B3").value).toHaveLength(MAX_CELL_TEXT - 1); // literal text after Excel's apostrophe
    expect(fake.host.cell("评分A", "B3").formula).toBeNull();
  });

  it("the fake Excel host refuses text Excel could not hold", async () => {
    const fake = createFakeExcel();
    await expect(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add("S").getRange("A1").values = [["x".repeat(MAX_CELL_TEXT + 1)]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
