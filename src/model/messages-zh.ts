import type {
  BranchRef,
  MessageCatalogue,
  QuarterIssueCode,
  RuleItemKey,
  RuleProblem,
  RulesDifference,
  VetoAnswer,
  Where,
} from "./issues.js";
import { ITEM_TYPES, type ItemType, type ItemTypeLabel } from "./rules.js";
import { UNREADABLE_REMEDY } from "./failure.js";
import { UNREADABLE_NEXT_ZH, unreadableReasonZh } from "./failure-messages-zh.js";
import { LEFTOVER_MARK } from "./ledger.js";
import { SETTING_SPECS, type SettingField, type SettingName } from "./settings.js";

const q = (s: string): string => `“${s}”`;
const at = (w: Where): string => (w.cell ? `${w.sheet}!${w.cell}` : `工作表“${w.sheet}”`);

/** What each 考核设置 value must look like, by the field it sets, said to the person who typed it. */
export const SETTING_EXPECTED_ZH: Readonly<Record<SettingField, string>> = {
  period: "请填写如 2026Q3、2026-Q3 或 2026年第三季度 的季度（1～4 季度）",
  raterAName: "请填写第一评分方的名称",
  raterBName: "请填写第二评分方的名称",
  toleranceRatio: "请填写大于 0 且不超过 1 的比例，如 0.25 或 25%",
  arbitration: "请填写：三评取近 或 仲裁为准",
  bonusCap: "请填写不小于 0、最多两位小数的数字，如 5",
  vetoStarCap: "请填写 0 到 5 的整数（0 表示不评星）",
  vetoLast: "请填写：是 或 否",
  starThresholds: "请填写四个从大到小的数字，用逗号或顿号分隔，如 90,80,70,60",
  ranking: "请填写：并列跳位 或 中国式",
  deductionNotes: "请填写：必填 或 提示 或 不检查",
  annualMethod: "请填写：季度平均 或 季度加权",
  quarterWeights: "请填写四个大于 0 的数字（依次为一至四季度），用逗号或顿号分隔，如 1,1,1,1 或 1,1,1,2",
  fiveStarCap: "请填写大于 0 且不超过 1 的比例，如 0.1 或 10%；不限名额请留空",
  fourStarCap: "请填写大于 0 且不超过 1 的比例，如 0.1 或 10%；不限名额请留空",
  stepwise: "请填写：是 或 否",
};

/** The example a "too large" setting message ends with. */
const SETTING_EXAMPLE_ZH: Partial<Record<SettingName, string>> = { 加分上限: "如 5", 星级阈值: "如 90,80,70,60" };

const RULE_PROBLEM: { readonly [P in RuleProblem["problem"]]: (p: Extract<RuleProblem, { problem: P }>) => string } = {
  "code-missing": () => "这一行没有填写编号",
  "code-repeated": (p) => `编号${q(p.value)}与前面的行重复，请改为唯一的编号`,
  "type-invalid": (p) => `类型${q(p.value)}无效，请填写 基础、加分 或 否决`,
  "points-invalid": (p) => `分值${q(p.value)}无效，请填写大于 0、最多两位小数的数字`,
  "points-too-large": (p) => `分值${q(p.value)}过大，请填写不超过 ${p.max} 的数字`,
  "area-missing": () => "基础项必须填写考核方面",
  "categories-invalid": (p) =>
    `不适用类别${q(p.values.join("、"))}无效，请填写 生产类、辅助类、综合管理类、市场经营类、非公改制类（可用逗号或顿号分隔多个）`,
  "tolerance-invalid": (p) => `分差阈值${q(p.value)}无效，请填写不小于 0、最多两位小数的数字，或留空`,
  "tolerance-too-large": (p) => `分差阈值${q(p.value)}过大，请填写不超过 ${p.max} 的数字，或留空`,
  "no-base-item": () => "没有任何“基础”类型的考核项，至少需要一项",
};

const ruleProblem = (p: RuleProblem): string => (RULE_PROBLEM[p.problem] as (p: RuleProblem) => string)(p);

const VETO_ANSWER: Readonly<Record<VetoAnswer, string>> = { yes: "是", no: "否", blank: "未填" };

// The year's grade (annual.md).
const who = (b: BranchRef): string => (b.name === "" ? `支部${q(b.code)}` : `支部${q(`${b.code} ${b.name}`)}`);
const categoryName = (c: string | null): string => c ?? "无效类别";
const LEVEL = { 5: "五星", 4: "四星", 3: "三星" } as const;
const TYPE_LABEL = Object.fromEntries(Object.entries(ITEM_TYPES).map(([label, type]) => [type, label])) as Record<ItemType, ItemTypeLabel>;

/** A quarter's fatal problem in a few words (its own 校验报告 has the details). */
function fatalProblem(first: { readonly code: QuarterIssueCode; readonly sheet: string | null }): string {
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

const ruleItem = (it: RuleItemKey): string =>
  `${it.code}（${TYPE_LABEL[it.type]}，${it.area || "未填考核方面"}${it.points === null ? "" : `，${it.points} 分`}）`;

const rulesDifference = (d: RulesDifference): string =>
  d.kind === "item"
    ? `第 ${d.position} 项：本季度为 ${ruleItem(d.quarter)}，最新季度为 ${ruleItem(d.latest)}`
    : `本季度有 ${d.quarter} 个考核项，最新季度有 ${d.latest} 个`;

/** Every issue's Chinese message: what is wrong and what to type instead. The JSON result carries these. */
export const MESSAGES_ZH: MessageCatalogue = {
  // The next step is the failure's (failure-messages-zh.ts): get the file again, let Excel repair it, save it again…
  WORKBOOK_UNREADABLE: (p) =>
    `无法读取该文件：${unreadableReasonZh(p.reason).replace(/[。\s]+$/u, "")}。${
      UNREADABLE_REMEDY[p.reason.code] === "save-as"
        ? "请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"
        : UNREADABLE_NEXT_ZH[UNREADABLE_REMEDY[p.reason.code]]
    }`,
  SHEET_MISSING: (_, w) => `缺少必需的工作表“${w.sheet}”。请用“新建考核模板”生成的工作簿，或补上这张表（名称须完全一致）。`,
  HEADER_MISSING: (p, w) =>
    `工作表“${w.sheet}”的前 10 行中找不到表头（应包含：${
      p.layout === "grid" ? `A 列为${q(p.titles[0])}、B 列为${q(p.titles[1])}，C 列起为考核项编号` : p.titles.join("、")
    }）。请在表格首行填写这些列标题。`,
  SETTING_UNKNOWN: (p, w) =>
    `${at(w)}：不认识的设置项${q(p.name)}，已忽略。如需设置，请改为以下设置项之一：${p.known.join("、")}；否则可删除这一行。`,
  SETTING_INVALID: (p, w) => {
    if (p.problem === "unnamed") return `${at(w)}：这一行有值但没有填写设置项名称。请填写设置项名称，或删除这一行。`;
    const head = `${at(w)}：设置项“${p.setting}”的值${q(p.value)}无效。`;
    if (p.problem === "repeated") return `${head}该设置项重复，只采用第一次填写的值；请删除重复的行。`;
    if (p.problem === "too-large")
      return `${head}${p.setting}过大，请填写不超过 ${p.max} 的数字，${SETTING_EXAMPLE_ZH[p.setting] ?? ""}；已使用默认值。`;
    return `${head}${p.notText ? "请填写文字或数字（不能是日期、逻辑值或错误值）" : SETTING_EXPECTED_ZH[SETTING_SPECS[p.setting].field]}；已使用默认值。`;
  },
  PERIOD_MISSING: () => `考核设置中没有填写“考核周期”。请在“考核设置”表中填写，例如 2026Q3 或 2026年第三季度。`,
  RULE_INVALID: (p, w) =>
    w.cell
      ? `${at(w)}：评分细则有误——${ruleProblem(p)}。细则有误时无法计算结果，请先改正。`
      : `评分细则有误：${ruleProblem(p)}。细则有误时无法计算结果，请在“评分细则”中改正。`,
  RULE_TOTAL_NOT_100: (p) => `评分细则中“基础”项的分值合计为 ${p.total}，不是 100 分。基础得分仍会按 100 分折算；如非有意，请核对分值。`,
  ROSTER_EMPTY: () => `支部名册中没有任何填写了支部编码的支部。请在“支部名册”中逐行填写支部编码、支部名称和支部类别。`,
  BRANCH_CODE_MISSING: (_, w) => `${at(w)}：这一行有内容但没有填写支部编码。请补填支部编码，或删除这一行。`,
  BRANCH_DUPLICATE: (p, w) => `${at(w)}：支部编码${q(p.branch)}重复出现，只采用第一次出现的那一行。请删除或改正重复的行。`,
  CATEGORY_INVALID: (p, w) =>
    `${at(w)}：支部类别${q(p.value)}无效。请填写：生产类、辅助类、综合管理类、市场经营类、非公改制类之一。该支部暂不参加类别排名，所有考核项都视为适用。`,
  HEADER_ITEM_MISSING: (p, w) => `工作表“${w.sheet}”的表头缺少考核项 ${p.item} 的列。请在表头行补上该编号的列（与评分细则中的编号一致）。`,
  HEADER_ITEM_DUPLICATE: (p, w) => `${at(w)}：考核项编号${q(p.item)}的列重复，只采用第一列。请删除重复的列。`,
  HEADER_ITEM_UNKNOWN: (p, w) => `${at(w)}：表头${q(p.value)}不是评分细则中的考核项编号，这一列已忽略（备注列可以保留）。`,
  BRANCH_UNKNOWN: (p, w) => `${at(w)}：支部编码${q(p.branch)}不在支部名册中，这一行已忽略。请核对编码，或先把该支部加入名册。`,
  BRANCH_NOT_SCORED: (p, w) => `工作表“${w.sheet}”中没有以下支部的评分行：${p.branches.join("、")}。请为名册中的每个支部填写一行评分。`,
  BRANCH_NAME_MISMATCH: (p, w) =>
    `${at(w)}：支部名称${q(p.name)}与名册中的${q(p.rosterName)}不一致（按支部编码${q(p.branch)}匹配）。请核对。`,
  SCORE_MISSING: (p, w) => `${at(w)}：支部${q(p.branch)}的考核项${q(p.item)}没有评分。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  CELL_ERROR_VALUE: (p, w) => `${at(w)}：单元格是错误值 ${p.value}，按未填处理。请改为有效的分数或内容。`,
  SCORE_NA_IGNORED: (p, w) => `${at(w)}：考核项${q(p.item)}不适用于该支部的类别，填写的${q(p.value)}已忽略。可留空或填写“不适用”。`,
  SCORE_NA_NOT_ALLOWED: (p, w) =>
    `${at(w)}：考核项${q(p.item)}适用于该支部，不能填写${q(p.value)}。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  SCORE_NOT_NUMBER: (p, w) => `${at(w)}：${q(p.value)}不是数字，按未填处理。请填写 0 到 ${p.max} 之间的分数（最多两位小数）。`,
  SCORE_NORMALIZED: (p, w) => `${at(w)}：分数以文本形式填写（${q(p.value)}），已按数字 ${p.score} 计算。建议改为数字格式。`,
  SCORE_PRECISION: (p, w) => `${at(w)}：分数 ${p.value} 超过两位小数，按未填处理。请填写最多两位小数的分数。`,
  SCORE_OUT_OF_RANGE: (p, w) => `${at(w)}：分数 ${p.value} 超出范围，按未填处理。考核项${q(p.item)}的分数应在 0 到 ${p.max} 之间，请改正。`,
  VETO_INVALID: (p, w) => `${at(w)}：否决项只能填写“是”或“否”，${q(p.value)}无效，暂按“否”处理。请改为“是”或“否”。`,
  DISPUTE_PENDING: (p, w) =>
    `${at(w)}：支部${q(p.branch)}的考核项${q(p.item)}两方评分相差超过阈值（${p.raterA} ${p.scoreA} 分，${p.raterB} ${p.scoreB} 分，阈值 ${p.tolerance}），需要仲裁。请在“仲裁”表中填写仲裁分；在此之前暂按两方平均分计算。`,
  VETO_DISPUTE_PENDING: (p, w) =>
    `${at(w)}：支部${q(p.branch)}的否决项${q(p.item)}两方意见不一致（${p.raterA}：${VETO_ANSWER[p.answerA]}，${p.raterB}：${VETO_ANSWER[p.answerB]}），需要仲裁。请在“仲裁”表中填写“是”或“否”；在此之前暂按“是”（否决）处理。`,
  ARBITRATION_IGNORED: (p, w) =>
    `${at(w)}：支部${q(p.branch)}的考核项${q(p.item)}没有争议，仲裁分${q(typeof p.arbitration === "boolean" ? (p.arbitration ? "是" : "否") : String(p.arbitration))}已忽略。请清空该单元格，或核对是否填错了行或列。`,
  DEDUCTION_NOTE_MISSING: (p, w) =>
    "count" in p
      ? `工作簿中没有“扣分说明”表，${p.count} 处扣分没有说明。请添加“扣分说明”表（支部编码、项目编号、评分方、说明）。`
      : `${at(w)}：支部${q(p.branch)}的考核项${q(p.item)}被扣分（${p.score} 分，满分 ${p.max}），但“扣分说明”中没有该评分方的说明。请补充说明。`,

  LEDGER_HEADER_MISSING: (p) =>
    `工作表“整改台账”的前 10 行中找不到表头（应包含：${p.titles.join("、")}），无法读取其中已填写的整改内容，本次评分没有更新这张表，原表保持不变。请恢复这些列标题后重新评分；如不再需要原表，可将其改名后重新评分。`,
  LEDGER_ROW_UNREADABLE: (p) =>
    `“整改台账”第 ${p.row} 行填写了整改内容，但缺少支部编码或项目编号，无法与扣分对应。该行已原样保留在台账末尾（扣分栏标为${q(LEFTOVER_MARK["no-key"])}）；请补上支部编码和项目编号后重新评分，或把内容填到对应的行。`,

  ANNUAL_QUARTER_UNUSABLE: (p, w) =>
    p.reason === "fatal"
      ? p.first.code === "WORKBOOK_UNREADABLE"
        ? `文件${q(w.file ?? "")}无法作为 Excel 工作簿读取，未纳入年度定级。请确认选择的是季度考核工作簿（.xlsx）；如是旧版 .xls 或加了密码，请在 Excel 中另存为不加密码的 .xlsx 后重试。`
        : `工作簿${q(w.file ?? "")}的季度评分有 ${p.fatal} 个致命问题（${fatalProblem(p.first)}），没有结果，未纳入年度定级。请打开该工作簿，按其“校验报告”改正并重新评分后，再进行年度定级。`
      : p.missing
        ? `工作簿${q(w.file ?? "")}的“考核设置”中没有填写考核周期，无法确定它是哪个季度，未纳入年度定级。请填写考核周期（如 2026Q3）并重新评分后重试。`
        : `工作簿${q(w.file ?? "")}的考核周期无效（见该工作簿的“校验报告”），无法确定它是哪个季度，未纳入年度定级。请改为如 2026Q3 或 2026年第三季度 的写法并重新评分后重试。`,
  ANNUAL_YEAR_MIXED: (p) =>
    `所选的季度工作簿属于不同年度（${p.years.map((y) => `${y.year} 年：${y.files.join("、")}`).join("；")}）。年度定级只汇总同一年的季度，请只选择同一年度的工作簿后重试。`,
  ANNUAL_QUARTER_DUPLICATE: (p, w) =>
    `工作簿${q(w.file ?? "")}与${q(p.firstFile)}都是 ${w.period} 的考核，同一季度只能有一个工作簿。请去掉重复的一个（或改正其考核周期）后重试。`,
  ANNUAL_NO_QUARTER: (p) =>
    p.given === 0
      ? "没有选择季度工作簿。请选择本年度各季度的考核工作簿（.xlsx）后重试。"
      : `所选的 ${p.given} 个工作簿都不能纳入年度定级（原因见各工作簿的问题）。请改正后重试。`,
  ANNUAL_QUARTER_ABSENT: (_, w) =>
    `缺少 ${w.period} 的季度工作簿，年度结果按已有季度计算，为暂定结果。该季度考核完成后，请加入其工作簿重新定级。`,
  ANNUAL_QUARTER_PROVISIONAL: (p, w) =>
    `${w.period}（${w.file}）的季度结果为暂定（有 ${p.errors} 个错误，见该工作簿的“校验报告”），年度结果因此也是暂定。请在该工作簿中改正后重新评分，再进行年度定级。`,
  PREVIOUS_STARS_INVALID: (p, w) =>
    `${at(w)}：${who(p.branch)}的上年星级${q(p.value)}无效，按没有上年星级处理。请填写 0 到 5 的整数（0 表示无星），或 ★★★★☆ 这样的星级；没有可留空。`,
  ANNUAL_RULES_CHANGED: (p, w) =>
    `${w.period}（${w.file}）的评分细则与最新季度 ${p.latest} 不同（${rulesDifference(p.difference)}）。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。`,
  ANNUAL_BRANCH_PARTIAL: (p) =>
    `纳入年度定级的 ${p.usable} 个季度中，${who(p.branch)}只有 ${p.periods.join("、")} 有考核结果，年度得分按这 ${p.periods.length} 个季度计算（如年中新设的支部）。如不应缺少，请核对其他季度支部名册中的支部编码。`,
  ANNUAL_BRANCH_DROPPED: (p) =>
    `${who(p.branch)}参加了 ${p.periods.join("、")} 的考核，但不在最新季度（${p.latest}）的支部名册中，不参加年度定级（如已撤销或合并）。如仍应参加，请把它加入 ${p.latest} 工作簿的支部名册，重新评分后再定级。`,
  ANNUAL_CATEGORY_CHANGED: (p) =>
    `${who(p.branch)}的支部类别在年内有变化（${p.changes.map((c) => `${c.period}：${categoryName(c.category)}`).join("；")}），年度类别排名按最新季度的${q(categoryName(p.category))}。如有误，请改正相应季度的支部名册。`,
  ANNUAL_QUOTA_TIE: (p) =>
    `${LEVEL[p.level]}名额为 ${p.cap} 个，但排名第 ${p.rank} 的 ${p.tied} 个支部年度得分相同，跨过了名额线：名额是上限，并列的支部一起降为${LEVEL[(p.level - 1) as 4 | 3]}，${LEVEL[p.level]}实际评出 ${p.kept} 个。如需调整，请修改“考核设置”中的“${LEVEL[p.level]}比例上限”。`,
};
