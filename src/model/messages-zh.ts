import type { UnreadableRemedy } from "./failure.js";
import { UNREADABLE_NEXT_ZH } from "./failure-messages-zh.js";
import type { IssueCode } from "./issues.js";

/** Values a message may mention; `sheet` and `cell` are filled in from where the issue points. */
export interface MessageParams {
  readonly sheet?: string | null;
  readonly cell?: string | null;
  /** What the cell holds, as the user sees it. */
  readonly value?: string;
  readonly item?: string;
  readonly branch?: string;
  readonly max?: string;
  readonly count?: number;
  readonly list?: string;
  readonly setting?: string;
  readonly expected?: string;
  readonly reason?: string;
  /** WORKBOOK_UNREADABLE: what to do, when it is not to save the file again from Excel. */
  readonly remedy?: UnreadableRemedy;
  readonly detail?: string;
}

const q = (s: string | undefined): string => `“${s ?? ""}”`;
const at = (p: MessageParams): string => (p.cell ? `${p.sheet}!${p.cell}` : `工作表“${p.sheet}”`);

/** Every issue's Chinese message: what is wrong and what to type instead. */
export const MESSAGES_ZH: Readonly<Record<IssueCode, (p: MessageParams) => string>> = {
  // The same next step as the failure (failure-messages-zh.ts): getting the file again, letting Excel repair it…
  WORKBOOK_UNREADABLE: (p) => `无法读取该文件：${(p.reason ?? "不是有效的 Excel 工作簿").replace(/[。\s]+$/u, "")}。${UNREADABLE_NEXT_ZH[p.remedy ?? "save-as"]}`,
  SHEET_MISSING: (p) => `缺少必需的工作表“${p.sheet}”。请用“新建考核模板”生成的工作簿，或补上这张表（名称须完全一致）。`,
  HEADER_MISSING: (p) =>
    `工作表“${p.sheet}”的前 10 行中找不到表头（应包含：${p.expected ?? ""}）。请在表格首行填写这些列标题。`,
  SETTING_UNKNOWN: (p) => `${at(p)}：不认识的设置项${q(p.value)}，已忽略。可用的设置项：${p.expected ?? ""}。`,
  SETTING_INVALID: (p) => `${at(p)}：${p.setting ? `设置项“${p.setting}”的值${q(p.value)}无效` : p.detail ?? "无效的设置"}。${p.expected ?? ""}`,
  PERIOD_MISSING: () => `考核设置中没有填写“考核周期”。请在“考核设置”表中填写，例如 2026Q3 或 2026年第三季度。`,
  RULE_INVALID: (p) =>
    p.cell ? `${at(p)}：评分细则有误——${p.detail ?? ""}。细则有误时无法计算结果，请先改正。` : `评分细则有误：${p.detail ?? ""}。`,
  RULE_TOTAL_NOT_100: (p) => `评分细则中“基础”项的分值合计为 ${p.value}，不是 100 分。基础得分仍会按 100 分折算；如非有意，请核对分值。`,
  ROSTER_EMPTY: () => `支部名册中没有任何填写了支部编码的支部。请在“支部名册”中逐行填写支部编码、支部名称和支部类别。`,
  BRANCH_CODE_MISSING: (p) => `${at(p)}：这一行有内容但没有填写支部编码。请补填支部编码，或删除这一行。`,
  BRANCH_DUPLICATE: (p) => `${at(p)}：支部编码${q(p.branch)}重复出现，只采用第一次出现的那一行。请删除或改正重复的行。`,
  CATEGORY_INVALID: (p) =>
    `${at(p)}：支部类别${q(p.value)}无效。请填写：生产类、辅助类、综合管理类、市场经营类、非公改制类之一。该支部暂不参加类别排名，所有考核项都视为适用。`,
  HEADER_ITEM_MISSING: (p) => `工作表“${p.sheet}”的表头缺少考核项 ${p.list ?? p.item ?? ""} 的列。请在表头行补上该编号的列（与评分细则中的编号一致）。`,
  HEADER_ITEM_DUPLICATE: (p) => `${at(p)}：考核项编号${q(p.item)}的列重复，只采用第一列。请删除重复的列。`,
  HEADER_ITEM_UNKNOWN: (p) => `${at(p)}：表头${q(p.value)}不是评分细则中的考核项编号，这一列已忽略（备注列可以保留）。`,
  BRANCH_UNKNOWN: (p) => `${at(p)}：支部编码${q(p.branch)}不在支部名册中，这一行已忽略。请核对编码，或先把该支部加入名册。`,
  BRANCH_NOT_SCORED: (p) => `工作表“${p.sheet}”中没有以下支部的评分行：${p.list ?? ""}。请为名册中的每个支部填写一行评分。`,
  BRANCH_NAME_MISMATCH: (p) => `${at(p)}：支部名称${q(p.value)}与名册中的${q(p.expected)}不一致（按支部编码${q(p.branch)}匹配）。请核对。`,
  SCORE_MISSING: (p) => `${at(p)}：支部${q(p.branch)}的考核项${q(p.item)}没有评分。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  CELL_ERROR_VALUE: (p) => `${at(p)}：单元格是错误值 ${p.value}，按未填处理。请改为有效的分数或内容。`,
  SCORE_NA_IGNORED: (p) =>
    `${at(p)}：考核项${q(p.item)}不适用于该支部的类别，填写的${q(p.value)}已忽略。可留空或填写“不适用”。`,
  SCORE_NA_NOT_ALLOWED: (p) =>
    `${at(p)}：考核项${q(p.item)}适用于该支部，不能填写${q(p.value)}。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  SCORE_NOT_NUMBER: (p) => `${at(p)}：${q(p.value)}不是数字，按未填处理。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  SCORE_NORMALIZED: (p) => `${at(p)}：分数以文本形式填写（${q(p.value)}），已按数字 ${p.expected} 计算。建议改为数字格式。`,
  SCORE_PRECISION: (p) => `${at(p)}：分数 ${p.value} 超过两位小数，按未填处理。请填写最多两位小数的分数。`,
  SCORE_OUT_OF_RANGE: (p) => `${at(p)}：分数 ${p.value} 超出范围，按未填处理。考核项${q(p.item)}的分数应在 0 到 ${p.max} 之间。`,
  VETO_INVALID: (p) => `${at(p)}：否决项只能填写“是”或“否”，${q(p.value)}无效，按“否”处理。`,
  DISPUTE_PENDING: (p) =>
    `${at(p)}：支部${q(p.branch)}的考核项${q(p.item)}两方评分相差超过阈值（${p.detail ?? ""}），需要仲裁。请在“仲裁”表中填写仲裁分；在此之前暂按两方平均分计算。`,
  VETO_DISPUTE_PENDING: (p) =>
    `${at(p)}：支部${q(p.branch)}的否决项${q(p.item)}两方意见不一致（${p.detail ?? ""}），需要仲裁。请在“仲裁”表中填写“是”或“否”；在此之前暂按“是”（否决）处理。`,
  ARBITRATION_IGNORED: (p) => `${at(p)}：支部${q(p.branch)}的考核项${q(p.item)}没有争议，仲裁分${q(p.value)}已忽略。`,
  DEDUCTION_NOTE_MISSING: (p) =>
    p.cell
      ? `${at(p)}：支部${q(p.branch)}的考核项${q(p.item)}被扣分（${p.value} 分，满分 ${p.max}），但“扣分说明”中没有该评分方的说明。请补充说明。`
      : `工作簿中没有“扣分说明”表，${p.count ?? 0} 处扣分没有说明。请添加“扣分说明”表（支部编码、项目编号、评分方、说明）。`,
};
