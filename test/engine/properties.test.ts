import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { Result } from "../../src/model/result.js";
import { assessment, type BranchSpec, type CellInput, type RuleSpec } from "../helpers/assessment-builder.js";

const CATEGORIES = ["生产类", "辅助类", "综合管理类", "市场经营类", "非公改制类"] as const;
const RUNS = { numRuns: 40 };

interface Case {
  readonly rules: RuleSpec[];
  readonly branches: BranchSpec[];
  /** Cell values by `branch|item`: [A, B]. */
  readonly cells: Map<string, [CellInput, CellInput]>;
  readonly settings: Record<string, string>;
}

/** Points in hundredths → a 2-decimal number. */
const pts = (h: number) => h / 100;

const rulesArb: fc.Arbitrary<RuleSpec[]> = fc
  .record({
    base: fc.array(
      fc.record({
        points: fc.oneof(
          fc.integer({ min: 1, max: 30 }).map((n) => n * 100),
          fc.integer({ min: 1, max: 3000 }),
        ),
        area: fc.constantFrom("甲", "乙", "丙"),
        na: fc.subarray([...CATEGORIES], { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    bonus: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 2 }),
    veto: fc.boolean(),
  })
  .map(({ base, bonus, veto }) => [
    ...base.map((b, i): RuleSpec => ({ code: `1.${i + 1}`, type: "基础", area: b.area, points: pts(b.points), notApplicable: b.na })),
    ...bonus.map((p, i): RuleSpec => ({ code: `B${i + 1}`, type: "加分", area: "加分项", points: pts(p) })),
    ...(veto ? [{ code: "V1", type: "否决", area: "否决项" } as RuleSpec] : []),
  ]);

const branchesArb: fc.Arbitrary<BranchSpec[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 7 })
  .chain((ns) =>
    fc
      .tuple(...ns.map(() => fc.constantFrom<string>(...CATEGORIES, "生产", "机关")))
      .map((cats) => ns.map((n, i) => ({ code: `ZB${n}`, category: cats[i]! }))),
  );

/** A score in hundredths, biased to the ends and the middle so that equal totals (ties) are common. */
const scoreArb = (maxH: number) =>
  fc.oneof(fc.constant(maxH), fc.constant(0), fc.constant(Math.floor(maxH / 2)), fc.integer({ min: 0, max: maxH }));

function cellsArb(rules: readonly RuleSpec[], branches: readonly BranchSpec[], blanks: boolean) {
  const keys: [string, RuleSpec][] = branches.flatMap((b) => rules.map((r): [string, RuleSpec] => [`${b.code}|${r.code}`, r]));
  const one = (r: RuleSpec): fc.Arbitrary<CellInput> => {
    if (r.type === "否决") return fc.constantFrom<CellInput>("否", "否", "否", "是");
    const s = scoreArb(Math.round(r.points! * 100)).map(pts);
    return blanks && r.type === "基础" ? fc.oneof({ arbitrary: s, weight: 9 }, { arbitrary: fc.constant(null), weight: 1 }) : s;
  };
  return fc.tuple(...keys.map(([, r]) => fc.tuple(one(r), one(r)))).map((pairs) => new Map(keys.map(([k], i) => [k, pairs[i]!])));
}

const settingsArb = fc.record({
  排名方式: fc.constantFrom("并列跳位", "中国式"),
  否决排末位: fc.constantFrom("是", "否"),
  分差阈值比例: fc.constantFrom("0.25", "0.1", "1"),
  仲裁规则: fc.constantFrom("三评取近", "仲裁为准"),
  扣分说明要求: fc.constant("不检查"),
});

const caseArb = (blanks = true): fc.Arbitrary<Case> =>
  fc
    .tuple(rulesArb, branchesArb, settingsArb)
    .chain(([rules, branches, settings]) => cellsArb(rules, branches, blanks).map((cells) => ({ rules, branches, cells, settings })));

interface Layout {
  readonly roster?: readonly BranchSpec[];
  readonly rowsA?: readonly string[];
  readonly rowsB?: readonly string[];
  readonly columnsA?: readonly string[];
  readonly columnsB?: readonly string[];
}

function build(c: Case, layout: Layout = {}) {
  const side = (k: 0 | 1) => (ctx: { branch: BranchSpec; item: RuleSpec }) => {
    const v = c.cells.get(`${ctx.branch.code}|${ctx.item.code}`);
    return v === undefined ? undefined : v[k];
  };
  return assessment()
    .rules(c.rules)
    .branches(layout.roster ?? c.branches)
    .settings(c.settings)
    .scoresA(side(0), { ...(layout.rowsA ? { rows: layout.rowsA } : {}), ...(layout.columnsA ? { columns: layout.columnsA } : {}) })
    .scoresB(side(1), { ...(layout.rowsB ? { rows: layout.rowsB } : {}), ...(layout.columnsB ? { columns: layout.columnsB } : {}) });
}

const h = (x: number) => Math.round(x * 100);
const isTwoDecimal = (x: number) => Number(x.toFixed(2)) === x;

describe("properties of scoring and ranking", () => {
  test("the ranking is a permutation of the roster", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const r = await build(c).result();
        expect(r.branches.map((b) => b.code).sort()).toEqual(c.branches.map((b) => b.code).sort());
      }),
      RUNS,
    );
  });

  test("ranks: non-decreasing in display order; equal totals in one group share a rank; 并列跳位 / 中国式 numbering", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const r = await build(c).result();
        const vetoLast = c.settings.否决排末位 === "是";
        const group = (b: Result["branches"][number]) => (vetoLast && b.vetoed ? 1 : 0);
        const key = (b: Result["branches"][number]) => `${group(b)}|${h(b.total)}`;
        const bs = r.branches;
        for (let i = 1; i < bs.length; i++) {
          expect(bs[i]!.rank).toBeGreaterThanOrEqual(bs[i - 1]!.rank);
          expect(group(bs[i]!)).toBeGreaterThanOrEqual(group(bs[i - 1]!));
          if (group(bs[i]!) === group(bs[i - 1]!)) expect(h(bs[i]!.total)).toBeLessThanOrEqual(h(bs[i - 1]!.total));
        }
        for (const x of bs) for (const y of bs) if (key(x) === key(y)) expect(x.rank).toBe(y.rank);
        const firstIndex = new Map<string, number>();
        bs.forEach((b, i) => firstIndex.has(key(b)) || firstIndex.set(key(b), i));
        const distinct = [...firstIndex.keys()];
        for (const b of bs) {
          const expected = c.settings.排名方式 === "并列跳位" ? firstIndex.get(key(b))! + 1 : distinct.indexOf(key(b)) + 1;
          expect(b.rank).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  test("总分 = 基础得分 + 加分 exactly, every figure with at most 2 decimals", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const r = await build(c).result();
        for (const b of r.branches) {
          for (const x of [b.base, b.bonus, b.total, b.totalA, b.totalB]) expect(isTwoDecimal(x)).toBe(true);
          expect(h(b.total)).toBe(h(b.base) + h(b.bonus));
          expect(b.total).toBe(Number((b.base + b.bonus).toFixed(2)));
        }
      }),
      RUNS,
    );
  });

  test("an agreed item's final lies between A and B; an arbitrated or missing one is one of the inputs or between them", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const r = await build(c).result();
        for (const it of r.items) {
          if (it.status === "一致") {
            expect(it.final!).toBeGreaterThanOrEqual(Math.min(it.a!, it.b!));
            expect(it.final!).toBeLessThanOrEqual(Math.max(it.a!, it.b!));
          }
          if (it.status === "缺评") expect(it.final).toBe(it.a ?? it.b ?? 0);
          if (it.status === "不适用") expect(it.final).toBeNull();
        }
      }),
      RUNS,
    );
  });

  test("results do not depend on the order of roster rows, grid rows or grid item columns", async () => {
    const shuffled = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });
    const arb = caseArb().chain((c) => {
      const codes = c.branches.map((b) => b.code);
      const items = c.rules.map((r) => r.code);
      return fc
        .record({
          roster: shuffled(c.branches),
          rowsA: shuffled(codes),
          rowsB: shuffled(codes),
          columnsA: shuffled(items),
          columnsB: shuffled(items),
        })
        .map((layout) => ({ c, layout }));
    });
    const normalise = (r: Result) => ({
      ...r,
      items: [...r.items].sort((x, y) => (x.branch + "|" + x.item < y.branch + "|" + y.item ? -1 : 1)),
      issues: r.issues.map((i) => `${i.severity}|${i.code}|${i.sheet}`).sort(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ c, layout }) => {
        const plain = await build(c).result();
        const moved = await build(c, layout).result();
        expect(normalise(moved)).toEqual(normalise(plain));
      }),
      RUNS,
    );
  });

  test("full marks on every applicable base item give 基础得分 100 whatever the N/A pattern (0 with none applicable)", async () => {
    const arb = fc.tuple(rulesArb, branchesArb);
    await fc.assert(
      fc.asyncProperty(arb, async ([rules, branches]) => {
        const r = await assessment().rules(rules).branches(branches).result();
        for (const b of r.branches) {
          const hasApplicable = b.areas.some((a) => a.max > 0);
          expect(b.base).toBe(hasApplicable ? 100 : 0);
          expect(b.areas.every((a) => (a.max === 0 ? a.rate === null : a.rate === 100))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test("base scales to 100: multiplying every 分值 and score by an even factor keeps 基础得分 within rounding", async () => {
    const arb = fc.tuple(caseArb(false), fc.constantFrom(2, 4, 10));
    await fc.assert(
      fc.asyncProperty(arb, async ([c, k]) => {
        // Ratio 1: every pair agrees, so finals are round2((A + B) / 2) in both workbooks.
        const settings = { ...c.settings, 分差阈值比例: "1" };
        const scaled: Case = {
          rules: c.rules.map((r) => (r.points === undefined ? r : { ...r, points: pts(Math.round(r.points * 100) * k) })),
          branches: c.branches,
          cells: new Map([...c.cells].map(([key, [a, b]]) => [key, [scale(a, k), scale(b, k)]])),
          settings,
        };
        const r1 = await build({ ...c, settings }).result();
        const rk = await build(scaled).result();
        const baseItems = c.rules.filter((r) => r.type === "基础").length;
        for (const b of r1.branches) {
          const bk = rk.branches.find((x) => x.code === b.code)!;
          const m = b.areas.reduce((s, a) => s + a.max, 0);
          if (m === 0) {
            expect(bk.base).toBe(0);
            continue;
          }
          // Each original final is rounded up by at most 0.005; the scaled finals are exact (even k).
          const slack = 0.01 + (0.005 * baseItems * 100) / m;
          expect(b.base - bk.base).toBeGreaterThanOrEqual(-0.0100001);
          expect(b.base - bk.base).toBeLessThanOrEqual(slack + 1e-9);
        }
      }),
      RUNS,
    );
  });

  test("with A = B on every item, scaling 分值 and scores changes 基础得分 not at all", async () => {
    const arb = fc.tuple(caseArb(false), fc.integer({ min: 2, max: 7 }));
    await fc.assert(
      fc.asyncProperty(arb, async ([c, k]) => {
        const same: Case = { ...c, cells: new Map([...c.cells].map(([key, [a]]) => [key, [a, a]])) };
        const scaled: Case = {
          ...same,
          rules: c.rules.map((r) => (r.points === undefined ? r : { ...r, points: pts(Math.round(r.points * 100) * k) })),
          cells: new Map([...same.cells].map(([key, [a]]) => [key, [scale(a, k), scale(a, k)]])),
        };
        const r1 = await build(same).result();
        const rk = await build(scaled).result();
        const byCode = (r: Result) => Object.fromEntries(r.branches.map((b) => [b.code, b.base]));
        expect(byCode(rk)).toEqual(byCode(r1));
      }),
      RUNS,
    );
  });
});

function scale(v: CellInput, k: number): CellInput {
  return typeof v === "number" ? pts(Math.round(v * 100) * k) : v;
}
