import type { AnnualIssueCode, AnnualMessageParams, BranchRef } from "./annual-issues.js";
import type { IssueCode } from "./issues.js";

const q = (s: string) => `“${s}”`;
const who = (b: BranchRef) => (b.name === "" ? `支部${q(b.code)}` : `支部${q(`${b.code} ${b.name}`)}`);
const list = (xs: readonly string[]) => xs.join("、");
const categoryName = (c: string | null) => c ?? "无效类别";

/** A quarter's fatal problem in a few words (its own 校验报告 has the details). */
function fatalProblem(first: { readonly code: IssueCode; readonly sheet: string | null }): string {
  switch (first.code) {
    case "SHEET_MISSING":
      return `缺少工作表${q(first.sheet ?? "")}`;
    case "HEADER_MISSING":
      return `工作表${q(first.sheet ?? "")}找不到表头`;
    case "RULE_INVALID":
      return "评分细则有误";
    case "ROSTER_EMPTY":
      return "支部名册中没有支部";
    default:
      return "无法计算结果";
  }
}
const LEVEL = { 5: "五星", 4: "四星", 3: "三星" } as const;

/** Every annual issue's Chinese message: what is wrong and what to do next. */
export const ANNUAL_MESSAGES_ZH: { readonly [C in AnnualIssueCode]: (p: AnnualMessageParams[C]) => string } = {
  ANNUAL_QUARTER_UNUSABLE: (p) =>
    p.reason === "fatal"
      ? p.first.code === "WORKBOOK_UNREADABLE"
        ? `文件${q(p.file)}无法作为 Excel 工作簿读取，未纳入年度定级。请确认选择的是季度考核工作簿（.xlsx）；如是旧版 .xls 或加了密码，请在 Excel 中另存为不加密码的 .xlsx 后重试。`
        : `工作簿${q(p.file)}的季度评分有 ${p.fatal} 个致命问题（${fatalProblem(p.first)}），没有结果，未纳入年度定级。请打开该工作簿，按其“校验报告”改正并重新评分后，再进行年度定级。`
      : p.missing
        ? `工作簿${q(p.file)}的“考核设置”中没有填写考核周期，无法确定它是哪个季度，未纳入年度定级。请填写考核周期（如 2026Q3）并重新评分后重试。`
        : `工作簿${q(p.file)}的考核周期无效（见该工作簿的“校验报告”），无法确定它是哪个季度，未纳入年度定级。请改为如 2026Q3 或 2026年第三季度 的写法并重新评分后重试。`,
  ANNUAL_YEAR_MIXED: (p) =>
    `所选的季度工作簿属于不同年度（${p.years.map((y) => `${y.year} 年：${list(y.files)}`).join("；")}）。年度定级只汇总同一年的季度，请只选择同一年度的工作簿后重试。`,
  ANNUAL_QUARTER_DUPLICATE: (p) =>
    `工作簿${q(p.file)}与${q(p.firstFile)}都是 ${p.period} 的考核，同一季度只能有一个工作簿。请去掉重复的一个（或改正其考核周期）后重试。`,
  ANNUAL_NO_QUARTER: (p) =>
    p.given === 0
      ? "没有选择季度工作簿。请选择本年度各季度的考核工作簿（.xlsx）后重试。"
      : `所选的 ${p.given} 个工作簿都不能纳入年度定级（原因见各工作簿的问题）。请改正后重试。`,
  ANNUAL_QUARTER_ABSENT: (p) =>
    `缺少 ${p.period} 的季度工作簿，年度结果按已有季度计算，为暂定结果。该季度考核完成后，请加入其工作簿重新定级。`,
  ANNUAL_QUARTER_PROVISIONAL: (p) =>
    `${p.period}（${p.file}）的季度结果为暂定（有 ${p.errors} 个错误，见该工作簿的“校验报告”），年度结果因此也是暂定。请在该工作簿中改正后重新评分，再进行年度定级。`,
  PREVIOUS_STARS_INVALID: (p) =>
    `支部名册!${p.cell}：${who(p.branch)}的上年星级${q(p.value)}无效，按没有上年星级处理。请填写 0 到 5 的整数（0 表示无星），或 ★★★★☆ 这样的星级；没有可留空。`,
  ANNUAL_RULES_CHANGED: (p) =>
    `${p.period}（${p.file}）的评分细则与最新季度 ${p.latest} 不同（${p.difference}）。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。`,
  ANNUAL_BRANCH_PARTIAL: (p) =>
    `纳入年度定级的 ${p.usable} 个季度中，${who(p.branch)}只有 ${list(p.periods)} 有考核结果，年度得分按这 ${p.periods.length} 个季度计算（如年中新设的支部）。如不应缺少，请核对其他季度支部名册中的支部编码。`,
  ANNUAL_BRANCH_DROPPED: (p) =>
    `${who(p.branch)}参加了 ${list(p.periods)} 的考核，但不在最新季度（${p.latest}）的支部名册中，不参加年度定级（如已撤销或合并）。如仍应参加，请把它加入 ${p.latest} 工作簿的支部名册，重新评分后再定级。`,
  ANNUAL_CATEGORY_CHANGED: (p) =>
    `${who(p.branch)}的支部类别在年内有变化（${p.changes.map((c) => `${c.period}：${categoryName(c.category)}`).join("；")}），年度类别排名按最新季度的${q(categoryName(p.category))}。如有误，请改正相应季度的支部名册。`,
  ANNUAL_QUOTA_TIE: (p) =>
    `${LEVEL[p.level]}名额为 ${p.cap} 个，但排名第 ${p.rank} 的 ${p.tied} 个支部年度得分相同，跨过了名额线：名额是上限，并列的支部一起降为${LEVEL[(p.level - 1) as 4 | 3]}，${LEVEL[p.level]}实际评出 ${p.kept} 个。如需调整，请修改“考核设置”中的“${LEVEL[p.level]}比例上限”。`,
};
