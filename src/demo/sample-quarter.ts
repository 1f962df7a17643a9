/**
 * A realistic sample quarter (示例季度), generated from a fixed seed: the demo workbook, and
 * bigger workbooks of the same structure for the benchmark. Same options → same data → the
 * same workbook bytes.
 *
 * What it holds, so that every part of the product has something to show:
 * - two raters who mostly agree (differences of 0.5, within tolerance);
 * - a few disputed items (difference beyond the tolerance), all arbitrated in 仲裁 except
 *   exactly one, so the result is honestly provisional (暂定) with one DISPUTE_PENDING;
 * - bonuses for several branches, one of them above the bonus cap before capping;
 * - exactly one vetoed branch (both raters say 是 for one veto item);
 * - 不适用 on the items that do not apply to a category (the rules' 不适用类别);
 * - self-assessment (自评) for most branches; deduction notes (扣分说明) for most deductions.
 */
import type { Branch } from "../model/branch.js";
import { applies, type RuleItem, type Rules } from "../model/rules.js";
import { DEFAULT_SETTINGS, type Settings } from "../model/settings.js";
import type { SheetSpec } from "../report/sheet-spec.js";
import { defaultRules } from "../model/default-rules.js";
import { inputSheets, type GridValue, type NoteRow, type RosterEntry } from "../template/input-sheets.js";
import { CATALOGUE_SIZE, sampleBranches } from "./branches.js";
import { Random } from "./random.js";

export const SAMPLE_PERIOD = "2026Q3";
export const SAMPLE_SEED = 20260930;

export interface SampleOptions {
  readonly seed?: number;
  /** Number of branches (default: the 40 branches of the sample group). */
  readonly branches?: number;
  /** Share of (branch, base item) pairs the raters dispute (default: 6 disputes in all). */
  readonly disputeShare?: number;
  readonly period?: string;
  readonly rules?: Rules;
  /**
   * Each branch's quality in [0, 1] (how rarely it loses points), for a series of quarters in
   * which branches stay themselves (the sample year); default: drawn from the seed.
   */
  readonly quality?: (branch: RosterEntry) => number;
}

/** Grid values by branch code, then item code. A missing entry is a blank cell. */
export type ScoreBook = ReadonlyMap<string, ReadonlyMap<string, GridValue>>;

export interface SampleQuarter {
  readonly settings: Settings;
  readonly rules: Rules;
  readonly branches: readonly RosterEntry[];
  readonly a: ScoreBook;
  readonly b: ScoreBook;
  /** Only the branches with an arbitrated dispute have a row in 仲裁. */
  readonly arbitration: ScoreBook;
  /** Only the branches that sent in a self-assessment have a row in 自评. */
  readonly self: ScoreBook;
  readonly notes: readonly NoteRow[];
  /** What the sample was built to show (for tests and the demo's own checks). */
  readonly highlights: {
    readonly vetoed: { readonly branch: string; readonly item: string };
    readonly bonusOverCap: { readonly branch: string; readonly claimed: number };
    readonly pending: { readonly branch: string; readonly item: string };
    readonly arbitrated: readonly { readonly branch: string; readonly item: string }[];
  };
}

const NA = "不适用";
const STEP = 50; // half a point, in hundredths

/** |A − B| ≤ τ with τ = the item's 分差阈值 or ratio × 分值, compared exactly (hundredths). */
function withinTolerance(diff: number, it: RuleItem, settings: Settings): boolean {
  if (it.tolerance !== null) return diff <= it.tolerance;
  const { n, scale } = settings.toleranceRatio;
  return BigInt(diff) * 10n ** BigInt(scale) <= BigInt(it.max) * n;
}

const points = (h: number) => h / 100;

class Book {
  readonly map = new Map<string, Map<string, GridValue>>();
  set(branch: string, item: string, v: GridValue): void {
    let row = this.map.get(branch);
    if (!row) this.map.set(branch, (row = new Map<string, GridValue>()));
    row.set(item, v);
  }
  get(branch: string, item: string): GridValue | undefined {
    return this.map.get(branch)?.get(item);
  }
}

/** Builds the sample quarter's data. Deterministic: only the seeded PRNG decides. */
export function sampleQuarter(options: SampleOptions = {}): SampleQuarter {
  const rng = new Random(options.seed ?? SAMPLE_SEED);
  const rules = options.rules ?? defaultRules();
  const settings: Settings = { ...DEFAULT_SETTINGS, period: options.period ?? SAMPLE_PERIOD };
  const branches = sampleBranches(options.branches ?? CATALOGUE_SIZE, rng);
  const base = rules.items.filter((i) => i.type === "base");
  const bonus = rules.items.filter((i) => i.type === "bonus");
  const veto = rules.items.filter((i) => i.type === "veto");

  // The branches with a role in the story: one vetoed (a production branch if there is one) and
  // one with more bonus than the cap allows.
  const production = branches.filter((b) => b.category === "生产类");
  const vetoedBranch = rng.pick(production.length > 0 ? production : branches);
  const bonusBranch = rng.pick(branches.filter((b) => b !== vetoedBranch));
  const vetoItem = veto.length > 1 ? veto[1]! : veto[0];

  // True scores: each branch has a quality; weaker branches lose half points more often.
  const quality = new Map(
    branches.map((b) => [b.code, options.quality ? options.quality(b) : b === bonusBranch ? 0.92 : 0.2 + 0.8 * Math.sqrt(rng.next())]),
  );
  const truth = new Map<string, number>();
  const key = (b: string, i: string) => `${b}\u0000${i}`;
  for (const b of branches) {
    const q = quality.get(b.code)!;
    for (const it of base) {
      let s = it.max;
      if (applies(it, b) && rng.chance(0.12 + 0.9 * (1 - q))) {
        const steps = 1 + Math.floor(rng.next() ** 1.3 * (it.max / STEP) * 0.7);
        s = Math.max(0, it.max - steps * STEP);
      }
      truth.set(key(b.code, it.code), s);
    }
  }

  const a = new Book();
  const b = new Book();
  const c = new Book();
  const self = new Book();

  // Base items: A and B mostly agree; one of them is half a point off now and then.
  for (const br of branches) {
    for (const it of base) {
      if (!applies(it, br)) {
        a.set(br.code, it.code, NA);
        b.set(br.code, it.code, NA);
        continue;
      }
      const s = truth.get(key(br.code, it.code))!;
      let va = s;
      let vb = s;
      if (withinTolerance(STEP, it, settings) && rng.chance(0.14)) {
        const off = Math.min(it.max, Math.max(0, s + (rng.chance(0.6) ? -STEP : STEP)));
        if (rng.chance(0.5)) va = off;
        else vb = off;
      }
      a.set(br.code, it.code, points(va));
      b.set(br.code, it.code, points(vb));
    }
  }

  // Disputes: the raters read an item differently, beyond its tolerance.
  const candidates: { br: RosterEntry; it: RuleItem }[] = [];
  for (const br of branches) for (const it of base) if (applies(it, br) && it.max >= 300) candidates.push({ br, it });
  const disputeCount = options.disputeShare === undefined
    ? Math.min(6, candidates.length)
    : Math.max(2, Math.round(options.disputeShare * branches.length * base.length));
  const disputes = rng.sample(candidates, disputeCount).sort((x, y) =>
    branches.indexOf(x.br) - branches.indexOf(y.br) || base.indexOf(x.it) - base.indexOf(y.it));
  const pendingIndex = rng.int(0, disputes.length - 1);
  const arbitrated: { branch: string; item: string }[] = [];
  let pending = { branch: "", item: "" };
  disputes.forEach(({ br, it }, n) => {
    let gap = STEP;
    while (withinTolerance(gap, it, settings)) gap += STEP;
    if (gap + STEP <= it.max && rng.chance(0.5)) gap += STEP;
    const s = truth.get(key(br.code, it.code))!;
    const hi = Math.min(it.max, Math.max(s, gap));
    const lo = hi - gap;
    const [va, vb] = rng.chance(0.5) ? [hi, lo] : [lo, hi];
    a.set(br.code, it.code, points(va));
    b.set(br.code, it.code, points(vb));
    if (n === pendingIndex) {
      pending = { branch: br.code, item: it.code };
    } else {
      c.set(br.code, it.code, points(gap > STEP ? lo + STEP * rng.int(1, gap / STEP - 1) : hi));
      arbitrated.push({ branch: br.code, item: it.code });
    }
  });

  // Bonuses: several branches win something; one wins more than the cap allows.
  let claimed = 0;
  for (const br of branches) {
    const won = new Map<string, number>();
    if (br === bonusBranch) {
      for (const it of [...bonus].sort((x, y) => y.max - x.max)) {
        won.set(it.code, it.max);
        claimed += it.max;
        if (claimed > settings.bonusCap) break;
      }
    } else if (br !== vetoedBranch && rng.chance(0.3)) {
      for (const it of rng.sample(bonus, rng.int(1, 2))) {
        won.set(it.code, rng.chance(0.5) || it.max < 2 * STEP ? it.max : Math.floor(it.max / 2 / STEP) * STEP);
      }
    }
    for (const it of bonus) {
      const v = points(won.get(it.code) ?? 0);
      a.set(br.code, it.code, v);
      b.set(br.code, it.code, v);
    }
    for (const it of veto) {
      const v = br === vetoedBranch && it === vetoItem ? "是" : "否";
      a.set(br.code, it.code, v);
      b.set(br.code, it.code, v);
    }
  }

  // Self-assessment: most branches send one in, and rate themselves a little generously.
  for (const br of branches) {
    if (rng.chance(0.1)) continue;
    for (const it of rules.items) {
      const va = a.get(br.code, it.code);
      const vb = b.get(br.code, it.code);
      if (it.type === "veto" || typeof va !== "number" || typeof vb !== "number") {
        self.set(br.code, it.code, va ?? null);
        continue;
      }
      const own = Math.max(va, vb) * 100 + (it.type === "base" && rng.chance(0.3) ? STEP : 0);
      self.set(br.code, it.code, points(Math.min(it.max, own)));
    }
  }

  // Deduction notes: most deductions are explained, in the words of the item's criteria.
  const notes: NoteRow[] = [];
  for (const br of branches) {
    for (const it of base) {
      const clause = rng.next();
      for (const [book, rater] of [[a, settings.raterAName], [b, settings.raterBName]] as const) {
        const v = book.get(br.code, it.code);
        if (typeof v !== "number" || v * 100 >= it.max || rng.chance(0.06)) continue;
        const note = deductionNote(it, it.max - Math.round(v * 100), clause);
        notes.push({ branch: br.code, item: it.code, rater, note, evidence: rng.chance(0.4) ? rng.pick(EVIDENCE) : null });
      }
    }
  }

  return {
    settings,
    rules,
    branches,
    a: a.map,
    b: b.map,
    arbitration: c.map,
    self: self.map,
    notes,
    highlights: {
      vetoed: { branch: vetoedBranch.code, item: vetoItem?.code ?? "" },
      bonusOverCap: { branch: bonusBranch.code, claimed: points(claimed) },
      pending,
      arbitrated,
    },
  };
}

const EVIDENCE = ["支部会议记录本", "学习台账", "党建信息化平台截图", "检查通报", "整改销号清单", "满意度测评汇总表", "培训签到表"];

/** `未签订目标责任书，扣2分`: one clause of the criteria, up to its 扣… part, and the points deducted. */
function deductionNote(it: RuleItem, deducted: number, which: number): string {
  const clauses = it.criteria.split(/[；;。]/).map((s) => s.trim()).filter((s) => s !== "");
  const clause = clauses[Math.floor(which * clauses.length)] ?? "";
  const reason = clause.replace(/扣.*$/, "").replace(/[，,]$/, "").replace(/每[项处件次起]$/, "").replace(/的$/, "").replace(/^每/, "");
  if (reason === "") return `${it.content}不到位，扣${points(deducted)}分`;
  if (reason.includes("每")) return `依据“${clause}”，扣${points(deducted)}分`;
  return `${reason}，扣${points(deducted)}分`;
}

/** The sample quarter's input sheets, in workbook order. */
export function sampleQuarterSheets(q: SampleQuarter): SheetSpec[] {
  const cell = (book: ScoreBook) => (br: Branch, it: RuleItem) => book.get(br.code)?.get(it.code) ?? null;
  const rowsOf = (book: ScoreBook) => q.branches.filter((br) => book.has(br.code));
  return inputSheets({
    settings: q.settings,
    rules: q.rules,
    branches: q.branches,
    a: cell(q.a),
    b: cell(q.b),
    arbitration: { values: cell(q.arbitration), branches: rowsOf(q.arbitration) },
    self: { values: cell(q.self), branches: rowsOf(q.self) },
    notes: q.notes,
  });
}
