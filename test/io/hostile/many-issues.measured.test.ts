import { beforeAll, describe, expect, it } from "vitest";
import { createWorkbook } from "../../../src/io/xlsx/writer.js";
import { XlsxReader } from "../../../src/io/xlsx/reader.js";
import { defaultRules } from "../../../src/model/default-rules.js";
import { OUTPUT_SHEETS } from "../../../src/model/sheets.js";
import { MAX_HYPERLINKS } from "../../../src/report/excel-limits.js";
import { inputSheets, type RosterEntry } from "../../../src/template/input-sheets.js";
import { describeRun, expectWithinBudget, measureAgainstBudget, type MeasuredRun } from "./cli-measure.js";

/*
 * 2,000 branches whose every score cell of 评分A and 评分B is "x": 144,000 grid issues. The
 * command line reports them all in the JSON result and lists the first 65,530 (as many as a
 * sheet can link) in 校验报告 with a count of the rest, within 1 GiB (it took
 * 12–16 s and about 1.04 GB when 校验报告 listed them all as one 110 MB string of XML, and
 * 11–12 s when the result's fingerprint and the JSON were each made as one 50 MB string).
 */

const BRANCHES = 2000;
const ISSUES = BRANCHES * 36 * 2;

function everyScoreWrong(): Uint8Array {
  const branches: RosterEntry[] = Array.from({ length: BRANCHES }, (_, i) => ({
    code: `ZB${String(i + 1).padStart(4, "0")}`,
    name: `第${i + 1}党支部`,
    category: "生产类",
    unit: "炼钢厂",
  }));
  return createWorkbook(inputSheets({ settings: { period: "2026Q3" }, rules: defaultRules(), branches, a: () => "x", b: () => "x" }));
}

// Issue 7's budget, 10 s and 1 GiB. Alone on this 2-core machine (2026-12-03, stop 17) the run
// waits 5.9–6.5 s (7.9–8.7 s of CPU, about 550 MiB); the code before that stop took 7.3–8.4 s at
// the same moments, and 10.9 s once when the machine itself was a fifth slower.
describe("144,000 grid issues", () => {
  let run: MeasuredRun;
  beforeAll(async () => {
    run = await measureAgainstBudget(everyScoreWrong());
  }, 240_000);

  it("the command line reports them within 10 s and 1 GiB", () => {
    expect(run.code, describeRun(run)).toBe(0);
    expectWithinBudget(run);
    const json = JSON.parse(run.stdout) as { issues: { code: string }[] };
    expect(json.issues).toHaveLength(ISSUES);
  });

  it("校验报告 lists the first 65,530, each linked to its cell, and counts the rest", async () => {
    const report = (await new XlsxReader(run.output!).read([OUTPUT_SHEETS.report])).sheets.get(OUTPUT_SHEETS.report)!;
    const texts = report.rows.map((r) => (r[0]?.kind === "text" ? r[0].value : ""));
    const header = texts.indexOf("级别");
    expect(report.rows.length - header - 1).toBe(MAX_HYPERLINKS);
    expect(texts.filter((t) => t.startsWith("【"))).toEqual([
      `【未全部列出】共 ${ISSUES} 项问题，本表列出前 ${MAX_HYPERLINKS} 项（Excel 一张工作表最多 ${MAX_HYPERLINKS} 个链接，列出的每项都可点击跳转），另有 ${ISSUES - MAX_HYPERLINKS} 项未列出。请先改正列出的问题，再重新校验，其余的问题会接着列在这里。`,
    ]);
  }, 60_000);
});
