import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { issue, issueMessage, ISSUE_CODES, type IssueCode, type IssueParams } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";

/** One issue of a code with its params and place, as validation or the engine reports it. */
const sample = <C extends IssueCode>(code: C, sheet: string | null, cell: string | null, params: IssueParams[C]) =>
  issue("error", code, { sheet, cell }, params);
const zh = (i: ReturnType<typeof sample>) => issueMessage(i, MESSAGES_ZH);
const en = (i: ReturnType<typeof sample>) => issueMessage(i, MESSAGES_EN);

// Every message of every code (and each variant of its params) in both languages, verbatim.
describe("issue messages, per code and language", () => {
  it("WORKBOOK_UNREADABLE", () => {
    const i = sample("WORKBOOK_UNREADABLE", null, null, { reason: "不是有效的 .xlsx 文件（不是 zip 压缩包）" });
    expect(zh(i)).toMatchInlineSnapshot(
      `"无法读取该文件：不是有效的 .xlsx 文件（不是 zip 压缩包）。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en(i)).toMatchInlineSnapshot(
      `"The file cannot be read: 不是有效的 .xlsx 文件（不是 zip 压缩包）. Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("WORKBOOK_UNREADABLE with a remedy (a damaged zip, damaged content, a file too large)", () => {
    const i = (remedy: "reobtain" | "repair" | "split") =>
      sample("WORKBOOK_UNREADABLE", null, null, { reason: "文件已损坏：压缩包不完整。", remedy });
    expect(zh(i("reobtain"))).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：压缩包不完整。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(zh(i("repair"))).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：压缩包不完整。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(zh(i("split"))).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：压缩包不完整。请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。"`,
    );
    expect(en(i("reobtain"))).toMatchInlineSnapshot(
      `"The file cannot be read: 文件已损坏：压缩包不完整. Get the complete original file again (download or copy it once more) and try again."`,
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
    expect(zh(i)).toMatchInlineSnapshot(`"考核设置!A5：不认识的设置项“打分方式”，已忽略。可用的设置项：考核周期、排名方式。"`);
    expect(en(i)).toMatchInlineSnapshot(`"考核设置!A5: unknown setting “打分方式”, ignored. The settings are: “考核周期”, “排名方式”."`);
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
    expect(zh(i)).toMatchInlineSnapshot(`"评分细则有误：没有任何“基础”类型的考核项，至少需要一项。"`);
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
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!F5：分数 4.5 超出范围，按未填处理。考核项“2.1”的分数应在 0 到 4 之间。"`);
    expect(en(i)).toMatchInlineSnapshot(
      `"评分A!F5: the score 4.5 is out of range and counts as blank. Scores of item “2.1” are from 0 to 4."`,
    );
  });

  it("VETO_INVALID", () => {
    const i = sample("VETO_INVALID", "评分A", "AI7", { branch: "ZB004", item: "V2", value: "可能", max: 0 });
    expect(zh(i)).toMatchInlineSnapshot(`"评分A!AI7：否决项只能填写“是”或“否”，“可能”无效，按“否”处理。"`);
    expect(en(i)).toMatchInlineSnapshot(`"评分A!AI7: a veto item takes only “是” or “否”; “可能” is not valid and counts as “否”."`);
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
    expect(zh(i)).toMatchInlineSnapshot(`"仲裁!C2：支部“ZB001”的考核项“1.1”没有争议，仲裁分“3.5”已忽略。"`);
    expect(en(i)).toMatchInlineSnapshot(`"仲裁!C2: item “1.1” of branch “ZB001” is not disputed; the arbitration “3.5” is ignored."`);
  });

  it("ARBITRATION_IGNORED (2)", () => {
    const i = sample("ARBITRATION_IGNORED", "仲裁", "AH2", { branch: "ZB001", item: "V1", arbitration: false });
    expect(zh(i)).toMatchInlineSnapshot(`"仲裁!AH2：支部“ZB001”的考核项“V1”没有争议，仲裁分“否”已忽略。"`);
    expect(en(i)).toMatchInlineSnapshot(`"仲裁!AH2: item “V1” of branch “ZB001” is not disputed; the arbitration “否” is ignored."`);
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

  it("covers every code", () => {
    const source = readFileSync(new URL(import.meta.url), "utf8");
    expect(ISSUE_CODES.filter((c) => !source.includes(`sample("${c}"`))).toEqual([]);
  });
});

describe("the English catalogue", () => {
  it("holds no Chinese: the workbook's own names and words come from the model", () => {
    const source = readFileSync(new URL("../../src/model/messages-en.ts", import.meta.url), "utf8");
    expect(source.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)).toBeNull();
  });
});
