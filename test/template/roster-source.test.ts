import { issueMessage } from "../../src/model/issues.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { describe, expect, it } from "vitest";
import { num, text, type Grid } from "../../src/model/cell.js";
import type { WorkbookReader } from "../../src/io/workbook.js";
import type { WorkbookSnapshot } from "../../src/model/workbook.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { inputSheets, rosterSheet } from "../../src/template/input-sheets.js";
import { decodeCsv, parseCsv, RosterSourceError, rosterFromCsv, rosterFromWorkbook } from "../../src/template/roster-source.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { thrown } from "../helpers/thrown.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const CSV = "支部编码,支部名称,支部类别,所属单位,党员人数\r\n001,炼钢厂第一党支部,生产类,炼钢厂,42\r\n002,机关党支部,管理,机关,18\r\n";
// The same file as Chinese Excel saves “CSV（逗号分隔）”: GBK.
const GBK_HEX =
  "d6a7b2bfb1e0c2eb2cd6a7b2bfc3fbb3c62cd6a7b2bfc0e0b1f02ccbf9caf4b5a5cebb2cb5b3d4b1c8cbcafd0d0a3030312cc1b6b8d6b3a7b5dad2bbb5b3d6a7b2bf2cc9fab2fac0e02cc1b6b8d6b3a72c34320d0a3030322cbbfab9d8b5b3d6a7b2bf2cb9dcc0ed2cbbfab9d82c31380d0a";
const EXPECTED = [
  { code: "001", name: "炼钢厂第一党支部", category: "生产类", unit: "炼钢厂", members: 42 },
  { code: "002", name: "机关党支部", category: "综合管理类", unit: "机关", members: 18 },
];

const rosterError = (f: () => unknown): RosterSourceError => thrown(RosterSourceError, f);

describe("roster from CSV", () => {
  it("reads UTF-8 with and without BOM, and GBK, keeping leading zeros and normalising short categories", () => {
    expect(rosterFromCsv(utf8(CSV), "名册.csv").branches).toEqual(EXPECTED);
    expect(rosterFromCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]), "名册.csv").branches).toEqual(EXPECTED);
    expect(rosterFromCsv(Uint8Array.from(Buffer.from(GBK_HEX, "hex")), "名册.csv").branches).toEqual(EXPECTED);
  });

  it("parses quotes, doubled quotes, embedded commas and newlines, LF endings and tabs", () => {
    expect(parseCsv('a,"b,1","say ""hi""",\n"x\ny",2')).toEqual([
      ["a", "b,1", 'say "hi"', ""],
      ["x\ny", "2"],
    ]);
    expect(parseCsv("支部编码\t支部名称\n1\t甲")).toEqual([
      ["支部编码", "支部名称"],
      ["1", "甲"],
    ]);
    // Excel’s “Unicode 文本”: UTF-16LE with a BOM.
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, 0x2f, 0x65]), "x.csv")).toBe("支");
  });

  it("finds the header under a title row and ignores extra columns", () => {
    const csv = "2026年支部名册,,\n序号,支部编码,支部名称,书记,支部类别\n1,ZB1,一支部,张三,辅助\n";
    expect(rosterFromCsv(utf8(csv), "a.csv").branches).toEqual([
      { code: "ZB1", name: "一支部", category: "辅助类", unit: "", members: null },
    ]);
  });

  it("lists every problem of the roster and takes nothing", () => {
    const csv = "支部编码,支部名称,支部类别\nZB1,一支部,生产类\nZB1,重复,生产类\n,无编码,生产类\nZB3,三支部,后勤类\n";
    const e = rosterError(() => rosterFromCsv(utf8(csv), "名册.csv"));
    expect(e.message).toContain("3 处问题");
    expect(e.problems.map((p) => [p.code, p.where.cell])).toEqual([
      ["BRANCH_DUPLICATE", "A3"],
      ["BRANCH_CODE_MISSING", "A4"],
      ["CATEGORY_INVALID", "C5"],
    ]);
    expect(issueMessage(e.problems[0]!, MESSAGES_ZH)).toContain("名册.csv!A3");
    expect(issueMessage(e.problems[0]!, MESSAGES_ZH)).not.toContain("支部名册!");
  });

  it("says what to do when the file is no roster or not in a known encoding", () => {
    expect(rosterError(() => rosterFromCsv(utf8("编号,名称\n1,甲\n"), "x.csv")).message).toContain(
      "请在名册的前 10 行内写上表头 支部编码、支部名称、支部类别",
    );
    expect(rosterError(() => rosterFromCsv(utf8("支部编码,支部名称,支部类别\n"), "x.csv")).problems.map((p) => p.code)).toEqual([
      "ROSTER_EMPTY",
    ]);
    // 0xFF is valid in neither UTF-8 nor GB18030.
    expect(rosterError(() => decodeCsv(new Uint8Array([0x41, 0xff]), "x.csv")).message).toContain("CSV UTF-8");
  });
});

class GridsReader implements WorkbookReader {
  constructor(private readonly grids: readonly Grid[]) {}
  async read(wanted: readonly string[]): Promise<WorkbookSnapshot> {
    return {
      sheetNames: this.grids.map((g) => g.name),
      sheets: new Map(this.grids.filter((g) => wanted.includes(g.name)).map((g) => [g.name, g])),
    };
  }
}

describe("roster from a workbook", () => {
  it("reads the 支部名册 sheet, with 党员人数 kept as typed", async () => {
    const sheets = [rosterSheet([{ code: "ZB01", name: "一支部", category: "生产类", unit: "炼钢厂", members: 30 }])];
    const src = await rosterFromWorkbook(new SheetSpecReader(sheets), "名册.xlsx");
    expect(src).toMatchObject({ sheet: "支部名册", rules: null, settings: null });
    expect(src.branches).toEqual([{ code: "ZB01", name: "一支部", category: "生产类", unit: "炼钢厂", members: 30 }]);
  });

  it("falls back to the first sheet with the roster header; numeric codes read as their text", async () => {
    const src = await rosterFromWorkbook(
      new GridsReader([
        { name: "说明", rows: [[text("本表为名册")]] },
        {
          name: "Sheet2",
          rows: [
            [text("支部名册（2026）")],
            [text("支部编码"), text("支部名称"), text("支部类别"), text("党员人数")],
            [num(101), text("甲"), text("生产类"), text("约40")],
          ],
        },
      ]),
      "名册.xlsx",
    );
    expect(src.sheet).toBe("Sheet2");
    expect(src.branches).toEqual([{ code: "101", name: "甲", category: "生产类", unit: "", members: "约40" }]);
  });

  it("takes rules and settings (not the period) from a whole assessment workbook", async () => {
    const rules = defaultRules();
    const custom = { items: rules.items.filter((i) => i.code !== "B5"), areas: rules.areas };
    const sheets = inputSheets({
      rules: custom,
      branches: [{ code: "ZB01", name: "一支部", category: "生产类", unit: "" }],
      settings: { period: "2026Q2", raterAName: "组织部" },
    });
    const src = await rosterFromWorkbook(new SheetSpecReader(sheets), "上季度.xlsx");
    expect(src.rules).toEqual(custom);
    expect(src.settings).toMatchObject({ raterAName: "组织部" });
    expect(src.settings).not.toHaveProperty("period");
  });

  it("refuses a workbook without a roster or with broken rules", async () => {
    await expect(
      rosterFromWorkbook(new GridsReader([{ name: "Sheet1", rows: [[text("支部编码"), text("名称")]] }]), "x.xlsx"),
    ).rejects.toThrow(/找不到支部名册/);
    const broken = inputSheets({ rules: defaultRules(), branches: [{ code: "ZB01", name: "一支部", category: "生产类", unit: "" }] }).map(
      (s) => (s.name === "评分细则" ? { ...s, rows: [...s.rows, ["1.1", "基础", "政治建设", "重复编号", 4]] } : s),
    );
    await expect(rosterFromWorkbook(new SheetSpecReader(broken), "x.xlsx")).rejects.toThrow(/评分细则有 1 处问题/);
  });
});
