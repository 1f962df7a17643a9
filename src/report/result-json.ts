import { decimalToNumber, fromHundredths, type Decimal } from "../model/decimal.js";
import type { ScoredAssessment } from "../engine/assess.js";
import type { DeductionNotes } from "../model/assessment.js";
import type { RuleItem } from "../model/rules.js";
import { branchProfiles } from "./profiles.js";
import { issueMessage, type Issue, type Severity } from "../model/issues.js";
import { MESSAGES_ZH } from "../model/messages-zh.js";
import type { Branch } from "../model/branch.js";
import type { BranchResult, ReportedIssue, Result, ResultSettings } from "../model/result.js";
import type { Settings } from "../model/settings.js";
import { PRODUCT_VERSION } from "../version.js";
import { unitRanks, unitResults } from "./units.js";

const h = fromHundredths;
const hn = (v: number | null): number | null => (v === null ? null : v / 100);

export function settingsJson(s: Settings): ResultSettings {
  return {
    tolerance: decimalToNumber(s.toleranceRatio),
    arbitration: s.arbitration,
    bonusCap: h(s.bonusCap),
    vetoStarCap: s.vetoStarCap,
    vetoLast: s.vetoLast,
    starThresholds: s.starThresholds.map(decimalToNumber),
    ranking: s.ranking,
    raterAName: s.raterAName,
    raterBName: s.raterBName,
    deductionNotes: s.deductionNotes,
  };
}

/** An issue as the JSON result carries it: its place and its Chinese message. */
export function reportedIssue(i: Issue): ReportedIssue {
  return { severity: i.severity, code: i.code, sheet: i.where.sheet, cell: i.where.cell, message: issueMessage(i, MESSAGES_ZH) };
}

/** A branch as both results name it (quarterly and annual): its 支部名册 row, these four fields first. */
export function branchIdentity(b: Branch): Pick<BranchResult, "code" | "name" | "category" | "unit"> {
  return { code: b.code, name: b.name, category: b.category, unit: b.unit };
}

export function statusOf(issues: readonly { readonly severity: Severity }[]): Result["status"] {
  if (issues.some((i) => i.severity === "fatal")) return "fatal";
  return issues.some((i) => i.severity === "error") ? "provisional" : "final";
}

/** What the branch profiles need beyond the scores: the rule items' texts and 扣分说明. */
export interface ProfileSources {
  readonly rules: readonly RuleItem[];
  readonly notes: DeductionNotes;
}

const NO_SOURCES: ProfileSources = { rules: [], notes: new Map() };

/** The JSON result (result-json.md): engine figures in hundredths become JSON numbers here. */
export function buildResult(
  settings: Settings | null,
  areas: readonly string[],
  scored: ScoredAssessment | null,
  issues: readonly Issue[],
  sources: ProfileSources = NO_SOURCES,
): Result {
  const counts = { fatal: 0, error: 0, warning: 0 };
  for (const i of issues) counts[i.severity]++;
  const ranked = scored?.branches ?? [];
  const unitRank = settings ? unitRanks(ranked, settings) : new Map<string, number>();
  // Every item of a rule shares its τ: converted once a rule, not once a (branch, item).
  const tolerances = new Map<Decimal, number>();
  const tolerance = (d: Decimal): number => {
    let n = tolerances.get(d);
    if (n === undefined) tolerances.set(d, (n = decimalToNumber(d)));
    return n;
  };
  return {
    product: "branch-scorecard",
    version: PRODUCT_VERSION,
    period: settings?.period ?? null,
    status: statusOf(issues),
    settings: settings && settingsJson(settings),
    areas: scored ? [...areas] : [],
    branches: ranked.map((b) => ({
      ...branchIdentity(b.branch),
      areas: b.areas.map((a) => ({ name: a.name, score: h(a.score), max: h(a.max), rate: hn(a.rate) })),
      base: h(b.base),
      bonus: h(b.bonus),
      total: h(b.total),
      vetoed: b.vetoItems.length > 0,
      vetoItems: [...b.vetoItems],
      stars: b.stars,
      tier: b.tier,
      rank: b.rank,
      categoryRank: b.categoryRank,
      unitRank: unitRank.get(b.branch.code) ?? null,
      totalA: h(b.totalA),
      totalB: h(b.totalB),
      pending: b.pending,
      selfTotal: hn(b.selfTotal),
      selfGap: b.selfTotal === null ? null : h(b.selfTotal - b.total),
    })),
    units: settings && scored ? unitResults(ranked, settings) : null,
    items: (scored?.items ?? []).map((i) => ({
      branch: i.branch,
      item: i.item.code,
      a: hn(i.a),
      b: hn(i.b),
      c: hn(i.c),
      final: hn(i.final),
      status: i.status,
      max: h(i.item.max),
      tolerance: tolerance(i.tolerance),
    })),
    agreement: scored?.agreement ?? null,
    profiles: scored ? branchProfiles(scored, sources.rules, sources.notes) : [],
    summary: { branches: scored?.branches.length ?? 0, fatal: counts.fatal, errors: counts.error, warnings: counts.warning },
    issues: issues.map(reportedIssue),
  };
}
