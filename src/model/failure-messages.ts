import { render, renderCoded } from "./catalogue.js";
import { FAILURE_MESSAGES_EN, MERGE_REPORT_EN, unreadableReasonEn } from "./failure-messages-en.js";
import { FAILURE_MESSAGES_ZH, MERGE_REPORT_ZH, unreadableReasonZh } from "./failure-messages-zh.js";
import { MERGE_LIST_ENTRIES, type MergeLine } from "./merge-report.js";
import type { FailureCatalogue, FailureCode, FailureParams, FailureText, UnreadableReason, UserError } from "./failure.js";

export type FailureLanguage = "zh" | "en";

const CATALOGUES: Readonly<Record<FailureLanguage, FailureCatalogue>> = { zh: FAILURE_MESSAGES_ZH, en: FAILURE_MESSAGES_EN };

/** A failure's text in a language, from that language's catalogue (keyed by code). */
export function renderFailure<C extends FailureCode>(code: C, params: FailureParams[C], language: FailureLanguage = "zh"): FailureText {
  return render(CATALOGUES[language], code, params, undefined);
}

/** Why a file cannot be read, in a language. */
export function unreadableReason(reason: UnreadableReason, language: FailureLanguage = "zh"): string {
  return language === "zh" ? unreadableReasonZh(reason) : unreadableReasonEn(reason);
}

/** A UserError's text in a language. */
export function failureText(e: UserError, language: FailureLanguage = "zh"): FailureText {
  return renderFailure(e.code, e.params, language);
}

/** What and next as one line. */
export function failureLine(t: FailureText, language: FailureLanguage = "zh"): string {
  return language === "zh" ? `${t.what}。${t.next}` : `${t.what}. ${t.next}`;
}

/** A merge report's lines as text in a language, the entries of a list indented under it. */
export function mergeReportText(lines: readonly MergeLine[], language: FailureLanguage = "zh"): string {
  const catalogue = language === "zh" ? MERGE_REPORT_ZH : MERGE_REPORT_EN;
  return lines.map((l) => `${MERGE_LIST_ENTRIES.has(l.code) ? "  " : ""}${renderCoded(catalogue, l)}`).join("\n");
}
