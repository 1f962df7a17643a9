import { createContext, useContext } from "react";
import type { QuarterIssueCode } from "../../src/model/issues.js";

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
  fileOpened: "已打开“{name}”。请点“校验”查看问题，或直接点“一键评分排名”。",
  downloadResult: "下载评分结果：{file}",
  downloadMerged: "下载导入后的工作簿：{file}",
  downloadReport: "下载校验报告：{file}",
  downloadHint: "文件只保存在您的电脑上；原工作簿不会被修改。",

  actionsSection: "评分",
  validate: "校验",
  validateHint: "检查工作簿中的每一处问题，不生成结果",
  scoreAndRank: "一键评分排名",
  scoreAndRankHint: "校验、双评核对、计分、评星、排名，并写入结果表和图表",
  busy: "正在处理，请稍候…",
  scoredExcel: "评分完成，结果为正式结果：结果表和图表已写入工作簿。",
  scoredFile: "评分完成，结果为正式结果：请在上方下载评分结果。",
  scoredExcelProvisional: "评分完成，但有 {errors} 个错误，结果为暂定：结果表和图表已写入工作簿。请按下方“需要处理”逐条改正后重新评分。",
  scoredFileProvisional:
    "评分完成，但有 {errors} 个错误，结果为暂定：可在上方下载暂定结果。请在 Excel 中按下方“需要处理”改正原工作簿，再在这里打开并重新评分。",
  validatedClean: "校验通过，没有发现问题：可以点“一键评分排名”。",
  validatedWarnings: "校验通过：没有错误，有 {warnings} 条警告（不影响结果，建议核对）。可以点“一键评分排名”。",
  validatedErrors: "校验发现 {errors} 个错误：现在评分只能得到暂定结果。请按下方“需要处理”逐条改正，再点“校验”。",
  validatedErrorsFile:
    "校验发现 {errors} 个错误：现在评分只能得到暂定结果。请在 Excel 中按下方“需要处理”改正原工作簿，再在这里打开并校验。",
  validatedFatal: "校验发现 {fatal} 个致命问题，无法计算结果：请按下方“需要处理”改正，再点“校验”。",
  validatedFatalFile: "校验发现 {fatal} 个致命问题，无法计算结果：请在 Excel 中按下方“需要处理”改正原工作簿，再在这里打开并校验。",
  noResultSheets: "没有生成结果：工作簿有 {fatal} 个致命问题，只写入了“校验报告”。请按下方“需要处理”改正后重新评分。",
  noResultFile:
    "没有生成结果：工作簿有 {fatal} 个致命问题。可在上方下载校验报告；请在 Excel 中按下方“需要处理”改正原工作簿，再在这里打开并评分。",
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
  statusProvisionalHint: "还有错误未解决（例如缺评或分差超过阈值尚待仲裁），结果为暂定。请按下面“需要处理”改正后重新评分，即为正式结果。",
  statusFatalHint: "工作簿存在致命问题，无法计算结果。请按下面“需要处理”中的问题改正。",

  issuesSection: "问题清单（{n}）",
  issuesNone: "没有发现问题。",
  issuesWorkbook: "整个工作簿",
  issueGroup: "{name}（{n}）",
  issuesUrgent: "需要处理（{n}）",
  issuesUrgentHint: "致命问题使结果无法计算，错误使结果只能是暂定：请先改正这些。",
  issuesUrgentNone: "没有致命问题或错误。",
  issuesWarnings: "警告（{n}）",
  issuesWarningsHint: "警告不影响分数和排名，建议核对。",
  issuesGroupBy: "警告分组",
  issuesGroupByCode: "按问题类型",
  issuesGroupBySheet: "按工作表",
  issuesFilter: "筛选问题",
  issuesFilterHint: "支部编码、工作表、单元格或文字",
  issuesFiltered: "符合筛选的问题 {shown} 条，共 {total} 条。",
  issuesFilterNone: "没有符合筛选的问题：请换一个词，或清空筛选框。",
  issuesShowMore: "显示更多（还有 {n} 条）",
  issuesShown: "已显示 {shown} 条，共 {total} 条",
  severityFatal: "致命",
  severityError: "错误",
  severityWarning: "警告",
  issueSelect: "在 Excel 中选中 {sheet} 工作表的 {cell} 单元格：{message}",

  rankingSection: "排名预览",
  rankingCaption: "按名次排列的支部：名次、支部、总分和星级",
  rankRow: "第 {rank} 名",
  starsLabel: "{n} 星",
  noStars: "无星",
  vetoed: "否决",
  rankingShowMore: "显示更多（还有 {n} 个支部）",
  rankingShown: "已显示 {shown} 个，共 {total} 个支部",
  rankingFullExcel: "类别、各方面得分等完整结果见“考核结果”工作表。",
  rankingFullFile: "类别、各方面得分等完整结果见下载的评分结果中的“考核结果”工作表。",

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
  annualStatusProvisionalHint: "还有错误未解决（例如缺少季度或某季度结果为暂定），年度定级为暂定。请改正后重新定级，即为正式结果。",
  annualStatusFatalHint: "无法定级：请按下面的问题清单改正所添加的工作簿。",
  annualOpened: "已在 Excel 中打开新的年度定级工作簿“{file}”（尚未保存，请在新窗口中保存）。",
  annualDownload: "下载年度定级工作簿：{file}",
  annualDownloadFile: "年度定级工作簿已生成，请点击下面的链接下载。",
  annualDownloadNoApi: "此 Excel 版本不能直接打开新工作簿，请点击下面的链接下载年度定级工作簿，再用 Excel 打开。",
  annualDownloadOpenFailed: "Excel 未能打开新工作簿，请点击下面的链接下载年度定级工作簿。",
  annualRankingSection: "年度排名",
  annualRankingCaption: "按年度名次排列的支部：名次、支部、年度得分和年度星级",
  annualWhyVeto: "年度内被否决（{quarters}）：{from} 星降为 {to} 星",
  annualWhyStepwise: "逐级晋升（上年 {previous} 星）：{from} 星降为 {to} 星",
  annualWhyQuota: "{level}名额已满（并列的一同降级）：{from} 星降为 {to} 星",
  annualRankingFull: "完整结果见年度定级工作簿的“年度定级”工作表。",
  annualIssuesSection: "年度问题（{n}）",
  annualIssuePlace: "{place}：",

  help: "使用说明",
  helpLabel: "打开使用说明（新窗口）",

  errorTitle: "操作没有完成",
  errorUnexpected: "发生意外错误：{message}",
  errorNext: "下一步：{next}",
  dismiss: "关闭",

  progressReading: "正在读取工作表…",
  progressValidating: "正在校验…",
  progressScoring: "正在核对双评、计分和排名…",
  progressWriting: "正在写入结果表和图表…",
  progressDone: "完成",
  progressStep: "第 {n}/{m} 步（{percent}%）：{step}",
  progressElapsed: "已用时 {seconds} 秒",
  cancelRun: "取消",
  runCancelled: "已取消，工作簿保持原样。",
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
  fileOpened: "Opened “{name}”. Click Validate to see its problems, or Score and rank.",
  downloadResult: "Download the result: {file}",
  downloadMerged: "Download the workbook with the import: {file}",
  downloadReport: "Download the validation report: {file}",
  downloadHint: "Files stay on your computer; the original workbook is never changed.",

  actionsSection: "Scoring",
  validate: "Validate",
  validateHint: "Check the workbook for every problem without producing results",
  scoreAndRank: "Score and rank",
  scoreAndRankHint: "Validate, reconcile the two raters, score, rate stars, rank, and write the result sheets and charts",
  busy: "Working, please wait…",
  scoredExcel: "Done, the results are final: the result sheets and charts are in the workbook.",
  scoredFile: "Done, the results are final: download the scored workbook above.",
  scoredExcelProvisional:
    "Done, but with {errors} errors the results are provisional: the result sheets and charts are in the workbook. Fix the problems under Needs attention and score again.",
  scoredFileProvisional:
    "Done, but with {errors} errors the results are provisional: download them above. Fix the original workbook in Excel as Needs attention says, then open it here and score again.",
  validatedClean: "Validation found no problems: you can Score and rank.",
  validatedWarnings:
    "Validation passed: no errors, {warnings} warnings (they do not change the results; worth checking). You can Score and rank.",
  validatedErrors:
    "Validation found {errors} errors: scoring now gives provisional results. Fix them as Needs attention says, then Validate again.",
  validatedErrorsFile:
    "Validation found {errors} errors: scoring now gives provisional results. Fix the original workbook in Excel as Needs attention says, then open it here and Validate.",
  validatedFatal: "Validation found {fatal} fatal problems; nothing can be scored. Fix them as Needs attention says, then Validate again.",
  validatedFatalFile:
    "Validation found {fatal} fatal problems; nothing can be scored. Fix the original workbook in Excel as Needs attention says, then open it here and Validate.",
  noResultSheets:
    "No results: the workbook has {fatal} fatal problems; only the validation report was written. Fix them as Needs attention says and score again.",
  noResultFile:
    "No results: the workbook has {fatal} fatal problems. Download the validation report above; fix the original workbook in Excel as Needs attention says, then open it here and score.",
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
  statusFatalHint: "The workbook has fatal problems and cannot be scored. Fix the problems under Needs attention below.",

  issuesSection: "Problems ({n})",
  issuesNone: "No problems found.",
  issuesWorkbook: "Whole workbook",
  issueGroup: "{name} ({n})",
  issuesUrgent: "Needs attention ({n})",
  issuesUrgentHint: "Fatal problems stop the scoring; errors make the results provisional: fix these first.",
  issuesUrgentNone: "No fatal problems or errors.",
  issuesWarnings: "Warnings ({n})",
  issuesWarningsHint: "Warnings do not change scores or ranks; worth checking.",
  issuesGroupBy: "Group warnings",
  issuesGroupByCode: "By kind",
  issuesGroupBySheet: "By sheet",
  issuesFilter: "Filter problems",
  issuesFilterHint: "Branch code, sheet, cell or text",
  issuesFiltered: "{shown} of {total} problems match the filter.",
  issuesFilterNone: "No problem matches the filter: try another word, or clear the box.",
  issuesShowMore: "Show more ({n} left)",
  issuesShown: "{shown} of {total} shown",
  severityFatal: "Fatal",
  severityError: "Error",
  severityWarning: "Warning",
  issueSelect: "Select cell {cell} on sheet {sheet} in Excel: {message}",

  rankingSection: "Ranking preview",
  rankingCaption: "Branches in rank order: rank, branch, total and stars",
  rankRow: "Rank {rank}",
  starsLabel: "{n} stars",
  noStars: "No star",
  vetoed: "Veto",
  rankingShowMore: "Show more ({n} branches left)",
  rankingShown: "{shown} of {total} branches shown",
  rankingFullExcel: "The 考核结果 sheet has the full results (category, area scores…).",
  rankingFullFile: "The 考核结果 sheet of the downloaded workbook has the full results (category, area scores…).",

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
  annualRankingCaption: "Branches in annual rank order: rank, branch, annual score and stars",
  annualWhyVeto: "Vetoed in the year ({quarters}): {from} stars lowered to {to}",
  annualWhyStepwise: "Step-by-step promotion (last year {previous} stars): {from} stars lowered to {to}",
  annualWhyQuota: "{level} quota full (tied branches drop together): {from} stars lowered to {to}",
  annualRankingFull: "The 年度定级 sheet of the annual workbook has the full results.",
  annualIssuesSection: "Annual problems ({n})",
  annualIssuePlace: "{place}: ",

  help: "Help",
  helpLabel: "Open the help page (new window)",

  errorTitle: "The operation did not finish",
  errorUnexpected: "Unexpected error: {message}",
  errorNext: "What to do: {next}",
  dismiss: "Dismiss",

  progressReading: "Reading the sheets…",
  progressValidating: "Validating…",
  progressScoring: "Reconciling raters, scoring and ranking…",
  progressWriting: "Writing the result sheets and charts…",
  progressDone: "Done",
  progressStep: "Step {n} of {m} ({percent}%): {step}",
  progressElapsed: "{seconds} s so far",
  cancelRun: "Cancel",
  runCancelled: "Cancelled; the workbook is as it was.",
};

export const STRINGS: Readonly<Record<Language, Readonly<Record<StringId, string>>>> = { zh, en };

/** What kind of problem an issue code is, as the pane groups warnings by it. */
export const ISSUE_KINDS: Readonly<Record<Language, Readonly<Record<QuarterIssueCode, string>>>> = {
  zh: {
    WORKBOOK_UNREADABLE: "文件无法读取",
    SHEET_MISSING: "缺少工作表",
    HEADER_MISSING: "找不到表头",
    SETTING_UNKNOWN: "不认识的设置项",
    SETTING_INVALID: "设置值无效",
    PERIOD_MISSING: "未填写考核周期",
    RULE_INVALID: "评分细则有误",
    RULE_TOTAL_NOT_100: "基础项合计不是 100 分",
    ROSTER_EMPTY: "支部名册为空",
    BRANCH_CODE_MISSING: "缺少支部编码",
    BRANCH_DUPLICATE: "支部编码重复",
    CATEGORY_INVALID: "支部类别无效",
    HEADER_ITEM_MISSING: "表头缺少考核项",
    HEADER_ITEM_DUPLICATE: "考核项列重复",
    HEADER_ITEM_UNKNOWN: "表头不是考核项编号",
    BRANCH_UNKNOWN: "支部不在名册中",
    BRANCH_NOT_SCORED: "支部没有评分行",
    BRANCH_NAME_MISMATCH: "支部名称与名册不一致",
    SCORE_MISSING: "缺少评分",
    CELL_ERROR_VALUE: "单元格是错误值",
    SCORE_NA_IGNORED: "不适用项填了分数",
    SCORE_NA_NOT_ALLOWED: "适用项填了不适用",
    SCORE_NOT_NUMBER: "分数不是数字",
    SCORE_NORMALIZED: "分数以文本填写",
    SCORE_PRECISION: "分数超过两位小数",
    SCORE_OUT_OF_RANGE: "分数超出范围",
    VETO_INVALID: "否决项填写无效",
    DISPUTE_PENDING: "分差超过阈值待仲裁",
    VETO_DISPUTE_PENDING: "否决项意见不一致待仲裁",
    ARBITRATION_IGNORED: "无争议的仲裁分",
    DEDUCTION_NOTE_MISSING: "扣分没有说明",
    LEDGER_HEADER_MISSING: "整改台账无法对应",
    LEDGER_ROW_UNREADABLE: "整改台账的行无法对应",
  },
  en: {
    WORKBOOK_UNREADABLE: "File cannot be read",
    SHEET_MISSING: "Sheet missing",
    HEADER_MISSING: "Header not found",
    SETTING_UNKNOWN: "Unknown setting",
    SETTING_INVALID: "Invalid setting",
    PERIOD_MISSING: "No period",
    RULE_INVALID: "Invalid rule",
    RULE_TOTAL_NOT_100: "Base items not 100 points",
    ROSTER_EMPTY: "Empty roster",
    BRANCH_CODE_MISSING: "Branch code missing",
    BRANCH_DUPLICATE: "Branch code repeated",
    CATEGORY_INVALID: "Invalid category",
    HEADER_ITEM_MISSING: "Item column missing",
    HEADER_ITEM_DUPLICATE: "Item column repeated",
    HEADER_ITEM_UNKNOWN: "Unknown item column",
    BRANCH_UNKNOWN: "Branch not in roster",
    BRANCH_NOT_SCORED: "Branch without a row",
    BRANCH_NAME_MISMATCH: "Branch name differs",
    SCORE_MISSING: "Score missing",
    CELL_ERROR_VALUE: "Error value in cell",
    SCORE_NA_IGNORED: "Score on a 不适用 item",
    SCORE_NA_NOT_ALLOWED: "不适用 on an item that applies",
    SCORE_NOT_NUMBER: "Score not a number",
    SCORE_NORMALIZED: "Score typed as text",
    SCORE_PRECISION: "More than two decimals",
    SCORE_OUT_OF_RANGE: "Score out of range",
    VETO_INVALID: "Invalid veto answer",
    DISPUTE_PENDING: "Dispute awaiting arbitration",
    VETO_DISPUTE_PENDING: "Veto dispute awaiting arbitration",
    ARBITRATION_IGNORED: "Arbitration without dispute",
    DEDUCTION_NOTE_MISSING: "Deduction not explained",
    LEDGER_HEADER_MISSING: "Rectification ledger not matched",
    LEDGER_ROW_UNREADABLE: "Ledger row not matched",
  },
};

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
