import { z } from "zod";
import { SEVERITIES, type IssueCode, type Severity } from "./issues.js";
import { ANNUAL_MESSAGES_ZH } from "./annual-messages-zh.js";

/**
 * Issues of the annual grade (annual.md §6): each code with its fixed severity and the typed
 * values its message is rendered from. Besides sheet and cell, an annual issue names the quarter
 * (`period`) and the input file it belongs to. A quarter's own issues are never repeated here:
 * they are in that quarter's own report.
 */
export const ANNUAL_SEVERITY = {
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
} as const satisfies Record<string, Severity>;

export type AnnualIssueCode = keyof typeof ANNUAL_SEVERITY;
export const ANNUAL_ISSUE_CODES = Object.keys(ANNUAL_SEVERITY) as [AnnualIssueCode, ...AnnualIssueCode[]];

/** A branch as messages name it. */
export interface BranchRef {
  readonly code: string;
  readonly name: string;
}

/** The values each code's message is rendered from. */
export interface AnnualMessageParams {
  /** The quarterly result was fatal (`first`: its first fatal problem) or it has no valid 考核周期. */
  ANNUAL_QUARTER_UNUSABLE: { readonly file: string } & (
    | { readonly reason: "fatal"; readonly fatal: number; readonly first: { readonly code: IssueCode; readonly sheet: string | null } }
    | { readonly reason: "period"; readonly missing: boolean }
  );
  /** Every usable workbook with its year, in the order given. */
  ANNUAL_YEAR_MIXED: { readonly years: readonly { readonly year: number; readonly files: readonly string[] }[] };
  ANNUAL_QUARTER_DUPLICATE: { readonly file: string; readonly period: string; readonly firstFile: string };
  /** How many workbooks were given (all unusable). */
  ANNUAL_NO_QUARTER: { readonly given: number };
  ANNUAL_QUARTER_ABSENT: { readonly period: string };
  ANNUAL_QUARTER_PROVISIONAL: { readonly file: string; readonly period: string; readonly errors: number };
  PREVIOUS_STARS_INVALID: { readonly cell: string; readonly branch: BranchRef; readonly value: string };
  /** The first difference found, e.g. `第 3 项：1.3（基础，10 分） → 1.3（基础，8 分）`. */
  ANNUAL_RULES_CHANGED: { readonly file: string; readonly period: string; readonly latest: string; readonly difference: string };
  ANNUAL_BRANCH_PARTIAL: { readonly branch: BranchRef; readonly periods: readonly string[]; readonly usable: number };
  ANNUAL_BRANCH_DROPPED: { readonly branch: BranchRef; readonly periods: readonly string[]; readonly latest: string };
  /** Each differing quarter with the category it gave (null: invalid there). */
  ANNUAL_CATEGORY_CHANGED: {
    readonly branch: BranchRef;
    readonly category: string | null;
    readonly changes: readonly { readonly period: string; readonly category: string | null }[];
  };
  /** A quota boundary inside a tie: `tied` branches share the rank at the boundary and all drop. */
  ANNUAL_QUOTA_TIE: { readonly level: 5 | 4; readonly cap: number; readonly kept: number; readonly tied: number; readonly rank: number };
}

export interface AnnualWhere {
  readonly period: string | null;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly cell: string | null;
}

export const AnnualIssueSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.enum(ANNUAL_ISSUE_CODES),
  period: z.string().nullable(),
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  message: z.string().min(1),
});
export type AnnualIssue = z.infer<typeof AnnualIssueSchema>;

const NOWHERE: AnnualWhere = { period: null, file: null, sheet: null, cell: null };

/** An annual issue; its severity comes from the code and its Chinese message from the catalogue. */
export function annualIssue<C extends AnnualIssueCode>(code: C, params: AnnualMessageParams[C], where: Partial<AnnualWhere> = {}): AnnualIssue {
  const render = ANNUAL_MESSAGES_ZH[code] as (p: AnnualMessageParams[C]) => string;
  return { severity: ANNUAL_SEVERITY[code], code, ...NOWHERE, ...where, message: render(params) };
}
