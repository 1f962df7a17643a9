import { describe, expect, it } from "vitest";
import { a1, parseA1 } from "../../src/model/cell.js";
import type { Result } from "../../src/model/result.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { MAX_PAGE_BREAKS } from "../../src/report/excel-limits.js";
import { cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";
import { MAX_PROFILE_CHARTS, profileBlockRange, profilesLayout, profilesSheet } from "../../src/report/sheets/profiles.js";
import { outputSheets } from "../../src/report/sheets/output-sheets.js";
import { assessment } from "../helpers/assessment-builder.js";

const values = (s: SheetSpec) => s.rows.map((r) => r.map(cellValue));
const at = (s: SheetSpec, ref: string) => {
  const { row, col } = parseA1(ref);
  return cellValue(s.rows[row]?.[col]);
};
const titleRows = (s: SheetSpec) => values(s).flatMap((r, i) => (typeof r[0] === "string" && r[0].endsWith("考核画像") ? [i] : []));

async function sample(): Promise<Result> {
  return assessment()
    .branches([
      { code: "ZB001", name: "一支部", category: "生产类" },
      { code: "ZB002", name: "二支部", category: "生产类" },
      { code: "ZB003", name: "三支部", category: "辅助类" },
    ])
    .scoresA({ ZB001: { "1.1": 2, B1: 1 }, ZB002: { "2.1": 3 } })
    .scoresB({ ZB001: { "1.1": 2, B1: 1 }, ZB002: { "2.1": 3 } })
    .notes([{ branch: "ZB001", item: "1.1", rater: "A", note: "未传达学习两次" }])
    .result();
}

/** The result with its branches repeated under new codes up to n (the sheet's layout only reads the result). */
function widened(result: Result, n: number): Result {
  const branches = Array.from({ length: n }, (_, i) => ({ ...result.branches[i % result.branches.length]!, code: `X${i}`, rank: i + 1 }));
  const profiles = Array.from({ length: n }, (_, i) => ({ ...result.profiles[i % result.profiles.length]!, code: `X${i}` }));
  return { ...result, branches, profiles };
}

describe("支部画像", () => {
  it("sits after 统计图表 among the output sheets", async () => {
    const result = await sample();
    const names = outputSheets(result, { time: "t", rulesFingerprint: "", inputFingerprint: "", resultFingerprint: "" }).map((s) => s.name);
    expect(names.slice(-3)).toEqual([OUTPUT_SHEETS.charts, OUTPUT_SHEETS.profiles, OUTPUT_SHEETS.log]);
  });

  it("has one block per branch in rank order, each but the first starting a printed page", async () => {
    const result = await sample();
    const sheet = profilesSheet(result);
    const titles = titleRows(sheet);
    expect(titles.map((r) => values(sheet)[r]![0])).toEqual(result.branches.map((b) => `${b.name} 2026Q3 考核画像`));
    expect(titles[0]).toBe(0);
    expect(sheet.print).toMatchObject({
      orientation: "portrait",
      fitToWidth: true,
      narrowMargins: true,
      footer: "2026Q3 支部画像\u3000第 &P 页 共 &N 页",
      pageBreaksBefore: titles.slice(1),
    });
    // Each block's range for 转到画像页 runs from its title to the row before the next.
    const { blocks } = profilesLayout(result);
    result.branches.forEach((b, i) => {
      expect(blocks.get(b.code)!.first).toBe(titles[i]);
      if (i + 1 < titles.length) expect(blocks.get(b.code)!.last).toBe(titles[i + 1]! - 1);
    });
    expect(profileBlockRange(result, result.branches[1]!.code)).toBe(`A${titles[1]! + 1}:H${titles[2]!}`);
    expect(profileBlockRange(result, "NOPE")).toBeNull();
  });

  it("shows the key figures, the area table, 短板弱项, 扣分明细 with notes and the bonuses of a branch", async () => {
    const result = await sample();
    const sheet = profilesSheet(result);
    const code = "ZB001";
    const { first, last } = profilesLayout(result).blocks.get(code)!;
    const block = values(sheet).slice(first, last + 1);
    const b = result.branches.find((x) => x.code === code)!;
    const flat = block.flat();
    expect(block[1]!.slice(0, 4)).toEqual(["总分", b.total, "星级", "★★★★★".slice(0, b.stars) + "☆".repeat(5 - b.stars)]);
    expect(block[2]!.slice(0, 6)).toEqual(["排名", `${b.rank}/3`, "类别排名", `${b.categoryRank}/2`, "支部编码", code]);
    const head = block.findIndex((r) => r[0] === "考核方面");
    expect(block[head]).toEqual(["考核方面", "得分率", "类别平均", "全体平均", "差距", "得分", "满分"]);
    const p = result.profiles.find((x) => x.code === code)!;
    expect(block[head + 1]).toEqual([
      p.areas[0]!.name,
      p.areas[0]!.rate,
      p.areas[0]!.categoryAverage,
      p.areas[0]!.overallAverage,
      p.areas[0]!.gap,
      p.areas[0]!.score,
      p.areas[0]!.max,
    ]);
    expect(p.weakAreas[0]!.name).toBe("政治建设");
    expect(flat).toContain("1.1（扣 2 分）");
    expect(flat).toContain('1.1 学习贯彻上级决策部署，落实"第一议题"制度');
    expect(flat).toContain("党建部门：未传达学习两次");
    expect(flat).toContain("加分");
    expect(flat).toContain("B1");
    // A branch without deductions, bonuses or vetoes says so in one line each.
    const three = profilesLayout(result).blocks.get("ZB003")!;
    const other = values(sheet)
      .slice(three.first, three.last + 1)
      .flat();
    expect(other).toContain("扣分明细：无，各基础项目均得满分。");
    expect(other).toContain("加分与否决：无加分项目，未触发否决项目。");
  });

  it("draws a radar per branch, the branch against its category mean, from the block's own table", async () => {
    const result = await sample();
    const sheet = profilesSheet(result);
    expect(sheet.charts).toHaveLength(3);
    const { blocks } = profilesLayout(result);
    sheet.charts!.forEach((chart, i) => {
      const block = blocks.get(result.branches[i]!.code)!;
      expect(chart.kind).toBe("radar");
      expect(chart.series.map((s) => s.name)).toEqual(["本支部", "类别平均"]);
      const [from, to] = chart.table.split(":").map(parseA1) as [{ row: number; col: number }, { row: number; col: number }];
      expect(from.row).toBeGreaterThan(block.first);
      expect(to.row).toBeLessThan(block.last);
      expect(at(sheet, a1(from.row, 0))).toBe("考核方面");
      expect([at(sheet, a1(from.row, 1)), at(sheet, a1(from.row, 2))]).toEqual(["得分率", "类别平均"]);
      expect(parseA1(chart.anchor.from).row).toBeGreaterThan(to.row);
      expect(parseA1(chart.anchor.to).row).toBeLessThan(block.last);
      expect([chart.min, chart.max]).toEqual([0, 100]);
    });
  });

  it(`has no charts above ${MAX_PROFILE_CHARTS} branches, says why at the top and lists each block as text in two columns`, async () => {
    const result = await sample();
    expect(profilesSheet(widened(result, MAX_PROFILE_CHARTS)).charts).toHaveLength(MAX_PROFILE_CHARTS);
    const many = widened(result, MAX_PROFILE_CHARTS + 1);
    const sheet = profilesSheet(many);
    expect(sheet.charts ?? []).toEqual([]);
    expect(at(sheet, "A1")).toBe("说明");
    expect(String(at(sheet, "B1"))).toContain(`共 ${MAX_PROFILE_CHARTS + 1} 个支部，超过 ${MAX_PROFILE_CHARTS} 个`);
    // One look for each of the two columns, no merges: cheap for Office.js whatever the number of branches.
    expect(new Set(sheet.rows.map((r) => r.map((e) => (typeof e === "object" && e !== null ? e.style : null)).join()))).toEqual(
      new Set(["header,textWrap"]),
    );
    expect(sheet.merges ?? []).toEqual([]);
    const titles = values(sheet).flatMap((r, i) => (String(r[1]).endsWith("考核画像") ? [i] : []));
    expect(titles).toHaveLength(MAX_PROFILE_CHARTS + 1);
    expect(sheet.print!.pageBreaksBefore).toEqual(titles.slice(1));
    // The copy of ZB001, the branch with a deduction and a bonus.
    const x = `X${result.branches.findIndex((b) => b.code === "ZB001")}`;
    const { first, last } = profilesLayout(many).blocks.get(x)!;
    const block = values(sheet).slice(first, last + 1);
    const p = many.profiles.find((q) => q.code === x)!;
    expect(block.map((r) => r[0])).toEqual([
      "支部画像",
      "总分",
      ...p.areas.map((a) => a.name),
      "短板弱项",
      ...p.deductions.map((d) => `扣分 ${d.item}`),
      "加分与否决",
    ]);
    expect(block[2]![1]).toBe(
      `得分率 ${p.areas[0]!.rate.toFixed(2)}%（${p.areas[0]!.score} / ${p.areas[0]!.max} 分）；类别平均 ${p.areas[0]!.categoryAverage!.toFixed(2)}，差距 −${Math.abs(p.areas[0]!.gap!).toFixed(2)}；全体平均 ${p.areas[0]!.overallAverage.toFixed(2)}`,
    );
    expect(block.flat()).toContain('学习贯彻上级决策部署，落实"第一议题"制度：扣 2 分（一致）。党建部门：未传达学习两次');
    expect(block.flat()).toContain("加分 B1 支部获集团级及以上党组织表彰：1 分");
    expect(profileBlockRange(many, x)).toBe(`A${first + 1}:B${last + 1}`);
  });

  it(`keeps to Excel's ${MAX_PAGE_BREAKS} page breaks and says so on the sheet`, async () => {
    const result = await sample();
    const fits = profilesSheet(widened(result, MAX_PAGE_BREAKS + 1));
    expect(fits.print!.pageBreaksBefore).toHaveLength(MAX_PAGE_BREAKS);
    expect(values(fits).flat().join("")).not.toContain("手动分页符");
    const sheet = profilesSheet(widened(result, MAX_PAGE_BREAKS + 5));
    expect(sheet.print!.pageBreaksBefore).toHaveLength(MAX_PAGE_BREAKS);
    expect(values(sheet).slice(0, 3).flat().join("")).toContain(`最多 ${MAX_PAGE_BREAKS} 个手动分页符`);
    expect(sheet.print!.pageBreaksBefore!.at(-1)).toBeLessThan(sheet.rows.length);
  });
});
