import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { patchCells } from "../../src/io/xlsx/patch.js";
import { openXlsx, XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { runAssessment } from "../../src/pipeline.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { templateGridSheet, templateSheets } from "../../src/template/template-workbook.js";
import { runCli } from "../helpers/cli.js";
import { BRANCHES, consistentScores, gridEdits, noteEdits, type Filler } from "../template/fill-template.js";

const rules = defaultRules();
const scores = consistentScores(rules, BRANCHES);
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "scorecard-merge-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = async (path: string) => new Uint8Array(await readFile(path));
const path = (name: string) => join(dir, name);

/** The template every party starts from. */
async function newTemplate(): Promise<Uint8Array> {
  const bytes = createWorkbook(templateSheets({ branches: BRANCHES, period: "2026Q3" }));
  await writeFile(path("模板.xlsx"), bytes);
  return bytes;
}

/** A rater's copy of `base` with one grid filled. */
async function raterCopy(base: Uint8Array, sheet: string, fill: Filler, name: string): Promise<Uint8Array> {
  const grid = (await new XlsxReader(base).read([sheet])).sheets.get(sheet)!;
  const bytes = patchCells(base, sheet, gridEdits(grid, rules, fill));
  await writeFile(path(name), bytes);
  return bytes;
}

/** Zip entries whose bytes differ between two packages (or exist in only one). */
function changedParts(a: Uint8Array, b: Uint8Array): string[] {
  const x = unzipSync(a),
    y = unzipSync(b);
  const names = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
  return names.filter((n) => !x[n] || !y[n] || Buffer.compare(Buffer.from(x[n]), Buffer.from(y[n])) !== 0);
}

const partOf = (bytes: Uint8Array, sheet: string) => openXlsx(bytes).workbook.sheets.find((s) => s.name === sheet)!.part;

describe("scorecard merge", () => {
  it("merges a rater's grid into a copy: target untouched, only the grid's sheet part changes", async () => {
    const template = await newTemplate();
    await raterCopy(template, "评分A", scores.a, "A方.xlsx");
    const run = await runCli(["merge", path("模板.xlsx"), path("A方.xlsx"), "-o", path("合并.xlsx")]);
    expect(run.code).toBe(0);
    const copied = gridEdits((await new XlsxReader(template).read(["评分A"])).sheets.get("评分A")!, rules, scores.a).length;
    expect(run.stderr).toBe(`“评分A”：导入 ${copied} 个单元格。\n合并结果已写入：${path("合并.xlsx")}\n`);
    expect(await read(path("模板.xlsx"))).toEqual(template);
    expect(changedParts(template, await read(path("合并.xlsx")))).toEqual([partOf(template, "评分A")]);
  });

  it("merges both raters with their deduction notes; the result scores final; merging again changes nothing", async () => {
    const template = await newTemplate();
    const withNotes = async (bytes: Uint8Array, rater: string, name: string) => {
      const patched = patchCells(bytes, "扣分说明", noteEdits(scores.notes.filter((n) => n[2] === rater)));
      await writeFile(path(name), patched);
    };
    await withNotes(await raterCopy(template, "评分A", scores.a, "A方.xlsx"), "A", "A方.xlsx");
    await withNotes(await raterCopy(template, "评分B", scores.b, "B方.xlsx"), "B", "B方.xlsx");

    const first = await runCli(["merge", path("模板.xlsx"), path("A方.xlsx"), "-o", path("合并1.xlsx")]);
    expect(first.code).toBe(0);
    const notesA = scores.notes.filter((n) => n[2] === "A").length;
    expect(first.stderr).toContain(`“扣分说明”：追加 ${notesA} 行`);
    const merged1 = await read(path("合并1.xlsx"));
    expect(changedParts(template, merged1)).toEqual([partOf(template, "评分A"), partOf(template, "扣分说明")].sort());

    const second = await runCli(["merge", path("合并1.xlsx"), path("B方.xlsx"), "-o", path("合并2.xlsx")]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("“评分B”：导入");
    const merged2 = await read(path("合并2.xlsx"));
    const notes = (await new XlsxReader(merged2).read(["扣分说明"])).sheets.get("扣分说明")!.rows.slice(1);
    expect(notes).toHaveLength(scores.notes.length);
    expect(notes.map((r) => (r[2]?.kind === "text" ? r[2].value : null))).toEqual(scores.notes.map((n) => n[2]).sort());

    const { result } = await runAssessment(new XlsxReader(merged2), null, { now: new Date("2026-10-08T09:30:00") });
    expect(result.issues).toEqual([]);
    expect(result.status).toBe("final");

    const again = await runCli(["merge", path("合并2.xlsx"), path("B方.xlsx"), "-o", path("合并3.xlsx")]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("“评分B”：导入 0 个单元格。");
    expect(again.stderr).not.toContain("追加");
    expect(changedParts(merged2, await read(path("合并3.xlsx")))).toEqual([]);
  });

  it("matches by codes when the rater's file orders rows and columns differently", async () => {
    const template = await newTemplate();
    // A rater file made elsewhere: branches reversed, items reversed.
    const reversed = { items: [...rules.items].reverse(), areas: rules.areas };
    let other: Uint8Array = createWorkbook([templateGridSheet("评分B", reversed, [...BRANCHES].reverse())]);
    const grid = (await new XlsxReader(other).read(["评分B"])).sheets.get("评分B")!;
    other = patchCells(other, "评分B", gridEdits(grid, rules, scores.b));
    await writeFile(path("B方.xlsx"), other);

    const run = await runCli(["merge", path("模板.xlsx"), path("B方.xlsx"), "-o", path("out.xlsx")]);
    expect(run.code).toBe(0);
    const inTemplateOrder = patchCells(
      template,
      "评分B",
      gridEdits((await new XlsxReader(template).read(["评分B"])).sheets.get("评分B")!, rules, scores.b),
    );
    const want = (await new XlsxReader(inTemplateOrder).read(["评分B"])).sheets.get("评分B");
    const got = (await new XlsxReader(await read(path("out.xlsx"))).read(["评分B"])).sheets.get("评分B");
    expect(got).toEqual(want);
  });

  it("reports conflicts with their cells, keeps the target's values, merges the rest and exits 1", async () => {
    const template = await newTemplate();
    const target = await raterCopy(template, "评分A", scores.a, "目标.xlsx");
    // The rater's copy disagrees on ZB02 1.1 (C6): 2 instead of the target's value.
    const differing: Filler = (b, it) => (b === "ZB02" && it.code === "1.1" ? 2 : scores.a(b, it));
    await raterCopy(template, "评分A", differing, "A方.xlsx");
    const run = await runCli(["merge", path("目标.xlsx"), path("A方.xlsx"), "--as", "评分A", "-o", path("out.xlsx")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("“评分A”：导入 0 个单元格。");
    expect(run.stderr).toContain(
      `1 个单元格两边都已填写且不一致，未覆盖（保留目标工作簿的值），请核对：\n  评分A!C6  支部 ZB02，项目 1.1：目标为“${scores.a("ZB02", rules.items[0]!)}”，导入文件为“2”`,
    );
    expect(changedParts(target, await read(path("out.xlsx")))).toEqual([]);
  });

  it("reports codes the target lacks and exits 1", async () => {
    const template = await newTemplate();
    const extra = createWorkbook([
      templateGridSheet("评分A", rules, [...BRANCHES, { code: "ZB99", name: "新支部", category: "生产类", unit: "" }]),
    ]);
    const grid = (await new XlsxReader(extra).read(["评分A"])).sheets.get("评分A")!;
    await writeFile(
      path("A方.xlsx"),
      patchCells(
        extra,
        "评分A",
        gridEdits(grid, rules, (b, it) => (b === "ZB99" ? 1 : scores.a(b, it))),
      ),
    );
    const run = await runCli(["merge", path("模板.xlsx"), path("A方.xlsx"), "-o", path("out.xlsx")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("导入文件中有 1 个支部编码在目标的“评分A”中没有对应行，未导入：ZB99");
    expect(changedParts(template, await read(path("out.xlsx")))).toEqual([partOf(template, "评分A")]);
  });

  it("asks for --as when several grids are filled; usage and file errors", async () => {
    const template = await newTemplate();
    const both = await raterCopy(await raterCopy(template, "评分A", scores.a, "x.xlsx"), "评分B", scores.b, "两张.xlsx");
    expect(both.length).toBeGreaterThan(0);
    const ambiguous = await runCli(["merge", path("模板.xlsx"), path("两张.xlsx"), "-o", path("out.xlsx")]);
    expect(ambiguous.code).toBe(64);
    expect(ambiguous.stderr).toContain("有多张评分表填写了分数");
    expect(ambiguous.stderr).toContain("--as");
    const chosen = await runCli(["merge", path("模板.xlsx"), path("两张.xlsx"), "--as", "评分B", "-o", path("out.xlsx")]);
    expect(chosen.code).toBe(0);
    expect(chosen.stderr).toContain("“评分B”：导入");

    const same = await runCli(["merge", path("模板.xlsx"), path("两张.xlsx"), "-o", path("模板.xlsx")]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`就是目标工作簿 ${path("模板.xlsx")}`);
    expect(await read(path("模板.xlsx"))).toEqual(template);
    expect((await runCli(["merge", path("模板.xlsx"), path("两张.xlsx")])).code).toBe(64);
    expect((await runCli(["merge", path("模板.xlsx"), "-o", path("o.xlsx")])).code).toBe(64);
    const badAs = await runCli(["merge", path("模板.xlsx"), path("两张.xlsx"), "--as", "评分C", "-o", path("o.xlsx")]);
    expect(badAs.code).toBe(64);
    expect(badAs.stderr).toContain("--as 无效：“评分C”");

    await writeFile(path("坏.xlsx"), "not a workbook");
    const broken = await runCli(["merge", path("模板.xlsx"), path("坏.xlsx"), "-o", path("o.xlsx")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`无法读取“${path("坏.xlsx")}”：`);
    const empty = await runCli(["merge", path("模板.xlsx"), path("不存在.xlsx"), "-o", path("o.xlsx")]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`找不到文件：${path("不存在.xlsx")}`);
    await copyFile(path("模板.xlsx"), path("模板副本.xlsx"));
    const nothing = await runCli(["merge", path("模板.xlsx"), path("模板副本.xlsx"), "-o", path("o.xlsx")]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("都没有填写任何分数");
  });
});
