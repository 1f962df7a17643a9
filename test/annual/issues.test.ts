// annual.md §6: status, and every annual issue with its severity, period, file, sheet and cell exactly.
import { describe, expect, it } from "vitest";
import { ANNUAL_ISSUE_CODES, annualIssue, type AnnualIssue } from "../../src/model/annual-issues.js";
import { ANNUAL_MESSAGES_ZH } from "../../src/model/annual-messages-zh.js";
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
    q("2026Q4", { ZB001: 80, ZB002: 80, ZB003: 99, ZB004: 99, ZB005: 70 }, {
      file: "四季度.xlsx",
      settings: weights,
      branches: [{ code: "ZB001" }, { code: "ZB002", category: "辅助类" }, { code: "ZB003" }, { code: "ZB004" }, { code: "ZB005" }],
      previousStars: { ZB005: "八" },
    }),
  );
  const mixed = await result(q("2025Q4", T, { file: "去年.xlsx" }), q("2026Q1", T, { file: "今年.xlsx" }), q("2026Q1", T, { file: "重复.xlsx" }));
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
    expect(byCode("ANNUAL_QUARTER_DUPLICATE")).toEqual([{ severity: "fatal", period: "2026Q1", file: "重复.xlsx", sheet: null, cell: null }]);
    expect(byCode("ANNUAL_YEAR_MIXED")).toEqual([{ severity: "fatal", period: null, file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_NO_QUARTER")).toEqual([{ severity: "fatal", period: null, file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_QUARTER_ABSENT")).toEqual([{ severity: "error", period: "2026Q3", file: null, sheet: null, cell: null }]);
    expect(byCode("ANNUAL_QUARTER_PROVISIONAL")).toEqual([{ severity: "error", period: "2026Q2", file: "二季度.xlsx", sheet: null, cell: null }]);
    expect(byCode("ANNUAL_RULES_CHANGED")).toEqual([{ severity: "warning", period: "2026Q1", file: "一季度.xlsx", sheet: null, cell: null }]);
    expect(byCode("PREVIOUS_STARS_INVALID")).toEqual([{ severity: "error", period: "2026Q4", file: "四季度.xlsx", sheet: "支部名册", cell: "F6" }]);
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

describe("the annual message catalogue", () => {
  it("renders each code from its typed values", () => {
    const b = { code: "ZB001", name: "第一党支部" };
    const render = Object.fromEntries(
      [
        annualIssue("ANNUAL_QUARTER_UNUSABLE", { file: "a.xlsx", reason: "fatal", fatal: 2, first: { code: "SHEET_MISSING", sheet: "评分B" } }),
        annualIssue("ANNUAL_QUARTER_UNUSABLE", { file: "a.docx", reason: "fatal", fatal: 1, first: { code: "WORKBOOK_UNREADABLE", sheet: null } }),
        annualIssue("ANNUAL_QUARTER_UNUSABLE", { file: "a.xlsx", reason: "period", missing: true }),
        annualIssue("ANNUAL_YEAR_MIXED", { years: [{ year: 2025, files: ["a.xlsx"] }, { year: 2026, files: ["b.xlsx", "c.xlsx"] }] }),
        annualIssue("ANNUAL_QUARTER_DUPLICATE", { file: "c.xlsx", period: "2026Q2", firstFile: "b.xlsx" }),
        annualIssue("ANNUAL_NO_QUARTER", { given: 2 }),
        annualIssue("ANNUAL_QUARTER_ABSENT", { period: "2026Q3" }),
        annualIssue("ANNUAL_QUARTER_PROVISIONAL", { file: "b.xlsx", period: "2026Q2", errors: 3 }),
        annualIssue("PREVIOUS_STARS_INVALID", { cell: "F3", branch: b, value: "八" }),
        annualIssue("ANNUAL_RULES_CHANGED", { file: "a.xlsx", period: "2026Q1", latest: "2026Q4", difference: "本季度有 30 个考核项，最新季度有 31 个" }),
        annualIssue("ANNUAL_BRANCH_PARTIAL", { branch: b, periods: ["2026Q3", "2026Q4"], usable: 4 }),
        annualIssue("ANNUAL_BRANCH_DROPPED", { branch: { code: "OLD", name: "" }, periods: ["2026Q1"], latest: "2026Q4" }),
        annualIssue("ANNUAL_CATEGORY_CHANGED", { branch: b, category: "生产类", changes: [{ period: "2026Q1", category: null }] }),
        annualIssue("ANNUAL_QUOTA_TIE", { level: 4, cap: 3, kept: 1, tied: 3, rank: 2 }),
      ].map((i, k) => [`${String(k + 1).padStart(2, "0")} ${i.code}`, i.message]),
    );
    expect(render).toMatchInlineSnapshot(`
      {
        "01 ANNUAL_QUARTER_UNUSABLE": "工作簿“a.xlsx”的季度评分有 2 个致命问题（缺少工作表“评分B”），没有结果，未纳入年度定级。请打开该工作簿，按其“校验报告”改正并重新评分后，再进行年度定级。",
        "02 ANNUAL_QUARTER_UNUSABLE": "文件“a.docx”无法作为 Excel 工作簿读取，未纳入年度定级。请确认选择的是季度考核工作簿（.xlsx）；如是旧版 .xls 或加了密码，请在 Excel 中另存为不加密码的 .xlsx 后重试。",
        "03 ANNUAL_QUARTER_UNUSABLE": "工作簿“a.xlsx”的“考核设置”中没有填写考核周期，无法确定它是哪个季度，未纳入年度定级。请填写考核周期（如 2026Q3）并重新评分后重试。",
        "04 ANNUAL_YEAR_MIXED": "所选的季度工作簿属于不同年度（2025 年：a.xlsx；2026 年：b.xlsx、c.xlsx）。年度定级只汇总同一年的季度，请只选择同一年度的工作簿后重试。",
        "05 ANNUAL_QUARTER_DUPLICATE": "工作簿“c.xlsx”与“b.xlsx”都是 2026Q2 的考核，同一季度只能有一个工作簿。请去掉重复的一个（或改正其考核周期）后重试。",
        "06 ANNUAL_NO_QUARTER": "所选的 2 个工作簿都不能纳入年度定级（原因见各工作簿的问题）。请改正后重试。",
        "07 ANNUAL_QUARTER_ABSENT": "缺少 2026Q3 的季度工作簿，年度结果按已有季度计算，为暂定结果。该季度考核完成后，请加入其工作簿重新定级。",
        "08 ANNUAL_QUARTER_PROVISIONAL": "2026Q2（b.xlsx）的季度结果为暂定（有 3 个错误，见该工作簿的“校验报告”），年度结果因此也是暂定。请在该工作簿中改正后重新评分，再进行年度定级。",
        "09 PREVIOUS_STARS_INVALID": "支部名册!F3：支部“ZB001 第一党支部”的上年星级“八”无效，按没有上年星级处理。请填写 0 到 5 的整数（0 表示无星），或 ★★★★☆ 这样的星级；没有可留空。",
        "10 ANNUAL_RULES_CHANGED": "2026Q1（a.xlsx）的评分细则与最新季度 2026Q4 不同（本季度有 30 个考核项，最新季度有 31 个）。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。",
        "11 ANNUAL_BRANCH_PARTIAL": "纳入年度定级的 4 个季度中，支部“ZB001 第一党支部”只有 2026Q3、2026Q4 有考核结果，年度得分按这 2 个季度计算（如年中新设的支部）。如不应缺少，请核对其他季度支部名册中的支部编码。",
        "12 ANNUAL_BRANCH_DROPPED": "支部“OLD”参加了 2026Q1 的考核，但不在最新季度（2026Q4）的支部名册中，不参加年度定级（如已撤销或合并）。如仍应参加，请把它加入 2026Q4 工作簿的支部名册，重新评分后再定级。",
        "13 ANNUAL_CATEGORY_CHANGED": "支部“ZB001 第一党支部”的支部类别在年内有变化（2026Q1：无效类别），年度类别排名按最新季度的“生产类”。如有误，请改正相应季度的支部名册。",
        "14 ANNUAL_QUOTA_TIE": "四星名额为 3 个，但排名第 2 的 3 个支部年度得分相同，跨过了名额线：名额是上限，并列的支部一起降为三星，四星实际评出 1 个。如需调整，请修改“考核设置”中的“四星比例上限”。",
      }
    `);
    expect(Object.keys(ANNUAL_MESSAGES_ZH).sort()).toEqual([...ANNUAL_ISSUE_CODES].sort());
  });
});
