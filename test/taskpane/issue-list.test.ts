import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IssueList } from "../../addin/taskpane/IssueList.js";
import { LanguageContext, type Language } from "../../addin/taskpane/strings.js";
import { issue } from "../../src/model/issues.js";

const issues = [
  issue("error", "SCORE_OUT_OF_RANGE", { sheet: "评分A", cell: "F5" }, { branch: "ZB002", item: "2.1", value: "4.5", max: 4 }),
  issue(
    "warning",
    "SCORE_NORMALIZED",
    { sheet: "评分A", cell: "C4" },
    { branch: "ZB001", item: "1.1", value: "３．５", max: 4, score: 3.5 },
  ),
];

const shown = (language: Language) =>
  renderToStaticMarkup(createElement(LanguageContext.Provider, { value: language }, createElement(IssueList, { issues })));

describe("the task pane's issue list", () => {
  it("shows issues in the UI's language, rendered from the data", () => {
    const en = shown("en");
    expect(en).toContain("评分A!F5: the score 4.5 is out of range and counts as blank. Scores of item “2.1” are from 0 to 4.");
    expect(en).toContain("评分A!C4: the score was entered as text (“３．５”) and counted as the number 3.5.");
    const zh = shown("zh");
    expect(zh).toContain("评分A!F5：分数 4.5 超出范围，按未填处理。考核项“2.1”的分数应在 0 到 4 之间。");
  });
});
