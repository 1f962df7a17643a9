import type { Assessment, DeductionNotes, GridRole, ItemRef } from "../model/assessment.js";
import type { Grid } from "../model/cell.js";
import { hasFatal, issue, type Issue, type Where } from "../model/issues.js";
import type { Settings } from "../model/settings.js";
import type { WorkbookSnapshot } from "../model/workbook.js";
import { cellAddress, findGridHeader, readGrid, type LocatedGrid } from "./grids.js";
import { checkDeductionNotes, readNoteTexts } from "./notes.js";
import { readRoster } from "./roster.js";
import { readRules } from "./rules.js";
import { readSettings } from "./settings.js";
import { REQUIRED_SHEETS, SHEETS, TABLES } from "../model/sheets.js";
import { findTable, type Table } from "./table.js";

/** Where an item of a branch is in the workbook: the sheet and cell behind an ItemRef. */
export type Locate = (ref: ItemRef) => Where;

export type Validation =
  | {
      readonly ok: true;
      readonly assessment: Assessment;
      readonly issues: readonly Issue[];
      readonly locate: Locate;
      /** 扣分说明's texts, for the branch profiles. */
      readonly notes: DeductionNotes;
    }
  | { readonly ok: false; readonly settings: Settings | null; readonly issues: readonly Issue[] };

const GRID_HEADER = { layout: "grid", titles: ["支部编码", "支部名称"] } as const;

/**
 * Validates a workbook in stages (workbook.md): required sheets, their header rows, settings and
 * rules, roster, then grids and notes. Each stage reports all its problems; a fatal one stops.
 */
export function validateWorkbook(wb: WorkbookSnapshot): Validation {
  const issues: Issue[] = [];
  // One at a time: push(...list) passes every element as an argument and overflows the stack
  // for the hundreds of thousands of issues a large grid can have.
  const report = (list: readonly Issue[]) => {
    for (const i of list) issues.push(i);
  };
  const stop = (settings: Settings | null = null): Validation => ({ ok: false, settings, issues });

  for (const name of REQUIRED_SHEETS) {
    if (!wb.sheets.has(name)) issues.push(issue("fatal", "SHEET_MISSING", { sheet: name, cell: null }, {}));
  }
  if (hasFatal(issues)) return stop();
  const sheet = (name: string): Grid => wb.sheets.get(name)!;

  const table = (name: string, titles: readonly string[]): Table | null => {
    const t = findTable(sheet(name), titles);
    if (!t) issues.push(issue("fatal", "HEADER_MISSING", { sheet: name, cell: null }, { layout: "table", titles }));
    return t;
  };
  const settingsTable = table(SHEETS.settings, TABLES.settings.required);
  const rulesTable = table(SHEETS.rules, TABLES.rules.required);
  const rosterTable = table(SHEETS.roster, TABLES.roster.required);
  const gridHeader = (name: string) => {
    const h = findGridHeader(sheet(name));
    if (h === null) issues.push(issue("fatal", "HEADER_MISSING", { sheet: name, cell: null }, GRID_HEADER));
    return h;
  };
  const headerA = gridHeader(SHEETS.gridA);
  const headerB = gridHeader(SHEETS.gridB);
  if (hasFatal(issues)) return stop();

  const s = readSettings(settingsTable!);
  const r = readRules(rulesTable!);
  report(s.issues);
  report(r.issues);
  if (hasFatal(issues)) return stop(s.settings);

  const roster = readRoster(rosterTable!);
  report(roster.issues);
  if (hasFatal(issues)) return stop(s.settings);
  const rosterMap = new Map(roster.branches.map((b) => [b.code, b]));

  const grid = (name: string, header: number, role: GridRole): LocatedGrid => {
    const { issues: found, ...located } = readGrid(sheet(name), header, role, r.rules, rosterMap);
    report(found);
    return located;
  };
  const optionalGrid = (name: string, role: GridRole): LocatedGrid | null => {
    const g = wb.sheets.get(name);
    if (!g) return null;
    const header = findGridHeader(g);
    if (header === null) {
      issues.push(issue(role === "self" ? "warning" : "error", "HEADER_MISSING", { sheet: name, cell: null }, GRID_HEADER));
      return null;
    }
    return grid(name, header, role);
  };
  const a = grid(SHEETS.gridA, headerA!, "A");
  const b = grid(SHEETS.gridB, headerB!, "B");
  const arbitration = optionalGrid(SHEETS.arbitration, "arbitration");
  const self = optionalGrid(SHEETS.self, "self");
  report(checkDeductionNotes(wb.sheets.get(SHEETS.notes), s.settings, r.rules, roster.branches, [a, b]));

  return {
    ok: true,
    assessment: {
      settings: s.settings,
      rules: r.rules,
      branches: roster.branches,
      a: a.grid,
      b: b.grid,
      arbitration: arbitration?.grid ?? null,
      self: self?.grid ?? null,
    },
    issues,
    locate: locator([a, b, arbitration, self], r.rules.items),
    notes: readNoteTexts(wb.sheets.get(SHEETS.notes), s.settings),
  };
}

/** The engine points at items by branch and code; the grids' layouts say which cell that is. */
function locator(grids: readonly (LocatedGrid | null)[], items: readonly { readonly code: string }[]): Locate {
  const layouts = new Map(grids.flatMap((g) => (g ? [[g.grid.role, g.layout] as const] : [])));
  const itemIndex = new Map(items.map((it, i) => [it.code, i]));
  return ({ grid, branch, item }) => {
    const layout = layouts.get(grid);
    const i = itemIndex.get(item);
    return { sheet: layout?.sheet ?? null, cell: layout && i !== undefined ? cellAddress(layout, branch, i) : null };
  };
}
