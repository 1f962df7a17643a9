import { describe, expect, test } from "vitest";
import { rankBranches } from "../../src/engine/rank.js";
import { assessment, ONE_ITEM_RULES } from "../helpers/assessment-builder.js";

interface Entry {
  readonly code: string;
  readonly base: number;
  readonly bonus?: number;
  readonly veto?: boolean;
  readonly category?: string;
}

/** Runs the pipeline with one 100-point item: 总分 = base + bonus. Returns the branches in display order. */
async function ranked(entries: readonly Entry[], settings: Record<string, string> = {}) {
  const scores = Object.fromEntries(entries.map((e) => [e.code, { "1.1": e.base, B1: e.bonus ?? 0, V1: e.veto ? "是" : "否" }]));
  const r = await assessment()
    .rules(ONE_ITEM_RULES)
    .branches(entries.map((e) => ({ code: e.code, category: e.category ?? "生产类" })))
    .settings({ 扣分说明要求: "不检查", ...settings })
    .scores(scores)
    .result();
  return r.branches;
}
const order = (bs: readonly { code: string; rank: number }[]) => bs.map((b) => `${b.code}:${b.rank}`);

const FOUR: Entry[] = [
  { code: "D", base: 80 },
  { code: "B", base: 90 },
  { code: "A", base: 95 },
  { code: "C", base: 90 },
];

describe("§6 Ranking", () => {
  test("by 总分 descending; 并列跳位 (default) gives 1,2,2,4", async () => {
    expect(order(await ranked(FOUR))).toEqual(["A:1", "B:2", "C:2", "D:4"]);
  });

  test("中国式 gives 1,2,2,3", async () => {
    expect(order(await ranked(FOUR, { 排名方式: "中国式" }))).toEqual(["A:1", "B:2", "C:2", "D:3"]);
  });

  test("the rank follows 总分 (base + bonus), not the base score", async () => {
    const bs = await ranked([
      { code: "A", base: 95 },
      { code: "B", base: 92, bonus: 4 },
    ]);
    expect(order(bs)).toEqual(["B:1", "A:2"]);
  });

  test("否决排末位 是 (default): vetoed branches last whatever their total; numbering continues (并列跳位)", async () => {
    const bs = await ranked([
      ...FOUR,
      { code: "V", base: 99, veto: true },
      { code: "W", base: 50, veto: true },
      { code: "X", base: 50, veto: true },
    ]);
    expect(order(bs)).toEqual(["A:1", "B:2", "C:2", "D:4", "V:5", "W:6", "X:6"]);
  });

  test("vetoed branches continue the numbering in 中国式 too", async () => {
    const bs = await ranked(
      [
        ...FOUR,
        { code: "V", base: 99, veto: true },
        { code: "W", base: 50, veto: true },
        { code: "X", base: 50, veto: true },
        { code: "Y", base: 10, veto: true },
      ],
      { 排名方式: "中国式" },
    );
    expect(order(bs)).toEqual(["A:1", "B:2", "C:2", "D:3", "V:4", "W:5", "X:5", "Y:6"]);
  });

  test("a vetoed branch does not tie with a non-vetoed one of the same total (different groups)", async () => {
    const bs = await ranked([
      { code: "A", base: 90 },
      { code: "B", base: 90, veto: true },
    ]);
    expect(order(bs)).toEqual(["A:1", "B:2"]);
  });

  test("否决排末位 否: vetoed branches are ranked among the others by 总分, ties across vetoed/non-vetoed shared", async () => {
    const bs = await ranked([...FOUR, { code: "V", base: 99, veto: true }, { code: "W", base: 90, veto: true }], { 否决排末位: "否" });
    expect(order(bs)).toEqual(["V:1", "A:2", "B:3", "C:3", "W:3", "D:6"]);
  });

  test("display order inside a tie: 基础得分 descending, then 支部编码 ascending", async () => {
    const bs = await ranked([
      { code: "ZB3", base: 88, bonus: 2 },
      { code: "ZB2", base: 90 },
      { code: "ZB1", base: 88, bonus: 2 },
      { code: "ZB0", base: 85, bonus: 5 },
    ]);
    expect(order(bs)).toEqual(["ZB2:1", "ZB1:1", "ZB3:1", "ZB0:1"]);
    expect(bs.map((b) => b.base)).toEqual([90, 88, 88, 85]);
  });

  test("支部编码 order is by character, not number: ZB10 before ZB9", async () => {
    const bs = await ranked([
      { code: "ZB9", base: 90 },
      { code: "ZB10", base: 90 },
    ]);
    expect(order(bs)).toEqual(["ZB10:1", "ZB9:1"]);
  });

  test("支部编码 order is by Unicode code point: U+F900 豈 before U+20000 𠀀 (UTF-16 order would be reversed)", async () => {
    const bs = await ranked([
      { code: "支\u{20000}", base: 90 },
      { code: "支\uF900", base: 90 },
    ]);
    expect(bs.map((b) => b.code)).toEqual(["支\uF900", "支\u{20000}"]);
  });

  test("类别排名: the same ranking within each category; null for an invalid category", async () => {
    const bs = await ranked([
      { code: "P1", base: 95, category: "生产类" },
      { code: "S1", base: 93, category: "辅助类" },
      { code: "P2", base: 90, category: "生产类" },
      { code: "S2", base: 93, category: "辅助" },
      { code: "P3", base: 90, category: "生产" },
      { code: "P4", base: 85, category: "生产类" },
      { code: "P5", base: 99, category: "生产类", veto: true },
      { code: "Q1", base: 99, category: "其他" },
    ]);
    const got = Object.fromEntries(bs.map((b) => [b.code, [b.rank, b.categoryRank]]));
    expect(got).toEqual({
      Q1: [1, null],
      P1: [2, 1],
      S1: [3, 1],
      S2: [3, 1],
      P2: [5, 2],
      P3: [5, 2],
      P4: [7, 4],
      P5: [8, 5],
    });
  });

  test("类别排名 in 中国式", async () => {
    const bs = await ranked(
      [
        { code: "P1", base: 95 },
        { code: "P2", base: 90 },
        { code: "P3", base: 90 },
        { code: "P4", base: 85 },
        { code: "S1", base: 92, category: "辅助类" },
      ],
      { 排名方式: "中国式" },
    );
    expect(bs.map((b) => [b.code, b.rank, b.categoryRank])).toEqual([
      ["P1", 1, 1],
      ["S1", 2, 1],
      ["P2", 3, 2],
      ["P3", 3, 2],
      ["P4", 4, 3],
    ]);
  });

  test("rankBranches works on exact hundredths: 89.99 and 90 do not tie", () => {
    const out = rankBranches(
      [
        { code: "a", total: 8999, base: 8999, vetoed: false },
        { code: "b", total: 9000, base: 9000, vetoed: false },
        { code: "c", total: 9000, base: 8800, vetoed: false },
      ],
      "并列跳位",
      true,
    );
    expect(out.map((o) => `${o.branch.code}:${o.rank}`)).toEqual(["b:1", "c:1", "a:3"]);
  });
});
