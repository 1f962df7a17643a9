import { readdirSync, readFileSync } from "node:fs";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeHost } from "../fake-excel/fake-excel.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { parseA1 } from "../../src/model/cell.js";
import { runAssessment } from "../../src/pipeline.js";
import { PROVISIONAL_BRANCHES, provisionalWorkbook } from "../helpers/sample-workbooks.js";
import { gridValues, specValues, trimBlank } from "../helpers/sheet-values.js";
import {
  ARTIFACTS,
  buildForTests,
  closeSite,
  E2E_DIST,
  isLocalUrl,
  openPane,
  type PaneSession,
  startSite,
  type StaticServer,
} from "./harness.js";

/** The demo's sample quarter (16 branches, a pending dispute: 暂定), built here and served at /fixtures/. */
const EXAMPLE = "季度考核.xlsx";
let fixtures: string;
const exampleBytes = () => new Uint8Array(readFileSync(join(fixtures, EXAMPLE)));
const NOW = new Date(2026, 10, 21, 9, 0, 0);
/** The quarterly output sheets, in the order they are written. */
const RESULT_SHEETS = Object.values(OUTPUT_SHEETS);
/** How long the file-mode page must stay quiet before the test believes nothing more will be sent. */
const IDLE_MS = 10_000;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ({ browser, server, fixtures } = await startSite({
    dist: E2E_DIST,
    build: buildForTests,
    prefix: "scorecard-e2e-",
    files: () => ({ [EXAMPLE]: provisionalWorkbook() }),
  }));
}, 300_000);

afterAll(() => closeSite({ browser, server, fixtures }));

/** A task-pane-sized page that records every request; requests to other hosts are aborted (and fail the test). */
const open = (path: string): Promise<PaneSession> => openPane(browser, server, { path, viewport: { width: 420, height: 1000 } });

/** Waits until no request has started for IDLE_MS (office.js used to call home about 4 s after loading). */
async function idle({ requestTimes }: PaneSession): Promise<void> {
  const limit = Date.now() + 6 * IDLE_MS;
  for (;;) {
    const quietUntil = Math.max(...requestTimes) + IDLE_MS;
    if (Date.now() >= quietUntil) return;
    if (Date.now() > limit) throw new Error(`the page never stayed quiet for ${IDLE_MS / 1000} s`);
    await new Promise((ok) => setTimeout(ok, quietUntil - Date.now() + 50));
  }
}

/** office.js or any file it loads at run time (see isOfficeRuntimeFile in webpack.config.js). */
const OFFICE_FILE =
  /\/(office|o15apptofilemappingtable|es6-promise|excel[a-z0-9.-]*)\.js$|\/(telemetry|ariatelemetry)\/|office_strings\.js$/;

const isLocal = (url: string) => isLocalUrl(server, url);

function expectOnlyLocalRequests(requests: readonly string[]): void {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !isLocal(u))).toEqual([]);
}

/** Values as a reader reports them, trailing blanks trimmed: comparable between writers. */
async function expectProvisionalSixteen(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId("branch-count").textContent(), { timeout: 30_000 }).toBe(`支部 ${PROVISIONAL_BRANCHES} 个`);
  expect(await page.getByTestId("status-badge").textContent()).toBe("暂定");
}

describe("browser file mode (production page index.html, no Office)", () => {
  it("scores a workbook in the page, downloads the same results the CLI writes, and never contacts another host", async () => {
    const opened = await open("/");
    const { page, context, requests, errors } = opened;
    try {
      await page.getByText("浏览器文件模式", { exact: false }).waitFor();
      await page.getByTestId("workbook-input").setInputFiles(join(fixtures, EXAMPLE));
      await page.getByText(`当前工作簿：${EXAMPLE}`).waitFor();

      await page.getByRole("button", { name: "一键评分排名" }).click();
      await expectProvisionalSixteen(page);
      const rows = page.getByTestId("ranking-list").getByTestId("ranking-row");
      // The lists render as a transition after the notice: poll.
      await expect.poll(() => rows.count()).toBe(PROVISIONAL_BRANCHES);
      expect(await rows.first().innerText()).toMatch(/★/);
      // The error first, under 需要处理 (the warnings below it are grouped and closed).
      const expected = await runAssessment(new XlsxReader(exampleBytes()), null, { now: NOW });

      // 支部画像: a branch found by its code, its radar drawn in the pane; no 转到画像页 without Excel.
      const last = expected.result.branches.at(-1)!;
      const view = page.getByTestId("profile-view");
      const search = view.getByRole("combobox");
      await search.click();
      await search.pressSequentially(last.code);
      await page.getByRole("option", { name: new RegExp(last.code) }).click();
      await view.getByRole("img", { name: new RegExp(`^${last.name || last.code}各考核方面得分率`) }).waitFor();
      expect(await view.getByRole("button", { name: "转到画像页" }).count()).toBe(0);
      await page.setViewportSize({ width: 350, height: 1000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
      await view.screenshot({ path: join(ARTIFACTS, "profile-view.png") });
      await page.setViewportSize({ width: 420, height: 1000 });
      const firstError = expected.result.issues.find((i) => i.severity !== "warning")!;
      await page.getByTestId("issues-urgent").getByText(firstError.message, { exact: true }).waitFor();

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-link").click()]);
      expect(download.suggestedFilename()).toBe("季度考核-评分结果.xlsx");
      const saved = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(saved);
      await screenshots(page, "file-mode");

      // The downloaded workbook: the input sheets unchanged, the result sheets as the CLI's pipeline writes them.
      const scored = new XlsxReader(new Uint8Array(readFileSync(saved)));
      const { sheetNames } = await scored.read([]);
      expect(sheetNames).toEqual([...(await new XlsxReader(exampleBytes()).read([])).sheetNames, ...RESULT_SHEETS]);
      const cli = new XlsxWorkbook(exampleBytes());
      await cli.writeSheets(expected.sheets);
      const fromCli = await new XlsxReader(cli.bytes()).read(["考核结果", "双评明细", "校验报告"]);
      const fromPage = await scored.read(["考核结果", "双评明细", "校验报告"]);
      for (const name of ["考核结果", "双评明细", "校验报告"]) {
        expect(gridValues(fromPage.sheets.get(name)), name).toEqual(gridValues(fromCli.sheets.get(name)));
      }
      const rerun = await runAssessment(scored, null, { now: NOW });
      expect(rerun.result).toEqual(expected.result);

      // Then left open: nothing more is sent, to no host, and no Office code ever ran.
      await idle(opened);
      expectOnlyLocalRequests(requests);
      expect(requests.filter((u) => OFFICE_FILE.test(new URL(u).pathname))).toEqual([]);
      expect(await page.evaluate(() => ({ office: typeof (window as { Office?: unknown }).Office, frames: window.frames.length }))).toEqual(
        { office: "undefined", frames: 0 },
      );
      expect(page.frames()).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("imports a rater's workbook into the open one and creates a template", async () => {
    // The example with three of ZB001's 评分A scores cleared: importing the example fills them again.
    const target = new XlsxWorkbook(exampleBytes());
    await target.patchCells("评分A", [
      { cell: "C4", value: null },
      { cell: "D4", value: null },
      { cell: "E4", value: null },
    ]);
    const { page, context, requests, errors } = await open("/index.html");
    try {
      await page
        .getByTestId("workbook-input")
        .setInputFiles({ name: "缺评分.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(target.bytes()) });
      await page.getByText("当前工作簿：缺评分.xlsx").waitFor();
      await page.getByTestId("import-input").setInputFiles(join(fixtures, EXAMPLE));
      await page.getByLabel("作为").selectOption("评分A");
      await page.getByRole("button", { name: "导入评分表" }).click();
      await page.getByText("已导入“评分A”：写入 3 个单元格。").waitFor();

      const [merged] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-link").click()]);
      expect(merged.suggestedFilename()).toBe("缺评分-已导入.xlsx");
      const mergedPath = join(ARTIFACTS, "缺评分-已导入.xlsx");
      await merged.saveAs(mergedPath);
      const a = await new XlsxReader(new Uint8Array(readFileSync(mergedPath))).read(["评分A"]);
      const original = await new XlsxReader(exampleBytes()).read(["评分A"]);
      expect(gridValues(a.sheets.get("评分A"))).toEqual(gridValues(original.sheets.get("评分A")));

      await page.getByRole("radio", { name: "示例支部（先试用，之后改成本单位的支部）" }).check();
      await page.getByLabel("考核周期（可留空，例如 2026Q3）").fill("2026年第三季度");
      const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "新建考核模板" }).click()]);
      expect(template.suggestedFilename()).toBe("支部考核模板-2026Q3.xlsx");
      const templatePath = join(ARTIFACTS, template.suggestedFilename());
      await template.saveAs(templatePath);
      const { sheetNames } = await new XlsxReader(new Uint8Array(readFileSync(templatePath))).read([]);
      expect(sheetNames).toEqual(expect.arrayContaining(["考核设置", "评分细则", "支部名册", "评分A", "评分B"]));

      expectOnlyLocalRequests(requests);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows errors in Chinese instead of swallowing them, and switches to English", async () => {
    const { page, context, errors } = await open("/index.html");
    try {
      await page
        .getByTestId("workbook-input")
        .setInputFiles({ name: "损坏.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip file") });
      const bar = page.getByTestId("error-bar");
      await bar.waitFor();
      expect(await bar.innerText()).toMatch(
        /操作没有完成[\s\S]*无法读取“损坏\.xlsx”[\s\S]*下一步：请确认选择的是考核工作簿；[\s\S]*请在 Excel 中打开后另存为 \.xlsx 工作簿/,
      );
      expect(await bar.innerText()).not.toContain("意外错误");
      await page.getByTestId("workbook-input").setInputFiles({ name: "名册.csv", mimeType: "text/csv", buffer: Buffer.from("a,b") });
      await expect.poll(() => bar.innerText()).toMatch(/“名册\.csv”不是 \.xlsx 工作簿/);

      await page.getByRole("button", { name: "切换为英文界面（English）" }).click();
      await page.getByRole("heading", { name: "Branch Scorecard" }).waitFor();
      // The user's problem is rendered from the failure catalogue of the pane's language.
      await expect.poll(() => bar.innerText()).toMatch(/"名册\.csv" is not an \.xlsx workbook[\s\S]*What to do: Choose an Excel workbook/);
      expect(await page.getByRole("button", { name: "Score and rank" }).isDisabled()).toBe(true);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("Excel's page excel.html", () => {
  it("outside Excel says it is Excel's page and leads to the file mode", async () => {
    const { page, context } = await open("/excel.html");
    try {
      await page.getByTestId("not-in-excel").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("not-in-excel").innerText()).toMatch(/只能在 Excel 中使用/);
      await page.getByRole("button", { name: "改用浏览器文件模式" }).click();
      await page.waitForURL(`${server.origin}/index.html`);
      await page.getByText("浏览器文件模式", { exact: false }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("Excel mode (Excel's bundle with the fake Excel host)", () => {
  // ExcelApi 1.1 is what the manifest requires; 1.17 is a current Microsoft 365 Excel.
  it.each([
    { api: "1.1", screenshot: "excel-mode-api-1.1" },
    { api: "1.17", screenshot: "excel-mode" },
  ])(
    "scores the open workbook at ExcelApi $api: result sheets and charts land in the workbook, issues select their cell",
    async ({ api, screenshot }) => {
      const { page, context, requests, errors } = await open(
        `/excel-fake-host.html?workbook=/fixtures/${encodeURIComponent(EXAMPLE)}&api=${api}`,
      );
      try {
        await page.getByText("Excel 模式", { exact: false }).waitFor();
        await page.getByRole("button", { name: "一键评分排名" }).click();
        await expectProvisionalSixteen(page);
        await expect
          .poll(() => page.getByTestId("notice").innerText())
          .toMatch(/^评分完成，但有 1 个错误，结果为暂定：结果表和图表已写入工作簿。请按下方“需要处理”逐条改正后重新评分。$/);
        // What an older Excel cannot do is said, not hidden; a current one does everything.
        const skipped = page.getByTestId("skipped-features");
        if (api === "1.1")
          expect(await skipped.innerText()).toMatch(/^此 Excel 版本不支持以下功能，已跳过（分数和排名不受影响）：.*冻结窗格/);
        else expect(await skipped.count()).toBe(0);

        const state = await page.evaluate(
          (names) => {
            const host = (window as unknown as { __fakeExcel: FakeHost }).__fakeExcel;
            return {
              sheetNames: host.sheetNames(),
              charts: host.sheet("统计图表").charts.length,
              values: Object.fromEntries(names.map((n) => [n, host.values(n)])),
            };
          },
          ["考核结果", "双评明细"],
        );
        expect(state.sheetNames).toEqual([...INPUT_SHEETS, ...RESULT_SHEETS]);
        expect(state.charts).toBeGreaterThan(0);
        const expected = await runAssessment(new XlsxReader(exampleBytes()), null, { now: NOW });
        for (const name of ["考核结果", "双评明细"]) {
          expect(trimBlank(state.values[name]!), name).toEqual(specValues(expected.sheets.find((s) => s.name === name)));
        }

        // Clicking an issue (the error, at the top of 需要处理) selects its cell in Excel.
        const issue = expected.result.issues.find((i) => i.severity !== "warning" && i.sheet !== null && i.cell !== null)!;
        await page
          .getByRole("button", { name: `在 Excel 中选中 ${issue.sheet} 工作表的 ${issue.cell} 单元格：${issue.message}` })
          .first()
          .click();
        await expect
          .poll(() =>
            page.evaluate(() => {
              const s = (window as unknown as { __fakeExcel: FakeHost }).__fakeExcel.state.selection;
              return s ? { sheet: s.sheet.name, r: s.rect.r0, c: s.rect.c0 } : null;
            }),
          )
          .toEqual({ sheet: issue.sheet, ...rowCol(issue.cell!) });

        await screenshots(page, screenshot);
        expectOnlyLocalRequests(requests);
        expect(errors).toEqual([]);
        expect(requests.some((u) => u.includes("office.js"))).toBe(false);
      } finally {
        await context.close();
      }
    },
  );
});

describe("the production build (office.js served with the add-in, the default)", () => {
  it("holds office.js and its run-time files for excel.html only, and no fake host", () => {
    const files = readdirSync(E2E_DIST, { recursive: true }).map(String);
    expect(files).toEqual(
      expect.arrayContaining([
        "office.js",
        "excel-win32-16.01.js",
        "excel-web-16.00.js",
        "o15apptofilemappingtable.js",
        join("zh-cn", "office_strings.js"),
        join("en-us", "office_strings.js"),
        join("assets", "icon-80.png"),
        "manifest.xml",
        "help.html",
        "index.html",
        "excel.html",
      ]),
    );
    const excelPage = readFileSync(join(E2E_DIST, "excel.html"), "utf8");
    expect(excelPage).toMatch(/<script src="office\.js"><\/script>/);
    expect(excelPage).not.toMatch(/fake/i);
    expect(readFileSync(join(E2E_DIST, "index.html"), "utf8")).not.toMatch(/office\.js|fake/i);
    for (const entry of ["excel", "file-mode"]) {
      const bundles = files.filter((f) => new RegExp(`^${entry}\\.[0-9a-f]{8}\\.js$`).test(f));
      expect(bundles, entry).toHaveLength(1);
      const bundle = readFileSync(join(E2E_DIST, bundles[0]!), "utf8");
      expect(bundle).not.toContain("Excel.run needs a batch function");
      expect(bundle).not.toMatch(/require\("node:|from"node:/);
    }
  });
});

/** test/artifacts/<name>.png (the top of the pane, as people first see it) and <name>-full.png. */
async function screenshots(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true });
}

function rowCol(a1: string): { r: number; c: number } {
  const { row, col } = parseA1(a1);
  return { r: row, c: col };
}
