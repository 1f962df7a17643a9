import type { Agreement } from "../model/result.js";
import type { Assessment } from "../validate/index.js";
import type { Issue } from "../model/issues.js";
import { raterAgreement } from "./agreement.js";
import { rankBranches } from "./rank.js";
import { scoreBranches, type ScoredBranch, type ScoredItem } from "./score.js";

export interface RankedBranch extends ScoredBranch {
  readonly rank: number;
  readonly categoryRank: number | null;
}

export interface Outcome {
  /** In rank order. */
  readonly branches: readonly RankedBranch[];
  readonly items: readonly ScoredItem[];
  readonly agreement: Agreement;
  readonly issues: readonly Issue[];
}

/** Double marking, scoring, ranking and agreement for a validated assessment. Pure. */
export function assess(x: Assessment): Outcome {
  const scored = scoreBranches(x);
  const { ranking, vetoLast } = x.settings;
  const rankable = scored.branches.map((s) => ({ s, code: s.branch.code, total: s.total, base: s.base, vetoed: s.vetoItems.length > 0 }));
  const categoryRank = new Map<string, number>();
  const byCategory = new Map<string, typeof rankable>();
  for (const r of rankable) {
    const c = r.s.branch.category;
    if (c === null) continue;
    const group = byCategory.get(c);
    if (group) group.push(r);
    else byCategory.set(c, [r]);
  }
  for (const group of byCategory.values()) {
    for (const { branch, rank } of rankBranches(group, ranking, vetoLast)) categoryRank.set(branch.code, rank);
  }
  const branches = rankBranches(rankable, ranking, vetoLast).map(({ branch, rank }) => ({
    ...branch.s,
    rank,
    categoryRank: categoryRank.get(branch.code) ?? null,
  }));
  return {
    branches,
    items: scored.items,
    agreement: raterAgreement(scored.items, scored.branches, x.rules.items),
    issues: scored.issues,
  };
}
