import type { Assessment } from "../model/assessment.js";
import type { Finding } from "../model/issues.js";
import type { Agreement } from "../model/result.js";
import { raterAgreement } from "./agreement.js";
import { rankOverallAndByCategory } from "./rank.js";
import { scoreBranches, type ScoredBranch, type ScoredItem } from "./score.js";

export interface RankedBranch extends ScoredBranch {
  readonly rank: number;
  readonly categoryRank: number | null;
}

/** What the engine makes of an assessment: branches in rank order, every item, agreement, findings. */
export interface ScoredAssessment {
  /** In rank order. */
  readonly branches: readonly RankedBranch[];
  readonly items: readonly ScoredItem[];
  readonly agreement: Agreement;
  /** By branch and item; the pipeline attaches their cells. */
  readonly findings: readonly Finding[];
}

/** Double marking, scoring, ranking and agreement for a validated assessment. Pure. */
export function assess(assessment: Assessment): ScoredAssessment {
  const scored = scoreBranches(assessment);
  const { ranking, vetoLast } = assessment.settings;
  return {
    branches: rankOverallAndByCategory(scored.branches, ranking, vetoLast),
    items: scored.items,
    agreement: raterAgreement(scored.items, scored.branches, assessment.rules.items),
    findings: scored.findings,
  };
}
