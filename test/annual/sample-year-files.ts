/** The demo's sample year (src/demo/sample-year.ts) as the four .xlsx files people would add: built once per test file. */
import { sampleYear } from "../../src/demo/sample-year.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";

export interface QuarterBytes {
  readonly file: string;
  readonly period: string;
  readonly bytes: Uint8Array;
}

let built: readonly QuarterBytes[] | null = null;

/** 2026Q1…2026Q4 in quarter order, named `2026Q1考核.xlsx` …; a branch joins in Q3, one veto in Q2, quotas and 逐级晋升. */
export function sampleYearFiles(): readonly QuarterBytes[] {
  built ??= sampleYear().quarters.map((q) => ({ file: q.file, period: q.period, bytes: createWorkbook(q.sheets) }));
  return built;
}
