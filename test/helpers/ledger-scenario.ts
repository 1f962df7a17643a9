/**
 * The 整改台账 re-run scenario, the same on any workbook adapter (the .xlsx one, Excel's on the
 * fake host): score, type into the ledger as people do, correct two deductions in 评分A and
 * 评分B, score again, and read what the ledger holds then.
 */
import { expect } from "vitest";
import type { WorkbookReader, WorkbookWriter } from "../../src/io/workbook.js";
import { a1, type Cell, type Grid } from "../../src/model/cell.js";
import { LEDGER_TITLES } from "../../src/model/ledger.js";
import { OUTPUT_SHEETS, SHEETS } from "../../src/model/sheets.js";
import type { CellEdit } from "../../src/model/workbook.js";
import { runAssessment, type RunOutput } from "../../src/pipeline.js";
import { findGridHeader } from "../../src/validate/grids.js";
import { cellText } from "../../src/validate/text.js";

export const LEDGER_NOW = new Date(2026, 9, 8, 9, 30);
type Workbook = WorkbookReader & WorkbookWriter;

/** A ledger row by column title, with its 0-based row index in the sheet. */
export interface LedgerRow {
  readonly index: number;
  readonly cells: Readonly<Record<string, Cell>>;
}

export const text = (row: LedgerRow, title: string): string => cellText(row.cells[title] ?? null);
export const keyOf = (row: LedgerRow): string => `${text(row, "期间")}|${text(row, "支部编码")}|${text(row, "项目编号")}`;

/** The ledger as read back: its header row (0-based) and data rows. */
export async function readLedger(wb: WorkbookReader): Promise<{ header: number; titles: string[]; rows: LedgerRow[] }> {
  const grid = (await wb.read([OUTPUT_SHEETS.ledger])).sheets.get(OUTPUT_SHEETS.ledger);
  expect(grid, "整改台账 written").toBeDefined();
  const header = grid!.rows.findIndex((r) => cellText(r[0] ?? null) === LEDGER_TITLES.number);
  const titles = (grid!.rows[header] ?? []).map((c) => cellText(c ?? null));
  const rows: LedgerRow[] = [];
  for (let r = header + 1; r < grid!.rows.length; r++) {
    const cells = grid!.rows[r] ?? [];
    if (cells.every((c) => c === null)) continue;
    rows.push({ index: r, cells: Object.fromEntries(titles.map((t, c) => [t, cells[c] ?? null])) });
  }
  return { header, titles, rows };
}

/** The grid cell of a branch's item in 评分A or 评分B. */
function scoreCell(grid: Grid, branch: string, item: string): string {
  const header = findGridHeader(grid)!;
  const col = (grid.rows[header] ?? []).findIndex((c) => cellText(c ?? null) === item);
  const row = grid.rows.findIndex((r, i) => i > header && cellText(r[0] ?? null) === branch);
  expect(col, item).toBeGreaterThan(1);
  expect(row, branch).toBeGreaterThan(header);
  return a1(row, col);
}

export interface ScenarioOutcome {
  readonly first: RunOutput;
  readonly second: RunOutput;
  readonly third: RunOutput;
  /** Keys (期间|支部编码|项目编号) of the rows typed into and corrected, untyped and corrected, typed and kept. */
  readonly fixedTyped: string;
  readonly fixedUntyped: string;
  readonly kept: string;
  readonly keptText: string;
  readonly before: LedgerRow[];
  readonly after: LedgerRow[];
  readonly afterThird: LedgerRow[];
}

export const TYPED = {
  fixed: { 整改措施: "补齐三会一课记录", 责任人: "张三", 完成时限: 46022, 整改状态: "整改中" },
  kept: {
    整改措施: '=HYPERLINK("http://example.invalid","点我")',
    责任人: "+86 138 0000 0000",
    完成时限: "2026年12月底",
    整改状态: "已销号",
  },
  keptText: { 责任人: "@李四", 完成时限: "-", 整改措施: "-1+2" },
} as const;

/** Scores, types into the ledger, corrects two deductions and scores twice more. */
export async function correctionScenario(wb: Workbook): Promise<ScenarioOutcome> {
  const first = await runAssessment(wb, wb, { now: LEDGER_NOW });
  const { titles, rows: before } = await readLedger(wb);
  // Base-item deductions (a number in 扣分): two to correct, two to keep.
  const deductions = before.filter((r) => r.cells["扣分"]?.kind === "number");
  expect(deductions.length).toBeGreaterThanOrEqual(4);
  const [fixedTyped, fixedUntyped, kept, keptText] = deductions as [LedgerRow, LedgerRow, LedgerRow, LedgerRow];

  const edits: CellEdit[] = [];
  const type = (row: LedgerRow, values: Readonly<Record<string, string | number>>) => {
    for (const [title, value] of Object.entries(values)) edits.push({ cell: a1(row.index, titles.indexOf(title)), value });
  };
  type(fixedTyped, TYPED.fixed);
  type(kept, TYPED.kept);
  type(keptText, TYPED.keptText);
  await wb.patchCells(OUTPUT_SHEETS.ledger, edits);

  // The correction: both raters now give full marks on the two items.
  const grids = (await wb.read([SHEETS.gridA, SHEETS.gridB])).sheets;
  for (const sheet of [SHEETS.gridA, SHEETS.gridB]) {
    const grid = grids.get(sheet)!;
    await wb.patchCells(
      sheet,
      [fixedTyped, fixedUntyped].map((row) => {
        const item = first.result.items.find((i) => i.branch === text(row, "支部编码") && i.item === text(row, "项目编号"))!;
        return { cell: scoreCell(grid, item.branch, item.item), value: item.max };
      }),
    );
  }
  const second = await runAssessment(wb, wb, { now: LEDGER_NOW });
  const after = (await readLedger(wb)).rows;
  const third = await runAssessment(wb, wb, { now: LEDGER_NOW });
  const afterThird = (await readLedger(wb)).rows;
  return {
    first,
    second,
    third,
    fixedTyped: keyOf(fixedTyped),
    fixedUntyped: keyOf(fixedUntyped),
    kept: keyOf(kept),
    keptText: keyOf(keptText),
    before,
    after,
    afterThird,
  };
}

/** What every adapter must show after the scenario. */
export function expectCarriedOver(o: ScenarioOutcome): void {
  const byKey = new Map(o.after.map((r) => [keyOf(r), r]));
  // The corrected items now have full marks: one row fewer each among the deductions.
  const deductionRows = o.after.filter((r) => text(r, "扣分") !== "已无扣分");
  expect(deductionRows.length).toBe(o.before.length - 2);
  // The untyped corrected row is gone; the typed one is kept at the very end, marked, its entries intact.
  expect(byKey.has(o.fixedUntyped)).toBe(false);
  const last = o.after.at(-1)!;
  expect(keyOf(last)).toBe(o.fixedTyped);
  expect(text(last, "扣分")).toBe("已无扣分");
  expect(text(last, "整改措施")).toBe(TYPED.fixed.整改措施);
  expect(text(last, "责任人")).toBe(TYPED.fixed.责任人);
  expect(last.cells["完成时限"]).toEqual({ kind: "number", value: TYPED.fixed.完成时限, isDate: true });
  expect(text(last, "整改状态")).toBe(TYPED.fixed.整改状态);
  // Text that looks like a formula, a number or a date stays the text people typed.
  const kept = byKey.get(o.kept)!;
  for (const [title, value] of Object.entries(TYPED.kept)) expect(kept.cells[title], title).toEqual({ kind: "text", value });
  const keptText = byKey.get(o.keptText)!;
  for (const [title, value] of Object.entries(TYPED.keptText)) expect(keptText.cells[title], title).toEqual({ kind: "text", value });
  expect(text(keptText, "整改状态")).toBe("未整改");
  // Numbered 1… in order, and a third run changes nothing.
  expect(o.after.map((r) => text(r, "序号"))).toEqual(o.after.map((_, i) => String(i + 1)));
  expect(o.afterThird.map((r) => r.cells)).toEqual(o.after.map((r) => r.cells));
  expect(o.second.issues.filter((i) => i.code.startsWith("LEDGER_"))).toEqual([]);
}
