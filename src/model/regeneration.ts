/**
 * Regenerating a workbook's scoring grids from its own 支部名册 and 评分细则 (新建考核模板 →
 * 按本工作簿的支部名册重新生成): what was kept and what could not be placed, as data. The plan is
 * made in src/template/regenerate.ts; the task pane, the CLI and the 未能放回的评分 sheet render
 * it, each in its language, from the reasons below.
 */
import type { FailureLanguage } from "./failure-messages.js";

/** Where typed values that could not be placed back are kept, one row each (appended on every run). */
export const SET_ASIDE_SHEET = "未能放回的评分";

/** Why a typed value of the old grids has no cell in the new ones. */
export type NotPlacedReason =
  /** The row's 支部编码 is not in 支部名册 (`sameName`: the code of a roster branch with the row's name, a likely new code). */
  | { readonly kind: "branch-removed"; readonly sameName: string | null }
  /** The column's 项目编号 is not in 评分细则 (an item removed, or a remark column people added). */
  | { readonly kind: "item-removed" }
  /** The item does not apply to the branch's category (a 基础 item in its 不适用类别). */
  | { readonly kind: "not-applicable"; readonly category: string }
  /** The cell said 不适用 but the item applies to the branch's category: it now needs a score. */
  | { readonly kind: "now-applicable"; readonly category: string }
  /** A row with content but no 支部编码. */
  | { readonly kind: "no-code" }
  /** A later row of a repeated 支部编码 (the first row counts, as in validation). */
  | { readonly kind: "duplicate-row" }
  /** A later column of a repeated 项目编号 (the first column counts, as in validation). */
  | { readonly kind: "duplicate-column" }
  /** A column with content but no 项目编号 in the header row. */
  | { readonly kind: "no-item-code" };

/** A typed value of an old grid that is not in the new grid. */
export interface NotPlaced {
  /** The grid it was on (评分A, 评分B, 仲裁, 自评). */
  readonly sheet: string;
  /** Its cell on the old sheet (A1). */
  readonly cell: string;
  /** The row's 支部编码 ("" when the row has none). */
  readonly branch: string;
  /** The row's 支部名称 as it was typed there. */
  readonly name: string;
  /** The column's 项目编号 ("" when the header is blank). */
  readonly item: string;
  /** The value as it was: numbers stay numbers so they can be copied back. */
  readonly value: string | number | boolean;
  readonly reason: NotPlacedReason;
}

/** A 扣分说明 row whose branch or item is no longer in the roster or the rules (left where it is). */
export interface StaleNote {
  /** The row's 支部编码 cell on 扣分说明. */
  readonly cell: string;
  readonly branch: string;
  readonly item: string;
  /** Which of the two is gone. */
  readonly gone: "branch" | "item" | "both";
}

/** What a regeneration did. */
export interface RegenerationSummary {
  /** Branches in 支部名册 (one row each in every grid now). */
  readonly branches: number;
  /** Items in 评分细则 (one column each). */
  readonly items: number;
  /** Typed values placed back in the new grids (cells, all grids). */
  readonly kept: number;
  /** Roster branches no old grid had a row for. */
  readonly addedBranches: readonly string[];
  /** Codes the old grids had rows for that are no longer in the roster. */
  readonly removedBranches: readonly string[];
  /** Branches whose 支部名称 in the old 评分A differs from the roster's (matched by code, so scores kept). */
  readonly renamedBranches: readonly { readonly code: string; readonly from: string; readonly to: string }[];
  readonly addedItems: readonly string[];
  readonly removedItems: readonly string[];
  readonly notPlaced: readonly NotPlaced[];
  /** The sheet the not-placed values were written to (null: there were none). */
  readonly notPlacedSheet: string | null;
  readonly staleNotes: readonly StaleNote[];
  /** Template sheets the workbook lacked and now has (考核设置, 评分细则, grids, 扣分说明…). */
  readonly addedSheets: readonly string[];
  /** 考核周期 as changed in 考核设置 (null: left as it was). */
  readonly period: { readonly from: string | null; readonly to: string } | null;
}

const REASONS: Readonly<Record<FailureLanguage, (r: NotPlacedReason) => string>> = {
  zh: (r) => {
    switch (r.kind) {
      case "branch-removed":
        return r.sameName === null
          ? "支部名册中已没有这个支部编码"
          : `支部名册中已没有这个支部编码；同名支部现在的编码是“${r.sameName}”，如果只是改了编码，请把分数填到新编码的行`;
      case "item-removed":
        return "评分细则中没有这个项目编号";
      case "not-applicable":
        return `支部类别为“${r.category}”，此项不适用`;
      case "now-applicable":
        return `原为“不适用”，但此项适用于“${r.category}”支部，请填写分数`;
      case "no-code":
        return "这一行没有支部编码";
      case "duplicate-row":
        return "支部编码重复出现，只放回了第一行的分数";
      case "duplicate-column":
        return "项目编号重复出现，只放回了第一列的分数";
      case "no-item-code":
        return "这一列的表头没有项目编号";
    }
  },
  en: (r) => {
    switch (r.kind) {
      case "branch-removed":
        return r.sameName === null
          ? "the branch code is no longer in 支部名册"
          : `the branch code is no longer in 支部名册; a branch of the same name now has the code "${r.sameName}": if only the code changed, type the scores into that row`;
      case "item-removed":
        return "the item code is not in 评分细则";
      case "not-applicable":
        return `the item does not apply to a ${r.category} branch`;
      case "now-applicable":
        return `it said 不适用, but the item applies to a ${r.category} branch: type a score`;
      case "no-code":
        return "the row has no branch code";
      case "duplicate-row":
        return "the branch code appears again: only the first row's scores were placed";
      case "duplicate-column":
        return "the item code appears again: only the first column's scores were placed";
      case "no-item-code":
        return "the column has no item code in its header";
    }
  },
};

/** Why a value was not placed, in a language. */
export function notPlacedReason(reason: NotPlacedReason, language: FailureLanguage = "zh"): string {
  return REASONS[language](reason);
}

/** Values left out for one reason, of one branch (or, for a column's reason, of one item): how people read a long list. */
export interface NotPlacedGroup {
  readonly reason: NotPlacedReason;
  /** The branch, or "" for a column's reason (item-removed, duplicate-column, no-item-code). */
  readonly branch: string;
  readonly name: string;
  /** The items, in order of first appearance ("" for a column without a code). */
  readonly items: readonly string[];
  readonly sheets: readonly string[];
  readonly cells: number;
}

const COLUMN_REASONS: ReadonlySet<NotPlacedReason["kind"]> = new Set(["item-removed", "duplicate-column", "no-item-code"]);

/** The entries grouped by reason and branch (by reason and item for a column's reason), in order of first appearance. */
export function groupNotPlaced(entries: readonly NotPlaced[]): NotPlacedGroup[] {
  const groups = new Map<
    string,
    { reason: NotPlacedReason; branch: string; name: string; items: Set<string>; sheets: Set<string>; cells: number }
  >();
  for (const e of entries) {
    const byColumn = COLUMN_REASONS.has(e.reason.kind);
    const key = `${JSON.stringify(e.reason)}\u0000${byColumn ? `i${e.item}` : `b${e.branch}\u0000${e.name}`}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          reason: e.reason,
          branch: byColumn ? "" : e.branch,
          name: byColumn ? "" : e.name,
          items: new Set(),
          sheets: new Set(),
          cells: 0,
        }),
      );
    g.items.add(e.item);
    g.sheets.add(e.sheet);
    g.cells++;
  }
  return [...groups.values()].map((g) => ({ ...g, items: [...g.items], sheets: [...g.sheets] }));
}

/** The branches and items 扣分说明's stale rows are about (those gone from the roster or the rules), each once. */
export function staleNoteSubjects(notes: readonly StaleNote[]): { branches: string[]; items: string[] } {
  const branches = new Set(notes.filter((n) => n.gone !== "item").map((n) => n.branch));
  const items = new Set(notes.filter((n) => n.gone !== "branch").map((n) => n.item));
  return { branches: [...branches], items: [...items] };
}
