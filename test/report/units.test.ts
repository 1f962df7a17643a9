import { describe, expect, it } from "vitest";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";
import { assessment, ONE_ITEM_RULES } from "../helpers/assessment-builder.js";

/**
 * Units built for ties (总分 = the 1.1 score + bonus): 甲 (90 vetoed, 80), 乙 (85.01, 84.99) and
 * 丙 (90, 90, 75.01: an exact mean of 85.00333…) all average 85.00; 丁 has one branch at 67.5 + a
 * disputed bonus (2.5 provisionally) = 70; 戊 (60.01, 60) averages 60.005, rounded half up to
 * 60.01; ZB011 has no unit.
 */
const BRANCHES = [
  ["ZB001", "甲", 90],
  ["ZB002", "甲", 80],
  ["ZB003", "乙", 85.01],
  ["ZB004", "乙", 84.99],
  ["ZB005", "丙", 90],
  ["ZB006", "丙", 90],
  ["ZB007", "丙", 75.01],
  ["ZB008", "丁", 67.5],
  ["ZB009", "戊", 60.01],
  ["ZB010", "戊", 60],
  ["ZB011", "", 50],
] as const;

const tied = (ranking?: string) => {
  const scores = (bonusB: number) =>
    Object.fromEntries(
      BRANCHES.map(([code, , score]) => [code, { "1.1": score, B1: code === "ZB008" ? bonusB : 0, V1: code === "ZB001" ? "是" : "否" }]),
    );
  return assessment()
    .settings(ranking === undefined ? { 考核周期: "2026Q3" } : { 考核周期: "2026Q3", 排名方式: ranking })
    .rules(ONE_ITEM_RULES)
    .branches(BRANCHES.map(([code, unit]) => ({ code, unit })))
    .scoresA(scores(0))
    .scoresB(scores(5));
};

const sheet = (sheets: readonly SheetSpec[], name: string) => sheets.find((s) => s.name === name);
/** A sheet's rows below its header (the row starting with `first`), as values. */
function table(spec: SheetSpec, first: string): unknown[][] {
  const header = spec.rows.findIndex((r) => cellValue(r[0]) === first);
  return spec.rows.slice(header).map((r) => r.map((e) => cellValue(e)));
}

describe("单位汇总: each 所属单位's branches, averages and rank", () => {
  it("averages exactly (round2), counts stars, vetoes and pending items, ranks ties together (并列跳位)", async () => {
    const out = await tied().run();
    expect(out.result.units).toEqual([
      { unit: "丙", branches: 3, average: 85, highest: 90, lowest: 75.01, starCounts: [0, 0, 0, 1, 0, 2], vetoed: 0, pending: 0, rank: 1 },
      {
        unit: "乙",
        branches: 2,
        average: 85,
        highest: 85.01,
        lowest: 84.99,
        starCounts: [0, 0, 0, 0, 2, 0],
        vetoed: 0,
        pending: 0,
        rank: 1,
      },
      { unit: "甲", branches: 2, average: 85, highest: 90, lowest: 80, starCounts: [0, 1, 0, 0, 1, 0], vetoed: 1, pending: 0, rank: 1 },
      { unit: "丁", branches: 1, average: 70, highest: 70, lowest: 70, starCounts: [0, 0, 0, 1, 0, 0], vetoed: 0, pending: 1, rank: 4 },
      {
        unit: "戊",
        branches: 2,
        average: 60.01,
        highest: 60.01,
        lowest: 60,
        starCounts: [0, 0, 2, 0, 0, 0],
        vetoed: 0,
        pending: 0,
        rank: 5,
      },
      { unit: "", branches: 1, average: 50, highest: 50, lowest: 50, starCounts: [0, 1, 0, 0, 0, 0], vetoed: 0, pending: 0, rank: null },
    ]);
    const units = sheet(out.sheets, OUTPUT_SHEETS.units)!;
    expect(table(units, "排名")).toEqual([
      ["排名", "所属单位", "支部数", "平均总分", "最高总分", "最低总分", "五星", "四星", "三星", "二星", "一星", "否决数", "待仲裁项数"],
      [1, "丙", 3, 85, 90, 75.01, 2, 0, 1, 0, 0, 0, 0],
      [1, "乙", 2, 85, 85.01, 84.99, 0, 2, 0, 0, 0, 0, 0],
      [1, "甲", 2, 85, 90, 80, 0, 1, 0, 0, 1, 1, 0],
      [4, "丁", 1, 70, 70, 70, 0, 0, 1, 0, 0, 0, 1],
      [5, "戊", 2, 60.01, 60.01, 60, 0, 0, 0, 2, 0, 0, 0],
      [null, "（未填所属单位）", 1, 50, 50, 50, 0, 0, 0, 0, 1, 0, 0],
    ]);
    expect(units.print).toMatchObject({ orientation: "landscape", fitToWidth: true });
  });

  it("中国式 numbers the next unit on (1,1,1,2,3); the 无星 column appears when a branch can have no star", async () => {
    const out = await tied("中国式").run();
    expect(out.result.units!.map((u) => [u.unit, u.rank])).toEqual([
      ["丙", 1],
      ["乙", 1],
      ["甲", 1],
      ["丁", 2],
      ["戊", 3],
      ["", null],
    ]);
    const noStar = await tied().settings({ 考核周期: "2026Q3", 否决星级上限: 0 }).run();
    expect(noStar.result.units!.find((u) => u.unit === "甲")!.starCounts).toEqual([1, 0, 0, 0, 1, 0]);
    expect(table(sheet(noStar.sheets, OUTPUT_SHEETS.units)!, "排名")[0]).toContain("无星");
  });

  it("gives each branch its rank within its unit (否决排末位, ties shared) and shows it in 考核结果 with 所属单位", async () => {
    const out = await tied().run();
    const rank = (code: string) => out.result.branches.find((b) => b.code === code)!;
    expect(["ZB001", "ZB002", "ZB005", "ZB006", "ZB007", "ZB011"].map((c) => [c, rank(c).unit, rank(c).unitRank])).toEqual([
      ["ZB001", "甲", 2], // vetoed: after 80 in its unit
      ["ZB002", "甲", 1],
      ["ZB005", "丙", 1],
      ["ZB006", "丙", 1],
      ["ZB007", "丙", 3],
      ["ZB011", "", null],
    ]);
    const china = await tied("中国式").run();
    expect(china.result.branches.find((b) => b.code === "ZB007")!.unitRank).toBe(2);

    const results = table(sheet(out.sheets, OUTPUT_SHEETS.results)!, "排名");
    expect(results[0]!.slice(0, 7)).toEqual(["排名", "支部编码", "支部名称", "支部类别", "所属单位", "类别排名", "单位内排名"]);
    const zb001 = results.find((r) => r[1] === "ZB001")!;
    expect([zb001[4], zb001[6]]).toEqual(["甲", 2]);
  });

  it("is left out, with 考核结果's unit columns, when the roster gives no unit", async () => {
    const out = await assessment().rules(ONE_ITEM_RULES).branches(3).run();
    expect(out.result.units).toBeNull();
    expect(out.result.branches.every((b) => b.unit === "" && b.unitRank === null)).toBe(true);
    expect(sheet(out.sheets, OUTPUT_SHEETS.units)).toBeUndefined();
    const head = table(sheet(out.sheets, OUTPUT_SHEETS.results)!, "排名")[0]!;
    expect(head).not.toContain("所属单位");
    expect(head).not.toContain("单位内排名");
  });
});
