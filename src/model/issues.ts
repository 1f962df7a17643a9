import { z } from "zod";
import type { ItemRef } from "./assessment.js";
import { MESSAGES_ZH, type MessageParams } from "./messages-zh.js";

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

export const IssueSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.enum(ISSUE_CODES),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  message: z.string().min(1),
});
export type Issue = z.infer<typeof IssueSchema>;

export interface Where {
  readonly sheet: string | null;
  readonly cell: string | null;
}

/** Creates an issue; its Chinese message comes from the one catalogue keyed by code. */
export function issue(severity: Severity, code: IssueCode, where: Where, params: MessageParams = {}): Issue {
  return { severity, code, sheet: where.sheet, cell: where.cell, message: MESSAGES_ZH[code]({ ...params, ...where }) };
}

/** A problem the engine found, pointing at a branch's item; its sheet and cell are attached where the grids are known. */
export interface Finding {
  readonly severity: Severity;
  readonly code: IssueCode;
  readonly at: ItemRef;
  readonly params: MessageParams;
}

/** A finding as an issue, once its place in the workbook is known. */
export function locatedIssue(f: Finding, where: Where): Issue {
  return issue(f.severity, f.code, where, f.params);
}

export function hasFatal(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "fatal");
}
