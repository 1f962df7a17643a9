import { a1 } from "../model/cell.js";
import { normalizeCategory, splitList, type Category } from "../model/categories.js";
import { issue, type Issue, type RuleProblem } from "../model/issues.js";
import { areasOf, ITEM_TYPES, MAX_POINTS, type ItemTypeLabel, type RuleItem, type Rules } from "../model/rules.js";
import { parseDecimal, toHundredths } from "../model/decimal.js";
import { SHEETS } from "../model/sheets.js";
import { dataRows, field, type Table } from "./table.js";
import { cellText, isBlank, keyText, plainNumberText, trimText } from "./text.js";

/** A plain number with at most 2 decimals, in hundredths; null otherwise. */
function hundredthsOf(c: Parameters<typeof plainNumberText>[0]): number | null {
  const t = plainNumberText(c);
  const d = t === null ? null : parseDecimal(t);
  return d ? toHundredths(d) : null;
}

/**
 * Reads 评分细则. Each row is checked in the order workbook.md gives; the first failing check
 * is reported (RULE_INVALID, fatal) and the row is left out.
 */
export function readRules(table: Table): { rules: Rules; issues: Issue[] } {
  const issues: Issue[] = [];
  const items: RuleItem[] = [];
  const codes = new Set<string>();
  const col = (t: string) => table.columns.get(t);

  for (const { index: r, cells } of dataRows(table.grid, table.headerRow)) {
    const at = (title: string) => ({ sheet: SHEETS.rules, cell: a1(r, col(title) ?? 0) });
    const fail = (title: string, problem: RuleProblem) => issues.push(issue("fatal", "RULE_INVALID", at(title), problem));

    const code = keyText(field(table, cells, "编号"));
    if (code === "") {
      fail("编号", { problem: "code-missing" });
      continue;
    }
    if (codes.has(code)) {
      fail("编号", { problem: "code-repeated", value: code });
      continue;
    }
    codes.add(code);

    const typeLabel = trimText(cellText(field(table, cells, "类型")));
    if (!(typeLabel in ITEM_TYPES)) {
      fail("类型", { problem: "type-invalid", value: typeLabel });
      continue;
    }
    const type = ITEM_TYPES[typeLabel as ItemTypeLabel];

    let max = 0;
    if (type !== "veto") {
      const h = hundredthsOf(field(table, cells, "分值"));
      if (h === null || h <= 0) {
        fail("分值", { problem: "points-invalid", value: cellText(field(table, cells, "分值")) });
        continue;
      }
      if (h > MAX_POINTS * 100) {
        fail("分值", { problem: "points-too-large", value: cellText(field(table, cells, "分值")), max: MAX_POINTS });
        continue;
      }
      max = h;
    }

    const area = trimText(cellText(field(table, cells, "考核方面")));
    if (type === "base" && area === "") {
      fail("考核方面", { problem: "area-missing" });
      continue;
    }

    const naCell = field(table, cells, "不适用类别");
    const naNames = isBlank(naCell) ? [] : splitList(cellText(naCell));
    const naCategories = naNames.map(normalizeCategory);
    const unknown = naNames.filter((_, i) => naCategories[i] === null);
    if (unknown.length > 0) {
      fail("不适用类别", { problem: "categories-invalid", values: unknown });
      continue;
    }

    const tolCell = field(table, cells, "分差阈值");
    let tolerance: number | null = null;
    if (!isBlank(tolCell)) {
      tolerance = hundredthsOf(tolCell);
      if (tolerance === null || tolerance < 0) {
        fail("分差阈值", { problem: "tolerance-invalid", value: cellText(tolCell) });
        continue;
      }
      if (tolerance > MAX_POINTS * 100) {
        fail("分差阈值", { problem: "tolerance-too-large", value: cellText(tolCell), max: MAX_POINTS });
        continue;
      }
    }

    items.push({
      code,
      type,
      area,
      content: cellText(field(table, cells, "考核内容")),
      max,
      criteria: cellText(field(table, cells, "评分标准")),
      naCategories: [...new Set(naCategories as Category[])],
      tolerance,
    });
  }

  const base = items.filter((i) => i.type === "base");
  if (base.length === 0 && issues.length === 0) {
    issues.push(issue("fatal", "RULE_INVALID", { sheet: SHEETS.rules, cell: null }, { problem: "no-base-item" }));
  }
  // Rules with a fatal problem have no known total (a row left out might be a 基础 item): no warning then.
  const total = base.reduce((s, i) => s + i.max, 0);
  if (base.length > 0 && total !== 10000 && issues.length === 0) {
    issues.push(issue("warning", "RULE_TOTAL_NOT_100", { sheet: SHEETS.rules, cell: null }, { total: total / 100 }));
  }
  return { rules: { items, areas: areasOf(items) }, issues };
}
