/// <reference types="office-js" />
/**
 * 一键评分排名 on 5,000 branches inside Excel (the fake host, whose request, response and
 * cell limits are Excel's): it completes within the limits, and a second run cancelled in the
 * middle of its write (its sheets under temporary names) leaves the workbook as it was. Slow on the fake (minutes here), hence in test:full. The figures go to
 * test/artifacts/score-excel-5000.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import type { Progress } from "../../addin/operations.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { RunCancelled } from "../../src/io/workbook.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { createFakeExcel, WEB_LIMITS, type FakeExcel } from "../fake-excel/fake-excel.js";
import { ARTIFACTS } from "../e2e/harness.js";

const N = 5000;
const NOW = new Date("2026-10-08T09:30:00");

function stats(fake: FakeExcel) {
  const s = fake.host.stats;
  return { syncs: s.syncs, failedSyncs: s.failedSyncs, maxRequestBytes: s.maxRequestBytes, maxResponseBytes: s.maxResponseBytes };
}

/**
 * What "as it was" compares: every sheet's name in order, and each output sheet's rows (their
 * count and the first and last few; a whole-sheet fingerprint of 5,000 branches would not fit
 * in memory on the fake).
 */
const workbookState = (fake: FakeExcel) => [
  fake.host.sheetNames(),
  Object.values(OUTPUT_SHEETS).map((name) => {
    const rows = fake.host.values(name);
    return [rows.length, rows.slice(0, 8), rows.slice(-8)];
  }),
];

it("scores 5,000 branches in Excel within Excel's request limits, and a cancel during the write changes nothing", async () => {
  const fake = createFakeExcel();
  fake.host.seedSheets(sampleQuarterSheets(sampleQuarter({ branches: N })));
  const operations = createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW });
  const figures: Record<string, unknown> = { branches: N };

  for (const run of ["first"] as const) {
    fake.host.resetStats();
    const seen: { at: number; p: Progress }[] = [];
    const started = performance.now();
    const { result } = await operations.scoreAndRank((p) => seen.push({ at: performance.now(), p }));
    const seconds = (performance.now() - started) / 1000;
    expect(result.branches).toHaveLength(N);
    const s = stats(fake);
    expect(s.failedSyncs).toBe(0);
    expect(s.maxRequestBytes).toBeLessThanOrEqual(WEB_LIMITS.requestBytes);
    expect(s.maxResponseBytes).toBeLessThanOrEqual(WEB_LIMITS.responseBytes);
    // Output sheets in place, no temporary sheet left.
    const names = fake.host.sheetNames();
    for (const name of Object.values(OUTPUT_SHEETS)) expect(names).toContain(name);
    expect(names.filter((n) => n.startsWith("~评分助手临时"))).toEqual([]);
    expect(fake.host.values("考核结果").length).toBeGreaterThan(N);
    // The write reports how far it is, batch by batch.
    expect(seen.filter(({ p }) => p.step === "write").length).toBeGreaterThan(3);
    figures[run] = { seconds, ...s };
  }

  // 取消 in the middle of the write: the output sheets of the last run stay, nothing half-written is left.
  const before = workbookState(fake);
  const abort = new AbortController();
  fake.host.resetStats();
  const cancelled = operations.scoreAndRank(
    (p) => {
      if (p.step === "write" && p.done !== null && p.total !== null && p.done > p.total / 3) abort.abort();
    },
    { signal: abort.signal },
  );
  await expect(cancelled).rejects.toBeInstanceOf(RunCancelled);
  expect(workbookState(fake)).toEqual(before);
  figures["cancelled"] = stats(fake);

  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "score-excel-5000.json"), JSON.stringify(figures, null, 2));
}, 1_200_000);
