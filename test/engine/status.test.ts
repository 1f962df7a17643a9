import { describe, expect, test } from "vitest";
import { unreadable, type WorkbookReader } from "../../src/io/workbook.js";
import { runAssessment } from "../../src/pipeline.js";
import { ResultSchema } from "../../src/model/result.js";
import { cellValue } from "../../src/report/sheet-spec.js";
import { assessment, keys } from "../helpers/assessment-builder.js";

const NOW = { now: new Date(2026, 9, 1, 8, 0, 0) };

function statusColumn(sheets: readonly { name: string; rows: readonly (readonly unknown[])[] }[]): {
  notice: boolean;
  statuses: unknown[];
} {
  const s = sheets.find((x) => x.name === "考核结果")!;
  const rows = s.rows.map((r) => r.map((c) => cellValue(c as never)));
  const head = rows.findIndex((r) => r[0] === "排名");
  const col = rows[head]!.indexOf("状态");
  return {
    notice: rows.slice(0, head).some((r) => String(r[0] ?? "").includes("暂定")),
    statuses: rows.slice(head + 1).map((r) => r[col]),
  };
}

describe("§7 Status", () => {
  test("no error-level issue → 正式 (final); warnings do not matter", async () => {
    const out = await assessment()
      .branches(2)
      .scoresA({ ZB001: { "1.1": 3 } })
      .scoresB(undefined, { name: () => "别的名字" })
      .result();
    expect(out.status).toBe("final");
    expect(out.issues.length).toBeGreaterThan(0);
    expect(out.issues.every((i) => i.severity === "warning")).toBe(true);
    expect(ResultSchema.parse(out)).toBeTruthy();
  });

  test("final results say 正式 on every row and carry no notice", async () => {
    const out = await assessment().branches(2).run();
    expect(statusColumn(out.sheets)).toEqual({ notice: false, statuses: ["正式", "正式"] });
  });

  test("any error → 暂定 (provisional): every result is computed with the provisional rules and says so", async () => {
    const out = await assessment()
      .branches(2)
      .settings({ 考核周期: undefined })
      .scoresA({ ZB001: { "1.1": 0 } })
      .run();
    expect(keys(out.result.issues, "PERIOD_MISSING")).toEqual([
      { severity: "error", code: "PERIOD_MISSING", sheet: "考核设置", cell: null },
    ]);
    expect(out.result.status).toBe("provisional");
    expect(out.result.period).toBeNull();
    expect(out.result.branches.map((b) => b.total)).toEqual([100, 98]);
    expect(statusColumn(out.sheets)).toEqual({ notice: true, statuses: ["暂定", "暂定"] });
  });

  test("a fatal problem (missing required sheet): status fatal, no results, only the report and the run log", async () => {
    const out = await assessment().without("评分B").run();
    expect(out.result).toMatchObject({ status: "fatal", branches: [], items: [], agreement: null, areas: [] });
    expect(keys(out.result.issues)).toEqual([{ severity: "fatal", code: "SHEET_MISSING", sheet: "评分B", cell: null }]);
    expect(out.sheets.map((s) => s.name)).toEqual(["校验报告", "运行记录"]);
    expect(ResultSchema.parse(out.result)).toBeTruthy();
  });

  test("invalid rules are fatal: no results", async () => {
    const out = await assessment()
      .rule("1.1", { type: "基本" as never })
      .result();
    expect(out.status).toBe("fatal");
    expect(out.branches).toEqual([]);
    expect(keys(out.issues, "RULE_INVALID")).toEqual([{ severity: "fatal", code: "RULE_INVALID", sheet: "评分细则", cell: "B2" }]);
  });

  test("an unusable roster is fatal: no results", async () => {
    const out = await assessment().branches([]).result();
    expect(out.status).toBe("fatal");
    expect(keys(out.issues)).toEqual([{ severity: "fatal", code: "ROSTER_EMPTY", sheet: "支部名册", cell: null }]);
  });

  test("an unreadable workbook: WORKBOOK_UNREADABLE with neither sheet nor cell, no sheets written", async () => {
    const reader: WorkbookReader = { read: () => Promise.reject(unreadable("NOT_A_ZIP", {})) };
    const out = await runAssessment(reader, null, NOW);
    expect(out.result.status).toBe("fatal");
    expect(keys(out.result.issues)).toEqual([{ severity: "fatal", code: "WORKBOOK_UNREADABLE", sheet: null, cell: null }]);
    expect(out.sheets).toEqual([]);
  });

  test("any other reader failure is not swallowed as a validation issue", async () => {
    const reader: WorkbookReader = { read: () => Promise.reject(new TypeError("bug")) };
    await expect(runAssessment(reader, null, NOW)).rejects.toThrow("bug");
  });

  test("a re-run gives identical results", async () => {
    const x = assessment()
      .branches(3)
      .scoresA({ ZB002: { "1.1": 1 } });
    expect(await x.result()).toEqual(await x.result());
  });
});
