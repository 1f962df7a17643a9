/**
 * A new assessment workbook (新建考核模板) as SheetSpecs: 填报说明, 考核设置, 评分细则, 支部名册,
 * the four scoring grids with data validation and protection, and an empty 扣分说明. Pure.
 */
import type { Branch } from "../model/branch.js";
import { a1, columnLetters } from "../model/cell.js";
import { applies, type RuleItem, type Rules } from "../model/rules.js";
import { DEFAULT_SETTINGS, SETTING_NAMES, settingChoices, type Settings } from "../model/settings.js";
import { truncate, VALIDATION_LIMITS } from "../report/excel-limits.js";
import {
  cellValue,
  hdr,
  txt,
  type OutCell,
  type OutEntry,
  type OutValue,
  type SheetSpec,
  type ValidationSpec,
} from "../report/sheet-spec.js";
import { GRID_SHEETS, SCORE_GRID, type GridSheet } from "../model/sheets.js";
import { defaultRules } from "../model/default-rules.js";
import { instructionsSheet, REGENERATE } from "./instructions.js";
import { gridHeadRows, notesSheet, rosterSheet, rulesSheet, settingsSheet, SETTING_HINTS, type RosterEntry } from "./input-sheets.js";

export interface TemplateOptions {
  /** The rule set the grids are laid out from (default: the shipped default rules). */
  readonly rules?: Rules;
  /** The roster; null or omitted: a few example branches, clearly marked 示例. */
  readonly branches?: readonly RosterEntry[] | null;
  /** 考核周期, already normalised (PeriodSchema); null leaves it blank for people to fill. */
  readonly period?: string | null;
  /** Other settings to write instead of the defaults (e.g. carried over from last period). */
  readonly settings?: Partial<Settings>;
}

/**
 * Where a template puts the grid layout (SCORE_GRID), 0-based rows: a band row with the sheet's
 * role and the 考核方面 over their items, the header row, both annotation rows, then one row
 * per branch.
 */
export const GRID_LAYOUT = {
  bandRow: 0,
  headerRow: 1,
  firstBranchRow: 2 + SCORE_GRID.annotationLabels.length,
  firstItemColumn: SCORE_GRID.firstItemColumn,
} as const;

/** Marked in code and name so nobody takes them for real branches. */
export const EXAMPLE_BRANCHES: readonly RosterEntry[] = [
  { code: "示例01", name: "（示例）第一生产车间党支部", category: "生产类", unit: "（示例）第一生产车间", members: 35 },
  { code: "示例02", name: "（示例）设备维修中心党支部", category: "辅助类", unit: "（示例）设备维修中心", members: 22 },
  { code: "示例03", name: "（示例）机关第一党支部", category: "综合管理类", unit: "（示例）机关党委", members: 18 },
  { code: "示例04", name: "（示例）市场营销部党支部", category: "市场经营类", unit: "（示例）市场营销部", members: 15 },
];

/** Every sheet of a new template, in order. */
export function templateSheets(options: TemplateOptions = {}): SheetSpec[] {
  const rules = options.rules ?? defaultRules();
  const branches = options.branches ?? null;
  const roster = branches ?? EXAMPLE_BRANCHES;
  const period = options.period ?? null;
  return [
    instructionsSheet({ period, exampleRoster: branches === null }),
    templateSettingsSheet({ ...options.settings, period }),
    rulesSheet(rules.items),
    branches === null ? exampleRosterSheet() : templateRosterSheet(branches),
    ...GRID_SHEETS.map((name) => templateGridSheet(name, rules, roster)),
    notesSheet([]),
  ];
}

// ---------------------------------------------------------------------------------------------
// 考核设置: only the 值 column can be changed; settings with a fixed set of values get a list.

/** 考核设置 as settingsSheet lays it out, protected with its 值 cells open and lists where the values are fixed. */
export function templateSettingsSheet(settings: Partial<Settings>): SheetSpec {
  const base = settingsSheet({ ...DEFAULT_SETTINGS, ...settings });
  const validations: ValidationSpec[] = [];
  // settingsSheet writes a header, then one row per setting in SETTING_NAMES order.
  const rows = base.rows.map((row, r) => {
    if (r === 0) return row;
    const name = SETTING_NAMES[r - 1]!;
    const choices = settingChoices(name);
    if (choices) {
      validations.push({
        kind: "list",
        range: a1(r, 1),
        values: choices,
        prompt: { title: truncate(name, VALIDATION_LIMITS.title), text: truncate(SETTING_HINTS[name], VALIDATION_LIMITS.prompt) },
        error: truncate(`请从下拉列表中选择：${choices.join("、")}`, VALIDATION_LIMITS.prompt),
      });
    }
    return [row[0] ?? null, { v: cellValue(row[1] ?? null), style: "inputText" } satisfies OutCell, ...row.slice(2)];
  });
  return { ...base, rows, validations, protect: true };
}

// ---------------------------------------------------------------------------------------------
// 支部名册 without a roster: example rows under a notice.

export const EXAMPLE_ROSTER_NOTICE = `以下为示例支部（编码以“示例”开头）：请改成本单位的支部（可以增删行），然后${REGENERATE}。`;

export function exampleRosterSheet(): SheetSpec {
  const base = templateRosterSheet(EXAMPLE_BRANCHES, 1);
  const notice: OutEntry[] = [{ v: EXAMPLE_ROSTER_NOTICE, style: "notice" }];
  return { ...base, rows: [notice, ...base.rows], merges: ["A1:F1"], freezeRows: 2 };
}

/** Rows below the roster that the 上年星级 validation still covers, for branches added later. */
const ROSTER_SPARE_ROWS = 500;

/**
 * 支部名册 of a new template: with the optional 上年星级 column (last year's annual grade, read
 * by the year-end 年度定级) limited to whole numbers 0–5. `above` rows (a notice) come first.
 */
export function templateRosterSheet(branches: readonly RosterEntry[], above = 0): SheetSpec {
  const base = rosterSheet(branches, { previousStars: true });
  const col = columnLetters(base.rows[0]!.length - 1);
  const first = above + 2;
  const last = above + 1 + branches.length + ROSTER_SPARE_ROWS;
  return {
    ...base,
    validations: [
      {
        kind: "decimal",
        integer: true,
        range: `${col}${first}:${col}${last}`,
        min: 0,
        max: 5,
        prompt: {
          title: "上年星级",
          text: "上一年度的年度星级，0～5 的整数（0 表示无星）；没有可留空。年度定级时用于“逐级晋升”和星级变化。",
        },
        error: "上年星级应为 0～5 的整数，没有可留空。",
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 评分A, 评分B, 仲裁, 自评

const ROLE_LABEL: Readonly<Record<GridSheet, string>> = {
  评分A: "评分A（第一评分方）",
  评分B: "评分B（第二评分方）",
  仲裁: "仲裁（留空＝不仲裁）",
  自评: "自评（仅供对照）",
};

const points = (it: RuleItem): string => String(it.max / 100);

/** The group an item's column sits under in the band row. */
function bandLabel(it: RuleItem): string {
  return it.type === "bonus" ? "加分项" : it.type === "veto" ? "否决项" : it.area;
}

/** Whether a 基础 item does not apply to a branch's category (its cell is prefilled 不适用). */
export function notApplicable(it: RuleItem, b: Branch): boolean {
  return it.type === "base" && !applies(it, b);
}

/** What the input message says and what the error says, for one item in one grid. */
function itemValidation(grid: GridSheet, it: RuleItem, range: string): ValidationSpec {
  const title = truncate(`${it.code} ${bandLabel(it)}`, VALIDATION_LIMITS.title);
  // The rule (how to fill the cell) always shows in full; content and criteria give way to it.
  const describe = (rule: string) => {
    const parts = [it.content, it.criteria ? `评分标准：${it.criteria}` : ""].filter((s) => s !== "");
    return truncate(parts.join("\n"), VALIDATION_LIMITS.prompt - rule.length - 1) + "\n" + rule;
  };
  if (it.type === "veto") {
    const rule = grid === "仲裁" ? "两方意见不一致时选 是 或 否；留空表示不仲裁。" : "选择 是 或 否；留空按“否”。";
    return {
      kind: "list",
      range,
      values: ["是", "否"],
      prompt: { title, text: describe(rule) },
      error: `“${it.code}”是否决项，请选择 是 或 否。`,
    };
  }
  const max = points(it);
  const blank =
    grid === "仲裁"
      ? "留空表示不仲裁。"
      : grid === "自评"
        ? "留空按 0 分。"
        : it.type === "bonus"
          ? "没有加分可留空（按 0 分）。"
          : "不能留空。";
  const rule = `填 0～${max} 的数字，最多两位小数；${blank}`;
  return {
    kind: "decimal",
    range,
    min: 0,
    max: it.max / 100,
    prompt: { title, text: describe(rule) },
    error: `“${it.code}”的${it.type === "bonus" ? "加分" : "得分"}应为 0～${max} 之间的数字，最多两位小数。`,
  };
}

/** Contiguous runs of branch rows (0-based) where `keep` holds, as [first, last] pairs. */
function runs(count: number, first: number, keep: (i: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    if (!keep(i)) continue;
    const last = out.at(-1);
    if (last && last[1] === first + i - 1) last[1] = first + i;
    else out.push([first + i, first + i]);
  }
  return out;
}

/**
 * A scoring grid of a new template: protected, frozen at the annotation rows and the name
 * column; every score cell open (`input`, veto cells `inputText`) with data validation on its
 * item's column, except the cells of items that do not apply to the branch's category, which
 * hold 不适用 (greyed, locked, no validation: Excel's decimal rule would reject the text).
 * `kept` gives what an open cell already holds (a regenerated grid keeps what was typed).
 */
export function templateGridSheet(
  name: GridSheet,
  rules: Rules,
  branches: readonly Branch[],
  kept: (branch: Branch, item: RuleItem) => OutValue = () => null,
): SheetSpec {
  const items = rules.items;
  const { headerRow, firstBranchRow, firstItemColumn } = GRID_LAYOUT;

  // Band row: the sheet's role over the code and name columns, then each 考核方面 over its items.
  const band: OutEntry[] = [hdr(ROLE_LABEL[name]), hdr(null)];
  const merges = ["A1:B1"];
  items.forEach((it, i) => {
    const col = firstItemColumn + i;
    const starts = i === 0 || bandLabel(items[i - 1]!) !== bandLabel(it);
    band.push(hdr(starts ? bandLabel(it) : null));
    if (starts) {
      let end = i;
      while (end + 1 < items.length && bandLabel(items[end + 1]!) === bandLabel(it)) end++;
      if (end > i) merges.push(`${a1(0, col)}:${a1(0, firstItemColumn + end)}`);
    }
  });

  const [head, names, maxima] = gridHeadRows(items, txt(null)) as [OutEntry[], OutEntry[], OutEntry[]];
  const body = branches.map((b) => [
    txt(b.code),
    txt(b.name),
    ...items.map((it): OutCell =>
      notApplicable(it, b)
        ? { v: "不适用", style: "text", tone: "muted" }
        : { v: kept(b, it), style: it.type === "veto" ? "inputText" : "input" },
    ),
  ]);

  const validations: ValidationSpec[] = [];
  items.forEach((it, i) => {
    const col = columnLetters(firstItemColumn + i);
    for (const [from, to] of runs(branches.length, firstBranchRow, (k) => !notApplicable(it, branches[k]!))) {
      validations.push(itemValidation(name, it, from === to ? `${col}${from + 1}` : `${col}${from + 1}:${col}${to + 1}`));
    }
  });

  const rows: OutEntry[][] = [band, head, names, maxima, ...body];
  if (rows.indexOf(head) !== headerRow) throw new Error("grid layout out of step with GRID_LAYOUT");
  return {
    name,
    rows,
    columnWidths: [12, 28, ...items.map((it) => (it.type === "veto" ? 7 : 8))],
    freezeRows: firstBranchRow,
    freezeColumns: 2,
    merges,
    validations,
    protect: true,
  };
}
