import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { SET_ASIDE_SHEET } from "../../src/model/regeneration.js";
import { rosterSheet } from "../../src/template/input-sheets.js";
import { runCli } from "../helpers/cli.js";
import { BRANCHES, editedQuarter } from "./fill-template.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "scorecard-template-from-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** 评分A's non-blank cells by 支部编码 and item code. */
async function gridA(bytes: Uint8Array): Promise<Map<string, unknown>> {
  const grid = (await new XlsxReader(bytes).read(["评分A"])).sheets.get("评分A")!;
  const header = grid.rows.findIndex((r) => r[0]?.value === "支部编码");
  const out = new Map<string, unknown>();
  for (const row of grid.rows.slice(header + 1)) {
    const code = row[0]?.value;
    if (typeof code !== "string" || !code.startsWith("ZB")) continue;
    row.forEach((c, i) => void (i >= 2 && c != null && out.set(`${code} ${String(grid.rows[header]![i]!.value)}`, c.value)));
  }
  return out;
}

describe("scorecard template --from", () => {
  it("regenerates a copy of the workbook from its own roster, keeping typed scores; exit 1 while something could not be placed", async () => {
    const input = join(dir, "季度考核.xlsx");
    const original = XlsxWorkbook.create(editedQuarter()).bytes();
    await writeFile(input, original);
    const out = join(dir, "新模板.xlsx");
    const run = await runCli(["template", "--from", input, "--period", "2026年第四季度", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("评分表已按支部名册重新生成：6 个支部");
    expect(run.stderr).toContain("新增支部 1 个：ZB07");
    expect(run.stderr).toContain("名册中已删除的支部 1 个：ZB04");
    expect(run.stderr).toContain("支部 ZB02 改名：“设备检修中心党支部” → “设备检修中心第一党支部”（分数已保留）");
    expect(run.stderr).toContain("考核周期：2026Q3 → 2026Q4");
    expect(run.stderr).toMatch(/\d+ 个已填的单元格没有放回评分表，已逐格保存在“未能放回的评分”工作表中/);
    expect(run.stderr).toContain("（原文件未改动）");
    expect(new Uint8Array(await readFile(input))).toEqual(original);

    const written = new Uint8Array(await readFile(out));
    const before = await gridA(original);
    const after = await gridA(written);
    for (const code of ["ZB01", "ZB02", "ZB03", "ZB06"]) {
      const kept = [...before].filter(([k]) => k.startsWith(`${code} `));
      expect(kept.length, code).toBeGreaterThan(10);
      for (const [k, v] of kept) expect(after.get(k), k).toEqual(v);
    }
    const aside = (await new XlsxReader(written).read([SET_ASIDE_SHEET])).sheets.get(SET_ASIDE_SHEET)!;
    expect(aside.rows[1]?.[0]?.value).toBe("2026-10-08 09:30:00");

    // Regenerating the regenerated workbook: everything is in place, nothing left out (exit 0).
    const again = await runCli(["template", "--from", out, "-o", join(dir, "再次.xlsx")]);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain("没有放回");
  });

  it("refuses --from with --branches, an output that is the input, and a roster with problems (nothing written)", async () => {
    const input = join(dir, "季度考核.xlsx");
    await writeFile(input, XlsxWorkbook.create(editedQuarter()).bytes());
    expect((await runCli(["template", "--from", input, "--branches", input, "-o", join(dir, "a.xlsx")])).code).toBe(64);
    const same = await runCli(["template", "--from", input, "-o", input]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("本程序从不修改原文件");

    const broken = join(dir, "名册有误.xlsx");
    const sheets = editedQuarter().map((s) => (s.name === "支部名册" ? rosterSheet([BRANCHES[0]!, BRANCHES[0]!]) : s));
    await writeFile(broken, XlsxWorkbook.create(sheets).bytes());
    const out = join(dir, "b.xlsx");
    const run = await runCli(["template", "--from", broken, "-o", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("本工作簿的“支部名册”有 1 处问题，评分表没有重新生成，工作簿未作任何改动");
    await expect(readFile(out)).rejects.toThrow();
  });
});
