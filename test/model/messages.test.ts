import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  annualIssue,
  issue,
  issueMessage,
  ISSUE_CODES,
  type AnnualIssueCode,
  type IssueParams,
  type QuarterIssueCode,
  type YearWhere,
} from "../../src/model/issues.js";
import type { UnreadableReason } from "../../src/model/failure.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";

/** One issue of a code with its params and place, as validation or the engine reports it. */
const sample = <C extends QuarterIssueCode>(code: C, sheet: string | null, cell: string | null, params: IssueParams[C]) =>
  issue("error", code, { sheet, cell }, params);
/** An issue of the year's grade, with its quarter and file (annual.md §6). */
const yearly = <C extends AnnualIssueCode>(code: C, where: Partial<YearWhere>, params: IssueParams[C]) => annualIssue(code, params, where);
const zh = (i: Parameters<typeof issueMessage>[0]) => issueMessage(i, MESSAGES_ZH);
const en = (i: Parameters<typeof issueMessage>[0]) => issueMessage(i, MESSAGES_EN);

// Every message of every code (and each variant of its params) in both languages, verbatim.
describe("issue messages, per code and language", () => {
  it("WORKBOOK_UNREADABLE", () => {
    const i = sample("WORKBOOK_UNREADABLE", null, null, { reason: { code: "NOT_A_ZIP", params: {} } });
    expect(zh(i)).toMatchInlineSnapshot(
      `"无法读取该文件：文件不是 Excel 工作簿，可能是其他文件（如文本文件）改成了 .xlsx 扩展名，或文件已损坏。请确认选择的是考核工作簿；如果它是 Excel 能打开的表格，请在 Excel 中打开后另存为 .xlsx 工作簿再试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The file cannot be read: the file is not an Excel workbook: perhaps another kind of file (such as a text file) renamed to .xlsx, or a damaged file. Make sure you chose the assessment workbook; if it is a spreadsheet Excel can open, open it in Excel and save it as an .xlsx workbook, then try again."`,
    );
  });

  // Every reason in both languages: test/model/unreadable.test.ts.
  it("WORKBOOK_UNREADABLE with a remedy (a damaged zip, damaged content, a file too large)", () => {
    const i = (reason: UnreadableReason) => sample("WORKBOOK_UNREADABLE", null, null, { reason });
    const zip = i({ code: "ZIP_END_MISSING", params: {} });
    const content = i({ code: "SHEET_LIST_MISSING", params: { part: "xl/workbook.xml" } });
    const size = i({ code: "CONTENT_TOO_LARGE", params: { size: 200 * 2 ** 20, limit: 128 * 2 ** 20 } });
    expect(zh(zip)).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：文件不完整（缺少末尾的目录），可能在下载或复制时中断了。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(zh(content)).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中没有工作表清单（技术信息：xl/workbook.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(zh(size)).toMatchInlineSnapshot(
      `"无法读取该文件：文件过大或已损坏（正常的考核工作簿远小于此，这个文件可能已损坏或是被恶意构造的）：要读取的内容解压后共有 200 MB，超过了 128 MB 的上限。请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。"`,
    );
    expect(en(zip)).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive is incomplete (its closing directory is missing); the download or copy may have been cut short. Get the complete original file again (download or copy it once more) and try again."`,
    );
    expect(en(content)).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: xl/workbook.xml has no list of sheets. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
    expect(en(size)).toMatchInlineSnapshot(
      `"The file cannot be read: the file is too large or damaged: what must be read unpacks to 200 MB in all, over the limit of 128 MB. A normal assessment workbook is far smaller: the file may be damaged, or a malicious archive (a "zip bomb"). Check where the file came from and get the original again; if the workbook really is this large, split it by unit and score each part."`,
    );
  });

  it("SHEET_MISSING", () => {
    const i = sample("SHEET_MISSING", "评分B", null, {});
    expect(zh(i)).toMatchInlineSnapshot(`"缺少必需的工作表“评分B”。请用“新建考核模板”生成的工作簿，或补上这张表（名称须完全一致）。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"The required sheet “评分B” is missing. Use a workbook made by “New template”, or add the sheet (the name must match exactly)."`,
    );
  });

  it("HEADER_MISSING", () => {
    const i = sample("HEADER_MISSING", "支部名册", null, { layout: "table", titles: ["支部编码", "支部名称", "支部类别"] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作表“支部名册”的前 10 行中找不到表头（应包含：支部编码、支部名称、支部类别）。请在表格首行填写这些列标题。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"No header row found in the first 10 rows of sheet “支部名册” (expected: “支部编码”, “支部名称”, “支部类别”). Put these column titles in the table's first row."`,
    );
  });

  it("HEADER_MISSING (2)", () => {
    const i = sample("HEADER_MISSING", "评分A", null, { layout: "grid", titles: ["支部编码", "支部名称"] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作表“评分A”的前 10 行中找不到表头（应包含：A 列为“支部编码”、B 列为“支部名称”，C 列起为考核项编号）。请在表格首行填写这些列标题。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"No header row found in the first 10 rows of sheet “评分A” (expected: “支部编码” in column A, “支部名称” in column B, item codes from column C). Put these column titles in the table's first row."`,
    );
  });

  it("SETTING_UNKNOWN", () => {
    const i = sample("SETTING_UNKNOWN", "考核设置", "A5", { name: "打分方式", known: ["考核周期", "排名方式"] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"考核设置!A5：不认识的设置项“打分方式”，已忽略。如需设置，请改为以下设置项之一：考核周期、排名方式；否则可删除这一行。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"考核设置!A5: unknown setting “打分方式”, ignored. To set something, use one of the settings “考核周期”, “排名方式”; otherwise delete the row."`,
    );
  });

  it("SETTING_INVALID", () => {
    const i = sample("SETTING_INVALID", "考核设置", "A9", { problem: "unnamed", value: "0.3" });
    expect(zh(i)).toMatchInlineSnapshot(`"考核设置!A9：这一行有值但没有填写设置项名称。请填写设置项名称，或删除这一行。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"考核设置!A9: this row has a value but no setting name. Enter the setting's name, or delete the row."`,
    );
  });

  it("SETTING_INVALID (2)", () => {
    const i = sample("SETTING_INVALID", "考核设置", "B6", { problem: "repeated", setting: "加分上限", value: "4" });
    expect(zh(i)).toMatchInlineSnapshot(`"考核设置!B6：设置项“加分上限”的值“4”无效。该设置项重复，只采用第一次填写的值；请删除重复的行。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"考核设置!B6: the value “4” of the setting “加分上限” is not valid. The setting appears twice; only its first value counts. Delete the repeated row."`,
    );
  });

  it("SETTING_INVALID (3)", () => {
    const i = sample("SETTING_INVALID", "考核设置", "B4", { problem: "invalid", setting: "分差阈值比例", value: "1.2", notText: false });
    expect(zh(i)).toMatchInlineSnapshot(
      `"考核设置!B4：设置项“分差阈值比例”的值“1.2”无效。请填写大于 0 且不超过 1 的比例，如 0.25 或 25%；已使用默认值。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"考核设置!B4: the value “1.2” of the setting “分差阈值比例” is not valid. Enter a ratio above 0 and at most 1, such as 0.25 or 25%; the default is used."`,
    );
  });

  it("SETTING_INVALID (4)", () => {
    const i = sample("SETTING_INVALID", "考核设置", "B2", { problem: "invalid", setting: "考核周期", value: "TRUE", notText: true });
    expect(zh(i)).toMatchInlineSnapshot(
      `"考核设置!B2：设置项“考核周期”的值“TRUE”无效。请填写文字或数字（不能是日期、逻辑值或错误值）；已使用默认值。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"考核设置!B2: the value “TRUE” of the setting “考核周期” is not valid. Enter text or a number (not a date, a logical value or an error); the default is used."`,
    );
  });

  it("PERIOD_MISSING", () => {
    const i = sample("PERIOD_MISSING", "考核设置", null, {});
    expect(zh(i)).toMatchInlineSnapshot(`"考核设置中没有填写“考核周期”。请在“考核设置”表中填写，例如 2026Q3 或 2026年第三季度。"`);
    expect(en(i)).toMatchInlineSnapshot(`"The settings have no assessment period. Enter it in sheet “考核设置”, e.g. 2026Q3."`);
  });

  it("RULE_INVALID", () => {
    const i = sample("RULE_INVALID", "评分细则", "A7", { problem: "code-missing" });
    expect(zh(i)).toMatchInlineSnapshot(`"评分细则!A7：评分细则有误——这一行没有填写编号。细则有误时无法计算结果，请先改正。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!A7: the rules are wrong: the row has no item code. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (2)", () => {
    const i = sample("RULE_INVALID", "评分细则", "A8", { problem: "code-repeated", value: "1.1" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则!A8：评分细则有误——编号“1.1”与前面的行重复，请改为唯一的编号。细则有误时无法计算结果，请先改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!A8: the rules are wrong: the code “1.1” repeats an earlier row; give each item its own code. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (3)", () => {
    const i = sample("RULE_INVALID", "评分细则", "B9", { problem: "type-invalid", value: "附加" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则!B9：评分细则有误——类型“附加”无效，请填写 基础、加分 或 否决。细则有误时无法计算结果，请先改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!B9: the rules are wrong: the type “附加” is not valid; enter “基础”, “加分” or “否决”. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (4)", () => {
    const i = sample("RULE_INVALID", "评分细则", "E10", { problem: "points-invalid", value: "五" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则!E10：评分细则有误——分值“五”无效，请填写大于 0、最多两位小数的数字。细则有误时无法计算结果，请先改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!E10: the rules are wrong: the points “五” are not valid; enter a number above 0 with at most two decimals. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (5)", () => {
    const i = sample("RULE_INVALID", "评分细则", "C11", { problem: "area-missing" });
    expect(zh(i)).toMatchInlineSnapshot(`"评分细则!C11：评分细则有误——基础项必须填写考核方面。细则有误时无法计算结果，请先改正。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!C11: the rules are wrong: a base item needs its assessment area. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (6)", () => {
    const i = sample("RULE_INVALID", "评分细则", "G12", { problem: "categories-invalid", values: ["后勤类"] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则!G12：评分细则有误——不适用类别“后勤类”无效，请填写 生产类、辅助类、综合管理类、市场经营类、非公改制类（可用逗号或顿号分隔多个）。细则有误时无法计算结果，请先改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!G12: the rules are wrong: the categories “后勤类” are not valid; enter any of “生产类”, “辅助类”, “综合管理类”, “市场经营类”, “非公改制类”, separated by commas. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (7)", () => {
    const i = sample("RULE_INVALID", "评分细则", "H13", { problem: "tolerance-invalid", value: "-1" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则!H13：评分细则有误——分差阈值“-1”无效，请填写不小于 0、最多两位小数的数字，或留空。细则有误时无法计算结果，请先改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分细则!H13: the rules are wrong: the tolerance “-1” is not valid; enter a number of at least 0 with at most two decimals, or leave it blank. No results can be computed until the rules are corrected."`,
    );
  });

  it("RULE_INVALID (8)", () => {
    const i = sample("RULE_INVALID", "评分细则", null, { problem: "no-base-item" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则有误：没有任何“基础”类型的考核项，至少需要一项。细则有误时无法计算结果，请在“评分细则”中改正。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(`"The rules are wrong: there is no item of the type “基础”; at least one is needed."`);
  });

  it("RULE_TOTAL_NOT_100", () => {
    const i = sample("RULE_TOTAL_NOT_100", "评分细则", null, { total: 96.5 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分细则中“基础”项的分值合计为 96.5，不是 100 分。基础得分仍会按 100 分折算；如非有意，请核对分值。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The base items' points add up to 96.5, not 100. Base scores are still scaled to 100; if this is not intended, check the points."`,
    );
  });

  it("ROSTER_EMPTY", () => {
    const i = sample("ROSTER_EMPTY", "支部名册", null, {});
    expect(zh(i)).toMatchInlineSnapshot(`"支部名册中没有任何填写了支部编码的支部。请在“支部名册”中逐行填写支部编码、支部名称和支部类别。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"The roster has no branch with a branch code. In sheet “支部名册”, enter one branch per row with “支部编码”, “支部名称”, “支部类别”."`,
    );
  });

  it("BRANCH_CODE_MISSING", () => {
    const i = sample("BRANCH_CODE_MISSING", "支部名册", "A7", {});
    expect(zh(i)).toMatchInlineSnapshot(`"支部名册!A7：这一行有内容但没有填写支部编码。请补填支部编码，或删除这一行。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"支部名册!A7: this row has content but no branch code. Enter the branch code, or delete the row."`,
    );
  });

  it("BRANCH_DUPLICATE", () => {
    const i = sample("BRANCH_DUPLICATE", "支部名册", "A8", { branch: "ZB003" });
    expect(zh(i)).toMatchInlineSnapshot(`"支部名册!A8：支部编码“ZB003”重复出现，只采用第一次出现的那一行。请删除或改正重复的行。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"支部名册!A8: the branch code “ZB003” appears again; only its first row counts. Delete or correct the repeated row."`,
    );
  });

  it("CATEGORY_INVALID", () => {
    const i = sample("CATEGORY_INVALID", "支部名册", "C4", { value: "后勤类" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"支部名册!C4：支部类别“后勤类”无效。请填写：生产类、辅助类、综合管理类、市场经营类、非公改制类之一。该支部暂不参加类别排名，所有考核项都视为适用。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"支部名册!C4: the category “后勤类” is not valid. Enter one of “生产类”, “辅助类”, “综合管理类”, “市场经营类”, “非公改制类”. Until then the branch has no category rank and every item applies to it."`,
    );
  });

  it("HEADER_ITEM_MISSING", () => {
    const i = sample("HEADER_ITEM_MISSING", "评分B", null, { item: "2.3" });
    expect(zh(i)).toMatchInlineSnapshot(`"工作表“评分B”的表头缺少考核项 2.3 的列。请在表头行补上该编号的列（与评分细则中的编号一致）。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"The header of sheet “评分B” has no column for item 2.3. Add a column with that code to the header row (as in the rules)."`,
    );
  });

  it("HEADER_ITEM_DUPLICATE", () => {
    const i = sample("HEADER_ITEM_DUPLICATE", "评分A", "F1", { item: "1.2" });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!F1：考核项编号“1.2”的列重复，只采用第一列。请删除重复的列。"`);
    expect(en(i)).toMatchInlineSnapshot(`"评分A!F1: the column of item “1.2” repeats; only the first counts. Delete the repeated column."`);
  });

  it("HEADER_ITEM_UNKNOWN", () => {
    const i = sample("HEADER_ITEM_UNKNOWN", "仲裁", "AK1", { value: "备注" });
    expect(zh(i)).toMatchInlineSnapshot(`"仲裁!AK1：表头“备注”不是评分细则中的考核项编号，这一列已忽略（备注列可以保留）。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"仲裁!AK1: the header “备注” is not an item code of the rules; the column is ignored (remark columns may stay)."`,
    );
  });

  it("BRANCH_UNKNOWN", () => {
    const i = sample("BRANCH_UNKNOWN", "评分A", "A13", { branch: "ZB099" });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!A13：支部编码“ZB099”不在支部名册中，这一行已忽略。请核对编码，或先把该支部加入名册。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!A13: the branch code “ZB099” is not in the roster; the row is ignored. Check the code, or add the branch to the roster first."`,
    );
  });

  it("BRANCH_NOT_SCORED", () => {
    const i = sample("BRANCH_NOT_SCORED", "评分B", null, { branches: ["ZB004", "ZB007"] });
    expect(zh(i)).toMatchInlineSnapshot(`"工作表“评分B”中没有以下支部的评分行：ZB004、ZB007。请为名册中的每个支部填写一行评分。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"Sheet “评分B” has no scoring row for these branches: ZB004, ZB007. Enter a row for every branch of the roster."`,
    );
  });

  it("BRANCH_NAME_MISMATCH", () => {
    const i = sample("BRANCH_NAME_MISMATCH", "评分A", "B3", { branch: "ZB002", name: "炼钢一支部", rosterName: "炼钢厂第一党支部" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分A!B3：支部名称“炼钢一支部”与名册中的“炼钢厂第一党支部”不一致（按支部编码“ZB002”匹配）。请核对。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!B3: the branch name “炼钢一支部” differs from “炼钢厂第一党支部” in the roster (matched by the branch code “ZB002”). Please check."`,
    );
  });

  it("SCORE_MISSING", () => {
    const i = sample("SCORE_MISSING", "评分B", "Q8", { branch: "ZB005", item: "5.1", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分B!Q8：支部“ZB005”的考核项“5.1”没有评分。请填写 0 到 4 之间的分数（最多两位小数）。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分B!Q8: branch “ZB005” has no score for item “5.1”. Enter a score from 0 to 4 (at most two decimals)."`,
    );
  });

  it("CELL_ERROR_VALUE", () => {
    const i = sample("CELL_ERROR_VALUE", "评分A", "N7", { branch: "ZB004", item: "3.3", value: "#N/A", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!N7：单元格是错误值 #N/A，按未填处理。请改为有效的分数或内容。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!N7: the cell holds the error #N/A and counts as blank. Replace it with a valid score or content."`,
    );
  });

  it("SCORE_NA_IGNORED", () => {
    const i = sample("SCORE_NA_IGNORED", "评分A", "Y9", { branch: "ZB006", item: "7.1", value: "3", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!Y9：考核项“7.1”不适用于该支部的类别，填写的“3”已忽略。可留空或填写“不适用”。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!Y9: item “7.1” does not apply to this branch's category; “3” is ignored. Leave the cell blank or enter “不适用”."`,
    );
  });

  it("SCORE_NA_NOT_ALLOWED", () => {
    const i = sample("SCORE_NA_NOT_ALLOWED", "评分A", "AC9", { branch: "ZB006", item: "8.3", value: "不适用", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分A!AC9：考核项“8.3”适用于该支部，不能填写“不适用”。请填写 0 到 4 之间的分数（最多两位小数）。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!AC9: item “8.3” applies to this branch, so “不适用” is not allowed. Enter a score from 0 to 4 (at most two decimals)."`,
    );
  });

  it("SCORE_NOT_NUMBER", () => {
    const i = sample("SCORE_NOT_NUMBER", "评分A", "I6", { branch: "ZB003", item: "2.4", value: "良好", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!I6：“良好”不是数字，按未填处理。请填写 0 到 4 之间的分数（最多两位小数）。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!I6: “良好” is not a number and counts as blank. Enter a score from 0 to 4 (at most two decimals)."`,
    );
  });

  it("SCORE_NORMALIZED", () => {
    const i = sample("SCORE_NORMALIZED", "评分A", "C4", { branch: "ZB001", item: "1.1", value: "３．５", max: 4, score: 3.5 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!C4：分数以文本形式填写（“３．５”），已按数字 3.5 计算。建议改为数字格式。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!C4: the score was entered as text (“３．５”) and counted as the number 3.5. Better format the cell as a number."`,
    );
  });

  it("SCORE_PRECISION", () => {
    const i = sample("SCORE_PRECISION", "评分A", "J6", { branch: "ZB003", item: "3.1", value: "2.345", max: 3 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!J6：分数 2.345 超过两位小数，按未填处理。请填写最多两位小数的分数。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!J6: the score 2.345 has more than two decimals and counts as blank. Enter a score with at most two decimals."`,
    );
  });

  it("SCORE_OUT_OF_RANGE", () => {
    const i = sample("SCORE_OUT_OF_RANGE", "评分A", "F5", { branch: "ZB002", item: "2.1", value: "4.5", max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!F5：分数 4.5 超出范围，按未填处理。考核项“2.1”的分数应在 0 到 4 之间，请改正。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!F5: the score 4.5 is out of range and counts as blank. Scores of item “2.1” are from 0 to 4."`,
    );
  });

  it("VETO_INVALID", () => {
    const i = sample("VETO_INVALID", "评分A", "AI7", { branch: "ZB004", item: "V2", value: "可能", max: 0 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!AI7：否决项只能填写“是”或“否”，“可能”无效，暂按“否”处理。请改为“是”或“否”。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!AI7: a veto item takes only “是” or “否”; “可能” is not valid and counts as “否”. Change it to “是” or “否”."`,
    );
  });

  it("DISPUTE_PENDING", () => {
    const i = sample("DISPUTE_PENDING", "评分A", "AB8", {
      branch: "ZB005",
      item: "8.2",
      raterA: "党建部门",
      scoreA: 3,
      raterB: "业务部门",
      scoreB: 2,
      tolerance: "0.75",
    });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分A!AB8：支部“ZB005”的考核项“8.2”两方评分相差超过阈值（党建部门 3 分，业务部门 2 分，阈值 0.75），需要仲裁。请在“仲裁”表中填写仲裁分；在此之前暂按两方平均分计算。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!AB8: the raters' scores for item “8.2” of branch “ZB005” differ by more than the tolerance (党建部门 3, 业务部门 2, tolerance 0.75) and need arbitration. Enter an arbitration score in sheet “仲裁”; until then the mean of the two counts."`,
    );
  });

  it("VETO_DISPUTE_PENDING", () => {
    const i = sample("VETO_DISPUTE_PENDING", "评分A", "AH4", {
      branch: "ZB001",
      item: "V1",
      raterA: "党建部门",
      answerA: "yes",
      raterB: "业务部门",
      answerB: "blank",
    });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分A!AH4：支部“ZB001”的否决项“V1”两方意见不一致（党建部门：是，业务部门：未填），需要仲裁。请在“仲裁”表中填写“是”或“否”；在此之前暂按“是”（否决）处理。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!AH4: the raters disagree on veto item “V1” of branch “ZB001” (党建部门: 是, 业务部门: blank) and it needs arbitration. Enter “是” or “否” in sheet “仲裁”; until then it counts as “是” (vetoed)."`,
    );
  });

  it("ARBITRATION_IGNORED", () => {
    const i = sample("ARBITRATION_IGNORED", "仲裁", "C2", { branch: "ZB001", item: "1.1", arbitration: 3.5 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"仲裁!C2：支部“ZB001”的考核项“1.1”没有争议，仲裁分“3.5”已忽略。请清空该单元格，或核对是否填错了行或列。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"仲裁!C2: item “1.1” of branch “ZB001” is not disputed; the arbitration “3.5” is ignored. Clear the cell, or check whether it was entered in the wrong row or column."`,
    );
  });

  it("ARBITRATION_IGNORED (2)", () => {
    const i = sample("ARBITRATION_IGNORED", "仲裁", "AH2", { branch: "ZB001", item: "V1", arbitration: false });
    expect(zh(i)).toMatchInlineSnapshot(
      `"仲裁!AH2：支部“ZB001”的考核项“V1”没有争议，仲裁分“否”已忽略。请清空该单元格，或核对是否填错了行或列。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"仲裁!AH2: item “V1” of branch “ZB001” is not disputed; the arbitration “否” is ignored. Clear the cell, or check whether it was entered in the wrong row or column."`,
    );
  });

  it("DEDUCTION_NOTE_MISSING", () => {
    const i = sample("DEDUCTION_NOTE_MISSING", "评分A", "D3", { branch: "ZB002", item: "1.2", score: 3.5, max: 4 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"评分A!D3：支部“ZB002”的考核项“1.2”被扣分（3.5 分，满分 4），但“扣分说明”中没有该评分方的说明。请补充说明。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!D3: item “1.2” of branch “ZB002” lost points (3.5 of 4) but sheet “扣分说明” has no note from this rater. Add one."`,
    );
  });

  it("DEDUCTION_NOTE_MISSING (2)", () => {
    const i = sample("DEDUCTION_NOTE_MISSING", "扣分说明", null, { count: 12 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作簿中没有“扣分说明”表，12 处扣分没有说明。请添加“扣分说明”表（支部编码、项目编号、评分方、说明）。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The workbook has no sheet “扣分说明”; 12 deductions have no note. Add the sheet with the columns “支部编码”, “项目编号”, “评分方”, “说明”."`,
    );
  });

  it("LEDGER_HEADER_MISSING", () => {
    const i = sample("LEDGER_HEADER_MISSING", "整改台账", null, { titles: ["期间", "支部编码", "项目编号"] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作表“整改台账”的前 10 行中找不到表头（应包含：期间、支部编码、项目编号），无法读取其中已填写的整改内容，本次评分没有更新这张表，原表保持不变。请恢复这些列标题后重新评分；如不再需要原表，可将其改名后重新评分。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"No header row found in the first 10 rows of sheet “整改台账” (expected: “期间”, “支部编码”, “项目编号”), so what was typed in it cannot be read; this run left the sheet as it was. Put these column titles back and score again, or rename the old sheet if it is no longer needed and score again."`,
    );
  });

  it("LEDGER_ROW_UNREADABLE", () => {
    const i = sample("LEDGER_ROW_UNREADABLE", "整改台账", null, { row: 7 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"“整改台账”第 7 行填写了整改内容，但缺少支部编码或项目编号，无法与扣分对应。该行已原样保留在台账末尾（扣分栏标为“无法对应”）；请补上支部编码和项目编号后重新评分，或把内容填到对应的行。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"Row 7 of sheet “整改台账” has rectification entries but no branch code or item code, so it matches no deduction. It is kept as it was at the end of the ledger (marked “无法对应” in the deduction column); add the codes and score again, or move the entries to the matching row."`,
    );
  });

  // The year's grade (annual.md §6).
  const b = { code: "ZB001", name: "第一党支部" };

  it("ANNUAL_QUARTER_UNUSABLE", () => {
    const i = yearly(
      "ANNUAL_QUARTER_UNUSABLE",
      { file: "a.xlsx" },
      { reason: "fatal", fatal: 2, first: { code: "SHEET_MISSING", sheet: "评分B" } },
    );
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作簿“a.xlsx”的季度评分有 2 个致命问题（缺少工作表“评分B”），没有结果，未纳入年度定级。请打开该工作簿，按其“校验报告”改正并重新评分后，再进行年度定级。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The quarterly assessment of workbook “a.xlsx” has 2 fatal problems (the sheet “评分B” is missing) and no results, so it is left out of the annual grade. Open the workbook, correct it as its sheet “校验报告” says and score it again, then grade the year again."`,
    );
  });

  it("ANNUAL_QUARTER_UNUSABLE (2)", () => {
    const i = yearly(
      "ANNUAL_QUARTER_UNUSABLE",
      { file: "a.docx" },
      { reason: "fatal", fatal: 1, first: { code: "WORKBOOK_UNREADABLE", sheet: null } },
    );
    expect(zh(i)).toMatchInlineSnapshot(
      `"文件“a.docx”无法作为 Excel 工作簿读取，未纳入年度定级。请确认选择的是季度考核工作簿（.xlsx）；如是旧版 .xls 或加了密码，请在 Excel 中另存为不加密码的 .xlsx 后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The file “a.docx” cannot be read as an Excel workbook and is left out of the annual grade. Make sure it is a quarterly assessment workbook (.xlsx); save an old .xls file or one with a password from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("ANNUAL_QUARTER_UNUSABLE (3)", () => {
    const i = yearly("ANNUAL_QUARTER_UNUSABLE", { file: "a.xlsx" }, { reason: "period", missing: true });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作簿“a.xlsx”的“考核设置”中没有填写考核周期，无法确定它是哪个季度，未纳入年度定级。请填写考核周期（如 2026Q3）并重新评分后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"Workbook “a.xlsx” has no assessment period in sheet “考核设置”, so its quarter is unknown and it is left out of the annual grade. Enter the period (e.g. 2026Q3), score it again and try again."`,
    );
  });

  it("ANNUAL_QUARTER_UNUSABLE (4)", () => {
    const i = yearly("ANNUAL_QUARTER_UNUSABLE", { file: "a.xlsx" }, { reason: "period", missing: false });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作簿“a.xlsx”的考核周期无效（见该工作簿的“校验报告”），无法确定它是哪个季度，未纳入年度定级。请改为如 2026Q3 或 2026年第三季度 的写法并重新评分后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The assessment period of workbook “a.xlsx” is not valid (see its sheet “校验报告”), so its quarter is unknown and it is left out of the annual grade. Write it like 2026Q3, score it again and try again."`,
    );
  });

  it("ANNUAL_YEAR_MIXED", () => {
    const years = [
      { year: 2025, files: ["a.xlsx"] },
      { year: 2026, files: ["b.xlsx", "c.xlsx"] },
    ];
    const i = yearly("ANNUAL_YEAR_MIXED", {}, { years });
    expect(zh(i)).toMatchInlineSnapshot(
      `"所选的季度工作簿属于不同年度（2025 年：a.xlsx；2026 年：b.xlsx、c.xlsx）。年度定级只汇总同一年的季度，请只选择同一年度的工作簿后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The quarterly workbooks belong to different years (2025: a.xlsx; 2026: b.xlsx, c.xlsx). The annual grade takes the quarters of one year: choose the workbooks of one year only and try again."`,
    );
  });

  it("ANNUAL_QUARTER_DUPLICATE", () => {
    const i = yearly("ANNUAL_QUARTER_DUPLICATE", { period: "2026Q2", file: "c.xlsx" }, { firstFile: "b.xlsx" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"工作簿“c.xlsx”与“b.xlsx”都是 2026Q2 的考核，同一季度只能有一个工作簿。请去掉重复的一个（或改正其考核周期）后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"Workbooks “c.xlsx” and “b.xlsx” are both the assessment of 2026Q2; a quarter can have only one workbook. Remove one of them (or correct its period) and try again."`,
    );
  });

  it("ANNUAL_NO_QUARTER", () => {
    const i = yearly("ANNUAL_NO_QUARTER", {}, { given: 2 });
    expect(zh(i)).toMatchInlineSnapshot(`"所选的 2 个工作簿都不能纳入年度定级（原因见各工作簿的问题）。请改正后重试。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"None of the 2 workbooks given can be placed in the year (see each workbook's problem). Correct them and try again."`,
    );
  });

  it("ANNUAL_NO_QUARTER (2)", () => {
    const i = yearly("ANNUAL_NO_QUARTER", {}, { given: 0 });
    expect(zh(i)).toMatchInlineSnapshot(`"没有选择季度工作簿。请选择本年度各季度的考核工作簿（.xlsx）后重试。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"No quarterly workbook was chosen. Choose this year's quarterly assessment workbooks (.xlsx) and try again."`,
    );
  });

  it("ANNUAL_QUARTER_ABSENT", () => {
    const i = yearly("ANNUAL_QUARTER_ABSENT", { period: "2026Q3" }, {});
    expect(zh(i)).toMatchInlineSnapshot(
      `"缺少 2026Q3 的季度工作簿，年度结果按已有季度计算，为暂定结果。该季度考核完成后，请加入其工作簿重新定级。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"There is no workbook for 2026Q3: the annual result is computed from the quarters given and is provisional. Once that quarter is assessed, add its workbook and grade the year again."`,
    );
  });

  it("ANNUAL_QUARTER_PROVISIONAL", () => {
    const i = yearly("ANNUAL_QUARTER_PROVISIONAL", { period: "2026Q2", file: "b.xlsx" }, { errors: 3 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"2026Q2（b.xlsx）的季度结果为暂定（有 3 个错误，见该工作簿的“校验报告”），年度结果因此也是暂定。请在该工作簿中改正后重新评分，再进行年度定级。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The quarterly result of 2026Q2 (b.xlsx) is provisional (3 errors, see that workbook's sheet “校验报告”), so the annual result is provisional too. Correct that workbook and score it again, then grade the year again."`,
    );
  });

  it("PREVIOUS_STARS_INVALID", () => {
    const where = { period: "2026Q4", file: "d.xlsx", sheet: "支部名册", cell: "F3" };
    const i = yearly("PREVIOUS_STARS_INVALID", where, { branch: b, value: "八" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"支部名册!F3：支部“ZB001 第一党支部”的上年星级“八”无效，按没有上年星级处理。请填写 0 到 5 的整数（0 表示无星），或 ★★★★☆ 这样的星级；没有可留空。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"支部名册!F3: the “上年星级” value “八” of branch “ZB001 第一党支部” is not valid and counts as none. Enter a whole number from 0 to 5 (0: no stars) or stars such as ★★★★☆; leave it blank if there is none."`,
    );
  });

  it("ANNUAL_RULES_CHANGED", () => {
    const difference = { kind: "count", quarter: 30, latest: 31 } as const;
    const i = yearly("ANNUAL_RULES_CHANGED", { period: "2026Q1", file: "a.xlsx" }, { latest: "2026Q4", difference });
    expect(zh(i)).toMatchInlineSnapshot(
      `"2026Q1（a.xlsx）的评分细则与最新季度 2026Q4 不同（本季度有 30 个考核项，最新季度有 31 个）。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The rules of 2026Q1 (a.xlsx) differ from those of the latest quarter 2026Q4 (30 items in this quarter, 31 in the latest). Each quarter's totals still count as computed by its own rules; if the rules were not meant to change, check that quarter's sheet “评分细则”."`,
    );
  });

  it("ANNUAL_RULES_CHANGED (2)", () => {
    const difference = {
      kind: "item",
      position: 3,
      quarter: { code: "1.3", type: "base", area: "组织建设", points: 10 },
      latest: { code: "1.3", type: "base", area: "组织建设", points: 8 },
    } as const;
    const i = yearly("ANNUAL_RULES_CHANGED", { period: "2026Q1", file: "a.xlsx" }, { latest: "2026Q4", difference });
    expect(zh(i)).toMatchInlineSnapshot(
      `"2026Q1（a.xlsx）的评分细则与最新季度 2026Q4 不同（第 3 项：本季度为 1.3（基础，组织建设，10 分），最新季度为 1.3（基础，组织建设，8 分））。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The rules of 2026Q1 (a.xlsx) differ from those of the latest quarter 2026Q4 (item 3: 1.3 (base, 组织建设, 10 points) in this quarter, 1.3 (base, 组织建设, 8 points) in the latest). Each quarter's totals still count as computed by its own rules; if the rules were not meant to change, check that quarter's sheet “评分细则”."`,
    );
  });

  it("ANNUAL_RULES_CHANGED (3)", () => {
    const difference = {
      kind: "item",
      position: 30,
      quarter: { code: "V1", type: "veto", area: "", points: null },
      latest: { code: "B1", type: "bonus", area: "", points: 1 },
    } as const;
    const i = yearly("ANNUAL_RULES_CHANGED", { period: "2026Q1", file: "a.xlsx" }, { latest: "2026Q4", difference });
    expect(zh(i)).toMatchInlineSnapshot(
      `"2026Q1（a.xlsx）的评分细则与最新季度 2026Q4 不同（第 30 项：本季度为 V1（否决，未填考核方面），最新季度为 B1（加分，未填考核方面，1 分））。各季度总分仍按各自的细则计算后汇总；如非有意调整细则，请核对该季度的“评分细则”。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The rules of 2026Q1 (a.xlsx) differ from those of the latest quarter 2026Q4 (item 30: V1 (veto, no area) in this quarter, B1 (bonus, no area, 1 point) in the latest). Each quarter's totals still count as computed by its own rules; if the rules were not meant to change, check that quarter's sheet “评分细则”."`,
    );
  });

  it("ANNUAL_BRANCH_PARTIAL", () => {
    const i = yearly("ANNUAL_BRANCH_PARTIAL", {}, { branch: b, periods: ["2026Q3", "2026Q4"], usable: 4 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"纳入年度定级的 4 个季度中，支部“ZB001 第一党支部”只有 2026Q3、2026Q4 有考核结果，年度得分按这 2 个季度计算（如年中新设的支部）。如不应缺少，请核对其他季度支部名册中的支部编码。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"Of the 4 quarters in the annual grade, branch “ZB001 第一党支部” has results only in 2026Q3, 2026Q4; its annual score is computed over these 2 (e.g. a branch set up during the year). If none should be missing, check its branch code in the other quarters' rosters."`,
    );
  });

  it("ANNUAL_BRANCH_DROPPED", () => {
    const i = yearly("ANNUAL_BRANCH_DROPPED", {}, { branch: { code: "OLD", name: "" }, periods: ["2026Q1"], latest: "2026Q4" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"支部“OLD”参加了 2026Q1 的考核，但不在最新季度（2026Q4）的支部名册中，不参加年度定级（如已撤销或合并）。如仍应参加，请把它加入 2026Q4 工作簿的支部名册，重新评分后再定级。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The branch “OLD” was assessed in 2026Q1 but is not in the roster of the latest quarter (2026Q4), so it is not graded (e.g. closed or merged). If it should be, add it to the roster of the 2026Q4 workbook, score it again and grade the year again."`,
    );
  });

  it("ANNUAL_CATEGORY_CHANGED", () => {
    const i = yearly("ANNUAL_CATEGORY_CHANGED", {}, { branch: b, category: "生产类", changes: [{ period: "2026Q1", category: null }] });
    expect(zh(i)).toMatchInlineSnapshot(
      `"支部“ZB001 第一党支部”的支部类别在年内有变化（2026Q1：无效类别），年度类别排名按最新季度的“生产类”。如有误，请改正相应季度的支部名册。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The category of branch “ZB001 第一党支部” changed during the year (2026Q1: an invalid category); the annual category ranking uses the latest quarter's “生产类”. If this is wrong, correct the roster of that quarter."`,
    );
  });

  it("ANNUAL_QUOTA_TIE", () => {
    const i = yearly("ANNUAL_QUOTA_TIE", {}, { level: 4, cap: 3, kept: 1, tied: 3, rank: 2 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"四星名额为 3 个，但排名第 2 的 3 个支部年度得分相同，跨过了名额线：名额是上限，并列的支部一起降为三星，四星实际评出 1 个。如需调整，请修改“考核设置”中的“四星比例上限”。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The quota for four stars is 3, but 3 branches share rank 2 with the same annual score, across the quota line: a quota is a ceiling, so the tied branches all drop to three stars and 1 branch keeps four stars. To change this, edit the setting “四星比例上限” in sheet “考核设置”."`,
    );
  });

  it("ANNUAL_QUOTA_TIE (2)", () => {
    const i = yearly("ANNUAL_QUOTA_TIE", {}, { level: 5, cap: 1, kept: 0, tied: 2, rank: 1 });
    expect(zh(i)).toMatchInlineSnapshot(
      `"五星名额为 1 个，但排名第 1 的 2 个支部年度得分相同，跨过了名额线：名额是上限，并列的支部一起降为四星，五星实际评出 0 个。如需调整，请修改“考核设置”中的“五星比例上限”。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The quota for five stars is 1, but 2 branches share rank 1 with the same annual score, across the quota line: a quota is a ceiling, so the tied branches all drop to four stars and 0 branches keep five stars. To change this, edit the setting “五星比例上限” in sheet “考核设置”."`,
    );
  });

  it("covers every code", () => {
    const source = readFileSync(new URL(import.meta.url), "utf8");
    expect(ISSUE_CODES.filter((c) => !source.includes(`sample("${c}"`) && !source.includes(`yearly("${c}"`))).toEqual([]);
  });
});

describe("the English catalogue", () => {
  it("holds no Chinese: the workbook's own names and words come from the model", () => {
    const source = readFileSync(new URL("../../src/model/messages-en.ts", import.meta.url), "utf8");
    expect(source.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)).toBeNull();
  });
});
