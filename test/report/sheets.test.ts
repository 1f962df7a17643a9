import { parseA1 } from "../../src/model/cell.js";
import { describe, expect, it } from "vitest";
import { chartsSheet } from "../../src/report/sheets/charts.js";
import { detailsSheet } from "../../src/report/sheets/details.js";
import { logSheet } from "../../src/report/sheets/log.js";
import { reportSheet } from "../../src/report/sheets/report.js";
import { resultsSheet } from "../../src/report/sheets/results.js";
import { cellValue, type OutCell, type SheetSpec } from "../../src/report/sheet-spec.js";
import { assessment } from "../helpers/assessment-builder.js";

const values = (s: SheetSpec) => s.rows.map((r) => r.map(cellValue));
const cellAt = (s: SheetSpec, row: number, col: number) => s.rows[row]?.[col] as OutCell | undefined;

describe("考核结果", () => {
  it("has the title with the period, the header and one row per branch in rank order", async () => {
    const result = await assessment()
      .branches(3)
      .scoresA({ ZB002: { "1.1": 3 } })
      .result();
    const sheet = resultsSheet(result);
    expect(values(sheet)[0]![0]).toBe("2026Q3 支部考核结果");
    expect(values(sheet)[1]!.slice(0, 5)).toEqual(["排名", "支部编码", "支部名称", "支部类别", "类别排名"]);
    expect(
      values(sheet)
        .slice(2)
        .map((r) => r[1]),
    ).toEqual(result.branches.map((b) => b.code));
    expect(sheet.freezeRows).toBe(2);
    expect(sheet.merges?.[0]).toMatch(/^A1:[A-Z]+1$/);
    // Full size, several pages across with 排名 to 支部名称 on each; the footer names period, sheet and page.
    expect(sheet.print).toEqual({
      orientation: "landscape",
      fitToWidth: false,
      repeatRows: 2,
      repeatColumns: 3,
      footer: "2026Q3 考核结果\u3000第 &P 页 共 &N 页",
    });
  });

  it("shows the 暂定 notice and status when the result is provisional", async () => {
    const result = await assessment()
      .branches(2)
      .scoresA({ ZB001: { "1.1": 4 } })
      .scoresB({ ZB001: { "1.1": 2 } })
      .result();
    expect(result.status).toBe("provisional");
    const sheet = resultsSheet(result);
    expect(String(values(sheet)[1]![0])).toContain("暂定结果");
    expect(cellAt(sheet, 1, 0)?.style).toBe("notice");
    const statusCol = values(sheet)[2]!.indexOf("状态");
    expect(values(sheet)[3]![statusCol]).toBe("暂定");
  });

  it("shows stars as ★ and shades vetoed rows, pending counts and the first tier", async () => {
    const result = await assessment()
      .branches(3)
      .scoresA({ ZB003: { V1: "是" }, ZB002: { "1.1": 4 } })
      .scoresB({ ZB003: { V1: "是" }, ZB002: { "1.1": 1 } })
      .result();
    const sheet = resultsSheet(result);
    const head = values(sheet)[2]!;
    const rowOf = (code: string) => sheet.rows.findIndex((r) => cellValue(r[1]) === code);
    const vetoRow = rowOf("ZB003");
    expect(cellAt(sheet, vetoRow, 0)?.tone).toBe("veto");
    expect(cellValue(sheet.rows[vetoRow]![head.indexOf("星级")])).toBe("★☆☆☆☆");
    const pendingRow = rowOf("ZB002");
    expect(cellAt(sheet, pendingRow, head.indexOf("待仲裁项数"))?.tone).toBe("dispute");
    const topRow = rowOf("ZB001");
    expect(cellValue(sheet.rows[topRow]![head.indexOf("星级")])).toBe("★★★★★");
    expect(cellAt(sheet, topRow, head.indexOf("阶梯"))?.tone).toBe("top");
  });
});

describe("双评明细 and 校验报告", () => {
  it("lists every branch × item with disputes shaded, then the agreement tables", async () => {
    const result = await assessment()
      .branches(2)
      .scoresA({ ZB001: { "1.1": 4 } })
      .scoresB({ ZB001: { "1.1": 2 } })
      .result();
    const sheet = detailsSheet(result);
    const rows = values(sheet);
    const dispute = sheet.rows.find((r) => cellValue(r[0]) === "ZB001" && cellValue(r[2]) === "1.1")!;
    expect(dispute.map(cellValue).slice(3)).toEqual([4, 4, 2, 2, 1, null, 3, "超差待仲裁"]);
    expect((dispute[0] as OutCell).tone).toBe("dispute");
    expect(rows.some((r) => r[0] === "双评一致性")).toBe(true);
    expect(rows.filter((r) => r[0] === "1.1").length).toBe(1);
  });

  it("links every issue to its cell", async () => {
    const result = await assessment()
      .branches(2)
      .scoresA({ ZB001: { "1.1": 9 } })
      .result();
    const sheet = reportSheet(result);
    const row = sheet.rows.find((r) => cellValue(r[1]) === "SCORE_OUT_OF_RANGE")!;
    expect(row.map(cellValue).slice(0, 4)).toEqual(["错误", "SCORE_OUT_OF_RANGE", "评分A", "C2"]);
    expect((row[3] as OutCell).link).toEqual({ sheet: "评分A", cell: "C2" });
  });
});

describe("统计图表", () => {
  it("draws four charts from tables on the sheet whose ranges hold the data", async () => {
    const result = await assessment()
      .branches([
        { code: "ZB001" },
        { code: "ZB002" },
        { code: "ZB003", category: "综合管理类" },
        { code: "ZB004" },
        { code: "ZB005" },
        { code: "ZB006" },
        { code: "ZB007" },
      ])
      .scoresA({ ZB002: { "1.1": 3 }, ZB005: { "2.1": 2 } })
      .result();
    const sheet = chartsSheet(result);
    expect(sheet.charts?.map((c) => c.kind)).toEqual(["radar", "column", "scatter", "bar"]);
    const at = (ref: string) => {
      const { row, col } = parseA1(ref);
      return cellValue(sheet.rows[row]?.[col] ?? null);
    };
    const column = (range: string) => {
      const [from, to] = range.split(":") as [string, string];
      const col = from.replace(/\d+/, "");
      const [r1, r2] = [Number(from.replace(/\D+/, "")), Number(to.replace(/\D+/, ""))];
      return Array.from({ length: r2 - r1 + 1 }, (_, i) => at(`${col}${r1 + i}`));
    };
    const [radar, stars, scatter, bar] = sheet.charts!;
    expect(column(bar!.series[0]!.values)).toEqual(result.branches.map((b) => b.total));
    expect(radar!.series).toHaveLength(7); // the average, the top three and the bottom three
    expect(column(radar!.series[0]!.categories!)).toEqual(result.areas);
    expect(column(stars!.series[0]!.values).reduce((s: number, v) => s + Number(v), 0)).toBe(7);
    expect(column(scatter!.series[0]!.categories!)).toEqual(result.branches.map((b) => b.totalA));
    expect(column(scatter!.series[0]!.values)).toEqual(result.branches.map((b) => b.totalB));
    expect(scatter!.series[1]!.line).toBe(true);
    expect(at(radar!.table.split(":")[0]!)).toBe("考核方面");
  });

  it("leaves out an area no branch is assessed on", async () => {
    const rules = [
      { code: "1.1", type: "基础" as const, area: "政治建设", points: 50 },
      { code: "7.1", type: "基础" as const, area: "中心工作融合", points: 50, notApplicable: ["综合管理类"] },
    ];
    const result = await assessment()
      .rules(rules)
      .branches([
        { code: "ZB001", category: "综合管理类" },
        { code: "ZB002", category: "综合管理类" },
      ])
      .result();
    const radar = chartsSheet(result).charts![0]!;
    expect(radar.series[0]!.categories).toMatch(/:\w+\d+$/);
    const rows = values(chartsSheet(result)).map((r) => r[0]);
    expect(rows).toContain("政治建设");
    expect(rows).not.toContain("中心工作融合");
  });
});

describe("运行记录", () => {
  it("is one appended row with the fingerprints", async () => {
    const result = await assessment().branches(1).result();
    const sheet = logSheet(result, { time: "2026-10-08 09:30:00", rulesFingerprint: "r", inputFingerprint: "i", resultFingerprint: "o" });
    expect(sheet.append).toEqual({ appendSkip: 1 });
    expect(values(sheet)[1]).toEqual(["2026-10-08 09:30:00", "2026Q3", "r", "i", 1, 0, 0, "o", result.version, "正式"]);
  });
});

describe("校验报告 after a fatal run", () => {
  it("says that no results were computed and that older result sheets must not be used", async () => {
    const result = await assessment().branches(2).rules([]).result();
    expect(result.status).toBe("fatal");
    const sheet = reportSheet(result);
    expect(String(values(sheet)[1]![0])).toContain("未得出结果");
    expect(cellAt(sheet, 1, 0)?.style).toBe("notice");
    expect(values(sheet)[3]).toEqual(["级别", "代码", "工作表", "单元格", "说明"]);
    expect(sheet.freezeRows).toBe(4);
  });
});
