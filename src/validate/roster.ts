import { a1 } from "../model/cell.js";
import type { Branch } from "../model/branch.js";
import { normalizeCategory } from "../model/categories.js";
import { issue, type Issue } from "../model/issues.js";
import { SHEETS } from "../model/sheets.js";
import { dataRows, field, type Table } from "./table.js";
import { cellText, keyText } from "./text.js";

/** Reads 支部名册; the first row of a repeated code counts and the repeat is not otherwise checked. */
export function readRoster(table: Table): { branches: Branch[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const branches: Branch[] = [];
  const seen = new Set<string>();
  const at = (r: number, title: string) => ({ sheet: SHEETS.roster, cell: a1(r, table.columns.get(title) ?? 0) });

  for (const { index: r, cells } of dataRows(table.grid, table.headerRow)) {
    const code = keyText(field(table, cells, "支部编码"));
    if (code === "") {
      issues.push(issue("error", "BRANCH_CODE_MISSING", at(r, "支部编码"), {}));
      continue;
    }
    if (seen.has(code)) {
      issues.push(issue("error", "BRANCH_DUPLICATE", at(r, "支部编码"), { branch: code }));
      continue;
    }
    seen.add(code);
    const categoryText = cellText(field(table, cells, "支部类别"));
    const category = normalizeCategory(categoryText);
    if (category === null) issues.push(issue("error", "CATEGORY_INVALID", at(r, "支部类别"), { value: categoryText }));
    branches.push({
      code,
      name: cellText(field(table, cells, "支部名称")),
      category,
      unit: cellText(field(table, cells, "所属单位")),
    });
  }
  if (branches.length === 0) issues.push(issue("fatal", "ROSTER_EMPTY", { sheet: SHEETS.roster, cell: null }, {}));
  return { branches, issues };
}
