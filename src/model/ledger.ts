import type { Cell } from "./cell.js";

/**
 * 整改台账 (rectification ledger): one row per deduction and per triggered veto, four columns
 * people fill in. Its column titles in sheet order; the next run finds them by title.
 */
export const LEDGER_TITLES = {
  number: "序号",
  period: "期间",
  branch: "支部编码",
  name: "支部名称",
  unit: "所属单位",
  item: "项目编号",
  area: "考核方面",
  content: "考核项",
  deduction: "扣分",
  note: "扣分说明",
  measure: "整改措施",
  owner: "责任人",
  deadline: "完成时限",
  status: "整改状态",
} as const;

/** What a row needs to be matched with a deduction on the next run: (期间, 支部编码, 项目编号). */
export const LEDGER_KEY_TITLES = [LEDGER_TITLES.period, LEDGER_TITLES.branch, LEDGER_TITLES.item] as const;

/** The columns people type into, carried over from run to run. */
export const LEDGER_TYPED = ["measure", "owner", "deadline", "status"] as const;
export type LedgerTypedField = (typeof LEDGER_TYPED)[number];

/** 整改状态's list (data validation); a new row starts 未整改. */
export const RECTIFICATION_STATUSES = ["未整改", "整改中", "已销号"] as const;
export const DEFAULT_RECTIFICATION_STATUS = RECTIFICATION_STATUSES[0];

/** Why a row people typed into stands at the end of the ledger rather than with a deduction. */
export type LedgerLeftover =
  /** Its (期间, 支部编码, 项目编号) has no deduction or veto this run (corrected, or another period). */
  | "no-deduction"
  /** Its key is the same as an earlier row's (a copied row): the earlier row's content is carried over. */
  | "duplicate"
  /** It has no 支部编码 or 项目编号, so it cannot be matched. */
  | "no-key";

/** What the 扣分 cell of a row people typed into says when it has no deduction to stand with. */
export const LEFTOVER_MARK: Readonly<Record<LedgerLeftover, string>> = {
  "no-deduction": "已无扣分",
  duplicate: "重复行",
  "no-key": "无法对应",
};
/** One row of the ledger found in the workbook before this run, with what people typed, as read. */
export interface PreviousLedgerRow {
  /** 1-based row number in the old sheet (for messages). */
  readonly row: number;
  readonly period: string;
  readonly branch: string;
  readonly item: string;
  /** The descriptive columns as they were (kept on a leftover row), as text. */
  readonly name: string;
  readonly unit: string;
  readonly area: string;
  readonly content: string;
  readonly deduction: string;
  readonly note: string;
  /** The four typed cells as read (a date stays a date, text stays text). */
  readonly typed: Readonly<Record<LedgerTypedField, Cell>>;
}

/** The old 整改台账: its rows, or `unusable` when it exists but its header row cannot be found (it is then left as it is). */
export type PreviousLedger =
  { readonly kind: "none" } | { readonly kind: "rows"; readonly rows: readonly PreviousLedgerRow[] } | { readonly kind: "unusable" };

/** The raters' notes of 扣分说明 as people read them: branch → item → `评分方：说明`, in sheet order. */
export type NoteTexts = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
