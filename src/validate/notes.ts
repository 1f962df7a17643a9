import type { Grid } from "../model/cell.js";
import type { Branch } from "../model/branch.js";
import { issue, type Issue } from "../model/issues.js";
import type { Rules } from "../model/rules.js";
import type { Settings } from "../model/settings.js";
import { applies, cellAddress, type ScoreGrid } from "./grids.js";
import { SHEETS } from "./sheets.js";
import { dataRows, field, fieldAddress, findTable } from "./table.js";
import { cellText, keyText } from "./text.js";

export const NOTES_TITLES = ["支部编码", "项目编号", "评分方", "说明"] as const;

/**
 * Every applicable 基础 item a rater scored below its 分值 needs a note in 扣分说明 for that
 * branch, item and rater (扣分说明要求: 必填 → error, 提示 → warning, 不检查 → not read).
 */
export function checkDeductionNotes(
  notesSheet: Grid | undefined,
  settings: Settings,
  rules: Rules,
  branches: readonly Branch[],
  raters: readonly ScoreGrid[],
): Issue[] {
  if (settings.deductionNotes === "不检查") return [];
  const issues: Issue[] = [];
  const severity = settings.deductionNotes === "必填" ? "error" : "warning";
  let notes: Set<string> | null = null;
  if (notesSheet) {
    const table = findTable(notesSheet, NOTES_TITLES);
    if (!table) {
      issues.push(issue("error", "HEADER_MISSING", { sheet: SHEETS.notes, cell: null }, { expected: NOTES_TITLES.join("、") }));
    } else {
      notes = new Set();
      const raterOf = new Map([["A", "A"], [settings.raterAName, "A"], ["B", "B"], [settings.raterBName, "B"], ["仲裁", "C"]]);
      for (const { index: r, cells } of dataRows(table.grid, table.headerRow)) {
        const branch = keyText(field(table, cells, "支部编码"));
        if (branch === "") {
          issues.push(issue("error", "BRANCH_CODE_MISSING", { sheet: SHEETS.notes, cell: fieldAddress(table, r, "支部编码") }));
          continue;
        }
        const rater = raterOf.get(cellText(field(table, cells, "评分方")));
        if (rater && cellText(field(table, cells, "说明")) !== "") {
          notes.add(noteKey(branch, keyText(field(table, cells, "项目编号")), rater));
        }
      }
    }
  }
  let unexplained = 0;
  for (const b of branches) {
    rules.items.forEach((it, i) => {
      if (it.type !== "base" || !applies(it, b)) return;
      for (const g of raters) {
        const v = g.values.get(b.code)?.[i];
        if (typeof v !== "number" || v >= it.max) continue;
        if (notes?.has(noteKey(b.code, it.code, g.role))) continue;
        unexplained++;
        if (notes) {
          issues.push(issue(severity, "DEDUCTION_NOTE_MISSING", { sheet: g.sheet, cell: cellAddress(g, b.code, i) }, { branch: b.code, item: it.code, value: String(v / 100), max: String(it.max / 100) }));
        }
      }
    });
  }
  if (!notes && unexplained > 0) issues.push(issue(severity, "DEDUCTION_NOTE_MISSING", { sheet: SHEETS.notes, cell: null }, { count: unexplained }));
  return issues;
}

const noteKey = (branch: string, item: string, rater: string) => `${branch}\u0000${item}\u0000${rater}`;
