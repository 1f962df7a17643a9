import { render } from "./catalogue.js";
import { FAILURE_MESSAGES_EN, unreadableReasonEn } from "./failure-messages-en.js";
import { FAILURE_MESSAGES_ZH, unreadableReasonZh } from "./failure-messages-zh.js";
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
