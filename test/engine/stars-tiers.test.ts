import { describe, expect, test } from "vitest";
import { cellValue } from "../../src/report/sheet-spec.js";
import { assessment, branchOf, ONE_ITEM_RULES } from "../helpers/assessment-builder.js";

/** One branch per entry, 总分 = base (the one 100-point item) + bonus; vetoed when `veto`. */
async function starsOf(entries: readonly { base: number; bonus?: number; veto?: boolean }[], settings: Record<string, string> = {}) {
  const codes = entries.map((_, i) => `ZB${String(i + 1).padStart(3, "0")}`);
  const scores = Object.fromEntries(entries.map((e, i) => [codes[i]!, { "1.1": e.base, B1: e.bonus ?? 0, V1: e.veto ? "是" : "否" }]));
  const r = await assessment()
    .rules(ONE_ITEM_RULES)
    .branches(entries.length)
    .settings({ 扣分说明要求: "不检查", ...settings })
    .scores(scores)
    .result();
  return codes.map((c) => branchOf(r, c));
}

describe("§5 Stars and tiers", () => {
  test("default thresholds 90/80/70/60, exact at each boundary", async () => {
    const totals = [100, 90, 89.99, 80, 79.99, 70, 69.99, 60, 59.99, 0];
    const bs = await starsOf(totals.map((base) => ({ base })));
    expect(bs.map((b) => b.total)).toEqual(totals);
    expect(bs.map((b) => b.stars)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(bs.map((b) => b.tier)).toEqual([
      "第一阶梯",
      "第一阶梯",
      "第二阶梯",
      "第二阶梯",
      "第二阶梯",
      "第二阶梯",
      "第三阶梯",
      "第三阶梯",
      "第三阶梯",
      "第三阶梯",
    ]);
  });

  test("stars come from 总分, bonus included: 88 + 2 = 90 → 5★", async () => {
    const [b] = await starsOf([{ base: 88, bonus: 2 }]);
    expect(b).toMatchObject({ total: 90, stars: 5, tier: "第一阶梯" });
  });

  test("custom 星级阈值 with decimals: 95,85.5,75,65", async () => {
    const bs = await starsOf([{ base: 95 }, { base: 94.99 }, { base: 85.5 }, { base: 85.49 }, { base: 65 }, { base: 64.99 }], {
      星级阈值: "95,85.5,75,65",
    });
    expect(bs.map((b) => b.stars)).toEqual([5, 4, 4, 3, 2, 1]);
  });

  test("星级阈值 with 3 decimals compared exactly: 90 ≥ 89.995 → 5★, 89.99 < 89.995 → 4★", async () => {
    const bs = await starsOf([{ base: 90 }, { base: 89.99 }], { 星级阈值: "89.995,80,70,60" });
    expect(bs.map((b) => b.stars)).toEqual([5, 4]);
  });

  test("a vetoed branch gets min(stars, 否决星级上限), default 1", async () => {
    const bs = await starsOf([
      { base: 100, veto: true },
      { base: 50, veto: true },
    ]);
    expect(bs.map((b) => [b.stars, b.tier])).toEqual([
      [1, "第三阶梯"],
      [1, "第三阶梯"],
    ]);
  });

  test("否决星级上限 3: a 5★ vetoed branch gets 3★ (第二阶梯), a 2★ one keeps 2★", async () => {
    const bs = await starsOf([{ base: 100, veto: true }, { base: 65, veto: true }, { base: 100 }], { 否决星级上限: "3" });
    expect(bs.map((b) => [b.stars, b.tier])).toEqual([
      [3, "第二阶梯"],
      [2, "第三阶梯"],
      [5, "第一阶梯"],
    ]);
  });

  test("否决星级上限 0 means no star (0) and 第三阶梯; 5 means no cap", async () => {
    const zero = await starsOf(
      [
        { base: 100, veto: true },
        { base: 10, veto: true },
      ],
      { 否决星级上限: "0" },
    );
    expect(zero.map((b) => [b.stars, b.tier])).toEqual([
      [0, "第三阶梯"],
      [0, "第三阶梯"],
    ]);
    const five = await starsOf([{ base: 100, veto: true }], { 否决星级上限: "5" });
    expect(five[0]).toMatchObject({ stars: 5, tier: "第一阶梯" });
  });

  test("the 考核结果 sheet shows 0 stars as 无星", async () => {
    const out = await assessment()
      .rules(ONE_ITEM_RULES)
      .branches(1)
      .settings({ 否决星级上限: 0 })
      .scores({ ZB001: { V1: "是" } })
      .run();
    const sheet = out.sheets.find((s) => s.name === "考核结果")!;
    const texts = sheet.rows.flat().map(cellValue);
    expect(texts).toContain("无星");
  });
});
