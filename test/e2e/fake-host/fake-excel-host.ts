/**
 * Test-only page script (taskpane-fake-excel.html, built with `--env e2e`, never in dist/):
 * installs the fake Excel host as the `Office` / `Excel` globals before the task pane's own
 * bundle runs, seeded with the workbook named by `?workbook=<url>` (served by the test server),
 * and exposes the host as `window.__fakeExcel` for the test to inspect.
 * `?api=1.1` sets the highest ExcelApi requirement set the fake supports.
 */
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { createFakeExcel, installFakeExcel, type FakeHost } from "../../fake-excel/fake-excel.js";

declare global {
  interface Window {
    __fakeExcel?: FakeHost;
    __fakeExcelReady?: Promise<void>;
  }
}

const params = new URLSearchParams(location.search);
const fake = createFakeExcel({ apiVersion: params.get("api") ?? "1.1" });

async function seed(url: string | null): Promise<void> {
  if (url === null) return;
  fake.host.state.fileName = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1)); // Workbook.name: the file's name
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fake host: cannot load ${url} (${response.status})`);
  const reader = new XlsxReader(new Uint8Array(await response.arrayBuffer()));
  const { sheetNames } = await reader.read([]);
  const { sheets } = await reader.read(sheetNames);
  for (const name of sheetNames) {
    const grid = sheets.get(name);
    if (grid) fake.host.seedGrid(grid);
  }
}

const ready = seed(params.get("workbook"));
// Office.onReady resolves once the workbook is in place, as Excel's does once the document is open.
const office = {
  ...fake.Office,
  onReady: async (callback?: (info: { host: string; platform: string }) => void) => {
    await ready;
    return fake.Office.onReady(callback);
  },
};
installFakeExcel(window as unknown as Record<string, unknown>, { ...fake, Office: office });
window.__fakeExcel = fake.host;
window.__fakeExcelReady = ready;
