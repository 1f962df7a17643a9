import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IssueList, ISSUES_PAGE } from "../../addin/taskpane/IssueList.js";
import { LanguageContext, type Language } from "../../addin/taskpane/strings.js";
import { issue, type Issue } from "../../src/model/issues.js";

const issues = [
  issue("error", "SCORE_OUT_OF_RANGE", { sheet: "评分A", cell: "F5" }, { branch: "ZB002", item: "2.1", value: "4.5", max: 4 }),
  issue(
    "warning",
    "SCORE_NORMALIZED",
    { sheet: "评分A", cell: "C4" },
    { branch: "ZB001", item: "1.1", value: "３．５", max: 4, score: 3.5 },
  ),
];

const shown = (language: Language, list: readonly Issue[] = issues) =>
  renderToStaticMarkup(createElement(LanguageContext.Provider, { value: language }, createElement(IssueList, { issues: list })));
const text = (html: string) => html.replace(/<[^>]+>/g, "\n").replace(/\n+/g, "\n");

/** 3,160 warnings on 评分A, then the one error that makes the result provisional (item 3,161, as in the issue). */
function errorAmongWarnings(): Issue[] {
  const warnings = Array.from({ length: 3160 }, (_, k) =>
    issue(
      "warning",
      "SCORE_NORMALIZED",
      { sheet: "评分A", cell: `C${k + 4}` },
      { branch: `ZB${k}`, item: "1.1", value: "３．５", max: 4, score: 3.5 },
    ),
  );
  const error = issue("error", "DISPUTE_PENDING", { sheet: "评分A", cell: "D3164" }, {
    branch: "ZB3160",
    item: "1.2",
    raterA: "党建部门",
    raterB: "业务部门",
    scoreA: 4,
    scoreB: 1,
    tolerance: 1,
  } as never);
  const deductions = Array.from({ length: 40 }, (_, k) =>
    issue(
      "warning",
      "DEDUCTION_NOTE_MISSING",
      { sheet: "评分B", cell: `E${k + 4}` },
      {
        branch: `ZB${k}`,
        item: "1.1",
        score: 3,
        max: 4,
      },
    ),
  );
  return [...warnings, error, ...deductions];
}

describe("the task pane's issue list", () => {
  it("shows issues in the UI's language, rendered from the data", () => {
    const en = shown("en");
    expect(en).toContain("评分A!F5: the score 4.5 is out of range and counts as blank. Scores of item “2.1” are from 0 to 4.");
    expect(en).toContain("评分A!C4: the score was entered as text (“３．５”) and counted as the number 3.5.");
    const zh = shown("zh");
    expect(zh).toContain("评分A!F5：分数 4.5 超出范围，按未填处理。考核项“2.1”的分数应在 0 到 4 之间，请改正。");
  });

  it("puts the one error among thousands of warnings first, under 需要处理, with its count", () => {
    const html = shown("zh", errorAmongWarnings());
    const urgent = html.slice(html.indexOf('data-testid="issues-urgent"'), html.indexOf('data-testid="issues-warnings"'));
    expect(text(urgent)).toContain("需要处理（1）");
    expect(urgent).toContain("评分A!D3164：支部“ZB3160”的考核项“1.2”两方评分相差超过阈值");
    expect(urgent.match(/data-testid="issue"/g)).toHaveLength(1);
    // The warnings follow, their groups closed: the error is what people see first.
    expect(html.indexOf('data-testid="issues-urgent"')).toBeLessThan(html.indexOf('data-testid="issues-warnings"'));
    expect(html).not.toContain("评分A!C4：");
  });

  it("groups the warnings by kind with their totals, and never cuts a list off without saying so", () => {
    const zh = text(shown("zh", errorAmongWarnings()));
    expect(zh).toContain("警告（3200）");
    expect(zh).toContain("分数以文本填写（3160）");
    expect(zh).toContain("扣分没有说明（40）");
    expect(zh).toContain("筛选问题");
    expect(zh).toContain("按工作表");
    // A long list: the first page, its total, and the way to the rest.
    const many = Array.from({ length: 120 }, (_, k) =>
      issue("error", "SCORE_MISSING", { sheet: "评分A", cell: `C${k + 4}` }, { branch: `ZB${k}`, item: "1.1", max: 4 }),
    );
    const page = shown("zh", many);
    expect(page.match(/data-testid="issue"/g)).toHaveLength(ISSUES_PAGE);
    expect(text(page)).toContain(`已显示 ${ISSUES_PAGE} 条，共 120 条`);
    expect(text(page)).toContain(`显示更多（还有 ${120 - ISSUES_PAGE} 条）`);
    expect(text(shown("en", many))).toContain(`Show more (${120 - ISSUES_PAGE} left)`);
  });

  it("orders fatal problems before errors", () => {
    const list = [
      issue("error", "SCORE_MISSING", { sheet: "评分A", cell: "C4" }, { branch: "ZB1", item: "1.1", max: 4 }),
      issue("fatal", "SHEET_MISSING", { sheet: "评分B", cell: null }, {}),
    ];
    const html = shown("zh", list);
    expect(html.indexOf("缺少必需的工作表“评分B”")).toBeLessThan(html.indexOf("评分A!C4"));
    expect(text(html)).toContain("需要处理（2）");
  });

  it("says when there are no errors, and when there is nothing at all", () => {
    expect(text(shown("zh", [issues[1]!]))).toContain("没有致命问题或错误。");
    expect(text(shown("zh", []))).toContain("没有发现问题。");
  });
});
