import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RANKING_PAGE, RankingList, type RankingRow } from "../../addin/taskpane/RankingList.js";
import { LanguageContext, type Language } from "../../addin/taskpane/strings.js";

const text = (html: string) => html.replace(/<[^>]+>/g, "\n").replace(/\n+/g, "\n");
const rows = (n: number): RankingRow[] =>
  Array.from({ length: n }, (_, k) => ({
    code: `ZB${k}`,
    rank: k + 1,
    name: `第${k + 1}党支部`,
    total: (95 - k / 10).toFixed(2),
    stars: k === n - 1 ? 1 : 4,
    vetoed: k === n - 1,
    details: k === 0 ? ["五星名额已满：5 星降为 4 星"] : [],
  }));
const shown = (language: Language, list: readonly RankingRow[]) =>
  renderToStaticMarkup(
    createElement(
      LanguageContext.Provider,
      { value: language },
      createElement(RankingList, { rows: list, label: "排名", full: "完整结果见“考核结果”工作表。", testId: "ranking-list" }),
    ),
  );

describe("the compact ranking (quarter and year)", () => {
  it("shows rank, name, total and stars on a line, a 否决 badge, and the detail lines", () => {
    const html = shown("zh", rows(3));
    expect(html.match(/data-testid="ranking-row"/g)).toHaveLength(3);
    expect(text(html)).toMatch(/\n1\n第1党支部\n五星名额已满：5 星降为 4 星\n95\.00\n★★★★☆\n/);
    expect(text(html)).toMatch(/\n3\n第3党支部\n否决\n94\.80\n★☆☆☆☆\n/);
    expect(html).toContain('aria-label="第 1 名"');
    expect(text(html)).toContain("完整结果见“考核结果”工作表。");
    // No table: nothing to scroll sideways in a 350 px pane.
    expect(html).not.toContain("<table");
  });

  it("pages a long ranking with its total, never cut off silently", () => {
    const html = shown("zh", rows(45));
    expect(html.match(/data-testid="ranking-row"/g)).toHaveLength(RANKING_PAGE);
    expect(text(html)).toContain(`已显示 ${RANKING_PAGE} 个，共 45 个支部`);
    expect(text(html)).toContain(`显示更多（还有 ${45 - RANKING_PAGE} 个支部）`);
    expect(text(shown("en", rows(45)))).toContain(`${RANKING_PAGE} of 45 branches shown`);
  });
});
