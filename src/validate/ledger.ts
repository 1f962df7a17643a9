import type { Cell, Grid, GridRow } from "../model/cell.js";
import { issue, type Issue } from "../model/issues.js";
import {
  DEFAULT_RECTIFICATION_STATUS,
  LEDGER_KEY_TITLES,
  LEDGER_TITLES,
  LEDGER_TYPED,
  type LedgerTypedField,
  type PreviousLedger,
  type PreviousLedgerRow,
} from "../model/ledger.js";
import { OUTPUT_SHEETS } from "../model/sheets.js";
import { dataRows, field, findTable } from "./table.js";
import { cellText, hasContent, isBlank, keyText } from "./text.js";

/**
 * The 整改台账 an earlier run wrote and people filled in, read before this run replaces it, so
 * that what they typed is carried over. Nothing here is fatal, whatever was done to the sheet:
 * no sheet (or a blank one) is no ledger; a sheet without the key titles (期间, 支部编码,
 * 项目编号) in its first 10 rows cannot be matched and is `unusable` (the run then leaves it as
 * it is, with a warning); a row people typed into without a 支部编码 or 项目编号 is kept with a
 * warning. Rows nobody typed into are dropped: this run writes them afresh.
 */
export function readPreviousLedger(grid: Grid | undefined): { ledger: PreviousLedger; issues: Issue[] } {
  if (grid === undefined || !grid.rows.some((r) => hasContent(r))) return { ledger: { kind: "none" }, issues: [] };
  const table = findTable(grid, LEDGER_KEY_TITLES);
  if (table === null) {
    const where = { sheet: OUTPUT_SHEETS.ledger, cell: null };
    return { ledger: { kind: "unusable" }, issues: [issue("warning", "LEDGER_HEADER_MISSING", where, { titles: LEDGER_KEY_TITLES })] };
  }
  const issues: Issue[] = [];
  const rows: PreviousLedgerRow[] = [];
  const get = (cells: GridRow, title: string) => field(table, cells, title);
  for (const { index, cells } of dataRows(table.grid, table.headerRow)) {
    const typed = Object.fromEntries(LEDGER_TYPED.map((f) => [f, get(cells, LEDGER_TITLES[f])])) as Record<LedgerTypedField, Cell>;
    if (!isTyped(typed)) continue;
    const row: PreviousLedgerRow = {
      row: index + 1,
      period: keyText(get(cells, LEDGER_TITLES.period)),
      branch: keyText(get(cells, LEDGER_TITLES.branch)),
      item: keyText(get(cells, LEDGER_TITLES.item)),
      name: cellText(get(cells, LEDGER_TITLES.name)),
      unit: cellText(get(cells, LEDGER_TITLES.unit)),
      area: cellText(get(cells, LEDGER_TITLES.area)),
      content: cellText(get(cells, LEDGER_TITLES.content)),
      deduction: cellText(get(cells, LEDGER_TITLES.deduction)),
      note: cellText(get(cells, LEDGER_TITLES.note)),
      typed,
    };
    if (row.branch === "" || row.item === "")
      issues.push(issue("warning", "LEDGER_ROW_UNREADABLE", { sheet: OUTPUT_SHEETS.ledger, cell: null }, { row: row.row }));
    rows.push(row);
  }
  return { ledger: { kind: "rows", rows }, issues };
}

/** Whether people typed anything into a row: a measure, a person, a deadline, or a status other than the default. */
function isTyped(typed: Readonly<Record<LedgerTypedField, Cell>>): boolean {
  if (!isBlank(typed.measure) || !isBlank(typed.owner) || !isBlank(typed.deadline)) return true;
  return !isBlank(typed.status) && cellText(typed.status) !== DEFAULT_RECTIFICATION_STATUS;
}
