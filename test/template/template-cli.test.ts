import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { patchCells } from "../../src/io/xlsx/patch.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { runAssessment } from "../../src/pipeline.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { inputSheets, rosterSheet } from "../../src/template/input-sheets.js";
import { runCli } from "../helpers/cli.js";
import { BRANCHES, consistentScores, gridEdits, noteEdits } from "./fill-template.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "scorecard-template-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV =
  "\ufeff支部编码,支部名称,支部类别,所属单位,党员人数\n" +
  BRANCHES.map((b) => [b.code, b.name, b.category, b.unit, b.members ?? ""].join(",")).join("\n") +
  "\n";

/** The worksheet part of a sheet, by name. */
function sheetXml(bytes: Uint8Array, name: string): string {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files["xl/workbook.xml"]!);
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]!);
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
  const path = (target[1] ?? target[2])!.replace(/^\//, "");
  return strFromU8(files[path.startsWith("xl/") ? path : `xl/${path}`]!);
}

describe("scorecard template", () => {
  it("writes a new workbook from a CSV roster, with the period normalised", async () => {
    const roster = join(dir, "名册.csv");
    await writeFile(roster, CSV);
    const out = join(dir, "模板.xlsx");
    const run = await runCli(["template", "--branches", roster, "--period", "2026年第三季度", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`已生成考核模板：${out}`);
    expect(run.stderr).toContain("考核周期：2026Q3");
    expect(run.stderr).toContain(`支部名册：${BRANCHES.length} 个支部（取自 名册.csv）`);
    expect(run.stderr).toContain("评分细则：默认细则（基础项 27 个、加分项 5 个、否决项 4 个）");

    const bytes = new Uint8Array(await readFile(out));
    const snap = await new XlsxReader(bytes).read(["考核设置", "支部名册", "评分A"]);
    expect(snap.sheetNames).toEqual(["填报说明", "考核设置", "评分细则", "支部名册", "评分A", "评分B", "仲裁", "自评", "扣分说明"]);
    expect(
      snap.sheets
        .get("支部名册")!
        .rows.slice(1)
        .map((r) => r[0]),
    ).toEqual(BRANCHES.map((b) => ({ kind: "text", value: b.code })));
    // The grid part carries validation, protection, merges and panes frozen at row 4 / column B.
    const a = sheetXml(bytes, "评分A");
    expect(a).toContain("<sheetProtection");
    expect(a).toMatch(/xSplit="2"/);
    expect(a).toMatch(/ySplit="4"/);
    expect(a).toContain(`type="decimal"`);
    expect(a).toContain(`type="list"`);
    expect(a).toContain("<mergeCells");

    // Empty but structurally sound: only the scores are missing.
    const { result } = await runAssessment(new XlsxReader(bytes), null, { now: new Date() });
    expect(result.status).toBe("provisional");
    expect([...new Set(result.issues.map((i) => i.code))]).toEqual(["SCORE_MISSING"]);
  });

  it("scores final with no issue once the file is filled by patching its cells", async () => {
    const out = join(dir, "t.xlsx");
    await writeFile(join(dir, "r.csv"), CSV);
    expect((await runCli(["template", "--branches", join(dir, "r.csv"), "--period", "2026Q3", "-o", out])).code).toBe(0);
    let bytes: Uint8Array = new Uint8Array(await readFile(out));
    const rules = defaultRules();
    const s = consistentScores(rules, BRANCHES);
    const snap = await new XlsxReader(bytes).read(["评分A", "评分B", "自评"]);
    bytes = patchCells(bytes, "评分A", gridEdits(snap.sheets.get("评分A")!, rules, s.a));
    bytes = patchCells(bytes, "评分B", gridEdits(snap.sheets.get("评分B")!, rules, s.b));
    bytes = patchCells(bytes, "自评", gridEdits(snap.sheets.get("自评")!, rules, s.self));
    bytes = patchCells(bytes, "扣分说明", noteEdits(s.notes));
    const { result } = await runAssessment(new XlsxReader(bytes), null, { now: new Date("2026-10-08T09:30:00") });
    expect(result.issues).toEqual([]);
    expect(result.status).toBe("final");
    expect(result.period).toBe("2026Q3");
    expect(result.branches.map((b) => b.code).sort()).toEqual(BRANCHES.map((b) => b.code).sort());
  });

  it("takes the roster from an .xlsx; without --branches writes example branches", async () => {
    const roster = join(dir, "名册.xlsx");
    await writeFile(roster, createWorkbook([rosterSheet(BRANCHES)]));
    const out = join(dir, "a.xlsx");
    const run = await runCli(["template", "--branches", roster, "-o", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("考核周期：未填写");
    const snap = await new XlsxReader(new Uint8Array(await readFile(out))).read(["支部名册"]);
    expect(
      snap.sheets
        .get("支部名册")!
        .rows.slice(1)
        .map((r) => r[1]),
    ).toEqual(BRANCHES.map((b) => ({ kind: "text", value: b.name })));

    const plain = join(dir, "b.xlsx");
    const examples = await runCli(["template", "-o", plain]);
    expect(examples.code).toBe(0);
    expect(examples.stderr).toContain("示例支部");
    const names = (await new XlsxReader(new Uint8Array(await readFile(plain))).read(["支部名册"])).sheets
      .get("支部名册")!
      .rows.slice(2)
      .map((r) => r[0]);
    // The example template as the roster of the next step: its examples are pointed out.
    const next = await runCli(["template", "--branches", plain, "-o", join(dir, "c.xlsx")]);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain("注意：名册中仍有示例支部（示例01、示例02、示例03、示例04）");
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((c) => c?.kind === "text" && c.value.startsWith("示例"))).toBe(true);
  });

  it("carries rules and settings over from last period's workbook, not its period", async () => {
    const rules = defaultRules();
    const fewer = { items: rules.items.filter((i) => i.code !== "B5"), areas: rules.areas };
    const last = join(dir, "上季度.xlsx");
    await writeFile(
      last,
      createWorkbook(inputSheets({ rules: fewer, branches: BRANCHES, settings: { period: "2026Q2", raterBName: "生产部" } })),
    );
    const out = join(dir, "新.xlsx");
    const run = await runCli(["template", "--branches", last, "--period", "2026Q3", "-o", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("评分细则：沿用 上季度.xlsx 中的细则（基础项 27 个、加分项 4 个、否决项 4 个）");
    expect(run.stderr).toContain("考核设置：沿用 上季度.xlsx 中的设置（考核周期除外）");
    const snap = await new XlsxReader(new Uint8Array(await readFile(out))).read(["考核设置", "评分A"]);
    const settings = snap.sheets.get("考核设置")!.rows;
    expect(settings.find((r) => r[0]?.kind === "text" && r[0].value === "考核周期")![1]).toEqual({ kind: "text", value: "2026Q3" });
    expect(settings.find((r) => r[0]?.kind === "text" && r[0].value === "评分B名称")![1]).toEqual({ kind: "text", value: "生产部" });
    expect(snap.sheets.get("评分A")!.rows[1]!.map((c) => (c?.kind === "text" ? c.value : null))).not.toContain("B5");
  });

  it("refuses a roster with problems, listing them, and writes nothing", async () => {
    const roster = join(dir, "名册.csv");
    await writeFile(roster, "支部编码,支部名称,支部类别\nZB1,一支部,生产类\nZB1,二支部,后勤\n");
    const out = join(dir, "x.xlsx");
    const run = await runCli(["template", "--branches", roster, "-o", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("“名册.csv”中的支部名册有 1 处问题，未生成模板");
    expect(run.stderr).toContain("名册.csv!A3");
    await expect(readFile(out)).rejects.toThrow();
  });

  it("treats a bad period and a missing -o as usage errors, an existing output, a missing or unusable roster file as the user's problems (exit 2)", async () => {
    const bad = await runCli(["template", "--period", "2026Q5", "-o", join(dir, "x.xlsx")]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("--period 考核周期无效：“2026Q5”。请填写如 2026Q3、2026-Q3 或 2026年第三季度 的季度（1～4 季度）");
    expect((await runCli(["template"])).code).toBe(64);
    const existing = join(dir, "已填.xlsx");
    await writeFile(existing, "filled");
    const over = await runCli(["template", "-o", existing]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("文件已存在");
    expect(await readFile(existing, "utf8")).toBe("filled");
    const missing = await runCli(["template", "--branches", join(dir, "无.csv"), "-o", join(dir, "y.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("找不到文件");
    await writeFile(join(dir, "old.xls"), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    const xls = await runCli(["template", "--branches", join(dir, "old.xls"), "-o", join(dir, "z.xlsx")]);
    // The same reader as the task pane's: a file of another kind is the user's problem, with what to do.
    expect(xls.code).toBe(2);
    expect(xls.stderr).toContain("“old.xls”不是 .xlsx 工作簿或 .csv 文件，不能作为支部名册");
    expect(xls.stderr).toContain("另存为 .xlsx");
  });

  it("is listed in the usage text", async () => {
    const help = await runCli(["help"]);
    expect(help.stdout).toContain("scorecard template [--branches");
    expect(help.stdout).toContain("scorecard merge <目标工作簿.xlsx>");
  });
});
