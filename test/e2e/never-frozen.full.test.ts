/**
 * The file mode never freezes the page (issue 9, "never frozen"): a 5,000-branch quarter (the
 * demo's sample quarter, built here) scored in the production page at the task pane's width,
 * with the reading, validation, scoring and writing in the page's Web Worker. Measured in the
 * page: no long task (PerformanceObserver 'longtask') over 200 ms on the main thread from the
 * click until the results are shown (summary, the ranking's and issues' first pages), and the progress (its label: step n/m, per cent, time so far) changing at
 * least once a second. Then 取消: the run stops, nothing is offered to download, the pane is
 * usable again.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sampleWorkbook } from "../helpers/sample-workbooks.js";
import {
  ARTIFACTS,
  buildForTests,
  chooseWorkbook,
  closeSite,
  E2E_DIST,
  openPane,
  type PaneSession,
  startSite,
  type StaticServer,
} from "./harness.js";

const BRANCHES = 5000;
const FILE = "五千支部.xlsx";
const LONG_TASK_LIMIT_MS = 200;
/** The ranking preview's first page (RANKING_PAGE in RankingList.tsx). */
const RANKING_PAGE = 20;

let server: StaticServer;
let browser: Browser;
let fixtures: string;

beforeAll(async () => {
  ({ browser, server, fixtures } = await startSite({
    dist: E2E_DIST,
    build: buildForTests,
    prefix: "scorecard-frozen-",
    files: () => ({ [FILE]: sampleWorkbook({ branches: BRANCHES }) }),
  }));
}, 600_000);

afterAll(() => closeSite({ browser, server, fixtures }));

interface Watch {
  /** Long tasks on the main thread since the watch began: start (ms since navigation) and duration. */
  readonly longTasks: { start: number; duration: number }[];
  /** The progress area's text each time it changed, with when (ms since navigation). */
  readonly labels: { at: number; text: string; label: string }[];
}

/** Installed before the page's own scripts: records long tasks and every change of the progress text. */
function installWatch(): void {
  const w: Watch = { longTasks: [], labels: [] };
  (window as unknown as { __watch: Watch }).__watch = w;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  let last = "";
  const look = () => {
    const field = document.querySelector('[data-testid="progress"]');
    const text = field?.textContent ?? "";
    if (text !== last) {
      last = text;
      w.labels.push({ at: performance.now(), text, label: field?.querySelector("label")?.textContent ?? "" });
    }
  };
  // A mutation observer sees each change as React commits it, without polling.
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
}

async function openAtPaneWidth(): Promise<PaneSession> {
  const pane = await openPane(browser, server, { init: installWatch });
  await chooseWorkbook(pane.page, join(fixtures, FILE), 120_000);
  return pane;
}

const watch = (page: Page) => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch);

it("scores 5,000 branches and shows the results with no long task over 200 ms, the progress moving at least once a second", async () => {
  const { page, errors, close } = await openAtPaneWidth();
  try {
    const start = await page.evaluate(() => performance.now());
    const clicked = Date.now();
    await page.getByRole("button", { name: "一键评分排名" }).click();
    await page.getByTestId("download-link").waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - clicked) / 1000;
    // The results shown: summary, the ranking's and the issue list's first pages, with their counts.
    await page.getByTestId("branch-count").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("branch-count").textContent()).toBe(`支部 ${BRANCHES} 个`);
    await page.getByTestId("ranking-list").waitFor();
    await page.getByTestId("issue-list").waitFor();
    await expect.poll(() => page.getByTestId("ranking-row").count()).toBe(RANKING_PAGE);
    expect(await page.getByTestId("ranking-show-more").textContent()).toContain(String(BRANCHES - RANKING_PAGE));
    const shownAt = await page.evaluate(() => performance.now());
    // Long tasks are reported after they end: a moment for the last ones to arrive.
    await page.waitForTimeout(1_000);
    const end = shownAt;
    const { longTasks, labels } = await watch(page);

    // The progress: every named step, and no second without a change while it was shown.
    const shown = labels.filter((l) => l.at >= start && l.at <= end);
    const steps = [...new Set(shown.map((l) => /^第 (\d)\/4 步/.exec(l.label)?.[1]).filter(Boolean))];
    expect(steps).toEqual(["1", "2", "3", "4"]);
    const visible = shown.filter((l, i) => l.text !== "" || i === 0);
    const gaps = visible.slice(1).map((l, i) => l.at - visible[i]!.at);
    const labelChanges = visible.filter((l, i) => i === 0 || l.label !== visible[i - 1]!.label);
    const labelGaps = labelChanges.slice(1).map((l, i) => l.at - labelChanges[i]!.at);
    // The score: from the click to its last progress report (100 %, sent by the worker just
    // before the result). The result's rendering after it is measured apart (the issue list
    // and ranking preview of 5,000 branches are the pane's, not the run's).
    const scored = shown.find((l) => l.label.includes("（100%）"))?.at ?? end;
    const during = longTasks.filter((t) => t.start >= start && t.start <= scored);
    const after = longTasks.filter((t) => t.start > scored && t.start <= end);
    const longest = Math.max(0, ...during.map((t) => t.duration));
    const longestAfter = Math.max(0, ...after.map((t) => t.duration));
    // The figures, for the report: the whole run, the longest main-thread task, the longest still progress.
    mkdirSync(ARTIFACTS, { recursive: true });
    const figures = {
      branches: BRANCHES,
      seconds,
      longestTaskDuringScoreMs: longest,
      tasksOver50MsDuringScore: during.length,
      longestTaskShowingResultMs: longestAfter,
      tasksOver50MsShowingResult: after.length,
      longestUnchangedProgressMs: Math.max(...gaps),
      longestUnchangedLabelMs: Math.max(...labelGaps),
      longestUnchangedLabel: labelChanges[labelGaps.indexOf(Math.max(...labelGaps))]?.label,
      tasksShowingResultMs: after.map((t) => t.duration),
    };
    writeFileSync(join(ARTIFACTS, "never-frozen.json"), JSON.stringify(figures, null, 2));
    expect(during.filter((t) => t.duration > LONG_TASK_LIMIT_MS)).toEqual([]);
    // Showing the results too (issue 9: 0.4–1.4 s when the whole result came in one message).
    expect(after.filter((t) => t.duration > LONG_TASK_LIMIT_MS)).toEqual([]);
    // The time so far is checked every 250 ms: its second shows within that of turning.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000 + 250);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 600_000);

it("stops on 取消 with nothing to download, and the pane is usable again", async () => {
  const { page, errors, close } = await openAtPaneWidth();
  try {
    await page.getByRole("button", { name: "一键评分排名" }).click();
    // Cancelled while it writes: the one step that cannot stop halfway (its result is dropped).
    await page.getByText(/^第 4\/4 步/).waitFor({ timeout: 300_000 });
    await page.getByTestId("cancel").click();
    await page.getByTestId("cancelled").waitFor({ timeout: 2_000 });
    expect(await page.getByTestId("cancelled").textContent()).toBe("已取消，工作簿保持原样。");
    await expect.poll(() => page.getByRole("button", { name: "一键评分排名" }).isEnabled(), { timeout: 2_000 }).toBe(true);
    // Long enough for the worker to finish the write it was in: what it made is never offered.
    await page.waitForTimeout(15_000);
    expect(await page.getByTestId("download-link").count()).toBe(0);

    // Usable again: 校验 runs to its end.
    await page.getByRole("button", { name: "校验" }).click();
    await page.getByTestId("branch-count").waitFor({ timeout: 300_000 });
    expect(await page.getByTestId("branch-count").textContent()).toBe(`支部 ${BRANCHES} 个`);
    expect(await page.getByTestId("download-link").count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
}, 600_000);
