import type { AnnualGrade } from "../../annual/grade.js";
import { summarizeQuarter, type AssessedQuarter } from "../../annual/quarter.js";
import { decimalToNumber, fromHundredths } from "../../model/decimal.js";
import type { AnnualResult, AnnualSettings } from "../../model/annual-result.js";
import type { Settings } from "../../model/settings.js";
import { PRODUCT_VERSION } from "../../version.js";
import { statusOf } from "../result-json.js";

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

/** The JSON result of the annual grade (annual.md §7); figures in hundredths become JSON numbers here. */
export function buildAnnualResult(grade: AnnualGrade, workbooks: readonly AssessedQuarter[]): AnnualResult {
  const inputs = workbooks.map((w) => {
    const { file, period, status, usable, branches, fatal, errors, warnings } = summarizeQuarter(w);
    return { file, period, status, usable, branches, fatal, errors, warnings };
  });
  const base = { product: "branch-scorecard" as const, version: PRODUCT_VERSION, status: statusOf(grade.issues), issues: [...grade.issues], inputs };
  if (!grade.ok) return { ...base, year: grade.year, quarters: [], settings: null, branches: [] };
  const h = fromHundredths;
  return {
    ...base,
    year: grade.year,
    quarters: grade.quarters.map((q) => ({ period: q.period, file: q.file, status: q.result.status, branches: q.outcome.branches.length })),
    settings: annualSettingsJson(grade.settings),
    branches: grade.branches.map((b) => ({
      code: b.branch.code,
      name: b.branch.name,
      category: b.branch.category,
      unit: b.branch.unit,
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
