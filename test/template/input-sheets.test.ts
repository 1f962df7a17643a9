import { describe, expect, it } from "vitest";
import { assess } from "../../src/engine/assess.js";
import type { Branch } from "../../src/model/branch.js";
import type { RuleItem, Rules } from "../../src/model/rules.js";
import { DEFAULT_SETTINGS, SETTING_NAMES } from "../../src/model/settings.js";
import { runAssessment } from "../../src/pipeline.js";
import { cellStyle, cellValue, type SheetSpec } from "../../src/report/sheet-spec.js";
import { defaultRules } from "../../src/model/default-rules.js";
import {
  gridSheet,
  inputSheets,
  notesSheet,
  rosterSheet,
  rulesSheet,
  settingsSheet,
  type InputWorkbook,
  type NoteRow,
  type RosterEntry,
} from "../../src/template/input-sheets.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { validateWorkbook } from "../../src/validate/validate-workbook.js";
import { INPUT_SHEETS } from "../../src/model/sheets.js";

const values = (s: SheetSpec) => s.rows.map((r) => r.map(cellValue));
const column = (s: SheetSpec, title: string) => {
  const head = values(s)[0]!;
  const c = head.indexOf(title);
  return values(s)
    .slice(1)
    .map((r) => r[c] ?? null);
};

const BRANCHES: RosterEntry[] = [
  { code: "ZB01", name: "炼钢厂第一党支部", category: "生产类", unit: "炼钢厂", members: 42 },
  { code: "ZB02", name: "设备检修中心党支部", category: "辅助类", unit: "设备检修中心", members: 27 },
  { code: "ZB03", name: "机关党委办公室党支部", category: "综合管理类", unit: "机关党委", members: 18 },
  { code: "ZB04", name: "销售公司华东营销党支部", category: "市场经营类", unit: "销售公司", members: null },
  { code: "ZB05", name: "冶金建设公司党支部", category: "非公改制类", unit: "冶金建设公司" },
];

const applies = (it: RuleItem, b: Branch) => b.category === null || !it.naCategories.includes(b.category);

/**
 * A fully and consistently filled workbook: A and B agree within tolerance, deductions are
 * explained, 不适用 where the rules say so, one vetoed branch, bonuses within the cap.
 */
function filledWorkbook(rules: Rules = defaultRules()): InputWorkbook {
  const score = (rater: "A" | "B" | "self") => (b: Branch, it: RuleItem) => {
    const n = BRANCHES.findIndex((x) => x.code === b.code);
    if (it.type === "veto") return b.code === "ZB05" && it.code === "V1" ? "是" : "否";
    if (it.type === "bonus") return it.code === "B1" && n < 2 ? it.max / 100 : 0;
    if (!applies(it, b)) return "不适用";
    const deducted = (n + rules.items.indexOf(it)) % 4 === 0 ? 0.5 : 0;
    const off = rater === "B" && deducted > 0 && it.max >= 300 ? 0.5 : 0;
    return it.max / 100 - deducted - off;
  };
  const notes: NoteRow[] = [];
  for (const b of BRANCHES) {
    for (const it of rules.items) {
      if (it.type !== "base" || !applies(it, b)) continue;
      for (const [rater, f] of [
        ["A", score("A")],
        ["B", score("B")],
      ] as const) {
        if ((f(b, it) as number) < it.max / 100) notes.push({ branch: b.code, item: it.code, rater, note: "台账缺项，扣分" });
      }
    }
  }
  return {
    settings: { period: "2026Q3" },
    rules,
    branches: BRANCHES,
    a: score("A"),
    b: score("B"),
    arbitration: { branches: [] },
    self: { values: score("self"), branches: BRANCHES.slice(0, 3) },
    notes,
  };
}

describe("input sheets", () => {
  it("lays out 考核设置 with every setting and its default", () => {
    const s = settingsSheet();
    expect(s.name).toBe("考核设置");
    expect(values(s)[0]!.slice(0, 2)).toEqual(["设置项", "值"]);
    expect(column(s, "设置项")).toEqual(SETTING_NAMES);
    const byName = new Map(
      values(s)
        .slice(1)
        .map((r) => [r[0], r[1]]),
    );
    expect(byName.get("考核周期")).toBeNull();
    expect(byName.get("评分A名称")).toBe("党建部门");
    expect(byName.get("评分B名称")).toBe("业务部门");
    expect(byName.get("分差阈值比例")).toBe(0.25);
    expect(byName.get("仲裁规则")).toBe("三评取近");
    expect(byName.get("加分上限")).toBe(5);
    expect(byName.get("否决星级上限")).toBe(1);
    expect(byName.get("否决排末位")).toBe("是");
    expect(byName.get("星级阈值")).toBe("90,80,70,60");
    expect(byName.get("排名方式")).toBe("并列跳位");
    expect(byName.get("扣分说明要求")).toBe("提示");
    expect(cellStyle(s.rows[0]![0])).toBe("header");
    expect(s.freezeRows).toBe(1);
    expect(values(settingsSheet({ period: "2026Q3", ranking: "中国式" })).find((r) => r[0] === "排名方式")![1]).toBe("中国式");
  });

  it("reads the settings sheet back as the settings it was made from", () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      period: "2026Q4",
      raterAName: "组织部",
      bonusCap: 350,
      vetoLast: false,
      ranking: "中国式" as const,
    };
    const sheets = inputSheets({ ...filledWorkbook(), settings });
    const v = validateWorkbook(new SheetSpecReader(sheets).snapshot());
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.assessment.settings).toEqual(settings);
  });

  it("writes 评分细则 with codes as text and reads back as the same rules", () => {
    const rules = defaultRules();
    const s = rulesSheet(rules.items);
    expect(values(s)[0]).toEqual(["编号", "类型", "考核方面", "考核内容", "分值", "评分标准", "不适用类别", "分差阈值"]);
    expect(column(s, "编号").every((c) => typeof c === "string")).toBe(true);
    expect(column(s, "编号").slice(0, 3)).toEqual(["1.1", "1.2", "1.3"]);
    expect(column(s, "类型").filter((t) => t === "否决")).toHaveLength(4);
    const v71 = values(s).find((r) => r[0] === "7.1")!;
    expect(v71[4]).toBe(8);
    expect(v71[6]).toBe("综合管理类");
    expect(values(s).find((r) => r[0] === "V1")![4]).toBeNull();

    const custom: RuleItem[] = [
      ...rules.items.slice(0, 3),
      { ...rules.items[3]!, tolerance: 75, naCategories: ["辅助类", "非公改制类"] },
      ...rules.items.slice(4),
    ];
    const v = validateWorkbook(new SheetSpecReader(inputSheets(filledWorkbook({ items: custom, areas: rules.areas }))).snapshot());
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.assessment.rules).toEqual({ items: custom, areas: rules.areas });
  });

  it("writes the roster and reads it back", () => {
    const s = rosterSheet(BRANCHES);
    expect(values(s)[0]).toEqual(["支部编码", "支部名称", "支部类别", "所属单位", "党员人数"]);
    expect(column(s, "党员人数")).toEqual([42, 27, 18, null, null]);
    const v = validateWorkbook(new SheetSpecReader(inputSheets(filledWorkbook())).snapshot());
    expect(v.ok && v.assessment.branches).toEqual(BRANCHES.map(({ code, name, category, unit }) => ({ code, name, category, unit })));
  });

  it("lays out a grid: header, 项目名称 and 分值 rows, one row per branch", () => {
    const rules = defaultRules();
    const s = gridSheet("评分A", rules, BRANCHES, (b, it) => (it.type === "veto" ? "否" : it.max / 100));
    const rows = values(s);
    expect(rows[0]!.slice(0, 4)).toEqual(["支部编码", "支部名称", "1.1", "1.2"]);
    expect(rows[0]!.slice(2)).toEqual(rules.items.map((i) => i.code));
    expect(rows[1]![0]).toBe("项目名称");
    expect(rows[1]![2]).toBe(rules.items[0]!.content);
    expect(rows[2]![0]).toBe("分值");
    expect(rows[2]!.slice(2)).toEqual(rules.items.map((i) => (i.type === "veto" ? "是/否" : i.max / 100)));
    expect(rows.slice(3).map((r) => r[0])).toEqual(BRANCHES.map((b) => b.code));
    expect(rows[3]![1]).toBe("炼钢厂第一党支部");
    expect(s.freezeRows).toBe(3);
    expect(s.columnWidths).toHaveLength(2 + rules.items.length);
    expect(cellStyle(s.rows[3]![2])).toBe("decimal2");
    // An empty template grid: codes and names, blank score cells.
    const blank = gridSheet("评分B", rules, BRANCHES);
    expect(
      values(blank)
        .slice(3)
        .every((r) => r.slice(2).every((v) => v === null)),
    ).toBe(true);
  });

  it("lays out 扣分说明", () => {
    const s = notesSheet([{ branch: "ZB01", item: "1.1", rater: "党建部门", note: "=未学习", evidence: "会议记录" }]);
    expect(values(s)).toEqual([
      ["支部编码", "项目编号", "评分方", "说明", "佐证材料"],
      ["ZB01", "1.1", "党建部门", "=未学习", "会议记录"],
    ]);
  });

  it("gives a workbook in the layout the validator reads: a fully and consistently filled one scores final with no issue", async () => {
    const sheets = inputSheets(filledWorkbook());
    expect(sheets.map((s) => s.name)).toEqual([...INPUT_SHEETS]);
    const v = validateWorkbook(new SheetSpecReader(sheets).snapshot());
    expect(v.issues).toEqual([]);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(assess(v.assessment).findings).toEqual([]);

    const { result } = await runAssessment(new SheetSpecReader(sheets), null, { now: new Date("2026-10-08T09:30:00") });
    expect(result.status).toBe("final");
    expect(result.issues).toEqual([]);
    expect(result.branches).toHaveLength(5);
    expect(result.branches.at(-1)).toMatchObject({ code: "ZB05", vetoed: true, vetoItems: ["V1"] });
    expect(result.items.filter((i) => i.status === "不适用").map((i) => `${i.branch} ${i.item}`)).toEqual(["ZB03 7.1", "ZB03 7.2"]);
    expect(result.branches.find((b) => b.code === "ZB01")!.bonus).toBe(2);
    expect(
      result.branches
        .filter((b) => b.selfTotal !== null)
        .map((b) => b.code)
        .sort(),
    ).toEqual(["ZB01", "ZB02", "ZB03"]);
  });

  it("gives an empty template that is structurally valid: nothing fatal, only the blanks people still have to fill", () => {
    const rules = defaultRules();
    const sheets = inputSheets({ rules, branches: BRANCHES, arbitration: {}, self: {}, notes: [] });
    const v = validateWorkbook(new SheetSpecReader(sheets).snapshot());
    expect(v.ok).toBe(true);
    const codes = new Set(v.issues.map((i) => i.code));
    expect([...codes].sort()).toEqual(["PERIOD_MISSING", "SCORE_MISSING"]);
  });
});
