import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProfileView } from "../../addin/taskpane/ProfileView.js";
import { LanguageContext, type Language } from "../../addin/taskpane/strings.js";
import type { Result } from "../../src/model/result.js";
import { assessment } from "../helpers/assessment-builder.js";

const render = (language: Language, result: Result, onShow?: (code: string) => void) =>
  renderToStaticMarkup(
    createElement(LanguageContext.Provider, { value: language }, createElement(ProfileView, { result, ...(onShow ? { onShow } : {}) })),
  );
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

async function weakFirst(): Promise<Result> {
  // ZB001 is last: 1.1 and 2.1 lost, the bonus B1 given; the first branch shown is the top of the ranking.
  const result = await assessment()
    .branches([
      { code: "ZB001", name: "一支部", category: "生产类" },
      { code: "ZB002", name: "二支部", category: "生产类" },
    ])
    .scores({ ZB001: { "1.1": 1, "2.1": 2 }, ZB002: { B1: 1 } })
    .notes([{ branch: "ZB001", item: "1.1", rater: "A", note: "未传达学习三次" }])
    .result();
  // The pane shows the branch it is given first: put the weak one first for the test.
  return { ...result, branches: [...result.branches].reverse() };
}

describe("支部画像 in the task pane", () => {
  it("shows the first branch's key figures, a radar against its category, its 短板弱项 and deductions", async () => {
    const result = await weakFirst();
    const html = render("zh", result);
    const words = text(html);
    expect(words).toContain("总分");
    expect(words).toContain("类别排名 2/2");
    expect(html).toContain('aria-label="一支部各考核方面得分率与本类别平均的雷达图"');
    // Two polygons of data (the branch and its category's mean) over the four rings.
    expect(html.match(/data-series="branch"/g)).toHaveLength(1);
    expect(html.match(/data-series="category"/g)).toHaveLength(1);
    const p = result.profiles.find((x) => x.code === "ZB001")!;
    for (const w of p.weakAreas) expect(words).toContain(w.name);
    expect(words).toContain("扣分明细（2 项）");
    expect(words).toContain('1.1 学习贯彻上级决策部署，落实"第一议题"制度：扣 3.00 分（一致）');
    expect(words).toContain("未传达学习三次");
    // No sheet to go to in file mode: no button.
    expect(words).not.toContain("转到画像页");
  });

  it("offers 转到画像页 in Excel mode, and speaks English", async () => {
    const result = await weakFirst();
    expect(text(render("zh", result, () => undefined))).toContain("转到画像页");
    const en = text(render("en", result, () => undefined));
    expect(en).toContain("Go to the profile page");
    expect(en).toContain("Weak areas");
    expect(en).toContain("Deductions (2)");
  });

  it("says so when the branch has no shortfall or deduction", async () => {
    const result = await assessment().branches(2).result();
    const words = text(render("zh", result));
    expect(words).toContain("无：各考核方面得分率均不低于本类别平均。");
    expect(words).toContain("无：各基础项目均得满分。");
  });
});
