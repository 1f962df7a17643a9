import type { ItemRef } from "./assessment.js";
import type { UnreadableRemedy } from "./failure.js";
import type { SettingName } from "./settings.js";

export const ISSUE_CODES = [
  "WORKBOOK_UNREADABLE",
  "SHEET_MISSING",
  "HEADER_MISSING",
  "SETTING_UNKNOWN",
  "SETTING_INVALID",
  "PERIOD_MISSING",
  "RULE_INVALID",
  "RULE_TOTAL_NOT_100",
  "ROSTER_EMPTY",
  "BRANCH_CODE_MISSING",
  "BRANCH_DUPLICATE",
  "CATEGORY_INVALID",
  "HEADER_ITEM_MISSING",
  "HEADER_ITEM_DUPLICATE",
  "HEADER_ITEM_UNKNOWN",
  "BRANCH_UNKNOWN",
  "BRANCH_NOT_SCORED",
  "BRANCH_NAME_MISMATCH",
  "SCORE_MISSING",
  "CELL_ERROR_VALUE",
  "SCORE_NA_IGNORED",
  "SCORE_NA_NOT_ALLOWED",
  "SCORE_NOT_NUMBER",
  "SCORE_NORMALIZED",
  "SCORE_PRECISION",
  "SCORE_OUT_OF_RANGE",
  "VETO_INVALID",
  "DISPUTE_PENDING",
  "VETO_DISPUTE_PENDING",
  "ARBITRATION_IGNORED",
  "DEDUCTION_NOTE_MISSING",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
export const SEVERITIES = ["fatal", "error", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A grid cell that could not be read as typed: which branch and item, what it holds, the item's 分值 in points. */
interface CellProblem {
  readonly branch: string;
  readonly item: string;
  /** What the cell holds, as the user sees it. */
  readonly value: string;
  readonly max: number;
}

/** Why a 评分细则 row was left out: the first check it failed (workbook.md), with what the cell held. */
export type RuleProblem =
  | { readonly problem: "code-missing" }
  | { readonly problem: "code-repeated"; readonly value: string }
  | { readonly problem: "type-invalid"; readonly value: string }
  | { readonly problem: "points-invalid"; readonly value: string }
  /** Above `max` points (MAX_POINTS): no real item is worth that much, and sums must stay exact. */
  | { readonly problem: "points-too-large"; readonly value: string; readonly max: number }
  | { readonly problem: "area-missing" }
  | { readonly problem: "categories-invalid"; readonly values: readonly string[] }
  | { readonly problem: "tolerance-invalid"; readonly value: string }
  | { readonly problem: "tolerance-too-large"; readonly value: string; readonly max: number }
  /** No cell: the sheet has no 基础 item at all. */
  | { readonly problem: "no-base-item" };

/** A veto answer as a rater gave it. */
export type VetoAnswer = "yes" | "no" | "blank";

/**
 * What each issue's message mentions, typed by code: issues are data, and each language's
 * catalogue renders them (messages-zh.ts, messages-en.ts). Scores and 分值 are in points.
 */
export interface IssueParams {
  /** `remedy`: what to do when it is not to save the file again from Excel (see UnreadableRemedy). */
  readonly WORKBOOK_UNREADABLE: { readonly reason: string; readonly remedy?: UnreadableRemedy };
  readonly SHEET_MISSING: Record<string, never>;
  readonly HEADER_MISSING:
    | { readonly layout: "table"; readonly titles: readonly string[] }
    /** A scoring grid: 支部编码 in column A, 支部名称 in B, item codes from C. */
    | { readonly layout: "grid"; readonly titles: readonly [code: string, name: string] };
  readonly SETTING_UNKNOWN: { readonly name: string; readonly known: readonly string[] };
  readonly SETTING_INVALID:
    | { readonly problem: "unnamed"; readonly value: string }
    | { readonly problem: "repeated"; readonly setting: SettingName; readonly value: string }
    /** `notText`: a date, boolean or error cell, where the setting wants text or a number. */
    | { readonly problem: "invalid"; readonly setting: SettingName; readonly value: string; readonly notText: boolean }
    /** A number above `max` (MAX_POINTS), where sums must stay exact. */
    | { readonly problem: "too-large"; readonly setting: SettingName; readonly value: string; readonly max: number };
  readonly PERIOD_MISSING: Record<string, never>;
  readonly RULE_INVALID: RuleProblem;
  readonly RULE_TOTAL_NOT_100: { readonly total: number };
  readonly ROSTER_EMPTY: Record<string, never>;
  readonly BRANCH_CODE_MISSING: Record<string, never>;
  readonly BRANCH_DUPLICATE: { readonly branch: string };
  readonly CATEGORY_INVALID: { readonly value: string };
  readonly HEADER_ITEM_MISSING: { readonly item: string };
  readonly HEADER_ITEM_DUPLICATE: { readonly item: string };
  readonly HEADER_ITEM_UNKNOWN: { readonly value: string };
  readonly BRANCH_UNKNOWN: { readonly branch: string };
  readonly BRANCH_NOT_SCORED: { readonly branches: readonly string[] };
  /** `name` as typed in the grid, `rosterName` as in 支部名册. */
  readonly BRANCH_NAME_MISMATCH: { readonly branch: string; readonly name: string; readonly rosterName: string };
  readonly SCORE_MISSING: { readonly branch: string; readonly item: string; readonly max: number };
  readonly CELL_ERROR_VALUE: CellProblem;
  readonly SCORE_NA_IGNORED: CellProblem;
  readonly SCORE_NA_NOT_ALLOWED: CellProblem;
  readonly SCORE_NOT_NUMBER: CellProblem;
  /** `score`: the number the text was read as. */
  readonly SCORE_NORMALIZED: CellProblem & { readonly score: number };
  readonly SCORE_PRECISION: CellProblem;
  readonly SCORE_OUT_OF_RANGE: CellProblem;
  readonly VETO_INVALID: CellProblem;
  /** Scores in points; `tolerance` as exact decimal text (it may have more than 2 decimals). */
  readonly DISPUTE_PENDING: {
    readonly branch: string;
    readonly item: string;
    readonly raterA: string;
    readonly scoreA: number;
    readonly raterB: string;
    readonly scoreB: number;
    readonly tolerance: string;
  };
  readonly VETO_DISPUTE_PENDING: {
    readonly branch: string;
    readonly item: string;
    readonly raterA: string;
    readonly answerA: VetoAnswer;
    readonly raterB: string;
    readonly answerB: VetoAnswer;
  };
  /** The ignored arbitration: a score in points, or a veto answer (true = 是). */
  readonly ARBITRATION_IGNORED: { readonly branch: string; readonly item: string; readonly arbitration: number | boolean };
  readonly DEDUCTION_NOTE_MISSING:
    | { readonly branch: string; readonly item: string; readonly score: number; readonly max: number }
    /** No 扣分说明 sheet at all: how many deductions have no note. */
    | { readonly count: number };
}

/** Where an issue points: a sheet and a cell (A1), either absent when it concerns more. */
export interface Where {
  readonly sheet: string | null;
  readonly cell: string | null;
}

/** A problem found in a workbook, as data: each language renders its message from the code and params. */
export type Issue<C extends IssueCode = IssueCode> = {
  readonly [K in C]: { readonly severity: Severity; readonly code: K; readonly where: Where; readonly params: IssueParams[K] };
}[C];

/** A message catalogue: one text per code, from its params and place (messages-zh.ts, messages-en.ts). */
export type MessageCatalogue = { readonly [C in IssueCode]: (params: IssueParams[C], where: Where) => string };

export function issue<C extends IssueCode>(severity: Severity, code: C, where: Where, params: IssueParams[C]): Issue {
  return { severity, code, where, params } as Issue;
}

/** An issue's message in the catalogue's language. */
export function issueMessage(i: Issue, catalogue: MessageCatalogue): string {
  return (catalogue[i.code] as (params: IssueParams[IssueCode], where: Where) => string)(i.params, i.where);
}

/** A problem the engine found, pointing at a branch's item; its sheet and cell are attached where the grids are known. */
export type Finding<C extends IssueCode = IssueCode> = {
  readonly [K in C]: { readonly severity: Severity; readonly code: K; readonly at: ItemRef; readonly params: IssueParams[K] };
}[C];

/** A finding as an issue, once its place in the workbook is known. */
export function locatedIssue(f: Finding, where: Where): Issue {
  return { severity: f.severity, code: f.code, where, params: f.params } as Issue;
}

export function hasFatal(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "fatal");
}
