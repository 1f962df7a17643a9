// 年度定级 in the browser file mode: the pane's operations (addin/annual-operations.ts) on files.
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { beforeAll, describe, expect, it } from "vitest";
import { fileOperations as createFileOperations } from "../helpers/file-worker.js";
import type { AnnualOperations, AnnualProgress, QuarterSource } from "../../addin/operations.js";
import { annualProgressView } from "../../addin/taskpane/annual-task.js";
import { translate } from "../../addin/taskpane/strings.js";
import { runAnnual, type AnnualRunOutput } from "../../src/annual-pipeline.js";
import { RunCancelled } from "../../src/io/workbook.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { issueMessage } from "../../src/model/issues.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { sampleYearFiles } from "../annual/sample-year-files.js";

const NOW = new Date(2026, 11, 28, 9, 0, 0);
let expected: AnnualRunOutput;

beforeAll(async () => {
  expected = await runAnnual(
    sampleYearFiles().map((q) => ({ file: q.file, reader: new XlsxReader(q.bytes) })),
    { now: NOW, newWorkbook: createWorkbook },
  );
});

const sources = (): QuarterSource[] => sampleYearFiles().map((q) => ({ kind: "file", file: q.file, bytes: q.bytes }));

function setup(): { annual: AnnualOperations; seen: AnnualProgress[]; onProgress: (p: AnnualProgress) => void } {
  const annual = createFileOperations({ now: () => NOW }).annual!;
  const seen: AnnualProgress[] = [];
  return { annual, seen, onProgress: (p) => void seen.push(p) };
}

describe("年度定级 in the file mode", () => {
  it("checks each quarterly file when it is added: period, status and issue counts, as its own run finds them", async () => {
    const { annual, seen, onProgress } = setup();
    expect(annual.openWorkbook).toBe(false);
    const summaries = [];
    for (const s of sources()) summaries.push(await annual.checkQuarter(s, { onProgress }));
    expect(summaries).toEqual(expected.quarters);
    expect(summaries.map((s) => [s.period, s.status, s.usable])).toEqual([
      ["2026Q1", "final", true],
      ["2026Q2", "final", true],
      ["2026Q3", "final", true],
      ["2026Q4", "final", true],
    ]);
    // Progress names the file and the quarterly step it is in.
    expect(seen.every((p) => p.step === "quarters" && p.quarter !== null)).toBe(true);
    const label = annualProgressView(
      seen.find((p) => p.quarter?.progress.step === "validate")!,
      (id, params) => translate("zh", id, params),
    );
    expect(label.text).toMatch(/^正在检查“2026Q\d考核\.xlsx”：正在校验…$/);
  });

  it("grades the year from the checked files as `scorecard annual` does, and offers the new workbook to download", async () => {
    const { annual, seen, onProgress } = setup();
    for (const s of sources()) await annual.checkQuarter(s, { onProgress });
    seen.length = 0;
    const out = await annual.gradeYear(sources(), { onProgress });
    expect(out.result).toEqual(expected.result);
    expect(out.result).toMatchObject({ year: 2026, status: "final" });
    expect(out.quarters).toEqual(expected.quarters);
    // Issues as data, rendered in the pane's language: the same Chinese as the JSON result's.
    expect(out.issues.map((i) => issueMessage(i, MESSAGES_ZH))).toEqual(out.result.issues.map((i) => i.message));
    expect(out.workbook).toMatchObject({ how: "download", fileName: "2026年度定级.xlsx", why: "fileMode" });
    const bytes = out.workbook!.how === "download" ? out.workbook!.bytes : new Uint8Array();
    const { sheetNames } = await new XlsxReader(bytes).read([]);
    expect(sheetNames).toEqual(["年度定级", "公示名单", "年度图表", "年度校验报告", "运行记录"]);
    // Already checked: no file is read again; the steps are the grade and the workbook.
    expect([...new Set(seen.map((p) => p.step))]).toEqual(["grade", "write"]);
    expect(seen.at(-1)).toMatchObject({ step: "write", stepNumber: 3, steps: 3, done: 1, total: 1 });
    const t = (id: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("zh", id, params);
    expect(annualProgressView(seen[0]!, t).text).toBe("正在计算年度得分、排名和星级…");
    expect(annualProgressView(seen.at(-1)!, t)).toEqual({ fraction: 1, text: "完成" });
  });

  it("reads files not yet checked during the grade, with the quarter named in the progress", async () => {
    const { annual, seen, onProgress } = setup();
    const out = await annual.gradeYear(sources(), { onProgress });
    expect(out.result).toEqual(expected.result);
    const reading = seen.filter((p) => p.step === "quarters");
    expect([...new Set(reading.map((p) => p.quarter!.number))]).toEqual([1, 2, 3, 4]);
    const t = (id: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("zh", id, params);
    expect(annualProgressView(reading.at(-1)!, t).text).toMatch(/^第 4\/4 个季度工作簿“2026Q4考核\.xlsx”：/);
    const fractions = seen.map((p) => annualProgressView(p, t).fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it("stops when cancelled, with no workbook", async () => {
    const { annual } = setup();
    const controller = new AbortController();
    const run = annual.gradeYear(sources(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === "quarters" && p.quarter?.number === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
  });

  it("lists a file that is not a quarterly workbook as unusable, and a year of only that is fatal with no workbook", async () => {
    const { annual, onProgress } = setup();
    const broken: QuarterSource = { kind: "file", file: "坏文件.xlsx", bytes: new TextEncoder().encode("not a zip") };
    const summary = await annual.checkQuarter(broken, { onProgress });
    expect(summary).toMatchObject({ file: "坏文件.xlsx", status: "fatal", usable: false, period: null });
    const out = await annual.gradeYear([broken], { onProgress });
    expect(out.result.status).toBe("fatal");
    expect(out.workbook).toBeNull();
    expect(out.issues.map((i) => i.code)).toEqual(["ANNUAL_QUARTER_UNUSABLE", "ANNUAL_NO_QUARTER"]);
  });

  it("has no open workbook to read", async () => {
    const { annual, onProgress } = setup();
    await expect(annual.checkQuarter({ kind: "open" }, { onProgress })).rejects.toThrow("请先打开要处理的考核工作簿");
  });
});
