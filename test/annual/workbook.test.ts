// annual.md §7: the annual workbook (a new one, from our own package writer) and its sheets.
import { denseRows } from "../helpers/sheet-values.js";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { gradeAssessedQuarters, assessQuarter } from "../../src/annual-pipeline.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import type { Cell, Grid } from "../../src/model/cell.js";
import { inputFingerprint } from "../../src/report/fingerprints.js";
import { SHEET } from "../helpers/assessment-builder.js";
import { grade, NOW, q } from "./year-builder.js";

const SHEETS = ["年度定级", "公示名单", "年度图表", "年度校验报告", "运行记录"];
const value = (c: Cell) => (c === null ? null : c.value);
const rowsOf = (g: Grid) => denseRows(g).map((r) => r.map(value));
const find = (g: Grid, v: string) => {
  for (const [r, row] of denseRows(g).entries()) for (const [c, cell] of row.entries()) if (value(cell) === v) return { r, c };
  throw new Error(`${g.name}: no cell ${v}`);
};

/** A year with a joiner (ZB004 from Q3), a veto (ZB003 in Q2), a 5★ quota of 1 and 逐级晋升. */
function sampleFiles() {
  const settings = { 五星比例上限: "25%", 逐级晋升: "是" };
  const branches = [
    { code: "ZB001", name: "一支部", category: "生产类", unit: "炼钢厂" },
    { code: "ZB002", name: '=HYPERLINK("http://x","点我")', category: "辅助类", unit: "+86 机关" },
    { code: "ZB003", name: "@三支部", category: "生产类", unit: "-运输部" },
    { code: "ZB004", name: "四支部", category: "辅助类", unit: "新单位" },
  ];
  const early = { ZB001: 96, ZB002: 93, ZB003: 88 };
  const late = { ZB001: 95, ZB002: 94, ZB003: 89, ZB004: 70 };
  return [
    q("2026Q1", early, { settings, branches: branches.slice(0, 3) }),
    q("2026Q2", early, { settings, branches: branches.slice(0, 3), vetoed: ["ZB003"] }),
    q("2026Q3", late, { settings, branches }),
    q("2026Q4", late, { settings, branches, previousStars: { ZB001: 4, ZB002: 3, ZB003: "★★★★★" } }),
  ];
}

async function workbook() {
  const out = await grade(...sampleFiles());
  const bytes = out.workbook!;
  const snapshot = await new XlsxReader(bytes).read(SHEETS);
  const parts = unzipSync(bytes);
  const text = (name: string) => strFromU8(parts[name]!);
  return { out, bytes, snapshot, parts, text, sheet: (n: string) => snapshot.sheets.get(n)! };
}

describe("§7 the annual workbook", () => {
  it("is a new .xlsx with exactly the five sheets, named 2026年度定级.xlsx", async () => {
    const { out, snapshot } = await workbook();
    expect(snapshot.sheetNames).toEqual(SHEETS);
    expect(out.fileName).toBe("2026年度定级.xlsx");
    expect(out.latest).toBe(3);
    expect(out.sheets.map((s) => s.name)).toEqual(SHEETS);
  });

  it("年度定级: one row per graded branch in rank order with every column of §7", async () => {
    const { sheet } = await workbook();
    const g = sheet("年度定级");
    const head = find(g, "排名");
    const top = rowsOf(g)[head.r]!;
    expect(top).toEqual([
      "排名",
      "支部编码",
      "支部名称",
      "支部类别",
      "所属单位",
      "类别排名",
      "一季度",
      null,
      "二季度",
      null,
      "三季度",
      null,
      "四季度",
      null,
      "年度得分",
      "否决",
      "计分星级",
      "上年星级",
      "年度星级",
      "阶梯",
      "星级变化",
      "说明",
    ]);
    expect(rowsOf(g)[head.r + 1]!.slice(6, 14)).toEqual(["总分", "星级", "总分", "星级", "总分", "星级", "总分", "星级"]);
    const body = rowsOf(g).slice(head.r + 2);
    expect(body.map((r) => r.slice(0, 6))).toEqual([
      [1, "ZB001", "一支部", "生产类", "炼钢厂", 1],
      [2, "ZB002", '=HYPERLINK("http://x","点我")', "辅助类", "+86 机关", 1],
      [3, "ZB004", "四支部", "辅助类", "新单位", 2],
      [4, "ZB003", "@三支部", "生产类", "-运输部", 2],
    ]);
    // ZB001: 95.5, 5★ by its score, last year 4★: kept 5★ (rank 1 within the quota of one).
    expect(body[0]!.slice(6, 21)).toEqual([96, "5★", 96, "5★", 95, "5★", 95, "5★", 95.5, null, "5★", "4★", "★★★★★", "第一阶梯", "↑1"]);
    expect(body[0]![21] ?? null).toBeNull(); // no 说明: nothing capped it
    // ZB002: 93.5, 5★, last year 3★ → 逐级晋升 4★.
    expect(body[1]!.slice(14)).toEqual([93.5, null, "5★", "3★", "★★★★☆", "第二阶梯", "↑1", "逐级晋升"]);
    // ZB004 joined in Q3: blank where absent, no 上年星级.
    expect(body[2]!.slice(6, 18)).toEqual([null, null, null, null, 70, "3★", 70, "3★", 70, null, "3★", null]);
    expect(body[2]![20] ?? null).toBeNull();
    // ZB003 vetoed in Q2: capped at 1★, listed last.
    expect(body[3]!.slice(14)).toEqual([88.5, "Q2", "4★", "5★", "★☆☆☆☆", "第三阶梯", "↓4", "否决（Q2）"]);
  });

  it("user text is always text: formula-looking names are inline strings, never formulas", async () => {
    const { parts, snapshot } = await workbook();
    for (const [name, bytes] of Object.entries(parts)) {
      if (name.startsWith("xl/worksheets/")) expect(strFromU8(bytes), name).not.toMatch(/<f[ >]/);
    }
    const g = snapshot.sheets.get("年度定级")!;
    const { r, c } = find(g, '=HYPERLINK("http://x","点我")');
    expect(g.rows[r]![c]).toEqual({ kind: "text", value: '=HYPERLINK("http://x","点我")' });
  });

  it("公示名单: five-star and then four-star branches by category, titled for public notice", async () => {
    const { sheet, out } = await workbook();
    const rows = rowsOf(sheet("公示名单"))
      .map((r) => r.filter((v) => v !== null).join("|"))
      .filter((r) => r !== "");
    expect(rows).toEqual([
      "2026年度五星级党支部名单（公示）",
      "共 1 个，按支部类别排列，类别内按年度排名先后。",
      "序号|支部名称|所属单位",
      "生产类（1 个）",
      "1|一支部|炼钢厂",
      "公示期：　　年　　月　　日至　　年　　月　　日。",
      "对公示对象如有异议，请在公示期内向组织部门反映。",
      "2026年度四星级党支部名单（公示）",
      "共 1 个，按支部类别排列，类别内按年度排名先后。",
      "序号|支部名称|所属单位",
      "辅助类（1 个）",
      '1|=HYPERLINK("http://x","点我")|+86 机关',
      "公示期：　　年　　月　　日至　　年　　月　　日。",
      "对公示对象如有异议，请在公示期内向组织部门反映。",
    ]);
    const notice = out.sheets.find((s) => s.name === "公示名单")!;
    expect(notice.print?.pageBreaksBefore).toHaveLength(1);
  });

  it("年度图表: a clustered column of star counts this year against last year and a line per category, with their tables and cached values", async () => {
    const { sheet, text, parts } = await workbook();
    const g = sheet("年度图表");
    const dist = find(g, "本年度");
    expect(
      rowsOf(g)
        .slice(dist.r, dist.r + 6)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ["星级", "本年度", "上年"],
      ["五星", 1, 1],
      ["四星", 1, 1],
      ["三星", 1, 1],
      ["二星", 0, 0],
      ["一星", 1, 0],
    ]);
    const avg = find(g, "季度");
    expect(
      rowsOf(g)
        .slice(avg.r, avg.r + 5)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ["季度", "生产类", "辅助类"],
      ["2026Q1", 92, 93],
      ["2026Q2", 92, 93],
      ["2026Q3", 92, 82],
      ["2026Q4", 92, 82],
    ]);
    const charts = Object.keys(parts)
      .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
      .map(text);
    expect(charts).toHaveLength(2);
    const column = charts.find((c) => c.includes("<c:barChart>"))!;
    expect(column).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(column.match(/<c:ser>/g)).toHaveLength(2);
    expect(column).toContain("<c:strCache>");
    expect(column).toMatch(/<c:numCache><c:formatCode>General<\/c:formatCode><c:ptCount val="5"\/><c:pt idx="0"><c:v>1<\/c:v><\/c:pt>/);
    const line = charts.find((c) => c.includes("<c:lineChart>"))!;
    expect(line.match(/<c:ser>/g)).toHaveLength(2);
    expect(line).toContain("<c:v>2026Q3</c:v>");
    expect(line).toContain("<c:v>82</c:v>");
  });

  it("年度校验报告: one line per quarterly workbook, then every annual issue with quarter, file, sheet and cell as text, no links", async () => {
    const { sheet, text, snapshot } = await workbook();
    const g = sheet("年度校验报告");
    const rows = rowsOf(g);
    const quarters = find(g, "考核周期");
    expect(rows.slice(quarters.r + 1, quarters.r + 5).map((r) => r.slice(0, 6))).toEqual([
      ["2026Q1", "2026Q1.xlsx", "正式", "已纳入", 3, 1],
      ["2026Q2", "2026Q2.xlsx", "正式", "已纳入", 3, 1],
      ["2026Q3", "2026Q3.xlsx", "正式", "已纳入", 4, 1],
      ["2026Q4", "2026Q4.xlsx", "正式", "已纳入", 4, 1],
    ]);
    const head = find(g, "级别");
    expect(rows[head.r]).toEqual(["级别", "代码", "季度", "文件", "工作表", "单元格", "说明"]);
    expect(rows.slice(head.r + 1).map((r) => r[1])).toEqual(["ANNUAL_BRANCH_PARTIAL"]);
    const sheetPart = snapshot.sheetNames.indexOf("年度校验报告") + 1;
    expect(text(`xl/worksheets/sheet${sheetPart}.xml`)).not.toContain("<hyperlink");
  });

  it("运行记录: one row with the year, the quarters and their input fingerprints, counts, result fingerprint and version", async () => {
    const files = sampleFiles();
    const quarters = await Promise.all(files.map((f) => assessQuarter(f, { now: NOW })));
    const first = await gradeAssessedQuarters(quarters, { now: NOW, newWorkbook: createWorkbook });
    const later = await gradeAssessedQuarters(quarters, { now: new Date(2027, 0, 5), newWorkbook: createWorkbook });
    const log = (o: typeof first) =>
      o.sheets.find((s) => s.name === "运行记录")!.rows.map((r) => r.map((e) => (e !== null && typeof e === "object" ? e.v : e)));
    const [, head, row] = log(first);
    expect(head).toEqual(["时间", "年度", "状态", "纳入的季度", "支部数", "错误数", "警告数", "各季度输入指纹", "结果指纹", "版本"]);
    expect(row!.slice(0, 7)).toEqual(["2026-12-28 09:00:00", 2026, "正式", "2026Q1、2026Q2、2026Q3、2026Q4", 4, 0, 1]);
    const fingerprints = await Promise.all(quarters.map(async (x) => `${x.result.period}：${await inputFingerprint(x.assessment!)}`));
    expect(row![7]).toBe(fingerprints.join("\n"));
    expect(row![8]).toMatch(/^[0-9a-f]{64}$/);
    expect(log(later)[2]![8]).toBe(row![8]);
  });

  it("every sheet prints on A4, one page wide, with page numbers and the year in the footer", async () => {
    const { out, text, snapshot } = await workbook();
    for (const s of out.sheets) {
      expect(s.print, s.name).toMatchObject({ fitToWidth: true, footer: "2026年度定级　第 &P 页 共 &N 页" });
      const part = text(`xl/worksheets/sheet${snapshot.sheetNames.indexOf(s.name) + 1}.xml`);
      expect(part, s.name).toContain('<pageSetup paperSize="9"');
      expect(part, s.name).toContain("<oddFooter>&amp;C2026年度定级　第 &amp;P 页 共 &amp;N 页</oddFooter>");
    }
    // The title, the settings line and the two header rows repeat on every page.
    expect(text("xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'年度定级'!$1:$4</definedName>`);
  });

  it("a provisional year says so above the ranking and on the public notice", async () => {
    const out = await grade(q("2026Q3", { ZB001: 95 }), q("2026Q4", { ZB001: 95 }, { edit: (b) => b.set(SHEET.B, "C2", "x") }));
    expect(out.result.status).toBe("provisional");
    const snapshot = await new XlsxReader(out.workbook!).read(SHEETS);
    const texts = (n: string) =>
      rowsOf(snapshot.sheets.get(n)!)
        .flat()
        .filter((v): v is string => typeof v === "string");
    expect(texts("年度定级").some((t) => t.startsWith("【暂定结果】"))).toBe(true);
    expect(texts("公示名单").filter((t) => t.startsWith("【暂定结果，请勿公示】"))).toHaveLength(2);
  });

  it("a fatal year writes no workbook; its report and run record are still there for the task pane", async () => {
    const out = await grade(q("2025Q4", { ZB001: 95 }), q("2026Q1", { ZB001: 95 }));
    expect(out.result.status).toBe("fatal");
    expect(out.workbook).toBeNull();
    expect(out.fileName).toBeNull();
    expect(out.latest).toBeNull();
    expect(out.sheets.map((s) => s.name)).toEqual(["年度校验报告", "运行记录"]);
    expect(out.quarters.map((x) => [x.period, x.status, x.usable])).toEqual([
      ["2025Q4", "final", true],
      ["2026Q1", "final", true],
    ]);
  });
});
