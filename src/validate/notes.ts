import type { DeductionNotes } from "../model/assessment.js";
import type { Grid } from "../model/cell.js";
import type { DeductionNote } from "../model/result.js";
import type { Branch } from "../model/branch.js";
import { issue, type Issue } from "../model/issues.js";
import type { NoteTexts } from "../model/ledger.js";
import { applies, type Rules } from "../model/rules.js";
import type { Settings } from "../model/settings.js";
import { cellAddress, type LocatedGrid } from "./grids.js";
import { SHEETS, TABLES } from "../model/sheets.js";
import { dataRows, fieldAddress, findTable } from "./table.js";
import { cellText, keyText } from "./text.js";

const NOTES_TITLES = TABLES.notes.required;

/** Which raters explained a deduction: branch → item → bit set (A = 1, B = 2, 仲裁 = 4). */
type NoteIndex = Map<string, Map<string, number>>;
const RATER_BIT = { A: 1, B: 2, arbitration: 4, self: 0 } as const;

/**
 * Every applicable 基础 item a rater scored below its 分值 needs a note in 扣分说明 for that
 * branch, item and rater (扣分说明要求: 必填 → error, 提示 → warning, 不检查 → not read).
 */
export function checkDeductionNotes(
  notesSheet: Grid | undefined,
  settings: Settings,
  rules: Rules,
  branches: readonly Branch[],
  raters: readonly LocatedGrid[],
): Issue[] {
  if (settings.deductionNotes === "不检查") return [];
  const issues: Issue[] = [];
  const severity = settings.deductionNotes === "必填" ? "error" : "warning";
  let notes: NoteIndex | null = null;
  if (notesSheet) {
    notes = readNotes(notesSheet, settings, issues);
  }
  let unexplained = 0;
  for (const b of branches) {
    const explained = notes?.get(b.code);
    for (const { grid: g, layout } of raters) {
      const values = g.values.get(b.code);
      if (!values) continue;
      rules.items.forEach((it, i) => {
        const v = values[i];
        if (typeof v !== "number" || v >= it.max || it.type !== "base" || !applies(it, b)) return;
        if (((explained?.get(it.code) ?? 0) & RATER_BIT[g.role]) !== 0) return;
        unexplained++;
        if (notes) {
          issues.push(
            issue(
              severity,
              "DEDUCTION_NOTE_MISSING",
              { sheet: layout.sheet, cell: cellAddress(layout, b.code, i) },
              { branch: b.code, item: it.code, score: v / 100, max: it.max / 100 },
            ),
          );
        }
      });
    }
  }
  if (!notes && unexplained > 0)
    issues.push(issue(severity, "DEDUCTION_NOTE_MISSING", { sheet: SHEETS.notes, cell: null }, { count: unexplained }));
  return issues;
}

/** Reads 扣分说明; a sheet without its header row is an error and counts as absent (null). */
function readNotes(sheet: Grid, settings: Settings, issues: Issue[]): NoteIndex | null {
  const table = findTable(sheet, NOTES_TITLES);
  if (!table) {
    issues.push(issue("error", "HEADER_MISSING", { sheet: SHEETS.notes, cell: null }, { layout: "table", titles: NOTES_TITLES }));
    return null;
  }
  const [branchCol, itemCol, raterCol, noteCol] = NOTES_TITLES.map((t) => table.columns.get(t)!) as [number, number, number, number];
  const raterBit = new Map<string, number>([
    ["A", RATER_BIT.A],
    [settings.raterAName, RATER_BIT.A],
    ["B", RATER_BIT.B],
    [settings.raterBName, RATER_BIT.B],
    ["仲裁", RATER_BIT.arbitration],
  ]);
  const index: NoteIndex = new Map();
  for (const { index: r, cells } of dataRows(table.grid, table.headerRow)) {
    const branch = keyText(cells[branchCol] ?? null);
    if (branch === "") {
      issues.push(issue("error", "BRANCH_CODE_MISSING", { sheet: SHEETS.notes, cell: fieldAddress(table, r, "支部编码") }, {}));
      continue;
    }
    const bit = raterBit.get(cellText(cells[raterCol] ?? null));
    if (!bit || cellText(cells[noteCol] ?? null) === "") continue;
    const item = keyText(cells[itemCol] ?? null);
    let items = index.get(branch);
    if (!items) index.set(branch, (items = new Map<string, number>()));
    items.set(item, (items.get(item) ?? 0) | bit);
  }
  return index;
}

/**
 * The notes' texts for the branch profiles (支部画像), whatever 扣分说明要求 says: rows with a
 * branch, an item, a known 评分方 and a note. Problems with the sheet are checkDeductionNotes'
 * to report; here a sheet without its header simply has no notes.
 */
export function readNoteTexts(sheet: Grid | undefined, settings: Settings): DeductionNotes {
  const notes = new Map<string, Map<string, DeductionNote[]>>();
  const table = sheet && findTable(sheet, NOTES_TITLES);
  if (!table) return notes;
  const [branchCol, itemCol, raterCol, noteCol] = NOTES_TITLES.map((t) => table.columns.get(t)!) as [number, number, number, number];
  const raters = new Map<string, DeductionNote["rater"]>([
    [settings.raterAName, "A"],
    [settings.raterBName, "B"],
    ["A", "A"],
    ["B", "B"],
    ["仲裁", "仲裁"],
  ]);
  for (const { cells } of dataRows(table.grid, table.headerRow)) {
    const branch = keyText(cells[branchCol] ?? null);
    const item = keyText(cells[itemCol] ?? null);
    const rater = raters.get(cellText(cells[raterCol] ?? null));
    const text = cellText(cells[noteCol] ?? null);
    if (branch === "" || item === "" || rater === undefined || text === "") continue;
    let items = notes.get(branch);
    if (!items) notes.set(branch, (items = new Map<string, DeductionNote[]>()));
    let list = items.get(item);
    if (!list) items.set(item, (list = []));
    list.push({ rater, text });
  }
  return notes;
}

/**
 * The same notes as 整改台账 shows them: one line per note, `评分方：说明`, the rater named as
 * configured (A → 评分A名称); read once with the profiles' notes, not from the sheet again.
 */
export function noteTextsForLedger(notes: DeductionNotes, settings: Settings): NoteTexts {
  const names = { A: settings.raterAName, B: settings.raterBName, 仲裁: "仲裁" } as const;
  return new Map(
    [...notes].map(([branch, items]) => [
      branch,
      new Map([...items].map(([item, list]) => [item, list.map((n) => `${names[n.rater]}：${n.text}`)])),
    ]),
  );
}
