// Templates for the year: the five annual settings and the 上年星级 column (annual.md §2).
import { describe, expect, it } from "vitest";
import { num, text } from "../../src/model/cell.js";
import { cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";
import { rosterFromTable } from "../../src/template/roster-source.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { TABLES } from "../../src/model/sheets.js";
import { findTable } from "../../src/validate/table.js";

const sheet = (sheets: SheetSpec[], name: string) => sheets.find((s) => s.name === name)!;
const values = (s: SheetSpec) => s.rows.map((r) => r.map(cellValue));
const branches = [
  { code: "ZB01", name: "一支部", category: "生产类" as const, unit: "炼钢厂", previousStars: 4 },
  { code: "ZB02", name: "二支部", category: "辅助类" as const, unit: "机关" },
];

describe("templates and the annual grade", () => {
  it("考核设置 lists the five annual settings with their defaults, explanations and lists", () => {
    const s = sheet(templateSheets({ branches, period: "2026Q1" }), "考核设置");
    const rows = values(s);
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    expect(row("年度计分方式").slice(0, 2)).toEqual(["年度计分方式", "季度平均"]);
    expect(row("季度权重").slice(0, 2)).toEqual(["季度权重", "1,1,1,1"]);
    expect(row("五星比例上限").slice(0, 2)).toEqual(["五星比例上限", null]);
    expect(row("四星比例上限").slice(0, 2)).toEqual(["四星比例上限", null]);
    expect(row("逐级晋升").slice(0, 2)).toEqual(["逐级晋升", "否"]);
    for (const name of ["年度计分方式", "季度权重", "五星比例上限", "四星比例上限", "逐级晋升"])
      expect(String(row(name)[2])).toContain("年度定级");
    const lists = (s.validations ?? []).filter((v) => v.kind === "list").map((v) => (v.kind === "list" ? v.values.join("/") : ""));
    expect(lists).toContain("季度平均/季度加权");
    expect(lists).toContain("是/否");
  });

  it("支部名册 has the optional 上年星级 column, whole numbers 0–5, also for branches added below", () => {
    const s = sheet(templateSheets({ branches }), "支部名册");
    expect(values(s)[0]).toEqual(["支部编码", "支部名称", "支部类别", "所属单位", "党员人数", "上年星级"]);
    expect(
      values(s)
        .slice(1)
        .map((r) => r[5] ?? null),
    ).toEqual([4, null]);
    expect(s.validations).toEqual([expect.objectContaining({ kind: "decimal", integer: true, min: 0, max: 5, range: "F2:F503" })]);
    const example = sheet(templateSheets(), "支部名册");
    expect(values(example)[1]![5]).toBe("上年星级");
    expect(example.validations![0]!.range).toMatch(/^F3:F/);
  });

  it("填报说明 describes the year-end flow", () => {
    const s = sheet(templateSheets({ branches }), "填报说明");
    const all = values(s).flat().join("");
    expect(all).toContain("六、年度定级");
    expect(all).toContain("上年星级");
    expect(all).toContain("公示名单");
  });

  it("a roster taken from last quarter's workbook carries 上年星级 over as typed", () => {
    const grid = {
      name: "支部名册",
      rows: [
        [...TABLES.roster.required, "上年星级"].map(text),
        [text("ZB01"), text("一支部"), text("生产类"), num(3)],
        [text("ZB02"), text("二支部"), text("生产类"), null],
        [text("ZB03"), text("三支部"), text("生产类"), text("★★★★☆")],
      ],
    };
    const { branches: read } = rosterFromTable(findTable(grid, TABLES.roster.required)!, "支部名册");
    expect(read.map((b) => b.previousStars ?? null)).toEqual([3, null, "★★★★☆"]);
  });
});
