import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { XlsxWorkbook } from "../../src/io/xlsx/xlsx-workbook.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { num, text as textCell } from "../../src/model/cell.js";
import { OUTPUT_SHEETS } from "../../src/model/sheets.js";
import { cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";
import { assessment, SMALL_RULES, type CellInput } from "../helpers/assessment-builder.js";
import { correctionScenario, expectCarriedOver } from "../helpers/ledger-scenario.js";

const HEAD = [
  "序号",
  "期间",
  "支部编码",
  "支部名称",
  "所属单位",
  "项目编号",
  "考核方面",
  "考核项",
  "扣分",
  "扣分说明",
  "整改措施",
  "责任人",
  "完成时限",
  "整改状态",
];

/** The ledger's spec from a run, and its data rows as values. */
function ledgerOf(sheets: readonly SheetSpec[]): { spec: SheetSpec; rows: unknown[][] } {
  const spec = sheets.find((s) => s.name === OUTPUT_SHEETS.ledger)!;
  expect(spec).toBeDefined();
  const header = spec.rows.findIndex((r) => cellValue(r[0]) === "序号");
  return { spec, rows: spec.rows.slice(header + 1).map((r) => r.map((e) => cellValue(e))) };
}

/** Three branches on the small rules: ZB001 lost 2 points on 1.1 (and noted why), ZB002 vetoed, ZB003 full marks. */
const small = () =>
  assessment()
    .rules(SMALL_RULES)
    .branches([
      { code: "ZB001", name: "一支部", unit: "甲厂" },
      { code: "ZB002", name: "二支部", unit: "乙厂" },
      { code: "ZB003", name: "三支部", unit: "甲厂" },
    ])
    .scores({ ZB001: { "1.1": 28 }, ZB002: { V1: "是" } })
    .notes([
      { branch: "ZB001", item: "1.1", rater: "A", note: "会议记录不全" },
      { branch: "ZB001", item: "1.1", rater: "B", note: "缺两次记录" },
    ]);

/** An old ledger as people left it: title, header, rows (the header's columns in any order). */
const oldLedger = (rows: readonly (readonly CellInput[])[]) => [["2026Q3 整改台账"], HEAD, ...rows];
const oldRow = (
  period: string,
  branch: string,
  item: string,
  measure: CellInput,
  owner: CellInput,
  deadline: CellInput,
  status: CellInput,
) => [1, period, branch, "", "", item, "甲", "旧考核项", 2, "旧说明", measure, owner, deadline, status];

describe("整改台账: a row per deduction and per veto, four columns for people", () => {
  it("lists each base item below its 分值 and each triggered veto, with the raters' notes and 未整改", async () => {
    const out = await small().run();
    const { spec, rows } = ledgerOf(out.sheets);
    expect(spec.rows.some((r) => HEAD.every((t, c) => cellValue(r[c]) === t))).toBe(true);
    expect(rows).toEqual([
      [
        1,
        "2026Q3",
        "ZB001",
        "一支部",
        "甲厂",
        "1.1",
        "甲",
        "考核内容 1.1",
        2,
        "党建部门：会议记录不全\n业务部门：缺两次记录",
        null,
        null,
        null,
        "未整改",
      ],
      [2, "2026Q3", "ZB002", "二支部", "乙厂", "V1", "否决项", "考核内容 V1", "否决", "", null, null, null, "未整改"],
    ]);
    // 整改状态 is a list on the data rows; 完成时限 a date cell; the four columns stay editable.
    const first = spec.rows.length - 2 + 1;
    expect(spec.validations).toEqual([
      {
        kind: "list",
        range: `N${first}:N${first + 1}`,
        values: ["未整改", "整改中", "已销号"],
        error: expect.stringContaining("未整改") as unknown,
      },
    ]);
    const row = spec.rows.at(-1)!;
    expect(row.slice(10).map((e) => (typeof e === "object" && e !== null ? e.style : null))).toEqual([
      "inputText",
      "inputText",
      "inputDate",
      "inputText",
    ]);
    expect(spec.print).toMatchObject({
      orientation: "landscape",
      fitToWidth: true,
      repeatRows: 1,
      footer: expect.stringContaining("第 &P 页 共 &N 页") as unknown,
    });
  });

  it("says so when there is nothing to rectify (no list then)", async () => {
    const out = await assessment().rules(SMALL_RULES).branches(2).run();
    const { spec, rows } = ledgerOf(out.sheets);
    expect(rows).toEqual([["—", "本期没有扣分项或否决项。"]]);
    expect(spec.validations).toEqual([]);
  });

  it("carries typed content over by (期间, 支部编码, 项目编号); a date stays a date, text stays text", async () => {
    const out = await small()
      .sheet(
        "整改台账",
        oldLedger([
          oldRow("2026Q3", "ZB002", "V1", "撤换负责人", "王五", num(46022, true), "整改中"),
          oldRow("2026Q3", "ZB001", "1.1", "补记录", "张三", "年底前", "已销号"),
        ]),
      )
      .run();
    const { rows } = ledgerOf(out.sheets);
    expect(rows.map((r) => r.slice(10))).toEqual([
      ["补记录", "张三", "年底前", "已销号"],
      ["撤换负责人", "王五", 46022, "整改中"],
    ]);
    expect(out.issues.filter((i) => i.code.startsWith("LEDGER"))).toEqual([]);
  });

  it("keeps every row people typed into: no deduction any more, another period, copied or without a code", async () => {
    const out = await small()
      .sheet(
        "整改台账",
        oldLedger([
          oldRow("2026Q3", "ZB003", "1.2", "已改", "", "", ""), // ZB003 has full marks now
          oldRow("2026Q2", "ZB001", "1.1", "上季度的", "", "", ""), // another period
          oldRow("2026Q3", "ZB001", "1.1", "", "", "", "未整改"), // nothing typed: dropped
          oldRow("2026Q3", "ZB001", "1.1", "第一份", "", "", ""),
          oldRow("2026Q3", "ZB001", "1.1", "复制的一份", "", "", ""), // a copy: kept at the end
          oldRow("2026Q3", "", "1.1", "没有编码", textCell("=1+1"), "", ""),
          [null, null, null, null, null, null, null, null, null, null, null, true, textCell("#N/A"), "乱填"], // no key at all
        ]),
      )
      .run();
    const { rows } = ledgerOf(out.sheets);
    const summary = rows.map((r) => [r[0], r[1], r[2], r[5], r[8], r[10], r[11], r[12], r[13]]);
    expect(summary).toEqual([
      [1, "2026Q3", "ZB001", "1.1", 2, "第一份", null, null, "未整改"],
      [2, "2026Q3", "ZB002", "V1", "否决", null, null, null, "未整改"],
      [3, "2026Q3", "ZB003", "1.2", "已无扣分", "已改", null, null, "未整改"],
      [4, "2026Q2", "ZB001", "1.1", "已无扣分", "上季度的", null, null, "未整改"],
      [5, "2026Q3", "ZB001", "1.1", "重复行", "复制的一份", null, null, "未整改"],
      [6, "2026Q3", "", "1.1", "无法对应", "没有编码", "=1+1", null, "未整改"],
      [7, "", "", "", "无法对应", null, "TRUE", "#N/A", "乱填"],
    ]);
    expect(out.issues.filter((i) => i.code.startsWith("LEDGER"))).toEqual([
      { severity: "warning", code: "LEDGER_ROW_UNREADABLE", where: { sheet: "整改台账", cell: null }, params: { row: 8 } },
      { severity: "warning", code: "LEDGER_ROW_UNREADABLE", where: { sheet: "整改台账", cell: null }, params: { row: 9 } },
    ]);
    expect(out.result.status).toBe("final");
  });

  it("leaves an old ledger it cannot read as it is, with a warning, and never fails", async () => {
    const out = await small()
      .sheet("整改台账", [["我的整改记录"], ["支部", "措施"], ["ZB001", "已整改"]])
      .run();
    expect(out.sheets.map((s) => s.name)).not.toContain(OUTPUT_SHEETS.ledger);
    expect(out.issues.filter((i) => i.code.startsWith("LEDGER"))).toEqual([
      {
        severity: "warning",
        code: "LEDGER_HEADER_MISSING",
        where: { sheet: "整改台账", cell: null },
        params: { titles: ["期间", "支部编码", "项目编号"] },
      },
    ]);
    // A blank sheet of the name is no ledger: a new one is written.
    const blank = await small().sheet("整改台账", []).run();
    expect(blank.sheets.map((s) => s.name)).toContain(OUTPUT_SHEETS.ledger);
  });
});

describe("整改台账 re-scored after a correction, in an .xlsx through runAssessment", () => {
  it("keeps what people typed; a corrected typed row moves to the end as 已无扣分, an untyped one goes", async () => {
    const wb = new XlsxWorkbook(createWorkbook(sampleQuarterSheets(sampleQuarter({ branches: 8 }))));
    const outcome = await correctionScenario(wb);
    expectCarriedOver(outcome);

    // Nothing anyone typed became a formula; the status list is the sheet's data validation.
    const bytes = wb.bytes();
    const { sheetNames } = await new XlsxReader(bytes).read([]);
    expect(sheetNames).toContain(OUTPUT_SHEETS.ledger);
    const parts = unzipSync(bytes);
    const ledgerXml = Object.entries(parts)
      .filter(([name]) => name.startsWith("xl/worksheets/sheet"))
      .map(([, b]) => strFromU8(b))
      .find((xml) => xml.includes("整改状态"))!;
    expect(ledgerXml).not.toMatch(/<f[ >]/);
    expect(ledgerXml).toMatch(/<dataValidations count="1"><dataValidation type="list"[^>]*><formula1>"未整改,整改中,已销号"<\/formula1>/);
    // Schema order: dataValidations after mergeCells, before pageMargins.
    expect(ledgerXml.indexOf("<mergeCells")).toBeLessThan(ledgerXml.indexOf("<dataValidations"));
    expect(ledgerXml.indexOf("<dataValidations")).toBeLessThan(ledgerXml.indexOf("<pageMargins"));
  });
});
