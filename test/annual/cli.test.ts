// annual.md §7: `scorecard annual <季度工作簿.xlsx>… [-o out.xlsx] [--json result.json|-]`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleYear } from "../../src/demo/sample-year.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { AnnualResultSchema } from "../../src/model/annual-result.js";
import { runCli } from "../helpers/cli.js";

const tmp = () => mkdtempSync(join(tmpdir(), "scorecard-annual-"));

/** The sample year's four workbooks, Q4 in a folder of its own. */
let year: { q1: Uint8Array; q2: Uint8Array; q3: Uint8Array; q4: Uint8Array };
beforeAll(() => {
  const [q1, q2, q3, q4] = sampleYear().quarters.map((q) => createWorkbook(q.sheets));
  year = { q1: q1!, q2: q2!, q3: q3!, q4: q4! };
});

function files(): { dir: string; paths: string[]; latestDir: string } {
  const dir = tmp();
  const latestDir = join(dir, "四季度");
  mkdirSync(latestDir);
  const paths = [join(dir, "一季度.xlsx"), join(dir, "二季度.xlsx"), join(dir, "三季度.xlsx"), join(latestDir, "四季度.xlsx")];
  [year.q1, year.q2, year.q3, year.q4].forEach((b, i) => writeFileSync(paths[i]!, b));
  return { dir, paths, latestDir };
}

describe("scorecard annual", () => {
  it("grades the year: exit 0, the JSON on stdout, the new workbook beside the latest quarter's file, inputs untouched", async () => {
    const { paths, latestDir } = files();
    const before = paths.map((p) => readFileSync(p));
    const r = await runCli(["annual", paths[2]!, paths[3]!, paths[0]!, paths[1]!, "--json", "-"]);
    expect(r.code).toBe(0);
    const result = AnnualResultSchema.parse(JSON.parse(r.stdout));
    expect(result).toMatchObject({ year: 2026, status: "final" });
    expect(result.quarters.map((q) => q.file)).toEqual(["一季度.xlsx", "二季度.xlsx", "三季度.xlsx", "四季度.xlsx"]);
    const out = join(latestDir, "2026年度定级.xlsx");
    expect(r.stderr).toContain(`年度定级已写入：${out}`);
    expect(r.stderr).toContain("2026年度定级：40 个支部，结果正式");
    const snapshot = await new XlsxReader(new Uint8Array(readFileSync(out))).read([]);
    expect(snapshot.sheetNames).toEqual(["年度定级", "公示名单", "年度图表", "年度校验报告", "运行记录"]);
    paths.forEach((p, i) => expect(readFileSync(p).equals(before[i]!)).toBe(true));
  });

  it("never overwrites: a default name already taken gets -2; an existing -o file is refused (exit 2)", async () => {
    const { dir, paths, latestDir } = files();
    const first = join(latestDir, "2026年度定级.xlsx");
    writeFileSync(first, "不是我们写的");
    const again = await runCli(["annual", ...paths]);
    expect(again.code).toBe(0);
    expect(readFileSync(first, "utf8")).toBe("不是我们写的");
    expect(existsSync(join(latestDir, "2026年度定级-2.xlsx"))).toBe(true);

    const taken = join(dir, "已有.xlsx");
    writeFileSync(taken, "旧文件");
    const refused = await runCli(["annual", ...paths, "-o", taken]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("文件已存在");
    expect(readFileSync(taken, "utf8")).toBe("旧文件");
  });

  it("-o and --json to files", async () => {
    const { dir, paths } = files();
    const out = join(dir, "结果", "年度.xlsx");
    const json = join(dir, "年度.json");
    const r = await runCli(["annual", ...paths, "-o", out, "--json", json]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(AnnualResultSchema.parse(JSON.parse(readFileSync(json, "utf8"))).branches).toHaveLength(40);
  });

  it("a provisional year (three quarters) still exits 0 and writes the workbook", async () => {
    const { dir, paths } = files();
    const r = await runCli(["annual", ...paths.slice(0, 3), "-o", join(dir, "中期.xlsx"), "--json", "-"]);
    expect(r.code).toBe(0);
    expect(AnnualResultSchema.parse(JSON.parse(r.stdout)).status).toBe("provisional");
    expect(r.stderr).toContain("ANNUAL_QUARTER_ABSENT 2026Q4");
    expect(existsSync(join(dir, "中期.xlsx"))).toBe(true);
  });

  it("a fatal year exits 2, writes the JSON but no workbook", async () => {
    const { dir, paths } = files();
    const out = join(dir, "年度.xlsx");
    const r = await runCli(["annual", paths[0]!, paths[0]!, "-o", out, "--json", "-"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: "fatal", year: 2026, settings: null, quarters: [], branches: [] });
    expect(r.stderr).toContain("ANNUAL_QUARTER_DUPLICATE");
    expect(r.stderr).toContain("没有生成年度定级工作簿");
    expect(existsSync(out)).toBe(false);
  });

  it("an unreadable quarterly file is a problem of the year, not a crash", async () => {
    const { dir, paths } = files();
    const bad = join(dir, "坏文件.xlsx");
    writeFileSync(bad, "not a zip");
    const r = await runCli(["annual", bad, ...paths, "--json", "-", "-o", join(dir, "y.xlsx")]);
    expect(r.code).toBe(0);
    const result = AnnualResultSchema.parse(JSON.parse(r.stdout));
    expect(result.status).toBe("provisional");
    expect(result.issues[0]).toMatchObject({ code: "ANNUAL_QUARTER_UNUSABLE", file: "坏文件.xlsx" });
  });

  it("usage errors exit 64 (no file, an unknown option); file problems exit 2 (a missing file, -o or --json over an input)", async () => {
    const { dir, paths } = files();
    const none = await runCli(["annual"]);
    expect(none.code).toBe(64);
    expect(none.stderr).toContain("annual 需要本年度各季度的考核工作簿");
    expect((await runCli(["annual", ...paths, "--bogus"])).code).toBe(64);
    const missing = await runCli(["annual", "/nonexistent/一季度.xlsx"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("找不到文件");
    const over = await runCli(["annual", ...paths, "-o", paths[1]!]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("本程序从不修改原文件");
    const json = await runCli(["annual", ...paths, "-o", join(dir, "new.xlsx"), "--json", paths[0]!]);
    expect(json.code).toBe(2);
    paths.forEach((p, i) => expect(readFileSync(p).equals(Buffer.from([year.q1, year.q2, year.q3, year.q4][i]!))).toBe(true));
  });

  it("is listed in the usage text", async () => {
    const r = await runCli(["help"]);
    expect(r.stdout).toContain("scorecard annual <季度工作簿.xlsx>… [-o <输出.xlsx>] [--json <结果.json|->]");
  });
});
