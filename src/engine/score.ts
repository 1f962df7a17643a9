import type { Assessment, GridRole, ScoreGrid } from "../model/assessment.js";
import type { Branch } from "../model/branch.js";
import type { Finding, IssueCode, IssueParams, Severity, VetoAnswer } from "../model/issues.js";
import { applies, type RuleItem } from "../model/rules.js";
import type { Settings } from "../model/settings.js";
import { compareHundredths, decimalText, divRoundHalfUp, floorTimes, type Decimal } from "../model/decimal.js";
import { reconcileScores, reconcileVeto, type ItemStatus } from "./reconcile.js";

/** All figures in integer hundredths. */
export interface ScoredItem {
  readonly branch: string;
  readonly item: RuleItem;
  readonly a: number | null;
  readonly b: number | null;
  readonly c: number | null;
  readonly final: number | null;
  readonly status: ItemStatus;
  /** τ in points, exact (may have more than 2 decimals when 分差阈值比例 has). */
  readonly tolerance: Decimal;
  /** ⌊τ⌋ in hundredths: scores are whole hundredths, so |A − B| ≤ τ ⟺ |A − B| ≤ ⌊τ⌋. */
  readonly toleranceFloor: number;
}

export interface AreaScore {
  readonly name: string;
  readonly score: number;
  readonly max: number;
  readonly rate: number | null;
}

export interface ScoredBranch {
  readonly branch: Branch;
  readonly areas: readonly AreaScore[];
  readonly base: number;
  readonly bonus: number;
  readonly total: number;
  readonly totalA: number;
  readonly totalB: number;
  readonly selfTotal: number | null;
  readonly vetoItems: readonly string[];
  readonly pending: number;
  readonly stars: number;
  readonly tier: "第一阶梯" | "第二阶梯" | "第三阶梯";
  /** Whether every applicable base item has both A and B (for ICC), and at least one applies. */
  readonly fullyDoubleMarked: boolean;
}

export interface Scoring {
  readonly branches: readonly ScoredBranch[];
  readonly items: readonly ScoredItem[];
  /** Disputes awaiting arbitration and ignored arbitration scores, by branch and item. */
  readonly findings: readonly Finding[];
}

/** τ of an item (scoring.md §1), floored to whole hundredths for comparing whole-hundredth scores. */
export function toleranceOf(item: RuleItem, settings: Settings): { floor: number; exact: Decimal } {
  if (item.tolerance !== null) return { floor: item.tolerance, exact: { n: BigInt(item.tolerance), scale: 2 } };
  const r = settings.toleranceRatio;
  return { floor: floorTimes(r, item.max), exact: { n: r.n * BigInt(item.max), scale: r.scale + 2 } };
}

/** A score cell's value: a number, or null when blank, invalid or absent. */
const scoreOrNull = (v: number | null | undefined): number | null => (typeof v === "number" ? v : null);
/** A 加分 cell that exists but is blank or invalid counts as 0; a missing cell stays missing. */
const bonusValue = (v: number | null | undefined): number | null => (v === undefined ? null : (v ?? 0));

/** Scores every roster branch (scoring.md §2–§5). Ranking comes after, in rank.ts. */
export function scoreBranches(assessment: Assessment): Scoring {
  const { settings, rules } = assessment;
  const findings: Finding[] = [];
  const items: ScoredItem[] = [];
  const tolerances = rules.items.map((it) => toleranceOf(it, settings));
  const branches = assessment.branches.map((branch) => {
    const a = assessment.a.values.get(branch.code);
    const b = assessment.b.values.get(branch.code);
    const c = assessment.arbitration?.values.get(branch.code);
    const areaScore = new Map(rules.areas.map((name) => [name, { score: 0, max: 0 }]));
    let baseSum = 0,
      baseMax = 0,
      bonusSum = 0,
      sumA = 0,
      sumB = 0,
      bonusA = 0,
      bonusB = 0,
      pending = 0;
    let fully = true;
    const vetoItems: string[] = [];

    const report = <C extends IssueCode>(severity: Severity, code: C, grid: GridRole, it: RuleItem, params: IssueParams[C]) =>
      findings.push({ severity, code, at: { grid, branch: branch.code, item: it.code }, params } as Finding);
    const ignored = (it: RuleItem, cv: number) =>
      report("warning", "ARBITRATION_IGNORED", "arbitration", it, {
        branch: branch.code,
        item: it.code,
        arbitration: it.type === "veto" ? cv === 1 : cv / 100,
      });
    const raters = { raterA: settings.raterAName, raterB: settings.raterBName };

    rules.items.forEach((it, i) => {
      const cv = scoreOrNull(c?.[i]);

      if (it.type === "veto") {
        const v = reconcileVeto(vetoValue(a?.[i]), vetoValue(b?.[i]), cv);
        if (v.triggered) vetoItems.push(it.code);
        if (v.pending) {
          pending++;
          report("error", "VETO_DISPUTE_PENDING", "A", it, {
            branch: branch.code,
            item: it.code,
            ...raters,
            answerA: vetoAnswer(a?.[i]),
            answerB: vetoAnswer(b?.[i]),
          });
        }
        if (v.arbitrationIgnored) ignored(it, cv!);
        return;
      }
      if (it.type === "base" && !applies(it, branch)) {
        items.push({
          branch: branch.code,
          item: it,
          a: null,
          b: null,
          c: null,
          final: null,
          status: "不适用",
          tolerance: tolerances[i]!.exact,
          toleranceFloor: tolerances[i]!.floor,
        });
        return;
      }
      const av = it.type === "base" ? scoreOrNull(a?.[i]) : bonusValue(a?.[i]);
      const bv = it.type === "base" ? scoreOrNull(b?.[i]) : bonusValue(b?.[i]);
      const r = reconcileScores(av, bv, cv, tolerances[i]!.floor, settings.arbitration);
      items.push({
        branch: branch.code,
        item: it,
        a: av,
        b: bv,
        c: cv,
        final: r.final,
        status: r.status,
        tolerance: tolerances[i]!.exact,
        toleranceFloor: tolerances[i]!.floor,
      });
      if (r.status === "超差待仲裁") {
        pending++;
        report("error", "DISPUTE_PENDING", "A", it, {
          branch: branch.code,
          item: it.code,
          ...raters,
          scoreA: av! / 100,
          scoreB: bv! / 100,
          tolerance: decimalText(tolerances[i]!.exact),
        });
      }
      if (r.arbitrationIgnored) ignored(it, cv!);
      const final = r.final ?? 0;
      if (it.type === "bonus") {
        bonusSum += final;
        bonusA += av ?? 0;
        bonusB += bv ?? 0;
        return;
      }
      const area = areaScore.get(it.area)!;
      area.score += final;
      area.max += it.max;
      baseSum += final;
      baseMax += it.max;
      sumA += av ?? 0;
      sumB += bv ?? 0;
      if (av === null || bv === null) fully = false;
    });

    const cap = (v: number) => Math.min(settings.bonusCap, v);
    const scaled = (sum: number) => (baseMax === 0 ? 0 : divRoundHalfUp(sum * 10000, baseMax));
    const base = scaled(baseSum);
    const bonus = cap(bonusSum);
    const total = base + bonus;
    const stars = starsOf(total, settings, vetoItems.length > 0);
    return {
      branch,
      areas: [...areaScore].map(([name, s]) => ({
        name,
        score: s.score,
        max: s.max,
        rate: s.max === 0 ? null : divRoundHalfUp(s.score * 10000, s.max),
      })),
      base,
      bonus,
      total,
      totalA: scaled(sumA) + cap(bonusA),
      totalB: scaled(sumB) + cap(bonusB),
      selfTotal: assessment.self ? selfTotalOf(assessment.self, branch, rules.items, scaled, cap) : null,
      vetoItems,
      pending,
      stars,
      tier: tierOf(stars),
      fullyDoubleMarked: fully && baseMax > 0,
    } satisfies ScoredBranch;
  });
  return { branches, items, findings };
}

/** A veto cell: 1/0 as read; blank or invalid (null) counts as 否; no cell stays undefined. */
function vetoValue(v: number | null | undefined): number | undefined {
  return v === undefined ? undefined : (v ?? 0);
}

function vetoAnswer(v: number | null | undefined): VetoAnswer {
  return v === undefined ? "blank" : v === 1 ? "yes" : "no";
}

/** Stars from 总分 (scoring.md §5); a vetoed branch is capped at 否决星级上限. */
export function starsOf(total: number, settings: Settings, vetoed: boolean): number {
  const idx = settings.starThresholds.findIndex((t) => compareHundredths(total, t) >= 0);
  const stars = idx === -1 ? 1 : 5 - idx;
  return vetoed ? Math.min(stars, settings.vetoStarCap) : stars;
}

/** 阶梯 (scoring.md §5): 5★ the first tier, 4★ and 3★ the second, the rest the third. */
export function tierOf(stars: number): ScoredBranch["tier"] {
  return stars === 5 ? "第一阶梯" : stars >= 3 ? "第二阶梯" : "第三阶梯";
}

/** 自评总分: computed like A方总分 from the 自评 grid, blank = 0; null without a 自评 row. */
function selfTotalOf(
  grid: ScoreGrid,
  branch: Branch,
  items: readonly RuleItem[],
  scaled: (sum: number) => number,
  cap: (v: number) => number,
): number | null {
  const row = grid.values.get(branch.code);
  if (!row) return null;
  let base = 0,
    bonus = 0;
  items.forEach((it, i) => {
    const v = row[i] ?? 0;
    if (it.type === "base" && applies(it, branch)) base += v;
    else if (it.type === "bonus") bonus += v;
  });
  return scaled(base) + cap(bonus);
}
