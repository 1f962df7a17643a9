import { a1, type Grid } from "../model/cell.js";
import type { Branch } from "../model/branch.js";
import { issue, type Issue, type IssueCode } from "../model/issues.js";
import type { RuleItem, Rules } from "../model/rules.js";
import { readScoreCell, readVetoCell, type ScoreCellContext } from "./cell-readers.js";
import { HEADER_SEARCH_ROWS } from "./table.js";
import { cellText, hasContent, isBlank, keyText, trimText } from "./text.js";

/** The four grids share one layout; their roles decide what a blank or a problem means. */
export type GridRole = "A" | "B" | "arbitration" | "self";

/**
 * A scoring grid once read. `values.get(branch)[i]` is rule item i's value in hundredths
 * (veto: 1 是 / 0 否), null when the cell exists but counts as blank, undefined when the
 * rater has no cell (row or column missing).
 */
export interface ScoreGrid {
  readonly sheet: string;
  readonly role: GridRole;
  readonly rowOf: ReadonlyMap<string, number>;
  /** Column of each rule item, by item index (undefined: no column). */
  readonly colOf: readonly (number | undefined)[];
  readonly values: ReadonlyMap<string, readonly (number | null | undefined)[]>;
}

export function cellAddress(grid: ScoreGrid | undefined, branch: string, item: number): string | null {
  const row = grid?.rowOf.get(branch);
  const col = grid?.colOf[item];
  return row === undefined || col === undefined ? null : a1(row, col);
}

/** The header row of a grid: the first row (within 10) whose column A is 支部编码. */
export function findGridHeader(grid: Grid): number | null {
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.rows.length);
  for (let r = 0; r < limit; r++) {
    const c = grid.rows[r]?.[0] ?? null;
    if (c !== null && c.kind === "text" && trimText(c.value) === "支部编码") return r;
  }
  return null;
}

const ANNOTATION_LABELS = new Set(["项目名称", "分值"]);
const FIRST_ITEM_COLUMN = 2;

export function readGrid(
  grid: Grid,
  headerRow: number,
  role: GridRole,
  rules: Rules,
  roster: ReadonlyMap<string, Branch>,
): { grid: ScoreGrid; issues: Issue[] } {
  const issues: Issue[] = [];
  const sheet = grid.name;
  // Every problem in 自评 is a warning: self-assessment never changes the status.
  const severity = role === "self" ? "warning" : "error";
  const report = (code: IssueCode, row: number | null, col: number | null, params = {}, warning = false) =>
    issues.push(issue(warning ? "warning" : severity, code, { sheet, cell: row === null || col === null ? null : a1(row, col) }, params));

  const itemIndex = new Map(rules.items.map((it, i) => [it.code, i]));
  const colOf: (number | undefined)[] = rules.items.map(() => undefined);
  const header = grid.rows[headerRow] ?? [];
  for (let c = FIRST_ITEM_COLUMN; c < header.length; c++) {
    const code = keyText(header[c] ?? null);
    if (code === "") continue;
    const i = itemIndex.get(code);
    if (i === undefined) report("HEADER_ITEM_UNKNOWN", headerRow, c, { value: code }, true);
    else if (colOf[i] !== undefined) report("HEADER_ITEM_DUPLICATE", headerRow, c, { item: code });
    else colOf[i] = c;
  }
  const scoredByBoth = role === "A" || role === "B";
  if (scoredByBoth) {
    rules.items.forEach((it, i) => {
      if (colOf[i] === undefined) report("HEADER_ITEM_MISSING", null, null, { item: it.code });
    });
  }

  let r = headerRow + 1;
  while (r < grid.rows.length && ANNOTATION_LABELS.has(keyText(grid.rows[r]?.[0] ?? null))) r++;

  // In 仲裁 a not-applicable token means "no arbitration"; contexts by item and applicability.
  const naMeansBlank = role === "arbitration";
  const contexts = rules.items.map((it) =>
    [false, true].map((applicable): ScoreCellContext => ({ max: it.max, isBase: it.type === "base", applicable, naMeansBlank })),
  );
  const rowOf = new Map<string, number>();
  const values = new Map<string, (number | null | undefined)[]>();
  for (; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (!hasContent(cells)) continue;
    const code = keyText(cells[0] ?? null);
    if (code === "") { report("BRANCH_CODE_MISSING", r, 0); continue; }
    const branch = roster.get(code);
    if (!branch) { report("BRANCH_UNKNOWN", r, 0, { branch: code }); continue; }
    if (rowOf.has(code)) { report("BRANCH_DUPLICATE", r, 0, { branch: code }); continue; }
    rowOf.set(code, r);
    const nameCell = cells[1] ?? null;
    if (!isBlank(nameCell) && cellText(nameCell) !== branch.name) {
      report("BRANCH_NAME_MISMATCH", r, 1, { value: cellText(nameCell), expected: branch.name, branch: code }, true);
    }
    values.set(code, rules.items.map((it, i) => {
      const col = colOf[i];
      if (col === undefined) return undefined;
      const cell = cells[col] ?? null;
      const reading = it.type === "veto" ? readVetoCell(cell, naMeansBlank) : readScoreCell(cell, contexts[i]![applies(it, branch) ? 1 : 0]!);
      if (reading.problem) {
        report(reading.problem.code, r, col, { item: it.code, branch: code, value: cellText(cell), max: String(it.max / 100), expected: reading.problem.expected }, reading.problem.warning);
      } else if (reading.value === null && scoredByBoth && it.type === "base" && applies(it, branch) && isBlank(cell)) {
        report("SCORE_MISSING", r, col, { item: it.code, branch: code, max: String(it.max / 100) });
      }
      return reading.value;
    }));
  }
  if (scoredByBoth) {
    const missing = [...roster.keys()].filter((code) => !rowOf.has(code));
    if (missing.length > 0) report("BRANCH_NOT_SCORED", null, null, { list: missing.join("、") });
  }
  return { grid: { sheet, role, rowOf, colOf, values }, issues };
}

export function applies(item: RuleItem, branch: Branch): boolean {
  return branch.category === null || !item.naCategories.includes(branch.category);
}

