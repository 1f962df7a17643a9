/// <reference types="office-js" />
import { denseRows } from "../helpers/sheet-values.js";
import { describe, expect, it } from "vitest";
import { createExcelOperations } from "../../addin/excel/excel-operations.js";
import { ExcelWorkbook, type ExcelHost } from "../../addin/excel/excel-workbook.js";
import type { TemplateOutcome } from "../../addin/operations.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { SET_ASIDE_SHEET } from "../../src/model/regeneration.js";
import { runAssessment } from "../../src/pipeline.js";
import type { SheetSpec } from "../../src/report/sheet-spec.js";
import { rosterSheet } from "../../src/template/input-sheets.js";
import { applyRegeneration, planWorkbookRegeneration } from "../../src/template/regenerate.js";
import { createFakeExcel, type FakeExcel } from "../fake-excel/fake-excel.js";
import { BRANCHES, editedQuarter, rosterCsv } from "../template/fill-template.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";

const NOW = new Date("2026-10-08T09:30:00");
const GRIDS = ["评分A", "评分B", "仲裁", "自评"];

function seeded(sheets: readonly SheetSpec[], options: { apiVersion?: string } = {}): FakeExcel {
  const fake = createFakeExcel(options);
  fake.host.seedSheets([{ name: "Sheet1", rows: [["本单位的其他内容"]] }, ...sheets]);
  return fake;
}

/**
 * The fake Excel, with its n-th sync (counted over every Excel.run) failing: "before", the
 * request is lost and nothing of it done; "after", Excel did it all but the answer is lost.
 */
function failingAt(fake: FakeExcel, n: number, when: "before" | "after"): ExcelHost {
  let syncs = 0;
  return {
    run: (batch) =>
      fake.Excel.run(async (ctx) => {
        const sync = ctx.sync.bind(ctx);
        (ctx as { sync: () => Promise<void> }).sync = async () => {
          if (++syncs !== n) return sync();
          if (when === "after") await sync();
          else (ctx as unknown as { queue: unknown[] }).queue = [];
          throw Object.assign(new Error("The network connection was lost."), { code: "GeneralException" });
        };
        return batch(ctx);
      }),
  };
}

const regenerate = (fake: FakeExcel, excel: ExcelHost = fake.Excel, period: string | null = null): Promise<TemplateOutcome> =>
  createExcelOperations({ excel, office: fake.Office, now: () => NOW }).newTemplate({ period, roster: { kind: "workbook" } });

/** The grids' values as the regenerated file has them: the same plan carried out by the .xlsx adapter. */
async function fileRegeneration(sheets: readonly SheetSpec[]) {
  const file = XlsxWorkbook.create(sheets);
  const plan = await planWorkbookRegeneration(file, { period: null, time: "2026-10-08 09:30:00" });
  await applyRegeneration(file, plan);
  return { file, plan };
}

describe("新建考核模板 from the open workbook's own roster, in Excel", () => {
  it("replaces the grids in place, keeping every typed score, as the file mode does", async () => {
    const sheets = editedQuarter();
    const fake = seeded(sheets);
    const before = fake.host.sheetNames();
    const untouched = ["Sheet1", "考核设置", "评分细则", "支部名册", "扣分说明"].map((n) => fake.host.fingerprint(n));

    const outcome = await regenerate(fake);
    if (outcome.kind !== "regenerated") throw new Error("not regenerated");
    const { file, plan } = await fileRegeneration(sheets);
    expect(outcome.summary).toEqual(plan.summary);
    expect(outcome.download).toBeNull();
    expect(outcome.summary.addedBranches).toEqual(["ZB07"]);
    expect(outcome.summary.removedBranches).toEqual(["ZB04"]);
    expect(outcome.summary.notPlaced.length).toBeGreaterThan(0);

    // Same sheets in the same places, 未能放回的评分 added at the end; the other sheets untouched.
    expect(fake.host.sheetNames()).toEqual([...before, SET_ASIDE_SHEET]);
    expect(["Sheet1", "考核设置", "评分细则", "支部名册", "扣分说明"].map((n) => fake.host.fingerprint(n))).toEqual(untouched);

    // Each grid holds what the regenerated file holds, protected, frozen and validated like a new template's.
    const fromFile = await new XlsxReader(file.bytes()).read([...GRIDS, SET_ASIDE_SHEET]);
    const fromExcel = await new ExcelWorkbook({ excel: fake.Excel, office: fake.Office }).read([...GRIDS, SET_ASIDE_SHEET]);
    for (const name of [...GRIDS, SET_ASIDE_SHEET])
      expect(denseRows(fromExcel.sheets.get(name)), name).toEqual(denseRows(fromFile.sheets.get(name)));
    for (const name of GRIDS) {
      const sheet = fake.host.sheet(name);
      expect(sheet.protection.protected, name).toBe(true);
      expect(sheet.freeze).toEqual({ rows: 4, columns: 2 });
    }
    expect(fake.host.cell("评分A", "C5").validation?.rule).toMatchObject({ decimal: { formula1: 0, formula2: 4 } });

    // The regenerated workbook scores as the regenerated file does.
    const cli = await runAssessment(new XlsxReader(file.bytes()), null, { now: NOW });
    const ops = createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW });
    const { result } = await ops.scoreAndRank(() => undefined);
    expect(JSON.stringify(result)).toBe(JSON.stringify(cli.result));
    expect(fake.host.sheetNames()).toContain(OUTPUT_SHEETS.results);

    // Regenerating again changes nothing in the grids and appends nothing more: everything is in place now.
    const grids = GRIDS.map((n) => JSON.stringify(fake.host.values(n)));
    const again = await regenerate(fake);
    expect(again.kind === "regenerated" && again.summary.notPlaced).toEqual([]);
    expect(GRIDS.map((n) => JSON.stringify(fake.host.values(n)))).toEqual(grids);
    expect(fake.host.values(SET_ASIDE_SHEET)).toHaveLength(1 + outcome.summary.notPlaced.length);
  });

  it("loses nothing when Excel fails at any point of the write: either all of it is done or the workbook is as it was", async () => {
    const sheets = editedQuarter();
    const reference = seeded(sheets);
    const original = new Map(reference.host.sheetNames().map((n) => [n, reference.host.fingerprint(n)]));
    reference.host.resetStats();
    await regenerate(reference, reference.Excel, "2026Q4");
    const syncs = reference.host.stats.syncs;
    const done = new Map(reference.host.sheetNames().map((n) => [n, JSON.stringify(reference.host.cells(n))]));
    let failed = 0;
    for (const when of ["before", "after"] as const) {
      for (let n = 1; n <= syncs + 2; n++) {
        const fake = seeded(sheets);
        let error: unknown = null;
        await regenerate(fake, failingAt(fake, n, when), "2026Q4").catch((e: unknown) => (error = e));
        const names = fake.host.sheetNames();
        if (error === null) {
          // Done after all (a lost answer Excel had acted on, or a step tried again): the same workbook as without the failure.
          expect(names, `${when} sync ${n}`).toEqual([...done.keys()]);
          for (const name of names) expect(JSON.stringify(fake.host.cells(name)), `${when} sync ${n}: ${name}`).toBe(done.get(name));
        } else {
          failed++;
          expect((error as Error).message, `${when} sync ${n}`).toBe("The network connection was lost.");
          expect(names, `${when} sync ${n}`).toEqual([...original.keys()]);
          for (const [name, print] of original) expect(fake.host.fingerprint(name), `${when} sync ${n}: ${name}`).toBe(print);
        }
      }
    }
    expect(failed).toBeGreaterThan(syncs);
  });

  it("keeps formula-looking text people typed as the text it was, in the grids and in 未能放回的评分", async () => {
    const fake = seeded(editedQuarter());
    const grid = fake.host.values("评分A");
    const row = grid.findIndex((r) => r[0] === "ZB04") + 1;
    const kept = grid.findIndex((r) => r[0] === "ZB01") + 1;
    // As a file would hold them: text cells, never formulas (a name, a score typed with a leading apostrophe).
    fake.host.setCell("评分A", `B${row}`, { value: "-机关财务党支部", numberFormat: "@" });
    fake.host.setCell("评分A", `C${row}`, { value: "=1+2", numberFormat: "@" });
    fake.host.setCell("评分A", `D${kept}`, { value: "+3", numberFormat: "@" });
    const outcome = await regenerate(fake);
    if (outcome.kind !== "regenerated") throw new Error("not regenerated");
    const aside = fake.host.values(SET_ASIDE_SHEET);
    const at = aside.findIndex((r) => r[1] === "评分A" && r[2] === "ZB04" && r[6] === "=1+2") + 1;
    expect(at).toBeGreaterThan(1);
    for (const col of ["D", "G"]) {
      const cell = fake.host.cell(SET_ASIDE_SHEET, `${col}${at}`);
      expect(cell.formula, col).toBeNull();
      expect(cell.type, col).toBe("String");
    }
    expect(fake.host.cell(SET_ASIDE_SHEET, `D${at}`).value).toBe("-机关财务党支部");
    const newRow = fake.host.values("评分A").findIndex((r) => r[0] === "ZB01") + 1;
    const back = fake.host.cell("评分A", `D${newRow}`);
    expect([back.value, back.formula, back.type]).toEqual(["+3", null, "String"]);
  });

  it("refuses a roster with problems before writing anything", async () => {
    const sheets = editedQuarter().map((s) => (s.name === "支部名册" ? rosterSheet([BRANCHES[0]!, BRANCHES[0]!]) : s));
    const fake = seeded(sheets);
    const before = fake.host.sheetNames().map((n) => fake.host.fingerprint(n));
    await expect(regenerate(fake)).rejects.toMatchObject({ code: "OWN_SHEET_PROBLEMS", params: { sheet: "支部名册", count: 1 } });
    expect(fake.host.sheetNames().map((n) => fake.host.fingerprint(n))).toEqual(before);
  });

  it("sets the period it is given in 考核设置, and works with ExcelApi 1.1 only", async () => {
    const fake = seeded(editedQuarter(), { apiVersion: "1.1" });
    const outcome = await regenerate(fake, fake.Excel, "2026年第四季度");
    expect(outcome.kind === "regenerated" && outcome.summary.period).toEqual({ from: "2026Q3", to: "2026Q4" });
    const settings = fake.host.values("考核设置");
    expect(settings.find((r) => r[0] === "考核周期")![1]).toBe("2026Q4");
    expect(fake.host.sheetNames()).toContain(SET_ASIDE_SHEET);
  });

  it("builds a template around a roster typed into a blank workbook", async () => {
    const fake = createFakeExcel();
    fake.host.seedSheets([rosterSheet(BRANCHES)]);
    const outcome = await regenerate(fake, fake.Excel, "2026Q3");
    expect(outcome.kind === "regenerated" && outcome.summary.addedSheets).toEqual([
      "填报说明",
      "考核设置",
      "评分细则",
      "评分A",
      "评分B",
      "仲裁",
      "自评",
      "扣分说明",
    ]);
    const { result } = await createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW }).validate(() => undefined);
    expect(result.status).toBe("provisional");
    expect([...new Set(result.issues.map((i) => i.code))]).toEqual(["SCORE_MISSING"]);
    expect(result.period).toBe("2026Q3");
  });
});

describe("新建考核模板 from a chosen roster file, in Excel", () => {
  it("adds the template sheets with the file's branches and the period", async () => {
    const fake = createFakeExcel();
    fake.host.addSheet("Sheet1");
    const csv = rosterCsv();
    const ops = createExcelOperations({ excel: fake.Excel, office: fake.Office, now: () => NOW });
    const outcome = await ops.newTemplate({ period: "2026Q3", roster: { kind: "file", fileName: "名册.csv", bytes: csv } });
    expect(outcome).toEqual({
      kind: "created",
      branches: BRANCHES.length,
      source: { file: "名册.csv", sheet: "名册.csv" },
      rulesCarried: false,
      settingsCarried: false,
      period: "2026Q3",
      download: null,
    });
    expect(
      fake.host
        .values("支部名册")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(BRANCHES.map((b) => b.code));
    await expect(
      ops.newTemplate({ period: null, roster: { kind: "file", fileName: "名册.docx", bytes: new Uint8Array([1, 2]) } }),
    ).rejects.toMatchObject({
      code: "ROSTER_FILE_TYPE",
    });
  });
});
