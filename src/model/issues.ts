import type { ItemRef } from "./assessment.js";
import type { Category } from "./categories.js";
import type { ItemType } from "./rules.js";
import type { Catalogue } from "./catalogue.js";
import { render } from "./catalogue.js";
import type { UnreadableReason } from "./failure.js";
import type { SettingName } from "./settings.js";

/** Codes of the quarterly assessment (workbook.md, scoring.md): the quarterly JSON result's. */
export const QUARTER_ISSUE_CODES = [
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
  "LEDGER_HEADER_MISSING",
  "LEDGER_ROW_UNREADABLE",
] as const;

/** Codes of the year's grade (annual.md §6): the annual JSON result's. */
export const ANNUAL_ISSUE_CODES = [
  "ANNUAL_QUARTER_UNUSABLE",
  "ANNUAL_YEAR_MIXED",
  "ANNUAL_QUARTER_DUPLICATE",
  "ANNUAL_NO_QUARTER",
  "ANNUAL_QUARTER_ABSENT",
  "ANNUAL_QUARTER_PROVISIONAL",
  "PREVIOUS_STARS_INVALID",
  "ANNUAL_RULES_CHANGED",
  "ANNUAL_BRANCH_PARTIAL",
  "ANNUAL_BRANCH_DROPPED",
  "ANNUAL_CATEGORY_CHANGED",
  "ANNUAL_QUOTA_TIE",
] as const;

/** Every code the message catalogues render. */
export const ISSUE_CODES = [...QUARTER_ISSUE_CODES, ...ANNUAL_ISSUE_CODES] as const;

export type QuarterIssueCode = (typeof QUARTER_ISSUE_CODES)[number];
export type AnnualIssueCode = (typeof ANNUAL_ISSUE_CODES)[number];
export type IssueCode = QuarterIssueCode | AnnualIssueCode;
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

/** A branch as annual messages name it. */
export interface BranchRef {
  readonly code: string;
  readonly name: string;
}

/** A rule item as the year compares rule lists (annual.md §3): 分值 in points, null for a 否决 item (its 分值 is ignored). */
export interface RuleItemKey {
  readonly code: string;
  readonly type: ItemType;
  readonly area: string;
  readonly points: number | null;
}

/** The first difference between a quarter's rule list and the latest quarter's: an item at a 1-based position, or the count. */
export type RulesDifference =
  | { readonly kind: "item"; readonly position: number; readonly quarter: RuleItemKey; readonly latest: RuleItemKey }
  | { readonly kind: "count"; readonly quarter: number; readonly latest: number };

/** A veto answer as a rater gave it. */
export type VetoAnswer = "yes" | "no" | "blank";

/**
 * What each issue's message mentions, typed by code: issues are data, and each language's
 * catalogue renders them (messages-zh.ts, messages-en.ts). Scores and 分值 are in points.
 */
export interface IssueParams {
  /** What to do follows from the reason (UNREADABLE_REMEDY). */
  readonly WORKBOOK_UNREADABLE: { readonly reason: UnreadableReason };
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
  /** The old 整改台账 has no header row with these titles: it is left as it is (not replaced). */
  readonly LEDGER_HEADER_MISSING: { readonly titles: readonly string[] };
  /** A row of the old 整改台账 (1-based) people typed into has no 支部编码 or 项目编号: kept at the end. */
  readonly LEDGER_ROW_UNREADABLE: { readonly row: number };

  // The year's grade (annual.md §6); the quarter and the file an issue belongs to are in its place (YearWhere).
  /** The quarterly result was fatal (`fatal` problems, the first of them), or the workbook has no valid 考核周期 (`missing`: none given). */
  readonly ANNUAL_QUARTER_UNUSABLE:
    | {
        readonly reason: "fatal";
        readonly fatal: number;
        readonly first: { readonly code: QuarterIssueCode; readonly sheet: string | null };
      }
    | { readonly reason: "period"; readonly missing: boolean };
  /** Every usable workbook with its year, years ascending, files in the order given. */
  readonly ANNUAL_YEAR_MIXED: { readonly years: readonly { readonly year: number; readonly files: readonly string[] }[] };
  /** `firstFile`: the earlier workbook given for the same period. */
  readonly ANNUAL_QUARTER_DUPLICATE: { readonly firstFile: string };
  /** How many workbooks were given (none usable). */
  readonly ANNUAL_NO_QUARTER: { readonly given: number };
  readonly ANNUAL_QUARTER_ABSENT: Record<string, never>;
  /** How many errors the quarter's own result has. */
  readonly ANNUAL_QUARTER_PROVISIONAL: { readonly errors: number };
  /** `value`: what the 上年星级 cell holds, as the user sees it. */
  readonly PREVIOUS_STARS_INVALID: { readonly branch: BranchRef; readonly value: string };
  /** `latest`: the latest quarter's period. */
  readonly ANNUAL_RULES_CHANGED: { readonly latest: string; readonly difference: RulesDifference };
  /** The periods the branch has results in, of `usable` usable quarters. */
  readonly ANNUAL_BRANCH_PARTIAL: { readonly branch: BranchRef; readonly periods: readonly string[]; readonly usable: number };
  /** The periods the branch had results in; `latest`: the latest quarter's period. */
  readonly ANNUAL_BRANCH_DROPPED: { readonly branch: BranchRef; readonly periods: readonly string[]; readonly latest: string };
  /** The annual roster's category and each quarter that gave another (null: invalid there). */
  readonly ANNUAL_CATEGORY_CHANGED: {
    readonly branch: BranchRef;
    readonly category: Category | null;
    readonly changes: readonly { readonly period: string; readonly category: Category | null }[];
  };
  /** A quota line inside a tie: `tied` branches share `rank` at the line and all drop, so only `kept` of `cap` keep the level. */
  readonly ANNUAL_QUOTA_TIE: {
    readonly level: 5 | 4;
    readonly cap: number;
    readonly kept: number;
    readonly tied: number;
    readonly rank: number;
  };
}

/** Where an issue points: a sheet and a cell (A1), either absent when it concerns more. */
export interface Where {
  readonly sheet: string | null;
  readonly cell: string | null;
}

/**
 * Where an annual issue points (annual.md §6): besides sheet and cell, the quarter it belongs to
 * (`2026Q2`) and the input's file name (without its folder), each null when it concerns more.
 */
export interface YearWhere extends Where {
  readonly period: string | null;
  readonly file: string | null;
}

/** The place an issue of this code has: a quarterly one a sheet and cell, an annual one also period and file. */
export type WhereOf<C extends IssueCode> = C extends AnnualIssueCode ? YearWhere : Where;

/**
 * A problem found, as data: each language renders its message from the code, params and place.
 * Without a type argument, a quarterly assessment's issue.
 */
export type Issue<C extends IssueCode = QuarterIssueCode> = {
  readonly [K in C]: { readonly severity: Severity; readonly code: K; readonly where: WhereOf<K>; readonly params: IssueParams[K] };
}[C];

/** An issue of the year's grade. */
export type AnnualIssue = Issue<AnnualIssueCode>;

/** A message catalogue: one text per code, from its params and place (messages-zh.ts, messages-en.ts). */
export type MessageCatalogue = Catalogue<IssueParams, string, { readonly [C in IssueCode]: WhereOf<C> }>;

export function issue<C extends QuarterIssueCode>(severity: Severity, code: C, where: Where, params: IssueParams[C]): Issue {
  return { severity, code, where, params } as Issue;
}

/** Each annual code's severity, fixed by annual.md (§1 inputs, §2 上年星级, §3 score, §5 quotas). */
export const ANNUAL_SEVERITY: { readonly [C in AnnualIssueCode]: Severity } = {
  ANNUAL_QUARTER_UNUSABLE: "error",
  ANNUAL_YEAR_MIXED: "fatal",
  ANNUAL_QUARTER_DUPLICATE: "fatal",
  ANNUAL_NO_QUARTER: "fatal",
  ANNUAL_QUARTER_ABSENT: "error",
  ANNUAL_QUARTER_PROVISIONAL: "error",
  PREVIOUS_STARS_INVALID: "error",
  ANNUAL_RULES_CHANGED: "warning",
  ANNUAL_BRANCH_PARTIAL: "warning",
  ANNUAL_BRANCH_DROPPED: "warning",
  ANNUAL_CATEGORY_CHANGED: "warning",
  ANNUAL_QUOTA_TIE: "warning",
};

/** An annual issue, its severity by its code; what of its place is not given is null. */
export function annualIssue<C extends AnnualIssueCode>(code: C, params: IssueParams[C], where: Partial<YearWhere> = {}): AnnualIssue {
  return {
    severity: ANNUAL_SEVERITY[code],
    code,
    where: { period: null, file: null, sheet: null, cell: null, ...where },
    params,
  } as AnnualIssue;
}

/** An issue's message in the catalogue's language. */
export function issueMessage(i: Issue<IssueCode>, catalogue: MessageCatalogue): string {
  return render(catalogue, i.code, i.params, i.where);
}

/** A problem the engine found, pointing at a branch's item; its sheet and cell are attached where the grids are known. */
export type Finding<C extends QuarterIssueCode = QuarterIssueCode> = {
  readonly [K in C]: { readonly severity: Severity; readonly code: K; readonly at: ItemRef; readonly params: IssueParams[K] };
}[C];

/** A finding as an issue, once its place in the workbook is known. */
export function locatedIssue(f: Finding, where: Where): Issue {
  return { severity: f.severity, code: f.code, where, params: f.params } as Issue;
}

export function hasFatal(issues: readonly { readonly severity: Severity }[]): boolean {
  return issues.some((i) => i.severity === "fatal");
}
