import { describe, expect, test } from "vitest";
import { num, err, text } from "../../src/model/cell.js";
import { assessment, branchOf, codes, keys, type CellInput, type RuleSpec } from "../helpers/assessment-builder.js";

// Default rules as the builder writes them: row 2 is 1.1 … row 28 is 8.3, rows 29–33 B1–B5, rows 34–37 V1–V4.
// Columns: A 编号, B 类型, C 考核方面, D 考核内容, E 分值, F 评分标准, G 不适用类别, H 分差阈值.

function issuesOf(edit: (b: ReturnType<typeof assessment>) => ReturnType<typeof assessment>) {
  return edit(assessment().branches(1)).validate().issues;
}
const ruleInvalid = (cell: string | null) => ({ severity: "fatal", code: "RULE_INVALID", sheet: "评分细则", cell }) as const;

describe("评分细则: RULE_INVALID, one per row, on the first failing check", () => {
  test("编号 blank on a row with content → the 编号 cell", () => {
    const issues = issuesOf((b) => b.set("评分细则", "A3", null));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("A3")]);
  });

  test("编号 repeating an earlier row's → reported on the later row", () => {
    const issues = issuesOf((b) => b.set("评分细则", "A5", "1.2"));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("A5")]);
  });

  test("编号 compared after trimming and number → text: number 1.1 repeats text '1.1'", () => {
    const issues = issuesOf((b) => b.set("评分细则", "A4", num(1.1)));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("A4")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "A4", " 1.2\u3000")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("A4")]);
  });

  test("类型 not one of 基础/加分/否决 → the 类型 cell, even when later checks would fail too", () => {
    const issues = issuesOf((b) => b.set("评分细则", "B2", "基本").set("评分细则", "E2", "abc").set("评分细则", "C2", null));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("B2")]);
  });

  test.each<[string, CellInput]>([
    ["text", "abc"],
    ["zero", 0],
    ["negative", -1],
    ["three decimals", 4.555],
    ["blank", null],
    ["a date-formatted number", num(4, true)],
    ["a signed text", "+4"],
    ["an error value", err("#REF!")],
  ])("分值 %s on a 基础 item → the 分值 cell (before 考核方面)", (_, v) => {
    const issues = issuesOf((b) => b.set("评分细则", "E2", v).set("评分细则", "C2", null));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("E2")]);
  });

  test("分值 invalid on a 加分 item → the 分值 cell", () => {
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "E29", "两分")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("E29")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "E29", null)),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("E29")]);
  });

  test("分值 is ignored for 否决 items", () => {
    const issues = issuesOf((b) => b.set("评分细则", "E34", "不计分").set("评分细则", "E35", -3));
    expect(keys(issues, "RULE_INVALID")).toEqual([]);
  });

  test("分值 as text plain numbers (４, 4.000) or a formula's 15-digit value is accepted", () => {
    const issues = issuesOf((b) =>
      b
        .set("评分细则", "E2", "４")
        .set("评分细则", "E3", "4.000")
        .set("评分细则", "E4", 0.1 + 3.9),
    );
    expect(issues.filter((i) => i.where.sheet === "评分细则")).toEqual([]);
  });

  test("考核方面 blank on a 基础 item → the 考核方面 cell; blank on 加分/否决 is fine", () => {
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "C7", " ")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("C7")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "C29", null).set("评分细则", "C34", null)),
        "RULE_INVALID",
      ),
    ).toEqual([]);
  });

  test("不适用类别 with an unknown category → the 不适用类别 cell, on every row type", () => {
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "G2", "机关类")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("G2")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "G29", "生产类、后勤")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("G29")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "G34", "x")),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("G34")]);
  });

  test("不适用类别 accepts full names, short forms and the three separators", () => {
    const issues = issuesOf((b) => b.set("评分细则", "G2", "综合管理类，经营、非公, 辅助"));
    expect(issues.filter((i) => i.where.sheet === "评分细则")).toEqual([]);
  });

  test.each<[string, CellInput]>([
    ["negative", -0.5],
    ["three decimals", 0.125],
    ["text", "一分"],
    ["date-formatted", num(1, true)],
  ])("分差阈值 %s → the 分差阈值 cell, on every row type", (_, v) => {
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "H2", v)),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("H2")]);
    expect(
      keys(
        issuesOf((b) => b.set("评分细则", "H35", v)),
        "RULE_INVALID",
      ),
    ).toEqual([ruleInvalid("H35")]);
  });

  test("分差阈值 0 and text 0.50 are accepted", () => {
    const issues = issuesOf((b) => b.set("评分细则", "H2", 0).set("评分细则", "H3", "0.50"));
    expect(issues.filter((i) => i.where.sheet === "评分细则")).toEqual([]);
  });

  test("不适用类别 is checked before 分差阈值", () => {
    const issues = issuesOf((b) => b.set("评分细则", "G2", "机关").set("评分细则", "H2", -1));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("G2")]);
  });

  test("考核方面 is checked before 不适用类别", () => {
    const issues = issuesOf((b) => b.set("评分细则", "C2", null).set("评分细则", "G2", "机关"));
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("C2")]);
  });

  test("several bad rows: one issue each, in row order", () => {
    const issues = issuesOf((b) =>
      b.set("评分细则", "B3", "?").set("评分细则", "E5", 0).set("评分细则", "H30", "x").set("评分细则", "A36", "V1"),
    );
    expect(keys(issues, "RULE_INVALID")).toEqual([ruleInvalid("B3"), ruleInvalid("E5"), ruleInvalid("H30"), ruleInvalid("A36")]);
  });

  test("RULE_INVALID is fatal and stops the later stages (no roster or grid issue)", async () => {
    const r = await assessment().branches([]).set("评分细则", "B2", "?").set("评分A", "C2", "abc").result();
    expect(r.status).toBe("fatal");
    expect(keys(r.issues, "RULE_INVALID")).toEqual([ruleInvalid("B2")]);
    expect(r.issues.every((i) => i.sheet === "评分细则")).toBe(true);
  });

  test("at least one 基础 item: else RULE_INVALID without a cell", () => {
    const rules: RuleSpec[] = [
      { code: "B1", type: "加分", area: "加分项", points: 2 },
      { code: "V1", type: "否决", area: "否决项" },
    ];
    expect(keys(assessment().rules(rules).validate().issues)).toEqual([ruleInvalid(null)]);
  });

  test("no 基础 item but another RULE_INVALID: only that one", () => {
    const rules: RuleSpec[] = [
      { code: "B1", type: "加分", area: "加分项", points: 2 },
      { code: "V1", type: "否决", area: "否决项", tolerance: -1 },
    ];
    expect(keys(assessment().rules(rules).validate().issues)).toEqual([ruleInvalid("H3")]);
  });

  test("rows entirely empty are skipped; a row with content anywhere but no 编号 is RULE_INVALID", () => {
    const ok = assessment()
      .branches(1)
      .patch("评分细则", (rows) => [...rows.slice(0, 5), [], [null, null], ...rows.slice(5), []])
      .validate();
    expect(ok.ok).toBe(true);
    expect(ok.issues.filter((i) => i.where.sheet === "评分细则")).toEqual([]);
    const bad = assessment()
      .branches(1)
      .patch("评分细则", (rows) => [...rows, [null, null, null, text("一段说明")]])
      .validate();
    expect(keys(bad.issues, "RULE_INVALID")).toEqual([ruleInvalid("A38")]);
  });
});

describe("评分细则: layout and totals", () => {
  test("header row below a title, any column order, optional columns absent, extra columns ignored", async () => {
    const r = await assessment()
      .branches(1)
      .rules([{ code: "1.1", type: "基础", area: "甲", points: 100 }])
      .sheet("评分细则", [
        ["某公司党支部考核细则"],
        [null],
        ["分值", "备注", "考核内容", "考核方面", "类型", "编号"],
        [100, "x", "内容", "甲", "基础", "1.1"],
      ])
      .result();
    expect(r.status).toBe("final");
    expect(r.areas).toEqual(["甲"]);
    expect(branchOf(r, "ZB001").total).toBe(100);
  });

  test("a number 编号 is read as its shortest decimal text and matches the grid header", async () => {
    const r = await assessment().branches(1).set("评分细则", "A2", num(1.1)).set("评分A", "C1", num(1.1)).result();
    expect(r.status).toBe("final");
    expect(r.items.find((i) => i.item === "1.1")).toMatchObject({ final: 4 });
  });

  test("no header row in the first 10 rows → HEADER_MISSING (fatal, no cell)", () => {
    const v = assessment()
      .patch("评分细则", (r) => [...Array.from({ length: 10 }, () => [text("说明")]), ...r])
      .validate();
    expect(keys(v.issues)).toEqual([{ severity: "fatal", code: "HEADER_MISSING", sheet: "评分细则", cell: null }]);
  });

  test("a header row with a required title missing is no header row", () => {
    const v = assessment().set("评分细则", "E1", "分数").validate();
    expect(keys(v.issues)).toEqual([{ severity: "fatal", code: "HEADER_MISSING", sheet: "评分细则", cell: null }]);
  });

  test("a 基础 total other than 100 is a warning (RULE_TOTAL_NOT_100, no cell); the base is still scaled to 100", async () => {
    const r = await assessment().branches(1).rule("1.1", { points: 6 }).result();
    expect(keys(r.issues)).toEqual([{ severity: "warning", code: "RULE_TOTAL_NOT_100", sheet: "评分细则", cell: null }]);
    expect(r.status).toBe("final");
    expect(branchOf(r, "ZB001")).toMatchObject({ base: 100, total: 100 });
    const low = await assessment()
      .branches(1)
      .rule("1.1", { points: 6 })
      .scores({ ZB001: { "1.1": 4 } })
      .settings({ 扣分说明要求: "不检查" })
      .result();
    // (102 − 2) × 100 / 102 = 98.039… → 98.04
    expect(branchOf(low, "ZB001").base).toBe(98.04);
  });

  test("rules with a fatal problem get no RULE_TOTAL_NOT_100 (their total is not known)", () => {
    const broken = assessment().rule("1.1", { points: 6 }).set("评分细则", "B3", "其他").validate();
    expect(keys(broken.issues)).toEqual([{ severity: "fatal", code: "RULE_INVALID", sheet: "评分细则", cell: "B3" }]);
    const badPoints = assessment().rule("1.1", { points: -1 }).validate();
    expect(codes(badPoints.issues)).toEqual(["RULE_INVALID"]);
    // The same total without the fatal row is reported.
    expect(codes(assessment().rule("1.1", { points: 6 }).validate().issues)).toEqual(["RULE_TOTAL_NOT_100"]);
  });

  test("a 基础 total of exactly 100 with 2-decimal points raises no warning", () => {
    const rules: RuleSpec[] = [
      { code: "1.1", type: "基础", area: "甲", points: 33.33 },
      { code: "1.2", type: "基础", area: "甲", points: 33.33 },
      { code: "1.3", type: "基础", area: "甲", points: 33.34 },
    ];
    expect(assessment().rules(rules).validate().issues).toEqual([]);
  });
});
