// annual.md §6: status, and every annual issue with its severity, period, file, sheet and cell exactly.
import { describe, expect, it } from "vitest";
import type { AnnualReportedIssue as AnnualIssue } from "../../src/model/annual-result.js";
import { ANNUAL_ISSUE_CODES } from "../../src/model/issues.js";
import { SHEET } from "../helpers/assessment-builder.js";
import { q, result } from "./year-builder.js";

const where = (i: AnnualIssue) => ({ severity: i.severity, period: i.period, file: i.file, sheet: i.sheet, cell: i.cell });
const T = { ZB001: 92, ZB002: 81 };
const provisional = (p: string, file: string) => q(p, T, { file, edit: (b) => b.set(SHEET.A, "C2", "abc") });

/** One run that raises every non-fatal annual code, and the fatal runs. */
async function allIssues(): Promise<AnnualIssue[]> {
  const weights = { 五星比例上限: "20%" };
  const year = await result(
    q(null, T, { file: "无周期.xlsx" }),
    q("2026Q1", { ...T, OLD: 60 }, { file: "一季度.xlsx", edit: (b) => b.rule("B1", { points: 3 }) }),
    provisional("2026Q2", "二季度.xlsx"),
    q(
      "2026Q4",
      { ZB001: 80, ZB002: 80, ZB003: 99, ZB004: 99, ZB005: 70 },
      {
        file: "四季度.xlsx",
        settings: weights,
        branches: [{ code: "ZB001" }, { code: "ZB002", category: "辅助类" }, { code: "ZB003" }, { code: "ZB004" }, { code: "ZB005" }],
        previousStars: { ZB005: "八" },
      },
    ),
  );
  const mixed = await result(
    q("2025Q4", T, { file: "去年.xlsx" }),
    q("2026Q1", T, { file: "今年.xlsx" }),
    q("2026Q1", T, { file: "重复.xlsx" }),
  );
  const none = await result(q(null, T, { file: "空.xlsx" }));
  return [...year.issues, ...mixed.issues, ...none.issues];
}

describe("§6 the issue table", () => {
  it("every code, with period, file, sheet and cell as annual.md §6 says", async () => {
    const issues = await allIssues();
    const byCode = (code: AnnualIssue["code"]) => issues.filter((i) => i.code === code).map(where);
    expect(byCode("ANNUAL_QUARTER_UNUSABLE")).toEqual([
      { severity: "error", period: null, file: "无周期.xlsx", sheet: null, cell: null },
      { severity: "error", period: null, file: "空.xlsx", sheet: null, cell: null },
    ]);
    expect(byCode("ANNUAL_QUARTER_DUPLICATE")).toEqual([
      { severity: "fatal", period: "2026Q1", file: "重复.xlsx", sheet: null, cell: null },
    ]);
    expect(byCode("ANNUAL_YEAR_MIXED")).toEqual([{ severity: "fatal", period: null, file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_NO_QUARTER")).toEqual([{ severity: "fatal", period: null, file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_QUARTER_ABSENT")).toEqual([{ severity: "error", period: "2026Q3", file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_QUARTER_PROVISIONAL")).toEqual([
      { severity: "error", period: "2026Q2", file: "二季度.xlsx", sheet: null, cell: null },
    ]);
    expect(byCode("ANNUAL_RULES_CHANGED")).toEqual([
      { severity: "warning", period: "2026Q1", file: "一季度.xlsx", sheet: null, cell: null },
    ]);
    expect(byCode("PREVIOUS_STARS_INVALID")).toEqual([
      { severity: "error", period: "2026Q4", file: "四季度.xlsx", sheet: "支部名册", cell: "F6" },
    ]);
    for (const code of ["ANNUAL_BRANCH_PARTIAL", "ANNUAL_BRANCH_DROPPED", "ANNUAL_CATEGORY_CHANGED", "ANNUAL_QUOTA_TIE"] as const) {
      expect(byCode(code).length, code).toBeGreaterThan(0);
      for (const w of byCode(code)) expect(w).toEqual({ severity: "warning", period: null, file: null, sheet: null, cell: null });
    }
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(ANNUAL_ISSUE_CODES));
  });

  it("every message is Chinese, names no internal term and says what to do next", async () => {
    for (const i of await allIssues()) {
      expect(i.message, i.code).toMatch(/[\u4e00-\u9fff]/);
      expect(i.message, i.code).toMatch(/请/);
      expect(i.message, i.code).not.toMatch(/ANNUAL_|undefined|null|NaN|\[object|。。|，。/);
    }
  });
});

describe("§6 status", () => {
  it("final without error-level issues (warnings allowed), provisional with one, fatal on a fatal one", async () => {
    const four = (o = {}) => ["2026Q1", "2026Q2", "2026Q3", "2026Q4"].map((p) => q(p, T, o));
    expect((await result(...four())).status).toBe("final");
    const joined = await result(q("2026Q1", { ZB001: 90 }), q("2026Q2", T), q("2026Q3", T), q("2026Q4", T));
    expect(joined.issues.map((i) => i.severity)).toEqual(["warning"]);
    expect(joined.status).toBe("final");
    expect((await result(...four().slice(1))).status).toBe("provisional");
    expect((await result(...four(), q("2026Q4", T))).status).toBe("fatal");
  });
});
