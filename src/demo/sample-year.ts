/**
 * A sample year (示例年度): four quarterly workbooks of the sample group, from a fixed seed, for
 * the year-end 年度定级 demo. Same seed → the same workbooks.
 *
 * What it holds, so that the annual grade has everything to show:
 * - branches that stay themselves across the quarters (a quality per branch, a little drift);
 * - a branch that joins in the third quarter (not in the first two rosters);
 * - one veto in the year (the second quarter), none in the others;
 * - every dispute arbitrated, so each quarter is final;
 * - quotas (五星 10%, 四星 30%) and 逐级晋升, with 上年星级 in the rosters.
 */
import type { Branch } from "../model/branch.js";
import type { Settings } from "../model/settings.js";
import { parseDecimal } from "../model/decimal.js";
import type { SheetSpec } from "../report/sheet-spec.js";
import type { RosterEntry } from "../template/input-sheets.js";
import { Random } from "./random.js";
import { SAMPLE_SEED, sampleQuarter, sampleQuarterSheets, type SampleQuarter, type ScoreBook } from "./sample-quarter.js";

export const SAMPLE_YEAR = 2026;
const YEAR_SEED = SAMPLE_SEED + 1;
/** The quarter the joining branch first appears in, and the one quarter with a veto. */
const JOINS_IN = 3;
const VETO_IN = 2;

export interface SampleYearQuarter {
  readonly period: string;
  /** The file name the demo writes it under. */
  readonly file: string;
  readonly sheets: readonly SheetSpec[];
}

export interface SampleYear {
  readonly year: number;
  readonly quarters: readonly SampleYearQuarter[];
  readonly highlights: {
    readonly joined: { readonly branch: string; readonly period: string };
    readonly vetoed: { readonly branch: string; readonly period: string };
  };
}

/** The annual settings the sample group uses (in every quarter's 考核设置). */
export const SAMPLE_YEAR_SETTINGS: Partial<Settings> = {
  fiveStarCap: parseDecimal("0.1"),
  fourStarCap: parseDecimal("0.3"),
  stepwise: true,
};

export function sampleYear(): SampleYear {
  const rng = new Random(YEAR_SEED);
  // Quality and last year's grade per branch code (the sample's codes are the same every quarter).
  const quality = new Map<string, number>();
  const previous = new Map<string, number>();
  const qualityOf = (b: RosterEntry) => {
    if (!quality.has(b.code)) quality.set(b.code, 0.3 + 0.7 * Math.sqrt(rng.next()));
    return quality.get(b.code)!;
  };

  let joiner: Branch | null = null;
  let vetoed = "";
  const quarters: SampleYearQuarter[] = [];
  for (let n = 1; n <= 4; n++) {
    const period = `${SAMPLE_YEAR}Q${n}`;
    const q = sampleQuarter({
      seed: YEAR_SEED + n,
      period,
      quality: (b) => Math.min(1, Math.max(0, qualityOf(b) + (rng.next() - 0.5) * 0.16)),
    });
    joiner ??= q.branches.at(-1)!;
    for (const b of q.branches) if (!previous.has(b.code) && b.code !== joiner.code) previous.set(b.code, lastYearStars(qualityOf(b), rng));
    if (n === VETO_IN) vetoed = q.highlights.vetoed.branch;
    const adjusted = yearQuarter(q, {
      settings: { ...q.settings, ...SAMPLE_YEAR_SETTINGS },
      without: n < JOINS_IN ? joiner.code : null,
      keepVeto: n === VETO_IN,
      previous,
    });
    quarters.push({ period, file: `${period}考核.xlsx`, sheets: sampleQuarterSheets(adjusted) });
  }
  return {
    year: SAMPLE_YEAR,
    quarters,
    highlights: { joined: { branch: joiner!.code, period: `${SAMPLE_YEAR}Q${JOINS_IN}` }, vetoed: { branch: vetoed, period: `${SAMPLE_YEAR}Q${VETO_IN}` } },
  };
}

/** Last year's grade, roughly what the branch's quality gives: 2–5 stars. */
function lastYearStars(quality: number, rng: Random): number {
  return Math.min(5, Math.max(2, Math.round(quality * 5 - 0.3 + (rng.next() - 0.5) * 2.4)));
}

/**
 * A sample quarter made part of the year: the year's settings, 上年星级 in the roster, the
 * pending dispute arbitrated (each quarter final), the veto kept only in its quarter, and the
 * joining branch left out before it joins.
 */
function yearQuarter(
  q: SampleQuarter,
  o: { settings: Settings; without: string | null; keepVeto: boolean; previous: ReadonlyMap<string, number> },
): SampleQuarter {
  const drop = (book: ScoreBook): ScoreBook => new Map([...book].filter(([code]) => code !== o.without));
  const vetoItems = q.rules.items.filter((i) => i.type === "veto").map((i) => i.code);
  const clearVeto = (book: ScoreBook): ScoreBook =>
    o.keepVeto ? book : new Map([...book].map(([code, row]) => [code, new Map([...row].map(([item, v]) => [item, vetoItems.includes(item) ? "否" : v]))]));
  const { pending } = q.highlights;
  const arbitration = new Map([...q.arbitration].map(([code, row]) => [code, new Map(row)]));
  const agreed = q.a.get(pending.branch)?.get(pending.item) ?? null;
  if (pending.branch !== "") arbitration.set(pending.branch, new Map([...(arbitration.get(pending.branch) ?? []), [pending.item, agreed]]));
  return {
    ...q,
    settings: o.settings,
    branches: q.branches.filter((b) => b.code !== o.without).map((b) => ({ ...b, previousStars: o.previous.get(b.code) ?? null })),
    a: drop(clearVeto(q.a)),
    b: drop(clearVeto(q.b)),
    arbitration: drop(arbitration),
    self: drop(q.self),
    notes: q.notes.filter((note) => note.branch !== o.without),
  };
}
