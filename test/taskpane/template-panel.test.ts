import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TemplateOutcome } from "../../addin/operations.js";
import { TemplateOutcomeView } from "../../addin/taskpane/TemplateOutcome.js";
import { TemplatePanel, templateRoster } from "../../addin/taskpane/TemplatePanel.js";
import { LanguageContext, type Language } from "../../addin/taskpane/strings.js";
import type { NotPlaced, RegenerationSummary } from "../../src/model/regeneration.js";

const inLanguage = (language: Language, element: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement(LanguageContext.Provider, { value: language }, element));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "\n")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

const DISABLED_WORKBOOK = /<input(?=[^>]*value="workbook")(?=[^>]*disabled)[^>]*>/;

const aside = (branch: string, item: string, reason: NotPlaced["reason"], sheet = "评分A"): NotPlaced => ({
  sheet,
  cell: "C9",
  branch,
  name: branch === "ZB04" ? "机关财务党支部" : "",
  item,
  value: 3,
  reason,
});

const SUMMARY: RegenerationSummary = {
  branches: 6,
  items: 36,
  kept: 412,
  addedBranches: ["ZB07"],
  removedBranches: ["ZB04"],
  renamedBranches: [{ code: "ZB02", from: "设备检修中心党支部", to: "设备检修中心第一党支部" }],
  addedItems: [],
  removedItems: [],
  notPlaced: [
    aside("ZB04", "1.1", { kind: "branch-removed", sameName: null }),
    aside("ZB04", "1.2", { kind: "branch-removed", sameName: null }, "评分B"),
    aside("ZB05", "7.1", { kind: "not-applicable", category: "综合管理类" }),
  ],
  notPlacedSheet: "未能放回的评分",
  staleNotes: [{ cell: "A7", branch: "ZB04", item: "1.1", gone: "branch" }],
  addedSheets: [],
  period: { from: "2026Q3", to: "2026Q4" },
};

describe("新建考核模板 in the task pane", () => {
  it("offers the roster file, the workbook's own roster and the examples, with the period", () => {
    const panel = (workbookOpen: boolean, mode: "excel" | "file" = "file") =>
      createElement(TemplatePanel, { disabled: false, mode, workbookOpen, onCreate: () => undefined, onMissingFile: () => undefined });
    const zh = text(inLanguage("zh", panel(true)));
    for (const label of [
      "选择名册文件（.xlsx 或 .csv）",
      "按本工作簿的支部名册重新生成",
      "示例支部",
      "选择名册文件…",
      "考核周期",
      "新建考核模板",
    ])
      expect(zh).toContain(label);
    expect(zh).not.toContain("请先在上方打开考核工作簿");
    // File mode without an open workbook: the workbook's roster cannot be chosen, and it says why.
    const closed = inLanguage("zh", panel(false));
    expect(closed).toMatch(DISABLED_WORKBOOK);
    expect(text(closed)).toContain("请先在上方打开考核工作簿");
    expect(inLanguage("zh", panel(true))).not.toMatch(DISABLED_WORKBOOK);
    // The roster picker takes .xlsx and .csv.
    expect(inLanguage("zh", panel(true))).toMatch(/accept="\.xlsx,\.csv,/);
    const en = text(inLanguage("en", panel(true, "excel")));
    expect(en).toContain("Regenerate from this workbook's roster");
    expect(en).toContain("Choose roster file…");
  });

  it("reads a chosen roster file into the operation's bytes, in the page", async () => {
    const file = new File(["支部编码,支部名称,支部类别\n"], "名册.csv", { type: "text/csv" });
    const roster = await templateRoster({ kind: "file", file });
    expect(roster.kind === "file" && roster.fileName).toBe("名册.csv");
    expect(roster.kind === "file" && new TextDecoder().decode(roster.bytes)).toBe("支部编码,支部名称,支部类别\n");
    expect(await templateRoster({ kind: "workbook" })).toEqual({ kind: "workbook" });
  });

  it("says what a regeneration kept and what it could not place, grouped, in both languages", () => {
    const outcome: TemplateOutcome = { kind: "regenerated", summary: SUMMARY, download: "季度考核-新模板.xlsx" };
    const zh = text(inLanguage("zh", createElement(TemplateOutcomeView, { outcome })));
    expect(zh).toContain("评分表已按支部名册重新生成：6 个支部、36 个考核项；已填的内容保留 412 个单元格。");
    expect(zh).toContain("已下载重新生成的工作簿“季度考核-新模板.xlsx”；原文件未作改动。");
    expect(zh).toContain("新增支部 1 个：ZB07");
    expect(zh).toContain("名册中已删除的支部 1 个：ZB04");
    expect(zh).toContain("支部 ZB02 改名：“设备检修中心党支部”→“设备检修中心第一党支部”（分数已保留）");
    expect(zh).toContain("考核周期：2026Q3 → 2026Q4");
    expect(zh).toContain("3 个已填的单元格没有放回评分表，已逐格保存在“未能放回的评分”工作表中，请核对：");
    expect(zh).toContain("支部 ZB04（机关财务党支部）：2 格（评分A、评分B），支部名册中已没有这个支部编码");
    expect(zh).toContain("支部 ZB05 项目 7.1：1 格（评分A），支部类别为“综合管理类”，此项不适用");
    expect(zh).toContain("“扣分说明”中有 1 行说的支部或项目已不在名册或细则中（支部 ZB04），保留在原处，请核对。");
    // The file mode cannot select a cell: no link to the sheet.
    expect(zh).not.toContain("查看“未能放回的评分”工作表");
    const excel = inLanguage(
      "zh",
      createElement(TemplateOutcomeView, { outcome: { ...outcome, download: null }, onSelect: () => undefined }),
    );
    expect(text(excel)).toContain("已在本工作簿中重新生成评分表。");
    expect(text(excel)).toContain("查看“未能放回的评分”工作表");
    expect(excel).toContain('data-testid="template-outcome"');

    const en = text(inLanguage("en", createElement(TemplateOutcomeView, { outcome })));
    expect(en).toContain("Scoring sheets regenerated from the roster: 6 branches, 36 items; 412 filled cells kept.");
    expect(en).toContain("branch ZB04 (机关财务党支部): 2 cells (评分A, 评分B), the branch code is no longer in 支部名册");
  });

  it("shortens long lists with a count, never silently", () => {
    const many = Array.from({ length: 45 }, (_, i) => `ZB${100 + i}`);
    const outcome: TemplateOutcome = {
      kind: "regenerated",
      summary: {
        ...SUMMARY,
        addedBranches: many,
        notPlaced: many.map((b) => aside(b, "1.1", { kind: "branch-removed", sameName: null })),
      },
      download: null,
    };
    const zh = text(inLanguage("zh", createElement(TemplateOutcomeView, { outcome })));
    expect(zh).toContain(`新增支部 45 个：${many.slice(0, 20).join("、")} 等 25 个`);
    expect(zh).toContain("另有 25 组，见“未能放回的评分”工作表。");
  });

  it("says where a new template's branches came from, and what to do with example branches", () => {
    const created = (o: Partial<Extract<TemplateOutcome, { kind: "created" }>>): TemplateOutcome => ({
      kind: "created",
      branches: 6,
      source: { file: "名册.xlsx", sheet: "名册" },
      rulesCarried: false,
      settingsCarried: false,
      period: "2026Q3",
      download: "支部考核模板-2026Q3.xlsx",
      ...o,
    });
    const show = (o: TemplateOutcome) => text(inLanguage("zh", createElement(TemplateOutcomeView, { outcome: o })));
    expect(show(created({}))).toContain("已生成考核模板：6 个支部，取自“名册.xlsx”的“名册”表。");
    expect(show(created({}))).toContain("已下载“支部考核模板-2026Q3.xlsx”。");
    expect(show(created({}))).toContain("考核周期：2026Q3");
    const carried = show(
      created({
        source: { file: "上季度.xlsx", sheet: "支部名册" },
        rulesCarried: true,
        settingsCarried: true,
        period: null,
        download: null,
      }),
    );
    expect(carried).toContain("评分细则沿用“上季度.xlsx”中的细则。");
    expect(carried).toContain("考核设置沿用“上季度.xlsx”中的设置（考核周期除外）。");
    expect(carried).toContain("考核周期未填写：请在“考核设置”中填写。");
    expect(carried).toContain("模板工作表已添加到本工作簿。");
    expect(show(created({ source: { file: "名册.csv", sheet: "名册.csv" } }))).toContain("已生成考核模板：6 个支部，取自“名册.csv”。");
    expect(show(created({ source: null, branches: 0 }))).toContain("选“按本工作簿的支部名册重新生成”");
  });
});
