/**
 * 新建考核模板 in the browser file mode, at the task pane's width: a template from the unit's
 * own roster file with the period, downloaded; then, after raters typed scores and the roster
 * changed, the grids regenerated from the workbook's own 支部名册 with every typed score kept.
 * Built with the production configuration into a directory of its own (the other browser
 * tests build theirs in parallel).
 */
import { denseRows } from "../helpers/sheet-values.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { a1, type Grid } from "../../src/model/cell.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { SET_ASIDE_SHEET } from "../../src/model/regeneration.js";
import { cellText } from "../../src/validate/text.js";
import { buildAddin } from "../helpers/build-addin.js";
import { BRANCHES, consistentScores, gridEdits } from "../template/fill-template.js";
import { ARTIFACTS, closeSite, isLocalUrl, openPane as openPaneIn, PANE, ROOT, startSite, type StaticServer } from "./harness.js";

const DIST = join(ROOT, "build", "e2e-template-dist");

let server: StaticServer;
let browser: Browser;
let empty: string;

beforeAll(async () => {
  ({
    browser,
    server,
    fixtures: empty,
  } = await startSite({ dist: DIST, build: () => buildAddin(DIST), prefix: "scorecard-e2e-template-" }));
}, 300_000);

afterAll(() => closeSite({ browser, server, fixtures: empty }));

const isLocal = (url: string) => isLocalUrl(server, url);
const openPane = () => openPaneIn(browser, server);

async function bytesOf(download: Download): Promise<Uint8Array> {
  const path = join(ARTIFACTS, download.suggestedFilename());
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

/** Nothing wider than the pane: no horizontal scrolling. */
async function expectFitsPane(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PANE.width);
}

/** A grid's typed cells (not blank, not the prefilled 不适用) by 支部编码 and item code. */
function byCode(grid: Grid): Map<string, string> {
  const header = grid.rows.findIndex((r) => cellText(r[0] ?? null) === "支部编码");
  const rows = denseRows(grid);
  const codes = rows[header] ?? [];
  const out = new Map<string, string>();
  for (const row of rows.slice(header + 1)) {
    const branch = cellText(row[0] ?? null);
    if (!branch.startsWith("ZB")) continue;
    for (const [i, c] of row.entries())
      if (i >= 2 && !["", "不适用"].includes(cellText(c))) out.set(`${branch} ${cellText(codes[i] ?? null)}`, cellText(c));
  }
  return out;
}

const CSV = "支部编码,支部名称,支部类别,所属单位\n" + BRANCHES.map((b) => [b.code, b.name, b.category, b.unit].join(",")).join("\n") + "\n";

describe("新建考核模板 in the browser file mode, at 350 px", () => {
  it("builds a template from a roster file with the period, then regenerates it after a roster change keeping every typed score", async () => {
    const { page, context, requests, errors } = await openPane();
    try {
      // 1. The unit's roster file and the period: a new template to download.
      await page.getByTestId("roster-input").setInputFiles({ name: "本单位支部名册.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
      await page.getByText("本单位支部名册.csv", { exact: true }).waitFor();
      await page.getByLabel("考核周期（可留空，例如 2026Q3）").fill("2026年第三季度");
      const [made] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "新建考核模板" }).click()]);
      expect(made.suggestedFilename()).toBe("支部考核模板-2026Q3.xlsx");
      const outcome = page.getByTestId("template-outcome");
      await outcome.waitFor();
      expect(await outcome.innerText()).toContain(`已生成考核模板：${BRANCHES.length} 个支部，取自“本单位支部名册.csv”。`);
      expect(await outcome.innerText()).toContain("考核周期：2026Q3");
      await expectFitsPane(page);
      await page.screenshot({ path: join(ARTIFACTS, "template-created-350.png"), fullPage: true });

      const template = await bytesOf(made);
      const read = await new XlsxReader(template).read(["支部名册", "评分A", "评分B", "考核设置"]);
      expect(byCode(read.sheets.get("评分A")!).size).toBe(0);
      expect(JSON.stringify(read.sheets.get("考核设置"))).toContain('"2026Q3"');

      // 2. The raters score it; then the unit replaces ZB04 by a new branch ZB07 in 支部名册.
      const rules = defaultRules();
      const scores = consistentScores(rules, BRANCHES);
      const filled = new XlsxWorkbook(template);
      const editsA = gridEdits(read.sheets.get("评分A")!, rules, scores.a);
      const editsB = gridEdits(read.sheets.get("评分B")!, rules, scores.b);
      await filled.patchCells("评分A", editsA);
      await filled.patchCells("评分B", editsB);
      const roster = read.sheets.get("支部名册")!;
      const row = roster.rows.findIndex((r) => cellText(r[0] ?? null) === "ZB04");
      await filled.patchCells("支部名册", [
        { cell: a1(row, 0), value: "ZB07" },
        { cell: a1(row, 1), value: "新设党支部" },
        { cell: a1(row, 2), value: "辅助类" },
        { cell: a1(row, 3), value: "新设单位" },
      ]);
      const typed = filled.bytes();
      const typedGrids = (await new XlsxReader(typed).read(["评分A", "评分B"])).sheets;
      const before = { a: byCode(typedGrids.get("评分A")!), b: byCode(typedGrids.get("评分B")!) };
      expect(before.a.size).toBe(editsA.length);
      expect(before.b.size).toBe(editsB.length);
      const ofZB04 = [...before.a.keys(), ...before.b.keys()].filter((k) => k.startsWith("ZB04 ")).length;
      expect(ofZB04).toBeGreaterThan(0);

      // 3. Opened in the pane and regenerated from its own 支部名册.
      await page
        .getByTestId("workbook-input")
        .setInputFiles({ name: "三季度考核.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from(typed) });
      await page.getByText("当前工作簿：三季度考核.xlsx").waitFor();
      await page.getByRole("radio", { name: "按本工作簿的支部名册重新生成" }).check();
      await page.getByText("留空则沿用“考核设置”中的考核周期。").waitFor();
      const [again] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "新建考核模板" }).click()]);
      expect(again.suggestedFilename()).toBe("三季度考核-新模板.xlsx");
      await outcome.waitFor();
      const said = await outcome.innerText();
      const kept = Number(/已填的内容保留 (\d+) 个单元格/.exec(said)?.[1]);
      const aside = Number(/(\d+) 个已填的单元格没有放回评分表/.exec(said)?.[1]);
      expect(aside).toBe(ofZB04);
      expect(kept).toBe(editsA.length + editsB.length - ofZB04);
      expect(said).toContain("新增支部 1 个：ZB07");
      expect(said).toContain("名册中已删除的支部 1 个：ZB04");
      expect(said).toContain("支部 ZB04（机关财务党支部）");
      expect(said).toContain("已下载重新生成的工作簿“三季度考核-新模板.xlsx”；原文件未作改动。");
      expect(said).not.toMatch(/命令行|scorecard|--/);
      await expectFitsPane(page);
      await page.screenshot({ path: join(ARTIFACTS, "template-regenerated-350.png"), fullPage: true });

      // 4. The regenerated workbook: every score of a branch still in the roster in place, ZB07 ready to score, ZB04's kept aside.
      const regenerated = await new XlsxReader(await bytesOf(again)).read(["评分A", "支部名册", SET_ASIDE_SHEET]);
      const after = byCode(regenerated.sheets.get("评分A")!);
      for (const [key, value] of before.a) {
        if (key.startsWith("ZB04 ")) expect(after.has(key), key).toBe(false);
        else expect(after.get(key), key).toBe(value);
      }
      expect([...after.keys()].filter((k) => k.startsWith("ZB07 "))).toEqual([]);
      const gridA = regenerated.sheets.get("评分A")!;
      expect(gridA.rows.some((r) => cellText(r[0] ?? null) === "ZB07")).toBe(true);
      expect(regenerated.sheets.get(SET_ASIDE_SHEET)!.rows.length - 1).toBe(aside);

      expect(requests.filter((u) => !isLocal(u))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
