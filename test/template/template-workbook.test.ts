import { describe, expect, it } from "vitest";
import { parseA1 } from "../../src/model/cell.js";
import type { RuleItem, Rules } from "../../src/model/rules.js";
import { GRID_SHEETS } from "../../src/model/sheets.js";
import { runAssessment } from "../../src/pipeline.js";
import { cellStyle, cellValue, type OutCell, type SheetSpec, type ValidationSpec } from "../../src/report/sheet-spec.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { SheetSpecReader } from "../../src/io/sheet-spec-reader.js";
import { EXAMPLE_BRANCHES, GRID_LAYOUT, notApplicable, templateGridSheet, templateSheets } from "../../src/template/template-workbook.js";
import { findGridHeader } from "../../src/validate/grids.js";
import { validateWorkbook } from "../../src/validate/validate-workbook.js";
import { BRANCHES, filledTemplate } from "./fill-template.js";

const values = (s: SheetSpec) => s.rows.map((r) => r.map(cellValue));
const sheet = (sheets: SheetSpec[], name: string) => sheets.find((s) => s.name === name)!;

/** Every cell a validation range covers, "C5" style, with the validation. */
function coveredCells(spec: SheetSpec): Map<string, ValidationSpec> {
  const out = new Map<string, ValidationSpec>();
  for (const v of spec.validations ?? []) {
    const [from, to = from] = v.range.split(":") as [string, string?];
    const a = parseA1(from),
      b = parseA1(to);
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.col; c <= b.col; c++) {
        const key = `${c}:${r}`;
        expect(out.has(key), `${spec.name}: two validations on one cell`).toBe(false);
        out.set(key, v);
      }
    }
  }
  return out;
}

describe("new template", () => {
  const rules = defaultRules();

  it("has its sheets in order, 填报说明 first", () => {
    expect(templateSheets({ branches: BRANCHES, period: "2026Q3" }).map((s) => s.name)).toEqual([
      "填报说明",
      "考核设置",
      "评分细则",
      "支部名册",
      "评分A",
      "评分B",
      "仲裁",
      "自评",
      "扣分说明",
    ]);
  });

  it("explains the workflow, the sheets and the cell rules in 填报说明", () => {
    const text = values(templateSheets({ branches: BRANCHES, period: "2026Q3" })[0]!)
      .flat()
      .join("\n");
    for (const phrase of [
      "新建模板",
      "两方独立评分",
      "仲裁",
      "校验",
      "一键评分排名",
      "不适用",
      "留空（按 0 分）",
      "是 或 否",
      "扣分说明要求",
      "运行记录",
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).toContain("2026Q3");
    expect(templateSheets({ branches: BRANCHES, period: "2026Q3" })[0]!.protect).toBe(true);
  });

  it("writes the period and the default settings; only the 值 column is open", () => {
    const s = sheet(templateSheets({ branches: BRANCHES, period: "2026Q3" }), "考核设置");
    const rows = values(s);
    expect(rows.find((r) => r[0] === "考核周期")![1]).toBe("2026Q3");
    expect(rows.find((r) => r[0] === "分差阈值比例")![1]).toBe(0.25);
    expect(s.protect).toBe(true);
    s.rows.slice(1).forEach((row) => {
      expect(cellStyle(row[0])).toBe("text");
      expect(cellStyle(row[1])).toBe("inputText");
    });
    const list = (name: string) => {
      const r = rows.findIndex((row) => row[0] === name);
      return s.validations!.find((v) => v.range === `B${r + 1}`);
    };
    expect(list("仲裁规则")).toMatchObject({ kind: "list", values: ["三评取近", "仲裁为准"] });
    expect(list("扣分说明要求")).toMatchObject({ kind: "list", values: ["必填", "提示", "不检查"] });
    expect(list("考核周期")).toBeUndefined();
    // Without --period 考核周期 is left blank.
    expect(values(sheet(templateSheets(), "考核设置")).find((r) => r[0] === "考核周期")![1]).toBeNull();
  });

  it("lays out each grid: band, header, 项目名称 and 分值 rows, one row per branch; 不适用 prefilled", () => {
    for (const name of GRID_SHEETS) {
      const s = templateGridSheet(name, rules, BRANCHES);
      const rows = values(s);
      expect(findGridHeader(new SheetSpecReader([s]).snapshot().sheets.get(name)!)).toBe(GRID_LAYOUT.headerRow);
      expect(rows[GRID_LAYOUT.headerRow]).toEqual(["支部编码", "支部名称", ...rules.items.map((i) => i.code)]);
      expect(rows[GRID_LAYOUT.headerRow + 1]![0]).toBe("项目名称");
      expect(rows[GRID_LAYOUT.headerRow + 1]!.slice(2)).toEqual(rules.items.map((i) => i.content));
      expect(rows[GRID_LAYOUT.headerRow + 2]![0]).toBe("分值");
      expect(rows[GRID_LAYOUT.headerRow + 2]!.slice(2)).toEqual(rules.items.map((i) => (i.type === "veto" ? "是/否" : i.max / 100)));
      expect(rows.slice(GRID_LAYOUT.firstBranchRow).map((r) => r.slice(0, 2))).toEqual(BRANCHES.map((b) => [b.code, b.name]));
      expect(rows[0]![0]).toContain(name);
      expect(rows[0]![2]).toBe("政治建设");
      expect(s.merges).toContain("C1:E1");
      BRANCHES.forEach((b, k) => {
        rules.items.forEach((it, i) => {
          const cell = s.rows[GRID_LAYOUT.firstBranchRow + k]![2 + i] as OutCell;
          if (notApplicable(it, b)) expect(cell).toMatchObject({ v: "不适用", style: "text", tone: "muted" });
          else expect(cell).toEqual({ v: null, style: it.type === "veto" ? "inputText" : "input" });
        });
      });
    }
    const a = values(templateGridSheet("评分A", rules, BRANCHES));
    const col71 = a[GRID_LAYOUT.headerRow]!.indexOf("7.1");
    expect(a.slice(GRID_LAYOUT.firstBranchRow).map((r) => r[col71])).toEqual([null, null, "不适用", "不适用", null, null]);
  });

  it("puts data validation on every open score cell of every grid, with the item's bounds and texts", () => {
    for (const name of GRID_SHEETS) {
      const s = templateGridSheet(name, rules, BRANCHES);
      const covered = coveredCells(s);
      let open = 0;
      s.rows.forEach((row, r) => {
        row.forEach((entry, c) => {
          const v = covered.get(`${c}:${r}`);
          const style = cellStyle(entry);
          if (style !== "input" && style !== "inputText") {
            expect(v, `${name}!${c}:${r} is locked and has no validation`).toBeUndefined();
            return;
          }
          open++;
          expect(v, `${name} row ${r} col ${c}`).toBeDefined();
          const it = rules.items[c - GRID_LAYOUT.firstItemColumn]!;
          if (it.type === "veto") {
            expect(v).toMatchObject({ kind: "list", values: ["是", "否"] });
          } else {
            expect(v).toMatchObject({ kind: "decimal", min: 0, max: it.max / 100 });
            expect(v!.error).toContain(`0～${it.max / 100}`);
          }
          expect(v!.prompt!.title).toContain(it.code);
          expect(v!.prompt!.text).toContain(it.content);
          if (it.criteria) expect(v!.prompt!.text).toContain(it.criteria);
          if (name === "仲裁") expect(v!.prompt!.text).toContain("留空表示不仲裁");
          expect([...v!.prompt!.text].length).toBeLessThanOrEqual(255);
          expect([...v!.prompt!.title].length).toBeLessThanOrEqual(32);
        });
      });
      // 6 branches × 36 items, less the 2 × 2 不适用 cells of the two 综合管理类 branches.
      expect(open).toBe(BRANCHES.length * rules.items.length - 4);
      expect(covered.size).toBe(open);
    }
  });

  it("keeps validation texts within Excel's limits for long rules", () => {
    const long: RuleItem = {
      ...defaultRules().items[0]!,
      code: "1.1",
      area: "政治建设与理论武装及意识形态工作责任制落实情况",
      content: "很长的考核内容".repeat(30),
      criteria: "很长的评分标准".repeat(40),
    };
    const r: Rules = { items: [long], areas: [long.area] };
    const [v] = templateGridSheet("评分A", r, BRANCHES).validations!;
    expect([...v!.prompt!.text].length).toBeLessThanOrEqual(255);
    expect([...v!.prompt!.title].length).toBeLessThanOrEqual(32);
    expect(v!.prompt!.text).toMatch(/填 0～4 的数字，最多两位小数；不能留空。$/);
  });

  it("protects the grids and freezes the header, annotation rows and the code and name columns", () => {
    for (const name of GRID_SHEETS) {
      const s = templateGridSheet(name, rules, BRANCHES);
      expect(s.protect).toBe(true);
      expect(s.freezeRows).toBe(GRID_LAYOUT.firstBranchRow);
      expect(s.freezeColumns).toBe(2);
      expect(s.columnWidths).toHaveLength(2 + rules.items.length);
      // Header, annotation rows and the code/name columns are locked.
      s.rows
        .slice(0, GRID_LAYOUT.firstBranchRow)
        .flat()
        .forEach((e) => expect(["input", "inputText"]).not.toContain(cellStyle(e)));
      s.rows.forEach((row) => row.slice(0, 2).forEach((e) => expect(["input", "inputText"]).not.toContain(cellStyle(e))));
    }
  });

  it("marks the example roster clearly when no roster is given", () => {
    const sheets = templateSheets();
    const roster = values(sheet(sheets, "支部名册"));
    expect(String(roster[0]![0])).toContain("示例");
    const body = roster.slice(2);
    expect(body.map((r) => r[0])).toEqual(EXAMPLE_BRANCHES.map((b) => b.code));
    expect(body.every((r) => String(r[0]).startsWith("示例") && String(r[1]).includes("示例"))).toBe(true);
    expect(
      values(sheet(sheets, "评分A"))
        .slice(GRID_LAYOUT.firstBranchRow)
        .map((r) => r[0]),
    ).toEqual(EXAMPLE_BRANCHES.map((b) => b.code));
    // 填报说明 and the roster's notice say how to replace the examples: in the task pane, never on a command line.
    const instructions = values(sheets[0]!).flat().join("");
    expect(instructions).toContain("按本工作簿的支部名册重新生成");
    expect(String(roster[0]![0])).toContain("按本工作簿的支部名册重新生成");
    expect(instructions + String(roster[0]![0])).not.toMatch(/scorecard|命令|--/);
    // Structurally valid: only the period and the scores are still to be filled.
    const v = validateWorkbook(new SheetSpecReader(sheets).snapshot());
    expect(v.ok).toBe(true);
    expect([...new Set(v.issues.map((i) => i.code))].sort()).toEqual(["PERIOD_MISSING", "SCORE_MISSING"]);
  });

  it("scores final with no issue once filled with valid values", async () => {
    const sheets = filledTemplate(templateSheets({ branches: BRANCHES, period: "2026Q3" }), rules, BRANCHES);
    const { result } = await runAssessment(new SheetSpecReader(sheets), null, { now: new Date("2026-10-08T09:30:00") });
    expect(result.issues).toEqual([]);
    expect(result.status).toBe("final");
    expect(result.branches).toHaveLength(BRANCHES.length);
    expect(
      result.items
        .filter((i) => i.status === "不适用")
        .map((i) => `${i.branch} ${i.item}`)
        .sort(),
    ).toEqual(["ZB03 7.1", "ZB03 7.2", "ZB04 7.1", "ZB04 7.2"]);
    expect(result.branches.at(-1)).toMatchObject({ code: "ZB06", vetoed: true });
    expect(result.branches.find((b) => b.code === "ZB01")!.bonus).toBe(2);
    expect(result.branches.every((b) => b.selfTotal !== null)).toBe(true);
  });

  it("an unfilled template is not final: the blanks are reported", async () => {
    const { result } = await runAssessment(new SheetSpecReader(templateSheets({ branches: BRANCHES, period: "2026Q3" })), null, {
      now: new Date(),
    });
    expect(result.status).toBe("provisional");
    expect(new Set(result.issues.map((i) => i.code))).toEqual(new Set(["SCORE_MISSING"]));
  });
});
