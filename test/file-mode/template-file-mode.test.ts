import { describe, expect, it } from "vitest";
import { fileOperations as createFileOperations } from "../helpers/file-worker.js";
import type { DownloadFile } from "../../addin/file-mode/download.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { SET_ASIDE_SHEET } from "../../src/model/regeneration.js";
import { planWorkbookRegeneration } from "../../src/template/regenerate.js";
import { rosterSheet } from "../../src/template/input-sheets.js";
import { BRANCHES, editedQuarter, rosterCsv } from "../template/fill-template.js";

const NOW = new Date(2026, 9, 8, 9, 30, 0);
const GRIDS = ["评分A", "评分B", "仲裁", "自评"];

function setup() {
  const saved: DownloadFile[] = [];
  const ops = createFileOperations({ now: () => NOW, save: (f) => saved.push(f) });
  return { ops, saved };
}

/** A grid's values by branch code and item code (the header row's codes), blanks left out. */
async function scoresByCode(bytes: Uint8Array, sheet: string): Promise<Map<string, unknown>> {
  const grid = (await new XlsxReader(bytes).read([sheet])).sheets.get(sheet)!;
  const header = grid.rows.findIndex((r) => r[0]?.value === "支部编码");
  const codes = Array.from(grid.rows[header] ?? [], (c) => (c == null ? "" : String(c.value)));
  const out = new Map<string, unknown>();
  for (const row of grid.rows.slice(header + 1)) {
    const branch = row[0] === null || row[0] === undefined ? "" : String(row[0].value);
    if (!/^ZB/.test(branch)) continue;
    row.forEach((c, i) => {
      if (i >= 2 && c != null && c.value !== "不适用") out.set(`${branch} ${codes[i]}`, c.value);
    });
  }
  return out;
}

describe("新建考核模板 in the browser file mode", () => {
  it("downloads a template with a roster file's branches and the period", async () => {
    const { ops, saved } = setup();
    const outcome = await ops.newTemplate({ period: "2026年第四季度", roster: { kind: "file", fileName: "名册.csv", bytes: rosterCsv() } });
    expect(outcome).toEqual({
      kind: "created",
      branches: BRANCHES.length,
      source: { file: "名册.csv", sheet: "名册.csv" },
      rulesCarried: false,
      settingsCarried: false,
      period: "2026Q4",
      download: "支部考核模板-2026Q4.xlsx",
    });
    expect(saved.map((f) => f.fileName)).toEqual(["支部考核模板-2026Q4.xlsx"]);
    const made = await new XlsxReader(saved[0]!.bytes).read(["支部名册", "评分A", "考核设置"]);
    const roster = made.sheets.get("支部名册")!.rows.map((r) => r[0]?.value);
    expect(roster.filter((v) => typeof v === "string" && v.startsWith("ZB"))).toEqual(BRANCHES.map((b) => b.code));
    expect(JSON.stringify(made.sheets.get("考核设置"))).toContain('"2026Q4"');
    // No workbook needs to be open for it, and none is opened by it.
    expect(ops.state()).toEqual({ fileName: null, download: null });
  });

  it("takes the roster from an .xlsx, and refuses a roster with problems without downloading anything", async () => {
    const { ops, saved } = setup();
    const xlsx = XlsxWorkbook.create([
      { name: "名单", rows: [["说明：本单位支部"], ["支部编码", "支部名称", "支部类别"], ["ZB01", "一支部", "生产类"]] },
    ]);
    const outcome = await ops.newTemplate({ period: null, roster: { kind: "file", fileName: "名单.xlsx", bytes: xlsx.bytes() } });
    expect(outcome.kind === "created" && outcome.source).toEqual({ file: "名单.xlsx", sheet: "名单" });
    expect(saved.map((f) => f.fileName)).toEqual(["支部考核模板.xlsx"]);

    const twice = XlsxWorkbook.create([rosterSheet([BRANCHES[0]!, BRANCHES[0]!])]);
    await expect(
      ops.newTemplate({ period: null, roster: { kind: "file", fileName: "重复.xlsx", bytes: twice.bytes() } }),
    ).rejects.toMatchObject({ code: "ROSTER_PROBLEMS" });
    await expect(
      ops.newTemplate({ period: null, roster: { kind: "file", fileName: "名册.docx", bytes: new Uint8Array([1]) } }),
    ).rejects.toMatchObject({ code: "ROSTER_FILE_TYPE" });
    expect(saved).toHaveLength(1);
  });

  it("regenerates the open workbook's grids from its own roster into a download, keeping every typed score; the file stays as opened", async () => {
    const { ops, saved } = setup();
    await expect(ops.newTemplate({ period: null, roster: { kind: "workbook" } })).rejects.toMatchObject({ code: "NO_WORKBOOK_OPEN" });

    const original = XlsxWorkbook.create(editedQuarter()).bytes();
    const opened = original.slice();
    await ops.open("季度考核.xlsx", opened);
    const outcome = await ops.newTemplate({ period: "2026Q4", roster: { kind: "workbook" } });
    if (outcome.kind !== "regenerated") throw new Error("not regenerated");

    // What the pane is told is the plan's own summary.
    const plan = await planWorkbookRegeneration(new XlsxWorkbook(original), { period: "2026Q4", time: "2026-10-08 09:30:00" });
    expect(outcome.summary).toEqual(plan.summary);
    expect(outcome.download).toBe("季度考核-新模板.xlsx");
    expect(outcome.summary.addedBranches).toEqual(["ZB07"]);
    expect(outcome.summary.removedBranches).toEqual(["ZB04"]);
    expect(outcome.summary.period).toEqual({ from: "2026Q3", to: "2026Q4" });
    expect(saved.map((f) => f.fileName)).toEqual(["季度考核-新模板.xlsx"]);

    // Every typed score of a branch still in the roster is in the new grid, under the same branch and item.
    const regenerated = saved[0]!.bytes;
    expect((await scoresByCode(original, "评分A")).size).toBeGreaterThan(100);
    for (const sheet of GRIDS) {
      const before = await scoresByCode(original, sheet);
      const after = await scoresByCode(regenerated, sheet);
      const lost = outcome.summary.notPlaced.filter((n) => n.sheet === sheet).map((n) => `${n.branch} ${n.item}`);
      for (const [key, value] of before) {
        if (lost.includes(key)) expect(after.has(key), `${sheet} ${key}`).toBe(false);
        else expect(after.get(key), `${sheet} ${key}`).toEqual(value);
      }
    }
    const setAside = (await new XlsxReader(regenerated).read([SET_ASIDE_SHEET])).sheets.get(SET_ASIDE_SHEET)!;
    expect(setAside.rows.length - 1).toBe(outcome.summary.notPlaced.length);

    // The input is untouched, and stays the open workbook (nothing to download for it).
    expect(opened).toEqual(original);
    expect(ops.state()).toEqual({ fileName: "季度考核.xlsx", download: null });
  });

  it("refuses a workbook whose roster has problems, downloading nothing", async () => {
    const { ops, saved } = setup();
    const broken = editedQuarter().map((s) => (s.name === "支部名册" ? rosterSheet([BRANCHES[0]!, BRANCHES[0]!]) : s));
    await ops.open("季度考核.xlsx", XlsxWorkbook.create(broken).bytes());
    await expect(ops.newTemplate({ period: null, roster: { kind: "workbook" } })).rejects.toMatchObject({
      code: "OWN_SHEET_PROBLEMS",
      params: { sheet: "支部名册", count: 1 },
    });
    expect(saved).toEqual([]);
  });
});
