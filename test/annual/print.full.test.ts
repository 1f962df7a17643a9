// The annual workbook printed: LibreOffice converts it to PDF (A4), and the pages are measured.
// Needs LibreOffice and poppler (CI installs them); without them this fails with the install command.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAnnual } from "../../src/annual-pipeline.js";
import { sampleYear } from "../../src/demo/sample-year.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { pdfPageCount, requirePdftoppm } from "../charts/render-tools.js";
import { convertWith } from "../helpers/libreoffice.js";
import { cjkSize, isCjkWord, words } from "../helpers/pdf-words.js";

let pdf: string;
beforeAll(async () => {
  requirePdftoppm();
  const sample = sampleYear();
  const out = await runAnnual(
    sample.quarters.map((q) => ({ file: q.file, reader: new XlsxReader(createWorkbook(q.sheets)) })),
    { now: new Date(2026, 11, 28), newWorkbook: createWorkbook },
  );
  const dir = mkdtempSync(join(tmpdir(), "scorecard-annual-print-"));
  const path = join(dir, "2026年度定级.xlsx");
  writeFileSync(path, out.workbook!);
  pdf = await convertWith("pdf", path);
}, 180_000);

describe("the annual workbook on paper (A4)", () => {
  it("prints nothing smaller than 9 pt, charts included", () => {
    const cjk = words(pdf).filter(isCjkWord);
    expect(cjk.length).toBeGreaterThan(300);
    const smallest = Math.min(...cjk.map(cjkSize));
    expect(smallest).toBeGreaterThanOrEqual(8.95);
  });

  it("numbers every page in the footer with the year", () => {
    const n = pdfPageCount(pdf);
    const all = words(pdf);
    for (let p = 1; p <= n; p++) {
      const line = all
        .filter((w) => w.page === p)
        .map((w) => w.text)
        .join(" ");
      expect(line, `page ${p}`).toContain(`2026年度定级 第 ${p} 页 共 ${n} 页`);
    }
  });

  it("keeps each sheet one page wide: the ranking's last column and each chart's page", () => {
    const all = words(pdf);
    // 年度定级's 说明 header is on its first page, and every ranking page has the header repeated.
    const rankingPages = [...new Set(all.filter((w) => w.text === "星级变化" || w.text === "年度得分").map((w) => w.page))];
    expect(rankingPages.length).toBeGreaterThan(0);
    for (const p of rankingPages) expect(all.some((w) => w.page === p && w.text === "说明")).toBe(true);
    // 公示名单: the five-star and the four-star list each on a page of their own.
    const five = all.find((w) => w.text.startsWith("2026年度五星级党支部名单"))!;
    const four = all.find((w) => w.text.startsWith("2026年度四星级党支部名单"))!;
    expect(four.page).toBeGreaterThan(five.page);
    // 年度图表: the two chart titles on different pages.
    const chartPages = all.filter((w) => w.text === "年度星级分布：本年度与上年" || w.text === "各类别季度平均总分").map((w) => w.page);
    expect(new Set(chartPages).size).toBe(2);
  });
});
