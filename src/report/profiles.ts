import type { RankedBranch, ScoredAssessment } from "../engine/assess.js";
import type { DeductionNotes } from "../model/assessment.js";
import { bigDivRound, fromHundredths } from "../model/decimal.js";
import type { Profile } from "../model/result.js";
import type { RuleItem } from "../model/rules.js";

/** How many areas 短板弱项 names at most. */
export const WEAK_AREAS = 3;

const h = fromHundredths;

/**
 * round2 of the exact mean of 2-decimal rates (in hundredths); null when none is known. The
 * same mean as 统计图表's 全体平均: rates as published, areas without a rate left out.
 */
export function meanRate(rates: readonly (number | null)[]): number | null {
  // Summed as a number while that is exact (integer hundredths, far below 2^53), then divided as bigints.
  let sum = 0;
  let n = 0;
  for (const r of rates) {
    if (r === null) continue;
    sum += r;
    n++;
  }
  if (n === 0) return null;
  if (!Number.isSafeInteger(sum)) return meanRateBig(rates);
  return Number(bigDivRound(BigInt(sum), BigInt(n)));
}

function meanRateBig(rates: readonly (number | null)[]): number {
  let sum = 0n;
  let n = 0n;
  for (const r of rates) {
    if (r === null) continue;
    sum += BigInt(r);
    n++;
  }
  return Number(bigDivRound(sum, n));
}

/**
 * 支部画像 of every branch (in rank order): each area's rate against the mean rate of the
 * branch's category and of all branches, 差距 = rate − category mean, the up to three areas
 * furthest below their category mean (短板弱项; ties in rule order), every base item scored
 * below its 分值 with the raters' notes, the bonuses given and the vetoes triggered.
 */
export function branchProfiles(scored: ScoredAssessment, rules: readonly RuleItem[], notes: DeductionNotes): Profile[] {
  const branches = scored.branches;
  const areaCount = branches[0]?.areas.length ?? 0;
  // Each area's mean over a group, read in place (no array of rates an area and a group).
  const means = (group: readonly RankedBranch[]) =>
    Array.from({ length: areaCount }, (_, i) => {
      let sum = 0;
      let n = 0;
      for (const b of group) {
        const r = b.areas[i]?.rate ?? null;
        if (r === null) continue;
        sum += r;
        n++;
      }
      // Exact while the sum of integer hundredths is (always, short of 2^53); else the bigint mean.
      if (!Number.isSafeInteger(sum)) return meanRate(group.map((b) => b.areas[i]?.rate ?? null));
      return n === 0 ? null : Number(bigDivRound(BigInt(sum), BigInt(n)));
    });
  const overall = means(branches);
  // The branches of each category, gathered in one pass.
  const peersOf = new Map<string, RankedBranch[]>();
  for (const b of branches) {
    const c = b.branch.category;
    if (c === null) continue;
    const peers = peersOf.get(c);
    if (peers) peers.push(b);
    else peersOf.set(c, [b]);
  }
  const byCategory = new Map<string, (number | null)[]>();
  const counts = new Map<string, number>();
  for (const [c, peers] of peersOf) {
    counts.set(c, peers.length);
    byCategory.set(c, means(peers));
  }
  const itemsOf = new Map<string, ScoredAssessment["items"][number][]>();
  for (const it of scored.items) {
    let list = itemsOf.get(it.branch);
    if (!list) itemsOf.set(it.branch, (list = []));
    list.push(it);
  }
  const content = new Map(rules.map((r) => [r.code, r.content]));

  return branches.map((b): Profile => {
    const category = b.branch.category === null ? null : byCategory.get(b.branch.category)!;
    const items = itemsOf.get(b.branch.code) ?? [];
    const branchNotes = notes.get(b.branch.code);
    // Plain loops, no arrays in between: thousands of branches × dozens of items.
    const deductions: Profile["deductions"] = [];
    const bonuses: Profile["bonuses"] = [];
    for (const it of items) {
      if (it.item.type === "bonus") {
        if ((it.final ?? 0) > 0) bonuses.push({ item: it.item.code, content: it.item.content, score: h(it.final!) });
        continue;
      }
      if (it.item.type !== "base" || it.status === "不适用" || it.final === null || it.final >= it.item.max) continue;
      const itemNotes = branchNotes?.get(it.item.code);
      deductions.push({
        item: it.item.code,
        area: it.item.area,
        content: it.item.content,
        max: h(it.item.max),
        final: h(it.final),
        deducted: h(it.item.max - it.final),
        status: it.status,
        notes: itemNotes === undefined ? [] : [...itemNotes],
      });
    }
    const areas: Profile["areas"] = [];
    // The areas below their category mean, by how far (gap in hundredths), for 短板弱项.
    const below: { readonly area: Profile["areas"][number]; readonly gap: number }[] = [];
    for (let i = 0; i < b.areas.length; i++) {
      const a = b.areas[i]!;
      if (a.rate === null) continue;
      const catAvg = category?.[i] ?? null;
      const area = {
        name: a.name,
        score: h(a.score),
        max: h(a.max),
        rate: h(a.rate),
        categoryAverage: catAvg === null ? null : h(catAvg),
        overallAverage: h(overall[i]!),
        gap: catAvg === null ? null : h(a.rate - catAvg),
      };
      areas.push(area);
      if (catAvg !== null && a.rate - catAvg < 0) below.push({ area, gap: a.rate - catAvg });
    }
    // A stable sort keeps rule order among equal shortfalls.
    const weakAreas = below
      .sort((x, y) => x.gap - y.gap)
      .slice(0, WEAK_AREAS)
      .map(({ area }) => ({ name: area.name, gap: area.gap!, items: deductions.filter((d) => d.area === area.name).map((d) => d.item) }));
    const vetoes: Profile["vetoes"] = [];
    for (const code of b.vetoItems) vetoes.push({ item: code, content: content.get(code) ?? "" });
    return {
      code: b.branch.code,
      categoryBranches: b.branch.category === null ? null : counts.get(b.branch.category)!,
      areas,
      weakAreas,
      deductions,
      bonuses,
      vetoes,
    };
  });
}
