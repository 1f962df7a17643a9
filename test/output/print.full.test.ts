// The quarterly output sheets printed: LibreOffice converts them to PDF (A4) and the pages are
// measured per sheet (each page's footer names its sheet): page count, smallest Chinese type,
// page numbers, what is on which page. The demo quarter (40 branches) and a 5,000-branch one.
// Needs LibreOffice and poppler (CI installs them); without them this fails with the install command.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { runAssessment, type RunOutput } from "../../src/pipeline.js";
import { cellValue } from "../../src/report/sheet-spec.js";
import { requirePdftoppm } from "../charts/render-tools.js";
import { convertWith } from "../helpers/libreoffice.js";
import { cjkSize, isCjkWord, words, type Word } from "../helpers/pdf-words.js";

interface PrintedSheet {
  /** PDF page numbers (1-based), in order. */
  readonly pages: number[];
  /** Each page's words. */
  readonly words: Map<number, Word[]>;
  /** The smallest Chinese type on its pages, in points. */
  readonly smallest: number;
}

const FOOTER = /(\S+)\s+第 (\d+) 页 共 (\d+) 页/u;

/** The output sheets scored from a sample quarter of `branches`, printed: each sheet's pages found by its footer. */
async function printed(
  branches: number | undefined,
  sheets: readonly string[],
): Promise<{ out: RunOutput; bySheet: Map<string, PrintedSheet>; total: number }> {
  const q = sampleQuarter(branches === undefined ? {} : { branches });
  const wb = new XlsxWorkbook(createWorkbook(sampleQuarterSheets(q)));
  const out = await runAssessment(wb, wb, { now: new Date(2026, 9, 8, 9, 30) });
  const dir = mkdtempSync(join(tmpdir(), "scorecard-quarter-print-"));
  const path = join(dir, `quarter-${branches ?? "demo"}.xlsx`);
  writeFileSync(path, createWorkbook(out.sheets.filter((s) => sheets.includes(s.name))));
  const pdf = await convertWith("pdf", path);
  const all = words(pdf);
  const byPage = new Map<number, Word[]>();
  for (const w of all) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  const bySheet = new Map<string, PrintedSheet>();
  const total = Math.max(...byPage.keys());
  for (let p = 1; p <= total; p++) {
    const line = (byPage.get(p) ?? [])
      .map((w) => w.text)
      .join(" ")
      .replace(/\u3000/g, " ");
    const m = FOOTER.exec(line);
    if (m === null) throw new Error(`page ${p} has no footer: ${line.slice(-200)}`);
    expect(Number(m[2]), `page ${p}`).toBe(p);
    expect(Number(m[3]), `page ${p}`).toBe(total);
    expect(line, `page ${p}`).toContain(`2026Q3 ${m[1]}`);
    const sheet = bySheet.get(m[1]!) ?? { pages: [], words: new Map<number, Word[]>(), smallest: Infinity };
    const cjk = (byPage.get(p) ?? []).filter(isCjkWord).map(cjkSize);
    bySheet.set(m[1]!, {
      pages: [...sheet.pages, p],
      words: sheet.words.set(p, byPage.get(p) ?? []),
      smallest: Math.min(sheet.smallest, ...cjk),
    });
  }
  return { out, bySheet, total };
}

const has = (ws: readonly Word[] | undefined, text: string) => (ws ?? []).some((w) => w.text === text);
// 单位汇总 and 整改台账 (about 40 pages for the demo's 480 deductions) print in a run of their own,
// so that no one LibreOffice conversion grows past its time limit.
const LEDGER_SHEETS: readonly string[] = [OUTPUT_SHEETS.units, OUTPUT_SHEETS.ledger];
const ALL = Object.values(OUTPUT_SHEETS).filter((s) => !LEDGER_SHEETS.includes(s));

describe("the demo quarter's output sheets on paper (A4)", () => {
  let run: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    requirePdftoppm();
    run = await printed(undefined, ALL);
  }, 300_000);

  it("prints every output sheet, each page numbered with the period and its sheet, no type under 9 pt", () => {
    expect([...run.bySheet.keys()].sort()).toEqual([...ALL].sort());
    for (const [name, sheet] of run.bySheet) expect(sheet.smallest, name).toBeGreaterThanOrEqual(8.95);
  });

  it("fits 考核结果（打印版） one page wide: its last column on every page, a few pages for 40 branches", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.printable)!;
    expect(sheet.pages.length).toBeLessThanOrEqual(4);
    for (const p of sheet.pages) expect(has(sheet.words.get(p), "说明"), `page ${p}`).toBe(true);
    // 考核结果 itself prints full size over pages across, 支部名称 repeated on each.
    const full = run.bySheet.get(OUTPUT_SHEETS.results)!;
    for (const p of full.pages) expect(has(full.words.get(p), "支部名称"), `page ${p}`).toBe(true);
  });

  it("keeps each branch of 双评明细 on one page, the agreement on its own page first", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.details)!;
    const [first, ...rest] = sheet.pages;
    const firstWords = sheet.words.get(first!)!;
    expect(has(firstWords, "双评一致性")).toBe(true);
    expect(has(firstWords, "最终得分")).toBe(false); // not under the detail's header
    expect(firstWords.some((w) => /^\d+\.\d\d%$/.test(w.text))).toBe(true); // 一致率 as a percentage
    for (const b of run.out.result.branches) {
      const on = rest.filter((p) => has(sheet.words.get(p), b.code));
      expect(on, b.code).toHaveLength(1);
    }
    for (const p of rest) expect(has(sheet.words.get(p), "最终得分"), `page ${p}`).toBe(true);
  });

  it("puts each chart of 统计图表 on its own page", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.charts)!;
    const pageOf = (title: RegExp) => sheet.pages.filter((p) => sheet.words.get(p)!.some((w) => title.test(w.text)));
    const charts = [/^支部总分排名/, /^各考核方面得分率/, /^星级分布$/, /^A方总分与B方总分$/].map(pageOf);
    // Each title is on one page (its section header and the chart's own title), and no two share one.
    expect(new Set(charts.map((ps) => ps[0])).size).toBe(4);
    expect(sheet.pages.length).toBeLessThanOrEqual(6);
  });

  it("starts each branch of 支部画像 on a new page, in rank order, one branch a page and every block whole", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.profiles)!;
    expect(sheet.smallest).toBeGreaterThanOrEqual(8.95);
    const branches = run.out.result.branches;
    const titlePages = sheet.pages.filter((p) => has(sheet.words.get(p), "考核画像"));
    expect(titlePages).toHaveLength(branches.length);
    // The first block starts on the sheet's first page (under the 暂定 notice); no page holds two titles.
    expect(titlePages[0]).toBe(sheet.pages[0]);
    for (const p of titlePages)
      expect(
        sheet.words.get(p)!.filter((w) => w.text === "考核画像"),
        `page ${p}`,
      ).toHaveLength(1);
    const profiles = new Map(run.out.result.profiles.map((p) => [p.code, p]));
    const pagesOf = new Map<string, number>();
    branches.forEach((b, i) => {
      const from = titlePages[i]!;
      const to = i + 1 < titlePages.length ? titlePages[i + 1]! : sheet.pages.at(-1)! + 1;
      const pages = sheet.pages.filter((p) => p >= from && p < to);
      pagesOf.set(b.code, pages.length);
      const words = pages.flatMap((p) => sheet.words.get(p)!);
      expect(has(sheet.words.get(from), b.name), b.code).toBe(true);
      // The table's last column and, at the block's end, its last section: nothing cut at the side or the bottom.
      expect(has(sheet.words.get(from), "满分"), b.code).toBe(true);
      expect(
        words.some((w) => w.text.startsWith("加分与否决")),
        b.code,
      ).toBe(true);
      for (const d of profiles.get(b.code)!.deductions) expect(has(words, d.item), `${b.code} ${d.item}`).toBe(true);
    });
    // A block with few deductions fits its page; a long list of deductions goes on over the next
    // (the demo's branches have 3 to 21), three pages at most for 21.
    const fewest = [...profiles.values()].reduce((a, b) => (b.deductions.length < a.deductions.length ? b : a));
    expect(pagesOf.get(fewest.code), fewest.code).toBe(1);
    for (const [code, n] of pagesOf) expect(n, code).toBeLessThanOrEqual(3);
  });

  it("wraps 说明 in 校验报告 instead of shrinking it; 运行记录 on one page", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.report)!;
    expect(sheet.smallest).toBeGreaterThanOrEqual(10.5);
    for (const p of sheet.pages) expect(has(sheet.words.get(p), "说明"), `page ${p}`).toBe(true);
    expect(run.bySheet.get(OUTPUT_SHEETS.log)!.pages).toHaveLength(1);
  });
});

describe("the demo quarter's 单位汇总 and 整改台账 on paper (A4)", () => {
  let run: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    requirePdftoppm();
    run = await printed(undefined, LEDGER_SHEETS);
  }, 300_000);

  it("prints 整改台账 one page wide (its header on every page) and 单位汇总 on one page, numbered, no type under 9 pt", () => {
    expect([...run.bySheet.keys()].sort()).toEqual([...LEDGER_SHEETS].sort());
    const ledger = run.bySheet.get(OUTPUT_SHEETS.ledger)!;
    expect(ledger.smallest).toBeGreaterThanOrEqual(8.95);
    // Every row printed: the last 序号 is on the last page; the last column and the header on every page.
    const rows = run.out.sheets.find((s) => s.name === OUTPUT_SHEETS.ledger)!.rows;
    const last = String(cellValue(rows.at(-1)![0]));
    expect(has(ledger.words.get(ledger.pages.at(-1)!), last)).toBe(true);
    for (const p of ledger.pages) {
      expect(has(ledger.words.get(p), "整改措施"), `page ${p}`).toBe(true);
      // The last column: every row has its 整改状态.
      expect(has(ledger.words.get(p), "未整改"), `page ${p}`).toBe(true);
    }
    const units = run.bySheet.get(OUTPUT_SHEETS.units)!;
    expect(units.smallest).toBeGreaterThanOrEqual(8.95);
    expect(units.pages).toHaveLength(1);
    for (const u of run.out.result.units!) if (u.unit !== "") expect(has(units.words.get(units.pages[0]!), u.unit), u.unit).toBe(true);
  });
});

describe("5,000 branches on paper", () => {
  let run: Awaited<ReturnType<typeof printed>>;
  beforeAll(async () => {
    requirePdftoppm();
    // 统计图表 only: its pages do not grow with the branches; the long tables print a branch
    // (双评明细) or about 25 branches (打印版) a page, as the demo quarter shows.
    run = await printed(5_000, [OUTPUT_SHEETS.charts]);
  }, 600_000);

  it("keeps 统计图表 to a few pages, the ranking chart readable (top and bottom 15)", () => {
    const sheet = run.bySheet.get(OUTPUT_SHEETS.charts)!;
    expect(sheet.pages.length).toBeLessThanOrEqual(6);
    expect(sheet.smallest).toBeGreaterThanOrEqual(8.95);
    const first = sheet.words.get(sheet.pages[0]!)!;
    expect(first.some((w) => w.text.includes("5000") || w.text.includes("5,000"))).toBe(true);
  });
});
