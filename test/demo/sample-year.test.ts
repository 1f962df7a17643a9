import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAnnual } from "../../src/annual-pipeline.js";
import { sampleYear, type SampleYear } from "../../src/demo/sample-year.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { AnnualResultSchema, type AnnualResult } from "../../src/model/annual-result.js";
import { runCli } from "../helpers/cli.js";

const NOW = new Date("2026-12-28T09:30:00");

describe("the sample year", () => {
  let sample: SampleYear;
  let result: AnnualResult;
  beforeAll(async () => {
    sample = sampleYear();
    const files = sample.quarters.map((q) => ({ file: q.file, reader: new XlsxReader(createWorkbook(q.sheets)) }));
    result = (await runAnnual(files, { now: NOW, newWorkbook: createWorkbook })).result;
  });

  it("is deterministic: four quarters of 2026, the same workbooks every time", () => {
    expect(sample.quarters.map((q) => q.period)).toEqual(["2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    const again = sampleYear();
    sample.quarters.forEach((q, i) => expect(Buffer.from(createWorkbook(again.quarters[i]!.sheets)).equals(Buffer.from(createWorkbook(q.sheets)))).toBe(true));
  });

  it("grades final: every quarter final, the joining branch the only warning of the year", () => {
    expect(result.status).toBe("final");
    expect(result.quarters.map((q) => q.status)).toEqual(["final", "final", "final", "final"]);
    expect(result.issues.map((i) => i.code)).toEqual(["ANNUAL_BRANCH_PARTIAL"]);
  });

  it("has a branch that joins in the third quarter", () => {
    const joined = result.branches.find((b) => b.code === sample.highlights.joined.branch)!;
    expect(sample.highlights.joined.period).toBe("2026Q3");
    expect(joined.quarters.map((q) => q?.period ?? null)).toEqual([null, null, "2026Q3", "2026Q4"]);
    expect(joined.previousStars).toBeNull();
  });

  it("has one veto in the year, ranked last", () => {
    const vetoed = result.branches.filter((b) => b.vetoed);
    expect(vetoed.map((b) => [b.code, b.vetoQuarters])).toEqual([[sample.highlights.vetoed.branch, ["2026Q2"]]]);
    expect(result.branches.at(-1)!.code).toBe(sample.highlights.vetoed.branch);
    expect(result.branches.at(-1)!.adjustments[0]!.step).toBe("veto");
  });

  it("shows the quotas and 逐级晋升 at work", () => {
    expect(result.settings).toMatchObject({ fiveStarCap: 0.1, fourStarCap: 0.3, stepwise: true });
    const n = result.branches.length;
    expect(result.branches.filter((b) => b.stars === 5).length).toBeLessThanOrEqual(Math.floor(n * 0.1));
    expect(result.branches.filter((b) => b.stars === 4).length).toBeLessThanOrEqual(Math.floor(n * 0.3));
    const steps = new Set(result.branches.flatMap((b) => b.adjustments.map((a) => a.step)));
    expect(steps).toEqual(new Set(["veto", "stepwise", "quota"]));
  });
});

describe("scorecard demo: the sample year", () => {
  it("writes the four quarters, the annual workbook and its JSON, and prints the annual ranking", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-demo-year-"));
    const r = await runCli(["demo", "-o", dir], NOW);
    expect(r.code).toBe(0);
    const folder = join(dir, "示例年度-2026");
    for (const f of ["2026Q1考核.xlsx", "2026Q2考核.xlsx", "2026Q3考核.xlsx", "2026Q4考核.xlsx", "2026年度定级.xlsx", "2026年度定级-结果.json"]) {
      expect(existsSync(join(folder, f)), f).toBe(true);
    }
    const json = AnnualResultSchema.parse(JSON.parse(readFileSync(join(folder, "2026年度定级-结果.json"), "utf8")));
    expect(json.status).toBe("final");
    expect(r.stdout).toContain("示例年度 2026：4 个季度、40 个支部，结果正式");
    expect(r.stdout).toContain("逐级晋升");
    expect(r.stdout).toContain("超五星名额");
    expect(r.stdout).toContain(join(folder, "2026年度定级.xlsx"));
  });
});
