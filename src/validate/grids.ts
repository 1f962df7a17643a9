import { a1, cellAt, rowCell, type Grid, type GridRow } from "../model/cell.js";
import { SCORE_GRID } from "../model/sheets.js";
import type { Branch } from "../model/branch.js";
import { issue, type Issue, type IssueParams, type QuarterIssueCode } from "../model/issues.js";
import type { GridRole, ScoreGrid } from "../model/assessment.js";
import { applies, type Rules } from "../model/rules.js";
import { readScoreCell, readVetoCell, type ScoreCellContext } from "./cell-readers.js";
import { HEADER_SEARCH_ROWS } from "./table.js";
import { cellText, hasContent, isBlank, keyText, trimText } from "./text.js";

/** Where a grid's branch rows and item columns are on its sheet (0-based). */
export interface GridLayout {
  readonly sheet: string;
  readonly rowOf: ReadonlyMap<string, number>;
  /** Column of each rule item, by item index (undefined: no column). */
  readonly colOf: readonly (number | undefined)[];
}

/** A grid's values and where they are. */
export interface LocatedGrid {
  readonly grid: ScoreGrid;
  readonly layout: GridLayout;
}

/** The A1 address of a branch's item in a grid; null without a row or a column for it. */
export function cellAddress(layout: GridLayout, branch: string, item: number): string | null {
  const row = layout.rowOf.get(branch);
  const col = layout.colOf[item];
  return row === undefined || col === undefined ? null : a1(row, col);
}

/** The header row of a grid: the first row (within 10) whose column A is 支部编码. */
export function findGridHeader(grid: Grid): number | null {
  const limit = Math.min(HEADER_SEARCH_ROWS, grid.rows.length);
  for (let r = 0; r < limit; r++) {
    const c = cellAt(grid, r, 0);
    if (c !== null && c.kind === "text" && trimText(c.value) === SCORE_GRID.codeTitle) return r;
  }
  return null;
}

/** A grid as laid out (SCORE_GRID), before any rule or roster applies: its item columns and branch rows. */
export interface GridShape {
  readonly headerRow: number;
  /** Every non-blank header code from column C, with its column, in column order (repeats included). */
  readonly itemColumns: readonly { readonly code: string; readonly col: number }[];
  /** Every row with content below the annotation rows, with its 支部编码 ("" when blank). */
  readonly branchRows: readonly { readonly code: string; readonly row: number; readonly cells: GridRow }[];
}

const ANNOTATION_LABELS: ReadonlySet<string> = new Set(SCORE_GRID.annotationLabels);

/** The one reading of the grid layout, for validation and for the rater merge. */
export function gridShape(grid: Grid, headerRow: number): GridShape {
  const header = grid.rows[headerRow] ?? [];
  const itemColumns: { code: string; col: number }[] = [];
  for (let c = SCORE_GRID.firstItemColumn; c < header.length; c++) {
    const code = keyText(header[c] ?? null);
    if (code !== "") itemColumns.push({ code, col: c });
  }
  let r = headerRow + 1;
  while (r < grid.rows.length && ANNOTATION_LABELS.has(keyText(cellAt(grid, r, 0)))) r++;
  const branchRows: { code: string; row: number; cells: GridRow }[] = [];
  for (; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (hasContent(cells)) branchRows.push({ code: keyText(rowCell(cells, 0)), row: r, cells });
  }
  return { headerRow, itemColumns, branchRows };
}

export function readGrid(
  grid: Grid,
  headerRow: number,
  role: GridRole,
  rules: Rules,
  roster: ReadonlyMap<string, Branch>,
): LocatedGrid & { issues: Issue[] } {
  const issues: Issue[] = [];
  const sheet = grid.name;
  // Every problem in 自评 is a warning: self-assessment never changes the status.
  const severity = role === "self" ? "warning" : "error";
  const report = <C extends QuarterIssueCode>(code: C, row: number | null, col: number | null, params: IssueParams[C], warning = false) =>
    issues.push(issue(warning ? "warning" : severity, code, { sheet, cell: row === null || col === null ? null : a1(row, col) }, params));

  const shape = gridShape(grid, headerRow);
  const itemIndex = new Map(rules.items.map((it, i) => [it.code, i]));
  const colOf: (number | undefined)[] = rules.items.map(() => undefined);
  for (const { code, col: c } of shape.itemColumns) {
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

  // In 仲裁 a not-applicable token means "no arbitration"; contexts by item and applicability.
  const naMeansBlank = role === "arbitration";
  const contexts = rules.items.map((it) =>
    [false, true].map((applicable): ScoreCellContext => ({ max: it.max, isBase: it.type === "base", applicable, naMeansBlank })),
  );
  const rowOf = new Map<string, number>();
  const values = new Map<string, (number | null | undefined)[]>();
  for (const { code, row: r, cells } of shape.branchRows) {
    if (code === "") {
      report("BRANCH_CODE_MISSING", r, 0, {});
      continue;
    }
    const branch = roster.get(code);
    if (!branch) {
      report("BRANCH_UNKNOWN", r, 0, { branch: code });
      continue;
    }
    if (rowOf.has(code)) {
      report("BRANCH_DUPLICATE", r, 0, { branch: code });
      continue;
    }
    rowOf.set(code, r);
    const nameCell = cells[1] ?? null;
    if (!isBlank(nameCell) && cellText(nameCell) !== branch.name) {
      report("BRANCH_NAME_MISMATCH", r, 1, { branch: code, name: cellText(nameCell), rosterName: branch.name }, true);
    }
    values.set(
      code,
      rules.items.map((it, i) => {
        const col = colOf[i];
        if (col === undefined) return undefined;
        const cell = cells[col] ?? null;
        const reading =
          it.type === "veto" ? readVetoCell(cell, naMeansBlank) : readScoreCell(cell, contexts[i]![applies(it, branch) ? 1 : 0]!);
        const problem = reading.problem;
        if (problem) {
          const params = { branch: code, item: it.code, value: cellText(cell), max: it.max / 100 };
          if (problem.code === "SCORE_NORMALIZED") report(problem.code, r, col, { ...params, score: problem.score }, true);
          else report(problem.code, r, col, params, problem.warning);
        } else if (reading.value === null && scoredByBoth && it.type === "base" && applies(it, branch) && isBlank(cell)) {
          report("SCORE_MISSING", r, col, { branch: code, item: it.code, max: it.max / 100 });
        }
        return reading.value;
      }),
    );
  }
  if (scoredByBoth) {
    const missing = [...roster.keys()].filter((code) => !rowOf.has(code));
    if (missing.length > 0) report("BRANCH_NOT_SCORED", null, null, { branches: missing });
  }
  return { grid: { role, values }, layout: { sheet, rowOf, colOf }, issues };
}
