import type { RankedBranch } from "../engine/assess.js";
import { rankBranches } from "../engine/rank.js";
import { tierOf } from "../engine/score.js";
import { annualIssue, type AnnualIssue, type BranchRef } from "../model/issues.js";
import type { StarAdjustment } from "../model/annual-result.js";
import type { Branch } from "../model/branch.js";
import type { Settings } from "../model/settings.js";
import { SHEETS } from "../model/sheets.js";
import { annualScore } from "./annual-score.js";
import { annualStars } from "./annual-stars.js";
import type { AssessedQuarter, UsableQuarter } from "./quarter.js";
import { rulesDifference } from "./rules-change.js";
import { checkYear } from "./year-check.js";

/** A branch's result in one quarter; 总分 in hundredths. */
export interface QuarterEntry {
  readonly period: string;
  readonly total: number;
  readonly stars: number;
  readonly rank: number;
  readonly vetoed: boolean;
}

/** A branch of the annual roster, graded; figures in hundredths. */
export interface GradedBranch {
  /** As the latest quarter's 支部名册 gives it. */
  readonly branch: Branch;
  /** Q1–Q4; null where the branch has no result. */
  readonly quarters: readonly (QuarterEntry | null)[];
  /** 年度得分. */
  readonly score: number;
  /** Periods of the quarters in which it was vetoed, in quarter order. */
  readonly vetoQuarters: readonly string[];
  readonly previousStars: number | null;
  readonly scoreStars: number;
  readonly stars: number;
  readonly adjustments: readonly StarAdjustment[];
  readonly tier: RankedBranch["tier"];
  readonly starChange: number | null;
  readonly rank: number;
  readonly categoryRank: number | null;
}

export type AnnualGrade =
  | {
      readonly ok: true;
      readonly year: number;
      /** Usable quarters in quarter order; the last is the latest. */
      readonly quarters: readonly UsableQuarter[];
      /** The latest quarter's settings: those in force for the year. */
      readonly settings: Settings;
      /** In display order. */
      readonly branches: readonly GradedBranch[];
      readonly issues: readonly AnnualIssue[];
    }
  | { readonly ok: false; readonly year: number | null; readonly issues: readonly AnnualIssue[] };

/**
 * The year's grade from its assessed quarters (annual.md): usable quarters and year checks,
 * the annual roster and settings of the latest quarter, 年度得分, the year's vetoes, ranking,
 * the star steps and quotas, and every annual issue with its quarter and file. Pure and exact.
 */
export function gradeYear(workbooks: readonly AssessedQuarter[]): AnnualGrade {
  const year = checkYear(workbooks);
  if (!year.ok) return year;
  const { quarters } = year;
  const latest = quarters.at(-1)!;
  const settings = latest.assessment.settings;
  const issues: AnnualIssue[] = [...year.issues];

  for (const q of quarters.slice(0, -1)) {
    const difference = rulesDifference(q.assessment.rules.items, latest.assessment.rules.items);
    if (difference !== null) {
      issues.push(annualIssue("ANNUAL_RULES_CHANGED", { latest: latest.period, difference }, { period: q.period, file: q.file }));
    }
  }

  const previous = latest.previousStars;
  const roster = latest.assessment.branches;
  const rosterCodes = new Set(roster.map((b) => b.code));
  for (const bad of previous.invalid) {
    const b = roster.find((x) => x.code === bad.code)!;
    issues.push(
      annualIssue(
        "PREVIOUS_STARS_INVALID",
        { branch: ref(b), value: bad.value },
        { period: latest.period, file: latest.file, sheet: SHEETS.roster, cell: bad.cell },
      ),
    );
  }
  for (const i of droppedBranches(quarters, rosterCodes, latest.period)) issues.push(i);

  // Each quarter's results by code, as that quarter reads its codes.
  const results = quarters.map((q) => new Map(q.outcome.branches.map((r) => [r.branch.code, r])));
  const graded = roster.map((branch) => {
    const present = quarters.flatMap((q, i) => {
      const r = results[i]!.get(branch.code);
      return r ? [{ q, r }] : [];
    });
    if (present.length < quarters.length) {
      issues.push(
        annualIssue("ANNUAL_BRANCH_PARTIAL", { branch: ref(branch), periods: present.map((p) => p.q.period), usable: quarters.length }),
      );
    }
    const changes = present
      .filter((p) => p.r.branch.category !== branch.category)
      .map((p) => ({ period: p.q.period, category: p.r.branch.category }));
    if (changes.length > 0)
      issues.push(annualIssue("ANNUAL_CATEGORY_CHANGED", { branch: ref(branch), category: branch.category, changes }));
    const entries: (QuarterEntry | null)[] = [null, null, null, null];
    for (const { q, r } of present) {
      entries[q.quarter - 1] = { period: q.period, total: r.total, stars: r.stars, rank: r.rank, vetoed: r.vetoItems.length > 0 };
    }
    const vetoQuarters = present.filter((p) => p.r.vetoItems.length > 0).map((p) => p.q.period);
    return {
      branch,
      code: branch.code,
      quarters: entries,
      score: annualScore(
        present.map((p) => ({ quarter: p.q.quarter, total: p.r.total })),
        settings,
      ),
      vetoed: vetoQuarters.length > 0,
      vetoQuarters,
      previousStars: previous.stars.get(branch.code) ?? null,
    };
  });

  // Ranking (annual.md §4): as scoring.md §6 with 年度得分; inside a tie by 支部编码 only.
  const rankable = graded.map((g) => ({ ...g, total: g.score, base: 0 }));
  const ranked = rankBranches(rankable, settings.ranking, settings.vetoLast);
  const categoryRank = new Map<string, number>();
  for (const category of new Set(roster.map((b) => b.category))) {
    if (category === null) continue;
    const group = rankable.filter((g) => g.branch.category === category);
    for (const { branch, rank } of rankBranches(group, settings.ranking, settings.vetoLast)) categoryRank.set(branch.code, rank);
  }

  const stars = annualStars(
    ranked.map(({ branch, rank }) => ({ ...branch, rank })),
    settings,
  );
  for (const i of stars.issues) issues.push(i);
  const branches = ranked.map(({ branch: g, rank }, i): GradedBranch => {
    const s = stars.stars[i]!;
    return {
      branch: g.branch,
      quarters: g.quarters,
      score: g.score,
      vetoQuarters: g.vetoQuarters,
      previousStars: g.previousStars,
      scoreStars: s.scoreStars,
      stars: s.stars,
      adjustments: s.adjustments,
      tier: tierOf(s.stars),
      starChange: g.previousStars === null ? null : s.stars - g.previousStars,
      rank,
      categoryRank: categoryRank.get(g.code) ?? null,
    };
  });
  return { ok: true, year: year.year, quarters, settings, branches, issues };
}

/** ANNUAL_BRANCH_DROPPED: one per branch that some usable quarter has and the annual roster does not. */
function droppedBranches(quarters: readonly UsableQuarter[], roster: ReadonlySet<string>, latest: string): AnnualIssue[] {
  const dropped = new Map<string, { branch: Branch; periods: string[] }>();
  for (const q of quarters) {
    for (const b of q.assessment.branches) {
      if (roster.has(b.code)) continue;
      const d = dropped.get(b.code);
      if (d) {
        d.periods.push(q.period);
        d.branch = b; // named as the last quarter that had it
      } else dropped.set(b.code, { branch: b, periods: [q.period] });
    }
  }
  return [...dropped.values()].map((d) => annualIssue("ANNUAL_BRANCH_DROPPED", { branch: ref(d.branch), periods: d.periods, latest }));
}

/** A branch as messages name it. */
function ref(b: Branch): BranchRef {
  return { code: b.code, name: b.name };
}
