// annual.md §1: which workbooks make the year, the fatal year checks, absent and provisional quarters.
import { describe, expect, it } from "vitest";
import { SHEET } from "../helpers/assessment-builder.js";
import { branch, codes, issuesOf, q, result } from "./year-builder.js";

const T = { ZB001: 92, ZB002: 81 };

describe("§1 each workbook is assessed as `scorecard score` would", () => {
  it("takes 总分 from the quarter's own grids, never from result sheets already in the workbook", async () => {
    const stale = q("2026Q1", T, {
      edit: (b) =>
        b.sheet("考核结果", [
          ["排名", "支部编码", "总分"],
          [1, "ZB002", 99],
          [2, "ZB001", 10],
        ]),
    });
    const r = await result(stale, q("2026Q2", T), q("2026Q3", T), q("2026Q4", T));
    expect(branch(r, "ZB001").quarters[0]).toEqual({ period: "2026Q1", total: 92, stars: 5, rank: 1, vetoed: false });
    expect(branch(r, "ZB002").quarters[0]!.total).toBe(81);
  });

  it("lists the usable quarters in quarter order with their own status and branch count, whatever the order given", async () => {
    const r = await result(q("2026Q3", T), q("2026Q1", T), q("2026Q4", { ...T, ZB003: 70 }), q("2026Q2", T));
    expect(r.quarters).toEqual([
      { period: "2026Q1", file: "2026Q1.xlsx", status: "final", branches: 2 },
      { period: "2026Q2", file: "2026Q2.xlsx", status: "final", branches: 2 },
      { period: "2026Q3", file: "2026Q3.xlsx", status: "final", branches: 2 },
      { period: "2026Q4", file: "2026Q4.xlsx", status: "final", branches: 3 },
    ]);
    expect(r.year).toBe(2026);
    expect(r.status).toBe("final");
  });
});

describe("§1 unusable workbooks: ANNUAL_QUARTER_UNUSABLE, left out", () => {
  it("a quarter whose own result is fatal (a required sheet missing), even with a readable 考核周期", async () => {
    const broken = q("2026Q2", T, { file: "二季度.xlsx", edit: (b) => b.without(SHEET.B) });
    const r = await result(q("2026Q1", T), broken, q("2026Q3", T), q("2026Q4", T));
    expect(issuesOf(r, "ANNUAL_QUARTER_UNUSABLE")).toEqual([
      expect.objectContaining({ severity: "error", period: null, file: "二季度.xlsx", sheet: null, cell: null }),
    ]);
    expect(issuesOf(r, "ANNUAL_QUARTER_UNUSABLE")[0]!.message).toContain("缺少工作表“评分B”");
    expect(r.quarters.map((x) => x.period)).toEqual(["2026Q1", "2026Q3", "2026Q4"]);
    // It is not in the year, so its quarter is absent too; the year is provisional.
    expect(issuesOf(r, "ANNUAL_QUARTER_ABSENT").map((i) => i.period)).toEqual(["2026Q2"]);
    expect(r.status).toBe("provisional");
    expect(branch(r, "ZB001").quarters[1]).toBeNull();
  });

  it("a quarter with no 考核周期, or an invalid one", async () => {
    const none = q(null, T, { file: "无周期.xlsx" });
    const invalid = q("2026年第五季度", T, { file: "五季度.xlsx" });
    const r = await result(none, invalid, q("2026Q1", T), q("2026Q2", T), q("2026Q3", T), q("2026Q4", T));
    const unusable = issuesOf(r, "ANNUAL_QUARTER_UNUSABLE");
    expect(unusable.map((i) => [i.file, i.period, i.sheet, i.cell])).toEqual([
      ["无周期.xlsx", null, null, null],
      ["五季度.xlsx", null, null, null],
    ]);
    expect(unusable[0]!.message).toContain("没有填写考核周期");
    expect(unusable[1]!.message).toContain("考核周期无效");
    expect(r.status).toBe("provisional");
    expect(r.inputs.map((i) => [i.file, i.usable])).toEqual([
      ["无周期.xlsx", false],
      ["五季度.xlsx", false],
      ["2026Q1.xlsx", true],
      ["2026Q2.xlsx", true],
      ["2026Q3.xlsx", true],
      ["2026Q4.xlsx", true],
    ]);
  });

  it("an unreadable file", async () => {
    const notAWorkbook = {
      file: "说明.docx",
      reader: {
        read: async () => {
          throw (await import("../../src/io/workbook.js")).unreadable("NOT_A_ZIP", {});
        },
      },
    };
    const r = await result(notAWorkbook, q("2026Q1", T), q("2026Q2", T), q("2026Q3", T), q("2026Q4", T));
    expect(issuesOf(r, "ANNUAL_QUARTER_UNUSABLE").map((i) => i.file)).toEqual(["说明.docx"]);
    expect(issuesOf(r, "ANNUAL_QUARTER_UNUSABLE")[0]!.message).toContain("无法作为 Excel 工作簿读取");
    expect(r.inputs[0]).toMatchObject({ file: "说明.docx", period: null, status: "fatal", usable: false, fatal: 1 });
  });
});

describe("§1 fatal year checks: reported together, nothing later, no results", () => {
  it("ANNUAL_YEAR_MIXED once, with no year", async () => {
    const r = await result(q("2025Q4", T), q("2026Q1", T), q("2026Q2", T));
    expect(r.status).toBe("fatal");
    expect(codes(r)).toEqual(["ANNUAL_YEAR_MIXED"]);
    expect(r.issues[0]).toMatchObject({ severity: "fatal", period: null, file: null, sheet: null, cell: null });
    expect(r.year).toBeNull();
    expect(r).toMatchObject({ settings: null, quarters: [], branches: [] });
  });

  it("ANNUAL_QUARTER_DUPLICATE on each workbook after the first for that period, in the order given", async () => {
    const r = await result(
      q("2026Q2", T, { file: "a.xlsx" }),
      q("2026Q1", T, { file: "b.xlsx" }),
      q("2026-q2", T, { file: "c.xlsx" }),
      q("2026年第二季度", T, { file: "d.xlsx" }),
    );
    expect(r.status).toBe("fatal");
    expect(issuesOf(r, "ANNUAL_QUARTER_DUPLICATE").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["fatal", "2026Q2", "c.xlsx", null, null],
      ["fatal", "2026Q2", "d.xlsx", null, null],
    ]);
    expect(issuesOf(r, "ANNUAL_QUARTER_DUPLICATE")[0]!.message).toContain("a.xlsx");
    // The usable quarters still have one year.
    expect(r.year).toBe(2026);
  });

  it("ANNUAL_NO_QUARTER when no workbook is usable, with only the unusable ones besides", async () => {
    const r = await result(q(null, T, { file: "x.xlsx" }), q("2026Q1", T, { file: "y.xlsx", edit: (b) => b.without(SHEET.A) }));
    expect(r.status).toBe("fatal");
    expect(codes(r)).toEqual(["ANNUAL_QUARTER_UNUSABLE", "ANNUAL_QUARTER_UNUSABLE", "ANNUAL_NO_QUARTER"]);
    expect(issuesOf(r, "ANNUAL_NO_QUARTER")[0]).toMatchObject({ severity: "fatal", period: null, file: null, sheet: null, cell: null });
    expect(r.year).toBeNull();
  });

  it("every fatal problem together; no ANNUAL_QUARTER_ABSENT, PROVISIONAL or later issue", async () => {
    const provisional = (p: string, file: string) => q(p, T, { file, edit: (b) => b.set(SHEET.A, "C2", "abc") });
    const r = await result(
      q(null, T, { file: "bad.xlsx" }),
      provisional("2025Q3", "old.xlsx"),
      provisional("2026Q1", "q1.xlsx"),
      provisional("2026Q1", "q1-again.xlsx"),
      q("2026Q2", { ZB009: 50 }, { file: "q2.xlsx", previousStars: { ZB009: "七" } }),
    );
    expect(r.status).toBe("fatal");
    expect(codes(r).sort()).toEqual(["ANNUAL_QUARTER_DUPLICATE", "ANNUAL_QUARTER_UNUSABLE", "ANNUAL_YEAR_MIXED"]);
    expect(r.branches).toEqual([]);
    expect(r.quarters).toEqual([]);
  });

  it("no workbook at all", async () => {
    const r = await result();
    expect(r.status).toBe("fatal");
    expect(codes(r)).toEqual(["ANNUAL_NO_QUARTER"]);
    expect(r.issues[0]!.message).toContain("没有选择季度工作簿");
  });
});

describe("§1 absent and provisional quarters", () => {
  it("ANNUAL_QUARTER_ABSENT: one per quarter of the year without a usable workbook (a mid-year preview)", async () => {
    const r = await result(q("2026Q2", T, { file: "second.xlsx" }));
    expect(r.status).toBe("provisional");
    expect(issuesOf(r, "ANNUAL_QUARTER_ABSENT").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["error", "2026Q1", null, null, null],
      ["error", "2026Q3", null, null, null],
      ["error", "2026Q4", null, null, null],
    ]);
    expect(branch(r, "ZB001").score).toBe(92);
  });

  it("ANNUAL_QUARTER_PROVISIONAL: one per provisional quarter; the quarter's own issues are not repeated", async () => {
    const provisional = q("2026Q3", T, { file: "三季度.xlsx", edit: (b) => b.set(SHEET.A, "C2", "abc").set(SHEET.A, "C3", -1) });
    const r = await result(q("2026Q1", T), q("2026Q2", T), provisional, q("2026Q4", T));
    expect(r.status).toBe("provisional");
    expect(issuesOf(r, "ANNUAL_QUARTER_PROVISIONAL").map((i) => [i.severity, i.period, i.file, i.sheet, i.cell])).toEqual([
      ["error", "2026Q3", "三季度.xlsx", null, null],
    ]);
    expect(issuesOf(r, "ANNUAL_QUARTER_PROVISIONAL")[0]!.message).toContain("2 个错误");
    expect(codes(r)).not.toContain("SCORE_NOT_NUMBER");
    // Its provisional totals count as they are (the invalid cells count as blank: B's score alone).
    expect(branch(r, "ZB001").quarters[2]!.total).toBe(92);
    expect(r.inputs[2]).toMatchObject({ status: "provisional", usable: true, errors: 2 });
  });
});

describe("§1 the latest quarter supplies the roster and the settings", () => {
  it("graded branches are the latest quarter's roster, with its names, categories and units", async () => {
    const early = q(
      "2026Q1",
      { ZB001: 90, ZB002: 85 },
      { branches: [{ code: "ZB001", name: "旧名", category: "辅助类", unit: "旧单位" }, { code: "ZB002" }] },
    );
    const latest = q(
      "2026Q2",
      { ZB001: 88, ZB003: 70 },
      {
        branches: [
          { code: "ZB001", name: "新名", category: "管理", unit: "机关" },
          { code: "ZB003", category: "生产" },
        ],
      },
    );
    const r = await result(latest, early);
    expect(r.branches.map((b) => [b.code, b.name, b.category, b.unit])).toEqual([
      ["ZB001", "新名", "综合管理类", "机关"],
      ["ZB003", "ZB003党支部", "生产类", ""],
    ]);
  });

  it("the settings in force are the latest quarter's (defaults where absent or invalid)", async () => {
    const settings = {
      星级阈值: "95,85,75,65",
      否决星级上限: 2,
      排名方式: "中国式",
      否决排末位: "否",
      五星比例上限: "12.5%",
      季度权重: "1，2、3,4",
      年度计分方式: "季度加权",
      逐级晋升: "是",
    };
    const r = await result(
      q("2026Q1", T, { settings: { 五星比例上限: "50%" } }),
      q("2026Q2", T, { settings: { ...settings, 四星比例上限: "二成" } }),
    );
    expect(r.settings).toEqual({
      method: "季度加权",
      weights: [1, 2, 3, 4],
      fiveStarCap: 0.125,
      fourStarCap: null,
      stepwise: true,
      starThresholds: [95, 85, 75, 65],
      vetoStarCap: 2,
      vetoLast: false,
      ranking: "中国式",
    });
    expect(issuesOf(r, "ANNUAL_QUARTER_PROVISIONAL").map((i) => i.period)).toEqual(["2026Q2"]);
  });

  it("defaults when the latest quarter has no annual settings", async () => {
    const r = await result(q("2026Q4", T));
    expect(r.settings).toEqual({
      method: "季度平均",
      weights: [1, 1, 1, 1],
      fiveStarCap: null,
      fourStarCap: null,
      stepwise: false,
      starThresholds: [90, 80, 70, 60],
      vetoStarCap: 1,
      vetoLast: true,
      ranking: "并列跳位",
    });
  });

  it("reads only the latest quarter's 支部名册 (no other sheet of it is needed for the year)", async () => {
    const r = await result(q("2026Q1", T, { previousStars: { ZB001: 2 } }), q("2026Q2", T, { previousStars: { ZB001: 4 } }));
    expect(branch(r, "ZB001").previousStars).toBe(4);
  });
});
