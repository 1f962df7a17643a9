// annual.md §4 (ranking) and §5 (annual stars: score, veto cap, 逐级晋升, quotas with ties).
import { describe, expect, it } from "vitest";
import { annualStars, quotaOf, type StarCandidate } from "../../src/annual/annual-stars.js";
import { parseDecimal } from "../../src/model/decimal.js";
import { DEFAULT_SETTINGS, type Settings } from "../../src/model/settings.js";
import { branch, issuesOf, q, result } from "./year-builder.js";

const dec = (s: string) => parseDecimal(s)!;
const settings = (o: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...o });

/** Candidates in display order from scores (hundredths); equal scores share a rank (并列跳位). */
function candidates(scores: readonly number[], extra: Partial<StarCandidate>[] = []): StarCandidate[] {
  return scores.map((score, i) => ({
    code: `B${String(i + 1).padStart(2, "0")}`,
    score,
    vetoed: false,
    previousStars: null,
    rank: scores.indexOf(score) + 1,
    ...extra[i],
  }));
}
const starsOf = (scores: readonly number[], s: Settings, extra: Partial<StarCandidate>[] = []) => annualStars(candidates(scores, extra), s);

describe("§4 ranking: scoring.md §6 with 年度得分 and the year's vetoes", () => {
  it("equal scores share a rank, listed by 支部编码 (code point order), whatever the quarters' 基础得分", async () => {
    const r = await result(q("2026Q1", { ZB003: 90, ZB001: 90, ZB002: 95, ZB010: 90, ZB004: 80 }));
    expect(r.branches.map((b) => [b.code, b.rank])).toEqual([
      ["ZB002", 1],
      ["ZB001", 2],
      ["ZB003", 2],
      ["ZB010", 2],
      ["ZB004", 5],
    ]);
  });

  it("中国式 numbering; vetoed branches after the others, continuing the numbering", async () => {
    const r = await result(
      q("2026Q1", { ZB001: 99, ZB002: 90, ZB003: 90, ZB004: 80 }, { vetoed: ["ZB001"], settings: { 排名方式: "中国式" } }),
    );
    expect(r.branches.map((b) => [b.code, b.rank])).toEqual([
      ["ZB002", 1],
      ["ZB003", 1],
      ["ZB004", 2],
      ["ZB001", 3],
    ]);
  });

  it("否决排末位 = 否: vetoed branches rank by score", async () => {
    const r = await result(q("2026Q1", { ZB001: 99, ZB002: 90 }, { vetoed: ["ZB001"], settings: { 否决排末位: "否" } }));
    expect(r.branches.map((b) => [b.code, b.rank])).toEqual([
      ["ZB001", 1],
      ["ZB002", 2],
    ]);
  });

  it("类别排名 among the annual roster's branches of one category; none for an invalid category", async () => {
    const r = await result(
      q(
        "2026Q1",
        { A: 90, B: 80, C: 85, D: 70 },
        {
          branches: [
            { code: "A", category: "生产类" },
            { code: "B", category: "辅助" },
            { code: "C", category: "生产" },
            { code: "D", category: "车间" },
          ],
        },
      ),
    );
    expect(r.branches.map((b) => [b.code, b.rank, b.categoryRank])).toEqual([
      ["A", 1, 1],
      ["C", 2, 2],
      ["B", 3, 1],
      ["D", 4, null],
    ]);
  });

  it("a branch vetoed in one quarter ranks last for the year", async () => {
    const r = await result(q("2026Q1", { ZB001: 99, ZB002: 60 }, { vetoed: ["ZB001"] }), q("2026Q2", { ZB001: 99, ZB002: 60 }));
    expect(r.branches.map((b) => b.code)).toEqual(["ZB002", "ZB001"]);
  });
});

describe("§5 steps 1–3: the score's stars, the veto cap, 逐级晋升", () => {
  it("step 1: 星级阈值 of the latest quarter (≥ t5 → 5★ … below t2 → 1★)", () => {
    const { stars } = starsOf([9000, 8999, 8000, 7000, 6000, 5999], settings());
    expect(stars.map((s) => s.scoreStars)).toEqual([5, 4, 4, 3, 2, 1]);
    const custom = starsOf([9550, 9549], settings({ starThresholds: [dec("95.5"), dec("85"), dec("75"), dec("65")] }));
    expect(custom.stars.map((s) => s.scoreStars)).toEqual([5, 4]);
  });

  it("step 2: vetoed for the year → at most 否决星级上限 (0 = no star)", () => {
    const veto = [{ vetoed: true }];
    expect(starsOf([9500], settings(), veto).stars[0]).toEqual({
      scoreStars: 5,
      stars: 1,
      adjustments: [{ step: "veto", from: 5, to: 1 }],
    });
    expect(starsOf([9500], settings({ vetoStarCap: 0 }), veto).stars[0]!.stars).toBe(0);
    expect(starsOf([9500], settings({ vetoStarCap: 5 }), veto).stars[0]).toEqual({ scoreStars: 5, stars: 5, adjustments: [] });
  });

  it("step 3: 逐级晋升 = 是 and 上年星级 p → at most p + 1; without p, or with 否, no limit", () => {
    const on = settings({ stepwise: true });
    expect(starsOf([9500], on, [{ previousStars: 3 }]).stars[0]).toEqual({
      scoreStars: 5,
      stars: 4,
      adjustments: [{ step: "stepwise", from: 5, to: 4 }],
    });
    expect(starsOf([9500], on, [{ previousStars: 0 }]).stars[0]!.stars).toBe(1);
    expect(starsOf([9500], on, [{ previousStars: 4 }]).stars[0]!.stars).toBe(5);
    expect(starsOf([9500], on).stars[0]!.stars).toBe(5);
    expect(starsOf([9500], settings(), [{ previousStars: 1 }]).stars[0]!.stars).toBe(5);
  });

  it("steps in order: the veto cap first, then 逐级晋升 on what is left", () => {
    const s = settings({ stepwise: true, vetoStarCap: 3 });
    expect(starsOf([9500], s, [{ vetoed: true, previousStars: 1 }]).stars[0]!.adjustments).toEqual([
      { step: "veto", from: 5, to: 3 },
      { step: "stepwise", from: 3, to: 2 },
    ]);
  });
});

describe("§5 step 4: quotas, 5★ first then 4★, cap = ⌊N × r⌋", () => {
  const five = (r: string) => settings({ fiveStarCap: dec(r) });

  it("cap = ⌊N × r⌋ exactly (0.57 × 100 is 57, not a float's 56)", () => {
    expect(quotaOf(100, dec("0.57"))).toBe(57);
    expect(quotaOf(14, dec("0.2"))).toBe(2);
    expect(quotaOf(7, dec("0.3"))).toBe(2);
    expect(quotaOf(5, dec("0.1"))).toBe(0);
    expect(quotaOf(10, dec("1"))).toBe(10);
  });

  it("the first cap branches in display order keep the level, the others drop one level", () => {
    const { stars, issues } = starsOf([9900, 9800, 9700, 9600, 8000, 7000, 7000, 7000, 7000, 7000], five("0.2"));
    expect(stars.map((s) => s.stars)).toEqual([5, 5, 4, 4, 4, 3, 3, 3, 3, 3]);
    expect(stars[2]!.adjustments).toEqual([{ step: "quota", from: 5, to: 4 }]);
    expect(issues).toEqual([]);
  });

  it("a tie across the line drops as a whole: ANNUAL_QUOTA_TIE when fewer than the quota keep the level", () => {
    const { stars, issues } = starsOf([9900, 9500, 9500, 8000, 8000, 8000, 8000, 8000, 8000, 8000], five("0.2"));
    expect(stars.map((s) => s.stars).slice(0, 3)).toEqual([5, 4, 4]);
    expect(issues).toEqual([
      {
        severity: "warning",
        code: "ANNUAL_QUOTA_TIE",
        where: { period: null, file: null, sheet: null, cell: null },
        params: { level: 5, cap: 2, kept: 1, tied: 2, rank: 2 },
      },
    ]);
  });

  it("a tie inside the quota stays (ranks 1, 1 then 3 with a quota of 2)", () => {
    const { stars, issues } = starsOf([9900, 9900, 9500, 0, 0, 0, 0, 0, 0, 0], five("0.2"));
    expect(stars.map((s) => s.stars).slice(0, 3)).toEqual([5, 5, 4]);
    expect(issues).toEqual([]);
  });

  it("a tie at the very top larger than the quota: all drop, with the warning", () => {
    const { stars, issues } = starsOf([9900, 9900, 9900, 0, 0, 0, 0, 0, 0, 0], five("0.2"));
    expect(stars.map((s) => s.stars).slice(0, 3)).toEqual([4, 4, 4]);
    expect(issues).toHaveLength(1);
  });

  it("cap 0 (N = 5, 10%): every branch of the level drops, with no ANNUAL_QUOTA_TIE", () => {
    const { stars, issues } = starsOf([9900, 9500, 8000, 7000, 6000], five("0.1"));
    expect(stars.map((s) => s.stars)).toEqual([4, 4, 4, 3, 2]);
    expect(issues).toEqual([]);
  });

  it("branches dropped from 5★ count in the 4★ quota and may drop again, to 3★", () => {
    // N = 10: 5★ cap 2, 4★ cap 3. Four 5★ (two drop), three 4★: the 4★ set is five, three keep.
    const s = settings({ fiveStarCap: dec("0.2"), fourStarCap: dec("0.3") });
    const { stars, issues } = starsOf([9900, 9800, 9700, 9600, 8500, 8400, 8300, 7000, 7000, 7000], s);
    expect(stars.map((x) => x.stars)).toEqual([5, 5, 4, 4, 4, 3, 3, 3, 3, 3]);
    expect(stars[5]!.adjustments).toEqual([{ step: "quota", from: 4, to: 3 }]);
    expect(issues).toEqual([]);
    // With a 4★ quota of 1, a branch that fell from 5★ falls again.
    const tight = starsOf([9900, 9800, 9700, 9600, 8500, 0, 0, 0, 0, 0], settings({ fiveStarCap: dec("0.2"), fourStarCap: dec("0.1") }));
    expect(tight.stars.map((x) => x.stars).slice(0, 5)).toEqual([5, 5, 4, 3, 3]);
    expect(tight.stars[3]!.adjustments).toEqual([
      { step: "quota", from: 5, to: 4 },
      { step: "quota", from: 4, to: 3 },
    ]);
  });

  it("ties across both caps: one ANNUAL_QUOTA_TIE per level", () => {
    // N = 10, caps 2 and 3. 5★: 99, 95, 95 → the 95s drop. 4★: 95, 95, 85, 85 (cap 3, line at rank 5 tied with 4) → the 85s drop.
    const s = settings({ fiveStarCap: dec("0.2"), fourStarCap: dec("0.3") });
    const { stars, issues } = starsOf([9900, 9500, 9500, 8500, 8500, 0, 0, 0, 0, 0], s);
    expect(stars.map((x) => x.stars).slice(0, 5)).toEqual([5, 4, 4, 3, 3]);
    expect(issues.map((i) => (i.code === "ANNUAL_QUOTA_TIE" ? i.params.level : null))).toEqual([5, 4]);
  });

  it("no setting: no quota for that level", () => {
    const { stars } = starsOf([9900, 9800, 9700], settings({ fourStarCap: dec("0.1") }));
    expect(stars.map((x) => x.stars)).toEqual([5, 5, 5]);
  });

  it("a vetoed branch keeping 5★ (否决星级上限 5) ranks last and is the first to lose its place", () => {
    const s = settings({ vetoStarCap: 5, fiveStarCap: dec("0.2") });
    const c = candidates([9800, 9700, 0, 0, 0, 0, 0, 0, 0, 9900]).map((x, i) => (i === 9 ? { ...x, vetoed: true, rank: 10 } : x));
    const { stars } = annualStars(c, s);
    expect(stars.map((x) => x.stars)).toEqual([5, 5, 1, 1, 1, 1, 1, 1, 1, 4]);
  });
});

describe("§5 through the pipeline: N is the graded branches; tier and 星级变化", () => {
  it("N counts the annual roster, not branches dropped during the year", async () => {
    const totals = { A: 99, B: 98, C: 97, D: 60, E: 60, F: 60, G: 60, H: 60, I: 60, J: 60 };
    const r = await result(q("2026Q1", { ...totals, X: 50, Y: 50 }), q("2026Q2", totals, { settings: { 五星比例上限: "20%" } }));
    expect(r.branches.filter((b) => b.stars === 5).map((b) => b.code)).toEqual(["A", "B"]);
    expect(branch(r, "C")).toMatchObject({ scoreStars: 5, stars: 4, tier: "第二阶梯", adjustments: [{ step: "quota", from: 5, to: 4 }] });
  });

  it("阶梯 from the annual stars; 星级变化 = 年度星级 − 上年星级, null without 上年星级", async () => {
    const r = await result(q("2026Q4", { A: 95, B: 65, C: 75, D: 85 }, { previousStars: { A: 3, B: 4, C: "★★★☆☆" } }));
    expect(r.branches.map((b) => [b.code, b.stars, b.tier, b.starChange])).toEqual([
      ["A", 5, "第一阶梯", 2],
      ["D", 4, "第二阶梯", null],
      ["C", 3, "第二阶梯", 0],
      ["B", 2, "第三阶梯", -2],
    ]);
  });

  it("a quota tie through the pipeline", async () => {
    const r = await result(q("2026Q1", { A: 95, B: 95, C: 70, D: 70, E: 70 }, { settings: { 五星比例上限: "20%" } }));
    expect(r.branches.map((b) => b.stars)).toEqual([4, 4, 3, 3, 3]);
    expect(issuesOf(r, "ANNUAL_QUOTA_TIE").map((i) => i.severity)).toEqual(["warning"]);
  });
});
