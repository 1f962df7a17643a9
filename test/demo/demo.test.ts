import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { demoPaths } from "../../src/cli/demo.js";
import { CATEGORIES } from "../../src/model/categories.js";
import { ResultSchema, type Result } from "../../src/model/result.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { runAssessment } from "../../src/pipeline.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { runCli } from "../helpers/cli.js";
import { sampleWorkbook } from "../helpers/sample-workbooks.js";
import { unzipParts } from "../helpers/package-fidelity.js";

const NOW = new Date("2026-10-08T09:30:00");

describe("the sample quarter", () => {
  let bytes: Uint8Array;
  let result: Result;
  const quarter = sampleQuarter();

  beforeAll(async () => {
    bytes = sampleWorkbook();
    result = (await runAssessment(new XlsxReader(bytes), null, { now: NOW })).result;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is deterministic: the same seed gives the same data and byte-identical workbooks, whenever it is built", () => {
    expect(sampleQuarter()).toEqual(quarter);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-03-01T08:00:00Z"));
    const later = sampleWorkbook();
    vi.setSystemTime(new Date("2030-12-31T23:59:59Z"));
    const muchLater = sampleWorkbook();
    vi.useRealTimers();
    expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(muchLater).equals(Buffer.from(bytes))).toBe(true);
    // A different seed gives a different quarter.
    expect(sampleQuarter({ seed: 7 }).a).not.toEqual(quarter.a);
  });

  it("has at least 36 branches in all five categories, with unique codes and realistic names", () => {
    expect(quarter.branches.length).toBeGreaterThanOrEqual(36);
    expect(new Set(quarter.branches.map((b) => b.code)).size).toBe(quarter.branches.length);
    expect(new Set(quarter.branches.map((b) => b.name)).size).toBe(quarter.branches.length);
    for (const c of CATEGORIES) expect(quarter.branches.filter((b) => b.category === c).length).toBeGreaterThanOrEqual(3);
    expect(quarter.branches.every((b) => b.name.endsWith("党支部") && b.unit !== "")).toBe(true);
    expect(quarter.settings.period).toBe("2026Q3");
    expect(result.period).toBe("2026Q3");
    expect(result.branches).toHaveLength(quarter.branches.length);
  });

  it("scores provisional with exactly one pending dispute and no other error", () => {
    expect(ResultSchema.parse(result)).toEqual(result);
    expect(result.status).toBe("provisional");
    const errors = result.issues.filter((i) => i.severity !== "warning");
    expect(errors.map((i) => i.code)).toEqual(["DISPUTE_PENDING"]);
    expect(result.items.filter((i) => i.status === "超差待仲裁").map((i) => [i.branch, i.item])).toEqual([
      [quarter.highlights.pending.branch, quarter.highlights.pending.item],
    ]);
    // The other disputes were arbitrated, and the raters otherwise agree within tolerance.
    const arbitrated = result.items.filter((i) => i.status === "已仲裁");
    expect(arbitrated.length).toBeGreaterThanOrEqual(3);
    expect(arbitrated.map((i) => ({ branch: i.branch, item: i.item }))).toEqual(quarter.highlights.arbitrated);
    expect(result.issues.some((i) => i.code === "ARBITRATION_IGNORED")).toBe(false);
    expect(result.agreement!.rate).toBeGreaterThan(0.95);
    expect(result.agreement!.rate).toBeLessThan(1);
    expect(result.items.some((i) => i.status === "一致" && i.a !== i.b)).toBe(true);
  });

  it("has exactly one vetoed branch, ranked last", () => {
    const vetoed = result.branches.filter((b) => b.vetoed);
    expect(vetoed).toHaveLength(1);
    expect(vetoed[0]!.code).toBe(quarter.highlights.vetoed.branch);
    expect(vetoed[0]!.vetoItems).toEqual([quarter.highlights.vetoed.item]);
    expect(result.branches.at(-1)!.code).toBe(vetoed[0]!.code);
    expect(vetoed[0]!.stars).toBe(1);
  });

  it("caps a bonus above 5 at 5, and gives several branches a bonus", () => {
    const bonusItems = new Set(quarter.rules.items.filter((i) => i.type === "bonus").map((i) => i.code));
    const claimed = (code: string) =>
      result.items.filter((i) => i.branch === code && bonusItems.has(i.item)).reduce((s, i) => s + (i.final ?? 0), 0);
    const capped = result.branches.filter((b) => claimed(b.code) > 5);
    expect(capped.map((b) => b.code)).toEqual([quarter.highlights.bonusOverCap.branch]);
    expect(capped[0]!.bonus).toBe(5);
    expect(result.branches.filter((b) => b.bonus > 0).length).toBeGreaterThanOrEqual(5);
  });

  it("marks 7.1 and 7.2 不适用 for 综合管理类 branches, and only those", () => {
    const management = new Set(result.branches.filter((b) => b.category === "综合管理类").map((b) => b.code));
    expect(management.size).toBeGreaterThan(0);
    const na = result.items.filter((i) => i.status === "不适用");
    expect(na).toHaveLength(management.size * 2);
    expect(na.every((i) => management.has(i.branch) && (i.item === "7.1" || i.item === "7.2"))).toBe(true);
    const m = result.branches.find((b) => management.has(b.code))!;
    expect(m.areas.find((a) => a.name === "中心工作融合")!.max).toBe(12);
  });

  it("has self-assessments for most branches and notes for most deductions", () => {
    const withSelf = result.branches.filter((b) => b.selfTotal !== null).length;
    expect(withSelf).toBeGreaterThanOrEqual(result.branches.length * 0.75);
    expect(withSelf).toBeLessThan(result.branches.length);
    const sheets = sampleQuarterSheets(quarter).map((s) => s.name);
    expect(sheets).toEqual(["考核设置", "评分细则", "支部名册", "评分A", "评分B", "仲裁", "自评", "扣分说明"]);
    const missing = result.issues.filter((i) => i.code === "DEDUCTION_NOTE_MISSING").length;
    expect(quarter.notes.length).toBeGreaterThan(missing * 5);
    expect(missing).toBeGreaterThan(0);
  });

  it("builds bigger quarters of the same structure for the benchmark", async () => {
    const big = sampleQuarter({ branches: 300, disputeShare: 0.02 });
    expect(big.branches).toHaveLength(300);
    expect(new Set(big.branches.map((b) => b.code)).size).toBe(300);
    expect(new Set(big.branches.map((b) => b.name)).size).toBe(300);
    const { SheetSpecReader } = await import("../../src/io/sheet-spec-reader.js");
    const r = (await runAssessment(new SheetSpecReader(sampleQuarterSheets(big)), null, { now: NOW })).result;
    expect(r.status).toBe("provisional");
    expect(r.issues.filter((i) => i.severity !== "warning").map((i) => i.code)).toEqual(["DISPUTE_PENDING"]);
    expect(r.items.filter((i) => i.status === "已仲裁").length).toBeGreaterThan(100);
    expect(r.branches.filter((b) => b.vetoed)).toHaveLength(1);
    const small = sampleQuarter({ branches: 10 });
    expect(new Set(small.branches.map((b) => b.category)).size).toBe(5);
  });
});

describe("scorecard demo", () => {
  it("writes the input workbook, the scored copy and the JSON, and prints the ranking", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-demo-"));
    const out = join(dir, "示例");
    const r = await runCli(["demo", "-o", out], NOW);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const paths = demoPaths(out, "2026Q3");
    expect(paths.input).toBe(join(out, "示例考核-2026Q3.xlsx"));
    for (const p of [paths.input, paths.output, paths.json]) expect(existsSync(p)).toBe(true);

    const input = new Uint8Array(readFileSync(paths.input));
    // The CLI deflates with zlib, sampleWorkbook() with fflate: the same parts, in the same order.
    expect([...unzipParts(input)]).toEqual([...unzipParts(sampleWorkbook())]);
    const json = ResultSchema.parse(JSON.parse(readFileSync(paths.json, "utf8")));
    expect(json.status).toBe("provisional");

    // The scored copy holds the input sheets untouched and the result sheets.
    const scored = await new XlsxReader(new Uint8Array(readFileSync(paths.output))).read(["考核结果"]);
    expect(scored.sheetNames.slice(0, 8)).toEqual(["考核设置", "评分细则", "支部名册", "评分A", "评分B", "仲裁", "自评", "扣分说明"]);
    expect(scored.sheetNames).toContain("考核结果");
    expect(scored.sheetNames).toContain("运行记录");
    // The demo roster gives units: 单位汇总, and the ledger of what each branch must fix.
    expect(scored.sheetNames).toContain("单位汇总");
    expect(scored.sheetNames).toContain("整改台账");
    expect(json.units?.length).toBeGreaterThan(1);
    const again = (await runAssessment(new XlsxReader(new Uint8Array(readFileSync(paths.output))), null, { now: NOW })).result;
    expect(again.branches).toEqual(json.branches);

    for (const b of json.branches) expect(r.stdout).toContain(b.code);
    expect(r.stdout).toContain("排名");
    expect(r.stdout).toContain("结果：暂定");
    expect(r.stdout).toContain("DISPUTE_PENDING");
    expect(r.stdout).toContain(paths.output);
  });

  it("defaults to demo/ under the current directory and rejects a file argument", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-demo-"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runCli(["demo"], NOW);
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, "demo", "示例考核-2026Q3-评分结果.xlsx"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
    const bad = await runCli(["demo", "x.xlsx"], NOW);
    expect(bad.code).toBe(64);
  });
});
