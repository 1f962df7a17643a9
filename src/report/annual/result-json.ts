import type { AnnualGrade } from "../../annual/grade.js";
import { summarizeQuarter, type AssessedQuarter } from "../../annual/quarter.js";
import { decimalToNumber, fromHundredths } from "../../model/decimal.js";
import type { AnnualReportedIssue, AnnualResult, AnnualSettings } from "../../model/annual-result.js";
import { issueMessage, type AnnualIssue } from "../../model/issues.js";
import { MESSAGES_ZH } from "../../model/messages-zh.js";
import type { Settings } from "../../model/settings.js";
import { PRODUCT_VERSION } from "../../version.js";
import { branchIdentity, statusOf } from "../result-json.js";

/** The settings in force for the year, not rounded (12.5% is 0.125). */
export function annualSettingsJson(s: Settings): AnnualSettings {
  return {
    method: s.annualMethod,
    weights: s.quarterWeights.map(decimalToNumber),
    fiveStarCap: s.fiveStarCap && decimalToNumber(s.fiveStarCap),
    fourStarCap: s.fourStarCap && decimalToNumber(s.fourStarCap),
    stepwise: s.stepwise,
    starThresholds: s.starThresholds.map(decimalToNumber),
    vetoStarCap: s.vetoStarCap,
    vetoLast: s.vetoLast,
    ranking: s.ranking,
  };
}

/** An annual issue as the JSON result carries it (annual.md §6): its place and its Chinese message. */
export function reportedAnnualIssue(i: AnnualIssue): AnnualReportedIssue {
  const { period, file, sheet, cell } = i.where;
  return { severity: i.severity, code: i.code, period, file, sheet, cell, message: issueMessage(i, MESSAGES_ZH) };
}

/** The JSON result of the annual grade (annual.md §7); figures in hundredths become JSON numbers here. */
export function buildAnnualResult(grade: AnnualGrade, workbooks: readonly AssessedQuarter[]): AnnualResult {
  const inputs = workbooks.map((w) => {
    const { file, period, status, usable, branches, fatal, errors, warnings } = summarizeQuarter(w);
    return { file, period, status, usable, branches, fatal, errors, warnings };
  });
  const base = {
    product: "branch-scorecard" as const,
    version: PRODUCT_VERSION,
    status: statusOf(grade.issues),
    issues: grade.issues.map(reportedAnnualIssue),
    inputs,
  };
  if (!grade.ok) return { ...base, year: grade.year, quarters: [], settings: null, branches: [] };
  const h = fromHundredths;
  return {
    ...base,
    year: grade.year,
    quarters: grade.quarters.map((q) => ({ period: q.period, file: q.file, status: q.result.status, branches: q.outcome.branches.length })),
    settings: annualSettingsJson(grade.settings),
    branches: grade.branches.map((b) => ({
      ...branchIdentity(b.branch),
      quarters: b.quarters.map((e) => e && { ...e, total: h(e.total) }),
      score: h(b.score),
      vetoed: b.vetoQuarters.length > 0,
      vetoQuarters: [...b.vetoQuarters],
      scoreStars: b.scoreStars,
      previousStars: b.previousStars,
      stars: b.stars,
      tier: b.tier,
      starChange: b.starChange,
      rank: b.rank,
      categoryRank: b.categoryRank,
      adjustments: [...b.adjustments],
    })),
  };
}
