import { createContext, useContext } from "react";

/**
 * Every text the task pane shows, keyed by id: Simplified Chinese (the default) and English.
 * Components take text only from here; issue messages come from the issue catalogues
 * (src/model/messages-zh.ts, messages-en.ts). Sheet names, categories and the errors the
 * operations throw are the workbook's own Chinese content and are shown as they are.
 * `{name}` placeholders are filled by `translate`.
 */
const zh = {
  appTitle: "支部考核评分助手",
  switchLanguage: "English",
  switchLanguageLabel: "切换为英文界面（English）",
  modeExcel: "Excel 模式：直接处理当前打开的工作簿。",
  modeFile: "浏览器文件模式：工作簿只在本页面中处理，不会上传到任何地方。",
  starting: "正在连接 Excel…",
  startSlow: "仍在等待 Excel。如果本页面不是在 Excel 中打开的，可以改用浏览器文件模式。",
  useFileMode: "改用浏览器文件模式",
  notInExcel:
    "本页面是 Excel 加载项的入口，只能在 Excel 中使用。没有合适的 Excel 时，请改用浏览器文件模式：工作簿只在浏览器中处理，不会上传。",
  startFailed: "无法启动支部考核评分助手",
  officeJsMissing: "office.js 没有加载成功。请让管理员检查加载项服务器上的 office.js 是否可以访问，然后重新打开任务窗格。",

  fileSection: "考核工作簿",
  fileDrop: "把考核工作簿（.xlsx）拖到这里，或者：",
  fileChoose: "打开工作簿…",
  fileCurrent: "当前工作簿：{name}",
  fileNone: "尚未打开工作簿。请先打开要评分的考核工作簿。",
  fileOpened: "已打开“{name}”。",
  downloadResult: "下载评分结果：{file}",
  downloadMerged: "下载导入后的工作簿：{file}",
  downloadHint: "文件只保存在您的电脑上；原工作簿不会被修改。",

  actionsSection: "评分",
  validate: "校验",
  validateHint: "检查工作簿中的每一处问题，不生成结果",
  scoreAndRank: "一键评分排名",
  scoreAndRankHint: "校验、双评核对、计分、评星、排名，并写入结果表和图表",
  busy: "正在处理，请稍候…",
  scoredExcel: "评分完成：结果表和图表已写入工作簿。",
  scoredFile: "评分完成：请下载评分结果。",
  validated: "校验完成。",
  noResultSheets: "没有生成结果表：工作簿存在致命问题，请先改正。",
  skippedFeatures: "此 Excel 版本不支持以下功能，已跳过（分数和排名不受影响）：{list}。",
  textsShortened: "{n} 处文字超过 Excel 单元格上限（32,767 个字符），已截短并以“…”结尾（{cells}）。分数和排名不受影响。",
  listSeparator: "、",

  templateSection: "新建考核模板",
  periodLabel: "考核周期（可留空，例如 2026Q3）",
  newTemplate: "新建考核模板",
  newTemplateHint: "生成考核设置、评分细则、支部名册和各评分表",
  templateRosterLabel: "支部名册",
  templateFromFile: "选择名册文件（.xlsx 或 .csv）",
  templateFromFileHint: "名册须有 支部编码、支部名称、支部类别 三列；选上季度的考核工作簿，则沿用其中的支部名册、评分细则和考核设置。",
  templateFromWorkbook: "按本工作簿的支部名册重新生成",
  templateFromWorkbookHintExcel:
    "改过“支部名册”或“评分细则”后用：各评分表按名册和细则重新排列，已填的分数按支部编码和项目编号放回原支部、原项目。",
  templateFromWorkbookHintFile: "改过“支部名册”或“评分细则”后用：下载重新生成的工作簿，已填的分数按支部编码和项目编号放回；原文件不变。",
  templateFromWorkbookNeedsFile: "要按本工作簿的支部名册重新生成，请先在上方打开考核工作簿。",
  templateFromExample: "示例支部（先试用，之后改成本单位的支部）",
  rosterChoose: "选择名册文件…",
  rosterNoFile: "未选择名册文件",
  periodKeepHint: "留空则沿用“考核设置”中的考核周期。",
  templateCreatedFrom: "已生成考核模板：{n} 个支部，取自“{file}”。",
  templateCreatedFromSheet: "已生成考核模板：{n} 个支部，取自“{file}”的“{sheet}”表。",
  templateCreatedExample:
    "已生成考核模板，“支部名册”中是示例支部：请改成本单位的支部，再点“新建考核模板”，选“按本工作簿的支部名册重新生成”。",
  templateRulesCarried: "评分细则沿用“{file}”中的细则。",
  templateSettingsCarried: "考核设置沿用“{file}”中的设置（考核周期除外）。",
  templatePeriodNone: "考核周期未填写：请在“考核设置”中填写。",
  templateAddedExcel: "模板工作表已添加到本工作簿。",
  templateDownloaded: "已下载“{file}”。",
  regenDone: "评分表已按支部名册重新生成：{branches} 个支部、{items} 个考核项；已填的内容保留 {kept} 个单元格。",
  regenInExcel: "已在本工作簿中重新生成评分表。",
  regenDownloaded: "已下载重新生成的工作簿“{file}”；原文件未作改动。",
  regenAddedBranches: "新增支部 {n} 个：{list}",
  regenRemovedBranches: "名册中已删除的支部 {n} 个：{list}",
  regenRenamed: "支部 {code} 改名：“{from}”→“{to}”（分数已保留）",
  regenRenamedMore: "另有 {n} 个支部改名。",
  regenAddedItems: "新增考核项 {n} 个：{list}",
  regenRemovedItems: "细则中已删除的考核项 {n} 个：{list}",
  regenAddedSheets: "补上了工作表：{list}",
  regenPeriod: "考核周期：{from} → {to}",
  periodUnset: "未填写",
  regenNotPlaced: "{n} 个已填的单元格没有放回评分表，已逐格保存在“{sheet}”工作表中，请核对：",
  regenBranch: "支部 {code}",
  regenBranchNamed: "支部 {code}（{name}）",
  regenItems: "项目 {list}",
  regenGroup: "{subject}：{cells} 格（{sheets}），{reason}",
  regenGroupPlain: "{cells} 格（{sheets}），{reason}",
  regenMoreGroups: "另有 {n} 组，见“{sheet}”工作表。",
  regenShowSetAside: "查看“{sheet}”工作表",
  regenStaleNotes: "“扣分说明”中有 {n} 行说的支部或项目已不在名册或细则中（{list}），保留在原处，请核对。",
  listMore: "{list} 等 {n} 个",

  importSection: "导入评分表",
  importFile: "评分方交回的工作簿",
  importChoose: "选择文件…",
  importNoFile: "未选择文件",
  importAs: "作为",
  importAuto: "自动识别",
  importButton: "导入评分表",
  importDone: "已导入“{sheet}”：写入 {copied} 个单元格。",
  importConflicts: "{n} 处冲突（工作簿中已有不同的分数，未覆盖）：",
  importConflict: "{cell}（{branch}，{item}）：工作簿中为 {target}，导入文件中为 {incoming}",
  importMore: "另有 {n} 处未列出。",
  importUnknownBranches: "工作簿中没有这些支部编码，未导入：{list}",
  importUnknownItems: "工作簿中没有这些考核项，未导入：{list}",

  summarySection: "结果概要",
  period: "考核周期：{period}",
  periodNone: "考核周期：未填写",
  branches: "支部 {n} 个",
  fatalCount: "致命 {n}",
  errorCount: "错误 {n}",
  warningCount: "警告 {n}",
  statusFinal: "正式",
  statusProvisional: "暂定",
  statusFatal: "无结果",
  statusFinalHint: "没有错误，结果为正式结果。",
  statusProvisionalHint: "还有错误未解决（例如缺评或分差超过阈值尚待仲裁），结果为暂定。改正后重新评分即为正式结果。",
  statusFatalHint: "工作簿存在致命问题，无法计算结果。请按下面的问题清单改正。",

  issuesSection: "问题清单（{n}）",
  issuesNone: "没有发现问题。",
  issuesWorkbook: "整个工作簿",
  issueGroup: "{sheet}（{n}）",
  severityFatal: "致命",
  severityError: "错误",
  severityWarning: "警告",
  issueSelect: "在 Excel 中选中 {sheet} 工作表的 {cell} 单元格：{message}",
  issuesMore: "另有 {n} 项未列出，完整清单见“校验报告”工作表。",

  rankingSection: "排名预览",
  rankingCaption: "按名次排列的支部、类别、总分和星级",
  colRank: "名次",
  colBranch: "支部",
  colCategory: "类别",
  colTotal: "总分",
  colStars: "星级",
  starsLabel: "{n} 星",
  noStars: "无星",
  vetoed: "（否决）",
  rankingMore: "仅显示前 {shown} 名，共 {total} 个支部；完整结果见“考核结果”工作表。",

  profileSection: "支部画像",
  profilePick: "选择支部",
  profileSearch: "输入支部编码或名称搜索",
  profileNoMatch: "没有匹配的支部，请换一个编码或名称再试。",
  profileMoreMatches: "仅列出前 {shown} 个匹配的支部，共 {total} 个；请输入更多字缩小范围。",
  profileRank: "排名",
  profileCategoryRank: "类别排名",
  profileTier: "阶梯",
  profileStatus: "状态",
  profileVetoed: "否决",
  profilePending: "待仲裁 {n} 项",
  profileRadarLabel: "{name}各考核方面得分率与本类别平均的雷达图",
  profileBranchSeries: "本支部",
  profileCategorySeries: "类别平均",
  profileWeak: "短板弱项",
  profileWeakNone: "无：各考核方面得分率均不低于本类别平均。",
  profileWeakNoCategory: "支部类别无效，无法与同类支部比较；请在“支部名册”中改正后重新评分。",
  profileWeakItems: "（扣分项目：{items}）",
  profileDeductions: "扣分明细（{n} 项）",
  profileDeductionsNone: "无：各基础项目均得满分。",
  profileDeducted: "：扣 {points} 分（{status}）",
  profileBonuses: "加分：{list}",
  profileVetoes: "否决：{list}",
  profileGoTo: "转到画像页",
  profileGoToHint: "在 Excel 中选中该支部在“支部画像”工作表中的内容",

  annualSection: "年度定级",
  annualIntro:
    "年终时把本年度各季度的考核工作簿（最多四个）合在一起，计算年度得分、年度星级和排名，并生成新的年度定级工作簿。季度工作簿不会被修改。",
  annualAddFiles: "添加季度工作簿…",
  annualAddOpen: "添加当前工作簿",
  annualAddOpenHint: "把 Excel 中打开的这个工作簿作为其中一个季度",
  annualNoQuarters: "尚未添加季度工作簿。",
  annualQuartersCaption: "已添加的季度工作簿：考核周期、状态和问题数",
  annualOpenTag: "（当前工作簿）",
  annualPeriodNone: "考核周期未填写",
  annualUnusable: "不能计入年度：请先改正该工作簿的致命问题或填写考核周期",
  annualRemove: "移除“{file}”",
  annualRun: "年度定级",
  annualRunHint: "按各季度结果计算年度得分、星级（名额、逐级晋升）和排名，生成年度定级工作簿",
  annualCancel: "取消",
  annualCancelled: "已取消，没有生成年度定级工作簿。",
  annualProgressChecking: "正在检查“{file}”：{step}",
  annualProgressQuarter: "第 {n}/{total} 个季度工作簿“{file}”：{step}",
  annualProgressGrading: "正在计算年度得分、排名和星级…",
  annualProgressWriting: "正在生成年度定级工作簿…",
  annualYear: "{year} 年度",
  annualGraded: "定级支部 {n} 个",
  annualQuotaNone: "{level}不限名额",
  annualQuota: "{level}比例上限 {ratio}",
  annualFiveStar: "五星",
  annualFourStar: "四星",
  annualStepwiseOn: "逐级晋升：是（每年最多升一星）",
  annualStepwiseOff: "逐级晋升：否",
  annualStatusFinalHint: "没有错误，年度定级为正式结果。",
  annualStatusProvisionalHint: "还有错误未解决（例如缺少季度或某季度结果为暂定），年度定级为暂定。改正后重新定级即为正式结果。",
  annualStatusFatalHint: "无法定级：请按下面的问题清单改正所添加的工作簿。",
  annualOpened: "已在 Excel 中打开新的年度定级工作簿“{file}”（尚未保存，请在新窗口中保存）。",
  annualDownload: "下载年度定级工作簿：{file}",
  annualDownloadFile: "年度定级工作簿已生成，请点击下面的链接下载。",
  annualDownloadNoApi: "此 Excel 版本不能直接打开新工作簿，请点击下面的链接下载年度定级工作簿，再用 Excel 打开。",
  annualDownloadOpenFailed: "Excel 未能打开新工作簿，请点击下面的链接下载年度定级工作簿。",
  annualRankingSection: "年度排名",
  annualRankingCaption: "按年度名次排列的支部、年度得分和年度星级",
  annualColScore: "年度得分",
  annualWhyVeto: "年度内被否决（{quarters}）：{from} 星降为 {to} 星",
  annualWhyStepwise: "逐级晋升（上年 {previous} 星）：{from} 星降为 {to} 星",
  annualWhyQuota: "{level}名额已满（并列的一同降级）：{from} 星降为 {to} 星",
  annualRankingMore: "仅显示前 {shown} 名，共 {total} 个支部；完整结果见“年度定级”工作表。",
  annualIssuesSection: "年度问题（{n}）",
  annualIssuePlace: "{place}：",

  errorTitle: "操作没有完成",
  errorUnexpected: "发生意外错误：{message}",
  errorNext: "下一步：{next}",
  dismiss: "关闭",

  progressReading: "正在读取工作表…",
  progressValidating: "正在校验…",
  progressScoring: "正在核对双评、计分和排名…",
  progressWriting: "正在写入结果表和图表…",
  progressDone: "完成",
} as const;

export type StringId = keyof typeof zh;
export type Language = "zh" | "en";

const en: Readonly<Record<StringId, string>> = {
  appTitle: "Branch Scorecard",
  switchLanguage: "中文",
  switchLanguageLabel: "切换为中文界面",
  modeExcel: "Excel mode: works on the open workbook.",
  modeFile: "Browser file mode: the workbook is processed in this page only and never uploaded.",
  starting: "Connecting to Excel…",
  startSlow: "Still waiting for Excel. If this page is not open inside Excel, use the browser file mode instead.",
  useFileMode: "Use the browser file mode",
  notInExcel:
    "This page is the Excel add-in's entry and works only inside Excel. Without a suitable Excel, use the browser file mode: the workbook is processed in the browser and never uploaded.",
  startFailed: "Branch Scorecard could not start",
  officeJsMissing:
    "office.js did not load. Ask the administrator to check that office.js on the add-in's server can be reached, then open the task pane again.",

  fileSection: "Assessment workbook",
  fileDrop: "Drop an assessment workbook (.xlsx) here, or:",
  fileChoose: "Open workbook…",
  fileCurrent: "Workbook: {name}",
  fileNone: "No workbook open yet. Open the assessment workbook to score first.",
  fileOpened: "Opened “{name}”.",
  downloadResult: "Download the result: {file}",
  downloadMerged: "Download the workbook with the import: {file}",
  downloadHint: "Files stay on your computer; the original workbook is never changed.",

  actionsSection: "Scoring",
  validate: "Validate",
  validateHint: "Check the workbook for every problem without producing results",
  scoreAndRank: "Score and rank",
  scoreAndRankHint: "Validate, reconcile the two raters, score, rate stars, rank, and write the result sheets and charts",
  busy: "Working, please wait…",
  scoredExcel: "Done: the result sheets and charts are in the workbook.",
  scoredFile: "Done: download the scored workbook below.",
  validated: "Validation finished.",
  noResultSheets: "No result sheets were written: the workbook has fatal problems to fix first.",
  skippedFeatures: "This version of Excel lacks the following, which were left out (scores and ranking are not affected): {list}.",
  textsShortened:
    "{n} text(s) longer than an Excel cell holds (32,767 characters) were shortened, ending in “…” ({cells}). Scores and ranking are not affected.",
  listSeparator: ", ",

  templateSection: "New assessment template",
  periodLabel: "Assessment period (optional, e.g. 2026Q3)",
  newTemplate: "New template",
  newTemplateHint: "Creates the settings, rules, roster and scoring sheets",
  templateRosterLabel: "Branch roster",
  templateFromFile: "Choose a roster file (.xlsx or .csv)",
  templateFromFileHint:
    "The roster needs the columns 支部编码, 支部名称 and 支部类别; choose last quarter's assessment workbook to carry over its roster, rules and settings.",
  templateFromWorkbook: "Regenerate from this workbook's roster",
  templateFromWorkbookHintExcel:
    "After changing 支部名册 or 评分细则: the scoring sheets are laid out again from them, and every score already typed goes back to its branch and item by branch code and item code.",
  templateFromWorkbookHintFile:
    "After changing 支部名册 or 评分细则: downloads the regenerated workbook, every score already typed put back by branch code and item code; the original file is not changed.",
  templateFromWorkbookNeedsFile: "To regenerate from a workbook's roster, open the assessment workbook above first.",
  templateFromExample: "Example branches (to try it; replace them with your own later)",
  rosterChoose: "Choose roster file…",
  rosterNoFile: "No roster file chosen",
  periodKeepHint: "Leave blank to keep the period in 考核设置.",
  templateCreatedFrom: "Template created: {n} branches, from “{file}”.",
  templateCreatedFromSheet: "Template created: {n} branches, from sheet “{sheet}” of “{file}”.",
  templateCreatedExample:
    "Template created with example branches in 支部名册: replace them with your own, then choose “Regenerate from this workbook's roster” and click New template.",
  templateRulesCarried: "Rules carried over from “{file}”.",
  templateSettingsCarried: "Settings carried over from “{file}” (except the period).",
  templatePeriodNone: "No period yet: fill it in on 考核设置.",
  templateAddedExcel: "The template sheets were added to this workbook.",
  templateDownloaded: "Downloaded “{file}”.",
  regenDone: "Scoring sheets regenerated from the roster: {branches} branches, {items} items; {kept} filled cells kept.",
  regenInExcel: "The scoring sheets of this workbook were regenerated.",
  regenDownloaded: "Downloaded the regenerated workbook “{file}”; the original file is unchanged.",
  regenAddedBranches: "{n} new branches: {list}",
  regenRemovedBranches: "{n} branches no longer in the roster: {list}",
  regenRenamed: "Branch {code} renamed: “{from}” → “{to}” (scores kept)",
  regenRenamedMore: "{n} more branches renamed.",
  regenAddedItems: "{n} new items: {list}",
  regenRemovedItems: "{n} items no longer in the rules: {list}",
  regenAddedSheets: "Sheets added: {list}",
  regenPeriod: "Period: {from} → {to}",
  periodUnset: "not filled in",
  regenNotPlaced: "{n} filled cells could not go back into the scoring sheets; each is kept on the “{sheet}” sheet. Please check them:",
  regenBranch: "branch {code}",
  regenBranchNamed: "branch {code} ({name})",
  regenItems: "item {list}",
  regenGroup: "{subject}: {cells} cells ({sheets}), {reason}",
  regenGroupPlain: "{cells} cells ({sheets}), {reason}",
  regenMoreGroups: "{n} more groups: see the “{sheet}” sheet.",
  regenShowSetAside: "Show the “{sheet}” sheet",
  regenStaleNotes:
    "{n} rows of 扣分说明 are about branches or items no longer in the roster or rules ({list}); they were left where they are, please check them.",
  listMore: "{list} and {n} more",

  importSection: "Import a score sheet",
  importFile: "The workbook a rater sent back",
  importChoose: "Choose file…",
  importNoFile: "No file chosen",
  importAs: "Import as",
  importAuto: "Detect automatically",
  importButton: "Import",
  importDone: "Imported “{sheet}”: {copied} cells written.",
  importConflicts: "{n} conflicts (the workbook already holds a different score; left unchanged):",
  importConflict: "{cell} ({branch}, {item}): workbook {target}, imported file {incoming}",
  importMore: "{n} more not listed.",
  importUnknownBranches: "Branch codes not in the workbook, not imported: {list}",
  importUnknownItems: "Items not in the workbook, not imported: {list}",

  summarySection: "Summary",
  period: "Period: {period}",
  periodNone: "Period: not filled in",
  branches: "{n} branches",
  fatalCount: "{n} fatal",
  errorCount: "{n} errors",
  warningCount: "{n} warnings",
  statusFinal: "Final",
  statusProvisional: "Provisional",
  statusFatal: "No result",
  statusFinalHint: "No errors: the results are final.",
  statusProvisionalHint:
    "Some errors are unresolved (e.g. missing scores or disputes awaiting arbitration): the results are provisional. Fix them and score again for final results.",
  statusFatalHint: "The workbook has fatal problems and cannot be scored. Fix the problems listed below.",

  issuesSection: "Problems ({n})",
  issuesNone: "No problems found.",
  issuesWorkbook: "Whole workbook",
  issueGroup: "{sheet} ({n})",
  severityFatal: "Fatal",
  severityError: "Error",
  severityWarning: "Warning",
  issueSelect: "Select cell {cell} on sheet {sheet} in Excel: {message}",
  issuesMore: "{n} more not listed; see the 校验报告 sheet for the full list.",

  rankingSection: "Ranking preview",
  rankingCaption: "Branches in rank order with category, total and stars",
  colRank: "Rank",
  colBranch: "Branch",
  colCategory: "Category",
  colTotal: "Total",
  colStars: "Stars",
  starsLabel: "{n} stars",
  noStars: "No star",
  vetoed: " (veto)",
  rankingMore: "Showing the first {shown} of {total} branches; the 考核结果 sheet has them all.",

  profileSection: "Branch profile",
  profilePick: "Choose a branch",
  profileSearch: "Type a branch code or name",
  profileNoMatch: "No branch matches: try another code or name.",
  profileMoreMatches: "Showing the first {shown} of {total} matching branches; type more to narrow them.",
  profileRank: "Rank",
  profileCategoryRank: "Category rank",
  profileTier: "Tier",
  profileStatus: "Status",
  profileVetoed: "vetoed",
  profilePending: "{n} awaiting arbitration",
  profileRadarLabel: "Radar of the area score rates of {name} against its category mean",
  profileBranchSeries: "This branch",
  profileCategorySeries: "Category mean",
  profileWeak: "Weak areas",
  profileWeakNone: "None: every area is at or above the category mean.",
  profileWeakNoCategory: "The branch's category is invalid, so it has no peers to compare with; correct it in 支部名册 and score again.",
  profileWeakItems: " (items with deductions: {items})",
  profileDeductions: "Deductions ({n})",
  profileDeductionsNone: "None: every base item got full marks.",
  profileDeducted: ": {points} points deducted ({status})",
  profileBonuses: "Bonus: {list}",
  profileVetoes: "Veto: {list}",
  profileGoTo: "Go to the profile page",
  profileGoToHint: "Select this branch's block on the 支部画像 sheet in Excel",

  annualSection: "Annual grade",
  annualIntro:
    "At year end, combine the year's quarterly assessment workbooks (up to four) into each branch's annual score, annual stars and rank, in a new annual workbook. The quarterly workbooks are not changed.",
  annualAddFiles: "Add quarterly workbooks…",
  annualAddOpen: "Add the open workbook",
  annualAddOpenHint: "Use the workbook open in Excel as one of the quarters",
  annualNoQuarters: "No quarterly workbooks added yet.",
  annualQuartersCaption: "Quarterly workbooks added: period, status and problem counts",
  annualOpenTag: " (open workbook)",
  annualPeriodNone: "Period not filled in",
  annualUnusable: "Cannot count for the year: fix this workbook's fatal problems or fill in its period first",
  annualRemove: "Remove “{file}”",
  annualRun: "Grade the year",
  annualRunHint: "Annual score, stars (quotas, step-by-step promotion) and rank from the quarters' results, in a new annual workbook",
  annualCancel: "Cancel",
  annualCancelled: "Cancelled; no annual workbook was made.",
  annualProgressChecking: "Checking “{file}”: {step}",
  annualProgressQuarter: "Quarterly workbook {n} of {total}, “{file}”: {step}",
  annualProgressGrading: "Computing annual scores, ranks and stars…",
  annualProgressWriting: "Making the annual workbook…",
  annualYear: "Year {year}",
  annualGraded: "{n} branches graded",
  annualQuotaNone: "{level}: no quota",
  annualQuota: "{level}: at most {ratio}",
  annualFiveStar: "Five stars",
  annualFourStar: "Four stars",
  annualStepwiseOn: "Step-by-step promotion: yes (at most one star up a year)",
  annualStepwiseOff: "Step-by-step promotion: no",
  annualStatusFinalHint: "No errors: the annual grade is final.",
  annualStatusProvisionalHint:
    "Some errors are unresolved (e.g. a quarter is missing or provisional): the annual grade is provisional. Fix them and grade again for a final result.",
  annualStatusFatalHint: "The year cannot be graded: fix the workbooks as the problems below say.",
  annualOpened: "The new annual workbook “{file}” is open in Excel (not saved yet: save it in its window).",
  annualDownload: "Download the annual workbook: {file}",
  annualDownloadFile: "The annual workbook is ready: download it with the link below.",
  annualDownloadNoApi:
    "This version of Excel cannot open a new workbook itself (ExcelApi 1.8 needed): download the annual workbook with the link below.",
  annualDownloadOpenFailed: "Excel did not open the new workbook: download the annual workbook with the link below.",
  annualRankingSection: "Annual ranking",
  annualRankingCaption: "Branches in annual rank order with annual score and stars",
  annualColScore: "Score",
  annualWhyVeto: "Vetoed in the year ({quarters}): {from} stars lowered to {to}",
  annualWhyStepwise: "Step-by-step promotion (last year {previous} stars): {from} stars lowered to {to}",
  annualWhyQuota: "{level} quota full (tied branches drop together): {from} stars lowered to {to}",
  annualRankingMore: "Showing the first {shown} of {total} branches; the 年度定级 sheet has them all.",
  annualIssuesSection: "Annual problems ({n})",
  annualIssuePlace: "{place}: ",

  errorTitle: "The operation did not finish",
  errorUnexpected: "Unexpected error: {message}",
  errorNext: "What to do: {next}",
  dismiss: "Dismiss",

  progressReading: "Reading the sheets…",
  progressValidating: "Validating…",
  progressScoring: "Reconciling raters, scoring and ranking…",
  progressWriting: "Writing the result sheets and charts…",
  progressDone: "Done",
};

export const STRINGS: Readonly<Record<Language, Readonly<Record<StringId, string>>>> = { zh, en };

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (id: StringId, params?: Params) => string;

export function translate(language: Language, id: StringId, params: Params = {}): string {
  return STRINGS[language][id].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The language people chose last time (kept in the browser), Chinese unless they chose English. */
export interface LanguagePreference {
  readonly current: Language;
  set(language: Language): void;
}

export function languagePreference(storage: Pick<Storage, "getItem" | "setItem"> | null = safeLocalStorage()): LanguagePreference {
  const KEY = "branch-scorecard.language";
  let current: Language = storage?.getItem(KEY) === "en" ? "en" : "zh";
  return {
    get current() {
      return current;
    },
    set(language) {
      current = language;
      try {
        storage?.setItem(KEY, language);
      } catch {
        // Storage full or blocked: the choice lasts for this session only.
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // some Office webviews throw on access when storage is disabled
  }
}

export const LanguageContext = createContext<Language>("zh");

/** The translate function for the current UI language. */
export function useStrings(): Translate {
  const language = useContext(LanguageContext);
  return (id, params) => translate(language, id, params);
}
