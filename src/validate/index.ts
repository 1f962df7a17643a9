import type { Grid } from "../model/cell.js";
import type { Branch } from "../model/branch.js";
import { hasFatal, issue, type Issue } from "../model/issues.js";
import type { Rules } from "../model/rules.js";
import type { Settings } from "../model/settings.js";
import type { WorkbookSnapshot } from "../io/workbook.js";
import { findGridHeader, readGrid, type GridRole, type ScoreGrid } from "./grids.js";
import { checkDeductionNotes } from "./notes.js";
import { readRoster, ROSTER_TITLES } from "./roster.js";
import { readRules, RULES_TITLES } from "./rules.js";
import { readSettings, SETTINGS_TITLES } from "./settings.js";
import { REQUIRED_SHEETS, SHEETS } from "./sheets.js";
import { findTable, type Table } from "./table.js";

/** A workbook that passed the fatal checks: everything the engine needs, typed. */
export interface Assessment {
  readonly settings: Settings;
  readonly rules: Rules;
  readonly branches: readonly Branch[];
  readonly a: ScoreGrid;
  readonly b: ScoreGrid;
  readonly arbitration: ScoreGrid | null;
  readonly self: ScoreGrid | null;
}

export type Validation =
  | { readonly ok: true; readonly assessment: Assessment; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly settings: Settings | null; readonly issues: readonly Issue[] };

const GRID_EXPECTED = "A 列为“支部编码”、B 列为“支部名称”，C 列起为考核项编号";

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
    if (!wb.sheets.has(name)) issues.push(issue("fatal", "SHEET_MISSING", { sheet: name, cell: null }));
  }
  if (hasFatal(issues)) return stop();
  const sheet = (name: string): Grid => wb.sheets.get(name)!;

  const table = (name: string, titles: readonly string[]): Table | null => {
    const t = findTable(sheet(name), titles);
    if (!t) issues.push(issue("fatal", "HEADER_MISSING", { sheet: name, cell: null }, { expected: titles.join("、") }));
    return t;
  };
  const settingsTable = table(SHEETS.settings, SETTINGS_TITLES);
  const rulesTable = table(SHEETS.rules, RULES_TITLES);
  const rosterTable = table(SHEETS.roster, ROSTER_TITLES);
  const gridHeader = (name: string) => {
    const h = findGridHeader(sheet(name));
    if (h === null) issues.push(issue("fatal", "HEADER_MISSING", { sheet: name, cell: null }, { expected: GRID_EXPECTED }));
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

  const grid = (name: string, header: number, role: GridRole): ScoreGrid => {
    const g = readGrid(sheet(name), header, role, r.rules, rosterMap);
    report(g.issues);
    return g.grid;
  };
  const optionalGrid = (name: string, role: GridRole): ScoreGrid | null => {
    const g = wb.sheets.get(name);
    if (!g) return null;
    const header = findGridHeader(g);
    if (header === null) {
      issues.push(issue(role === "self" ? "warning" : "error", "HEADER_MISSING", { sheet: name, cell: null }, { expected: GRID_EXPECTED }));
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
    assessment: { settings: s.settings, rules: r.rules, branches: roster.branches, a, b, arbitration, self },
    issues,
  };
}
