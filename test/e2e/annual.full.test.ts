// Done-when of issue 10: 年度定级 in the browser file mode (production page index.html, no Office)
// with four quarterly files, in a pane 350 px wide. The files are the demo's sample year, built here.
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAnnual, type AnnualRunOutput } from "../../src/annual-pipeline.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import type { FakeHost } from "../fake-excel/fake-excel.js";
import { buildAddin } from "../helpers/build-addin.js";
import { sampleYearFiles } from "../annual/sample-year-files.js";
import { gridValues, specValues } from "../helpers/sheet-values.js";
import { ARTIFACTS, closeSite, isLocalUrl, openPane, ROOT, startSite, type StaticServer } from "./harness.js";

// A build of its own: the other browser test file builds into build/e2e-dist at the same time.
const DIST = join(ROOT, "build", "e2e-annual-dist");
const PANE_WIDTH = 350;

let server: StaticServer;
let browser: Browser;
let expected: AnnualRunOutput;
/** The last quarter's file, served at /fixtures/ for the fake Excel host to open. */
let fixtures: string;

beforeAll(async () => {
  ({ browser, server, fixtures } = await startSite({
    dist: DIST,
    build: async () => {
      rmSync(DIST, { recursive: true, force: true });
      await buildAddin(DIST, ["e2e"]);
    },
    prefix: "scorecard-annual-e2e-",
    files: () => {
      const q4 = sampleYearFiles()[3]!;
      return { [q4.file]: q4.bytes };
    },
  }));
  expected = await runAnnual(
    sampleYearFiles().map((q) => ({ file: q.file, reader: new XlsxReader(q.bytes) })),
    { now: new Date(), newWorkbook: createWorkbook },
  );
}, 300_000);

afterAll(() => closeSite({ browser, server, fixtures }));

const isLocal = (url: string) => isLocalUrl(server, url);
const open = (path = "/") => openPane(browser, server, { path, viewport: { width: PANE_WIDTH, height: 900 } });

describe("年度定级 in the browser file mode", () => {
  it("adds four quarterly files, shows each quarter, grades the year with stars and reasons, and downloads the annual workbook", async () => {
    const { page, context, requests, errors } = await open();
    try {
      const panel = page.getByTestId("annual-panel");
      await panel.waitFor();
      // Added in another order than the quarters': the pane lists them as added, the grade orders them.
      const files = sampleYearFiles();
      const order = [files[2]!, files[0]!, files[3]!, files[1]!];
      await page
        .getByTestId("annual-input")
        .setInputFiles(order.map((q) => ({ name: q.file, mimeType: "application/octet-stream", buffer: Buffer.from(q.bytes) })));
      const quarters = page.getByTestId("annual-quarter");
      await expect.poll(() => quarters.count(), { timeout: 60_000 }).toBe(4);
      expect(await page.getByTestId("quarter-period").allTextContents()).toEqual(["2026Q3", "2026Q1", "2026Q4", "2026Q2"]);
      for (const [i, q] of order.entries()) {
        const row = await quarters.nth(i).innerText();
        expect(row).toContain(q.file);
        expect(row).toContain("正式");
        const summary = expected.quarters.find((s) => s.file === q.file)!;
        expect(row).toContain(`支部 ${summary.branches} 个`);
        expect(row).toContain(`错误 ${summary.errors}`);
        expect(row).toContain(`警告 ${summary.warnings}`);
      }

      await page.getByRole("button", { name: "年度定级", exact: true }).click();
      const status = page.getByTestId("annual-status");
      await status.waitFor({ timeout: 60_000 });
      expect(await status.textContent()).toBe("正式");
      expect(await page.getByTestId("annual-graded").textContent()).toBe(`定级支部 ${expected.result.branches.length} 个`);
      expect(await page.getByTestId("annual-settings").textContent()).toBe(
        "五星比例上限 10%、四星比例上限 30%、逐级晋升：是（每年最多升一星）",
      );

      // The ranking: rank, name, score, stars, in the grade's order; capped stars explained per branch.
      await showWholeRanking(page);
      const rows = page.getByTestId("annual-ranking").getByTestId("ranking-row");
      expect(await rows.count()).toBe(expected.result.branches.length);
      const first = expected.result.branches[0]!;
      expect(await rows.first().innerText()).toMatch(new RegExp(`^${first.rank}\\s+${first.name}[\\s\\S]*${first.score.toFixed(2)}\\s+★`));
      const capped = expected.result.branches.filter((b) => b.adjustments.length > 0);
      expect(capped.length).toBeGreaterThan(0);
      expect(await page.getByTestId("annual-ranking").getByTestId("ranking-detail").count()).toBe(
        capped.reduce((n, b) => n + b.adjustments.length, 0),
      );
      const kinds = new Set(capped.flatMap((b) => b.adjustments.map((a) => a.step)));
      const reasons = (await page.getByTestId("annual-ranking").getByTestId("ranking-detail").allTextContents()).join("\n");
      if (kinds.has("quota")) expect(reasons).toMatch(/名额已满（并列的一同降级）：\d 星降为 \d 星/);
      if (kinds.has("stepwise")) expect(reasons).toMatch(/逐级晋升（上年 \d 星）：\d 星降为 \d 星/);
      if (kinds.has("veto")) expect(reasons).toMatch(/年度内被否决（Q2）：\d 星降为 \d 星/);
      for (const i of expected.result.issues) await page.getByText(i.message, { exact: false }).first().waitFor();

      // The new workbook, downloaded: the grade's sheets, 年度定级 as `scorecard annual` writes it.
      expect(await page.getByTestId("annual-delivery").innerText()).toContain("年度定级工作簿已生成，请点击下面的链接下载。");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("annual-download").click()]);
      expect(download.suggestedFilename()).toBe("2026年度定级.xlsx");
      const saved = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(saved);
      const reader = new XlsxReader(new Uint8Array(readFileSync(saved)));
      const { sheetNames } = await reader.read([]);
      expect(sheetNames).toEqual(["年度定级", "公示名单", "年度图表", "年度校验报告", "运行记录"]);
      const fromPage = await reader.read(["年度定级", "公示名单"]);
      for (const name of ["年度定级", "公示名单"]) {
        expect(gridValues(fromPage.sheets.get(name)), name).toEqual(specValues(expected.sheets.find((s) => s.name === name)));
      }

      // Fits the pane: nothing wider than 350 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE_WIDTH);
      await panel.screenshot({ path: join(ARTIFACTS, "annual-file-mode.png") });

      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("年度定级 in Excel mode (Excel's bundle with the fake Excel host)", () => {
  it.each([
    { api: "1.17", delivery: "已在 Excel 中打开新的年度定级工作簿“2026年度定级.xlsx”（尚未保存，请在新窗口中保存）。", opened: 1 },
    { api: "1.7", delivery: "此 Excel 版本不能直接打开新工作簿，请点击下面的链接下载年度定级工作簿，再用 Excel 打开。", opened: 0 },
  ])(
    "grades the open workbook with three files at ExcelApi $api and says where the new workbook went",
    async ({ api, delivery, opened }) => {
      const q4 = sampleYearFiles()[3]!;
      const { page, context, requests, errors } = await open(
        `/excel-fake-host.html?workbook=/fixtures/${encodeURIComponent(q4.file)}&api=${api}`,
      );
      try {
        await page.getByText("Excel 模式", { exact: false }).waitFor({ timeout: 30_000 });
        await page.getByRole("button", { name: "添加当前工作簿" }).click();
        const quarters = page.getByTestId("annual-quarter");
        await expect.poll(() => quarters.count(), { timeout: 60_000 }).toBe(1);
        expect(await quarters.first().innerText()).toContain(`${q4.file}（当前工作簿）`);
        await page.getByTestId("annual-input").setInputFiles(
          sampleYearFiles()
            .slice(0, 3)
            .map((q) => ({ name: q.file, mimeType: "application/octet-stream", buffer: Buffer.from(q.bytes) })),
        );
        await expect.poll(() => quarters.count(), { timeout: 60_000 }).toBe(4);
        expect(await page.getByRole("button", { name: "添加当前工作簿" }).isDisabled()).toBe(true);

        await page.getByRole("button", { name: "年度定级", exact: true }).click();
        await page.getByTestId("annual-status").waitFor({ timeout: 60_000 });
        expect(await page.getByTestId("annual-status").textContent()).toBe("正式");
        await showWholeRanking(page);
        expect(await page.getByTestId("annual-ranking").getByTestId("ranking-row").count()).toBe(expected.result.branches.length);
        expect(await page.getByTestId("annual-delivery").innerText()).toContain(delivery);
        const created = await page.evaluate(() => (window as unknown as { __fakeExcel: FakeHost }).__fakeExcel.createdWorkbooks.length);
        expect(created).toBe(opened);
        expect(await page.getByTestId("annual-download").count()).toBe(opened === 1 ? 0 : 1);
        // The open workbook is an input: no sheet was added to it.
        const sheets = await page.evaluate(() => (window as unknown as { __fakeExcel: FakeHost }).__fakeExcel.sheetNames());
        expect(sheets).not.toContain("年度定级");
        expect(requests.filter((u) => !isLocal(u))).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

/** The pane shows the ranking a page at a time: "显示更多" until every branch is listed. */
async function showWholeRanking(page: Page): Promise<void> {
  const more = page.getByTestId("annual-panel").getByTestId("ranking-show-more");
  while ((await more.count()) > 0) await more.click();
}
