import { renderCoded, type Catalogue } from "./catalogue.js";
import {
  UNREADABLE_REMEDY,
  type FailureCatalogue,
  type FileRole,
  type UnreadableParams,
  type UnreadableReason,
  type UnreadableRemedy,
  type XmlProblemParams,
} from "./failure.js";
import type { MergeLineParams, MergeSkipReason } from "./merge-report.js";

const q = (s: string): string => `“${s}”`;
/** A reason written as a sentence of its own loses its full stop inside ours. */
const clause = (s: string): string => s.replace(/[。.\s]+$/u, "");

const ROLE: Readonly<Record<FileRole, string>> = {
  input: "考核工作簿",
  target: "目标工作簿",
  rater: "评分方交回的工作簿",
  roster: "名册文件",
};

const rosterHeader = (p: { required: readonly string[]; optional: readonly string[] }) =>
  `请在名册的前 10 行内写上表头 ${p.required.join("、")}（可加 ${p.optional.join("、")}），下面每个支部一行。`;

/** What the operating system's error codes mean; others are shown as they are. */
const OS_REASONS: Readonly<Record<string, string>> = {
  EACCES: "没有权限",
  EPERM: "没有权限",
  EEXIST: "路径中有一部分是文件而不是文件夹",
  ENOTDIR: "路径中有一部分是文件而不是文件夹",
  ENOENT: "文件夹不存在",
  EROFS: "磁盘或文件夹是只读的",
  ENAMETOOLONG: "文件名或路径太长",
  EINVAL: "文件名中有不允许的字符",
  EMFILE: "打开的文件太多",
  EIO: "读写磁盘出错",
  EBUSY: "文件正被其他程序使用",
};
const osReason = (code: string) => (OS_REASONS[code] ? `${OS_REASONS[code]}，${code}` : code);

const SAVE_AS_XLSX = "请用 Excel 打开并另存为“Excel 工作簿 (*.xlsx)”（不加密码）后重试。";

/** What to do about an unreadable file, by its reason's remedy (also used by the WORKBOOK_UNREADABLE issue). */
export const UNREADABLE_NEXT_ZH: Readonly<Record<UnreadableRemedy | "save-as", string>> = {
  reobtain: "请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。",
  repair: "请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。",
  split: "请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。",
  "not-a-workbook": "请确认选择的是考核工作簿；如果它是 Excel 能打开的表格，请在 Excel 中打开后另存为 .xlsx 工作簿再试。",
  "save-as": SAVE_AS_XLSX,
};
const XML_PROBLEMS_ZH: Catalogue<XmlProblemParams, string> = {
  TEXT_OUTSIDE_ROOT: () => "根元素之外有文本",
  DECLARATION_UNSUPPORTED: () => "不支持的声明",
  END_TAG_MISMATCH: (p) => `结束标签 </${p.tag}> 不匹配`,
  NO_CONTENT: () => "没有内容",
  UNCLOSED: (p) => `内容不完整，缺少 </${p.tag}>`,
  TRUNCATED: () => "内容不完整",
  TAG_INVALID: () => "标签无效",
  ROOTS_REPEATED: () => "有多个根元素",
  TAG_MALFORMED: (p) => `标签 <${p.tag}> 无效`,
  ATTRIBUTE_INVALID: (p) => `标签 <${p.tag}> 的属性无效`,
  ATTRIBUTE_UNQUOTED: (p) => `标签 <${p.tag}> 的属性值缺少引号`,
  ATTRIBUTE_VALUE_INVALID: (p) => `标签 <${p.tag}> 的属性值无效`,
  CHARACTER_REFERENCE_INVALID: (p) => `无效的字符引用 &${p.ref}`,
};

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** What a package part is, in words a user knows; a worksheet by its name when the reader knew it. */
const PART_KINDS_ZH: readonly (readonly [RegExp, string])[] = [
  [/^\[Content_Types\]\.xml$/i, "内容类型清单"],
  [/^xl\/workbook\.xml$/i, "工作表清单"],
  [/^xl\/worksheets\//i, "一个工作表"],
  [/^xl\/sharedStrings\.xml$/i, "工作簿中的文本"],
  [/^xl\/styles\.xml$/i, "工作簿中的格式"],
  [/^xl\/(charts|drawings)\//i, "一个图表或图形"],
];
const partZh = (p: { readonly part: string; readonly sheet?: string }): string =>
  p.sheet !== undefined ? `工作表${q(p.sheet)}` : (PART_KINDS_ZH.find(([name]) => name.test(p.part))?.[1] ?? "文件中的一部分内容");
/** Where in the package, for whoever repairs the file: always last, in these brackets (the words test allows only this). */
const tech = (...what: string[]): string => `（技术信息：${what.join("，")}）`;

/** Why a file cannot be read, in a few words of its own (damage and size get their lead-in from UNREADABLE_LEAD_IN_ZH). */
const UNREADABLE_REASONS_ZH: Catalogue<UnreadableParams, string> = {
  FILE_EMPTY: () => "文件为空（0 字节），不是 Excel 工作簿。",
  WORKBOOK_ENCRYPTED: () =>
    "工作簿已加密（设置了打开密码），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再试。",
  LEGACY_BINARY: () => "这是旧版 Excel 文件（.xls）或其他 Office 二进制文件，无法读取。请在 Excel 中另存为 .xlsx 格式后再试。",
  NOT_A_ZIP: () => "文件不是 Excel 工作簿，可能是其他文件（如文本文件）改成了 .xlsx 扩展名，或文件已损坏。",
  NOT_A_WORKBOOK: () => "文件不是 Excel 工作簿，而是其他格式的文件（如 Word 文档）改成了 .xlsx 扩展名。",
  PART_ENCRYPTED: (p) => `${partZh(p)}经过加密，无法读取${tech(p.part)}`,
  PART_COMPRESSION_UNSUPPORTED: (p) => `${partZh(p)}使用了不支持的压缩方式${tech(p.part, `压缩方式 ${p.method}`)}`,
  ZIP_END_MISSING: () => "文件不完整（缺少末尾的目录），可能在下载或复制时中断了",
  ZIP_SPANNED: () => "这是分卷压缩文件中的一卷，不是完整的工作簿",
  ZIP64_DIRECTORY_INCOMPLETE: () => "文件的目录信息不完整",
  ZIP_DIRECTORY_BEYOND_END: () => "文件不完整（目录超出了文件末尾），可能在下载或复制时中断了",
  ZIP_DIRECTORY_DAMAGED: () => "文件的目录已损坏",
  ENTRY_MISPLACED: (p) => `${partZh(p)}不完整或位置错误${tech(p.part)}`,
  ENTRY_TRUNCATED: (p) => `${partZh(p)}不完整，可能在下载或复制时中断了${tech(p.part)}`,
  ENTRY_REPEATED: (p) => `${partZh(p)}在文件中出现了两次${tech(p.part)}`,
  ENTRIES_OVERLAP: (p) => `${partZh(p)}与${partZh({ part: p.other })}在文件中重叠${tech(p.part, p.other)}`,
  STORED_SIZE_MISMATCH: (p) => `${partZh(p)}的大小与文件目录不符${tech(p.part)}`,
  INFLATED_SIZE_MISMATCH: (p) => `${partZh(p)}解压后的大小与文件目录不符${tech(p.part)}`,
  INFLATED_LARGER: (p) => `${partZh(p)}解压后的内容比文件目录中声明的大${tech(p.part)}`,
  CRC_MISMATCH: (p) => `${partZh(p)}的内容已被改动或损坏${tech(p.part, "CRC 校验不符")}`,
  DEFLATE_INVALID: (p) => `${partZh(p)}的压缩数据无效${tech(p.part)}`,
  PART_TOO_LARGE: (p) => `${partZh(p)}解压后有 ${mib(p.size)}，超过了单个部分 ${mib(p.limit)} 的上限${tech(p.part)}`,
  CONTENT_TOO_LARGE: (p) => `要读取的内容解压后共有 ${mib(p.size)}，超过了 ${mib(p.limit)} 的上限`,
  CONTENT_TYPES_MISSING: (p) => `缺少每个 Excel 工作簿都有的内容类型清单${tech(p.part)}`,
  SHEET_LIST_MISSING: (p) => `工作簿中没有工作表清单${tech(p.part)}`,
  SHEET_PART_MISSING: (p) => `找不到工作表${q(p.sheet)}的内容`,
  SHEET_NAME_REPEATED: (p) => `有两个工作表都名为${q(p.sheet)}（工作表名称不能重复）`,
  ROW_NUMBER_INVALID: (p) => `${partZh(p)}中有无效的行号${q(p.value)}${tech(p.part)}`,
  CELL_ADDRESS_INVALID: (p) => `${partZh(p)}中有无效的单元格地址${q(p.value)}${tech(p.part)}`,
  PART_EMPTY: (p) => `${partZh(p)}中没有内容${tech(p.part)}`,
  SHARED_STRING_MISSING: (p) => `${partZh(p)}引用了工作簿中不存在的文本${tech(p.part)}`,
  XML_INVALID: (p) => `${partZh(p)}的内容格式有误${tech(p.part, renderCoded(XML_PROBLEMS_ZH, p.problem))}`,
};

/** How each remedy's reasons are introduced: damaged, too large, or as they are. */
const UNREADABLE_LEAD_IN_ZH: Readonly<Record<UnreadableRemedy | "save-as", (reason: string) => string>> = {
  reobtain: (reason) => `文件已损坏：${reason}`,
  repair: (reason) => `文件已损坏：${reason}`,
  split: (reason) => `文件过大或已损坏（正常的考核工作簿远小于此，这个文件可能已损坏或是被恶意构造的）：${reason}`,
  "save-as": (reason) => reason,
  "not-a-workbook": (reason) => reason,
};

/** Why a file cannot be read, as one Chinese sentence (the issue's and the failure's). */
export function unreadableReasonZh(reason: UnreadableReason): string {
  return UNREADABLE_LEAD_IN_ZH[UNREADABLE_REMEDY[reason.code]](renderCoded(UNREADABLE_REASONS_ZH, reason));
}

const MERGE_SKIP_ZH: Readonly<Record<MergeSkipReason, (branch: string) => string>> = {
  date: () => "单元格是日期格式，未导入。请改为数字后重新导入。",
  "no-branch-code": () => "这一行没有支部编码，未导入。",
  "branch-repeated": (branch) => `支部编码${q(branch)}重复出现，只导入第一行。`,
};

/** A rater merge's report, line by line (the terminal's). */
export const MERGE_REPORT_ZH: Catalogue<MergeLineParams, string> = {
  MERGE_COPIED: (p) => `${q(p.sheet)}：导入 ${p.cells} 个单元格。`,
  MERGE_CONFLICTS: (p) => `${p.count} 个单元格两边都已填写且不一致，未覆盖（保留目标工作簿的值），请核对：`,
  MERGE_CONFLICT: (p) => `${p.sheet}!${p.cell}  支部 ${p.branch}，项目 ${p.item}：目标为${q(p.target)}，导入文件为${q(p.incoming)}`,
  MERGE_BRANCHES_UNKNOWN: (p) =>
    `导入文件中有 ${p.branches.length} 个支部编码在目标的${q(p.sheet)}中没有对应行，未导入：${p.branches.join("、")}`,
  MERGE_ITEMS_UNKNOWN: (p) => `导入文件中有 ${p.items.length} 个项目编号在目标的${q(p.sheet)}中没有对应列，未导入：${p.items.join("、")}`,
  MERGE_SKIPPED: (p) => `${p.count} 个已填写的单元格未导入：`,
  MERGE_SKIP: (p) => `导入文件 ${p.sheet}!${p.cell}：${MERGE_SKIP_ZH[p.reason](p.branch)}`,
  MERGE_MORE: (p) => `……另有 ${p.count} 项`,
  MERGE_NOTES_APPENDED: (p) => `${q(p.sheet)}：追加 ${p.rows} 行（目标中已有的相同说明不重复追加）。`,
  MERGE_NOTES_NOT_CARRIED: (p) =>
    `导入文件的${q(p.sheet)}有 ${p.rows} 行，但目标工作簿没有可用的${q(p.sheet)}表（表头：${p.titles.join("、")}），未导入。`,
};

const CHOOSE_ANOTHER_OUTPUT = "请关闭正在使用它的程序（如 Excel、WPS），或用 -o 换一个文件名或位置后重试。";

/** Every failure's Chinese text: what went wrong, and what to do next. */
export const FAILURE_MESSAGES_ZH: FailureCatalogue = {
  FILE_NOT_FOUND: (p) => ({ what: `找不到文件：${p.path}`, next: "请检查文件名和所在文件夹（可以把文件拖进命令行窗口得到完整路径）。" }),
  FILE_IS_FOLDER: (p) => ({ what: `这是一个文件夹，不是工作簿文件：${p.path}`, next: "请指定文件夹中的 .xlsx 文件。" }),
  FILE_NOT_OPENED: (p) => ({
    what: `无法打开文件 ${p.path}（${osReason(p.reason)}）`,
    next: "请确认有读取这个文件的权限，且它没有被其他程序独占后重试。",
  }),
  OUTPUT_IS_INPUT: (p) => ({
    what: `输出文件 ${p.output} 就是${ROLE[p.role]} ${p.input}（同一个文件，可能经由链接或只是大小写不同）`,
    next: "本程序从不修改原文件：请用 -o 指定另一个文件名。",
  }),
  INPUTS_ARE_ONE_FILE: (p) => ({
    what: `目标工作簿 ${p.target} 和评分方交回的工作簿 ${p.rater} 是同一个文件`,
    next: "请指定评分方交回的那一份工作簿。",
  }),
  OUTPUT_IS_FOLDER: (p) => ({
    what: `输出位置 ${p.path} 是一个文件夹`,
    next: "请在 -o 后写上文件名（以 .xlsx 结尾），例如 结果/评分结果.xlsx。",
  }),
  OUTPUT_NOT_FOLDER: (p) => ({
    what: `-o ${p.path} 是一个文件，示例需要写入一个文件夹`,
    next: "请用 -o 指定一个文件夹（不存在时会自动创建）。",
  }),
  OUTPUT_EXISTS: (p) => ({ what: `文件已存在：${p.path}`, next: "为免覆盖已填写的工作簿，请换一个文件名或先删除它。" }),
  OUTPUT_LOCKED: (p) => ({ what: `无法写入 ${p.path}：文件正被其他程序打开，或没有写入权限`, next: CHOOSE_ANOTHER_OUTPUT }),
  OUTPUT_DISK_FULL: (p) => ({ what: `磁盘空间不足，无法写入 ${p.path}`, next: "请清理磁盘空间，或用 -o 换一个位置后重试。" }),
  OUTPUT_NOT_WRITTEN: (p) => ({
    what: `无法写入 ${p.path}（${osReason(p.reason)}）`,
    next: "请确认所在文件夹存在且可以写入，或用 -o 换一个位置后重试。",
  }),

  WORKBOOK_UNREADABLE: (p) => ({
    what: `无法读取${p.file !== undefined ? q(p.file) : ROLE[p.role ?? "input"]}：${clause(unreadableReasonZh(p.reason))}`,
    next: UNREADABLE_NEXT_ZH[UNREADABLE_REMEDY[p.reason.code]],
  }),
  WORKBOOK_STRICT: () => ({
    what: "工作簿是“Strict Open XML 电子表格”格式：本程序能读取这种格式，但不能把结果写入这种格式的文件（写入会使它损坏），因此没有写入任何内容",
    next: "请在 Excel 中点“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再用另存的文件运行。",
  }),
  OUTPUT_SHEET_NOT_WORKSHEET: (p) => ({
    what: `工作表${q(p.sheet)}不是普通工作表（例如图表工作表），无法写入结果`,
    next: "请将它改名或删除后再试。",
  }),
  OUTPUT_LOG_FULL: (p) => ({
    what: `工作表${q(p.sheet)}已写到 Excel 的最后一行（第 1,048,576 行），无法再添加本次运行的记录，因此没有写入任何结果`,
    next: `请将${q(p.sheet)}工作表改名（例如改为${q(`${p.sheet}（旧）`)}）或删除其中不再需要的行，再运行；程序会新建${q(p.sheet)}并继续记录。`,
  }),
  SHEET_NOT_FOUND: (p) => ({ what: `工作簿中没有工作表${q(p.sheet)}`, next: "请确认这张表没有被改名或删除，然后重试。" }),
  SHEET_NOT_WORKSHEET: (p) => ({
    what: `${q(p.sheet)}不是普通工作表（例如图表工作表），无法写入单元格`,
    next: "请使用“新建考核模板”生成的工作簿，或把同名的图表工作表改名后重试。",
  }),
  SHEET_PROTECTED: (p) => ({
    what: `工作表${q(p.sheet)}受保护，部分单元格已锁定，无法写入`,
    next: "请在 Excel 中选择“审阅 → 撤销工作表保护”后再试。",
  }),
  INPUT_SHEET_EXISTS: (p) => ({ what: `工作簿中已有输入工作表${q(p.sheet)}，不会覆盖它`, next: "请在新的空白工作簿中新建考核模板。" }),
  TEMPLATE_SHEETS_EXIST: (p) => ({
    what: `工作簿中已有工作表${p.sheets.map(q).join("")}，新建模板不会覆盖它们`,
    next: "请在新的空白工作簿中新建考核模板；若是改了本工作簿的支部名册或评分细则，请选“按本工作簿的支部名册重新生成”。",
  }),
  PERIOD_INVALID: (p) => ({
    what: `考核周期无效：${q(p.value)}`,
    next: "请填写如 2026Q3、2026-Q3 或 2026年第三季度 的季度（1～4 季度）。",
  }),

  EXCEL_NOT_READY: () => ({
    what: "Excel 未就绪：只能在 Excel 中使用此功能",
    next: "请在 Excel 中打开“考核评分”任务窗格，或改用浏览器文件模式。",
  }),
  EXCEL_CELL_EDITING: () => ({ what: "Excel 正在编辑单元格，暂时不能读写工作簿", next: "请按 Enter 或 Esc 结束单元格编辑后重试。" }),
  EXCEL_ACCESS_DENIED: () => ({
    what: "工作簿或工作表受保护，无法写入",
    next: "请在 Excel 中选择“审阅 → 撤销工作表保护”或“保护工作簿”取消保护后再试。",
  }),
  NO_WORKBOOK_OPEN: () => ({ what: "还没有打开考核工作簿", next: "请先打开要处理的考核工作簿（.xlsx）。" }),
  FILE_NOT_XLSX: (p) => ({
    what: `${q(p.name)}不是 .xlsx 工作簿`,
    next: "请选择 Excel 工作簿（*.xlsx）；.xls 等旧格式请先在 Excel 中另存为 .xlsx。",
  }),
  RATER_FILE_NOT_CHOSEN: () => ({ what: "还没有选择评分方交回的工作簿", next: "请先选择评分方交回的工作簿，再点“导入”。" }),
  ROSTER_FILE_NOT_CHOSEN: () => ({
    what: "还没有选择名册文件",
    next: "请先点“选择名册文件…”选一个 .xlsx 或 .csv 名册，再点“新建考核模板”。",
  }),

  MERGE_GRID_UNKNOWN: (p) => ({ what: `不认识的评分表${q(p.as)}`, next: `请指定 ${p.grids.join("、")} 之一。` }),
  MERGE_NOTHING_FILLED: (p) => ({
    what: `导入的文件中${p.grids.join("、")}都没有填写任何分数，没有可导入的内容`,
    next: "请确认选择的是评分方填好并交回的那份工作簿。",
  }),
  MERGE_AMBIGUOUS: (p) => ({
    what: `导入的文件中有多张评分表填写了分数（${p.filled.map((f) => `${f.sheet} ${f.cells} 格`).join("，")}），无法判断要导入哪一张`,
    next: `请在“作为”中选择要导入的评分表（如 ${p.filled[0]?.sheet ?? "评分A"}）后再导入。`,
  }),
  MERGE_SHEET_MISSING: (p) =>
    p.in === "rater"
      ? { what: `导入的文件中没有${q(p.sheet)}工作表`, next: "请确认选择的是评分方交回的考核工作簿，或指定其中实际填写的评分表。" }
      : { what: `目标工作簿中没有${q(p.sheet)}工作表，无法导入`, next: "请用“新建考核模板”生成的工作簿作为目标。" },
  MERGE_HEADER_MISSING: (p) => ({
    what: `${p.in === "rater" ? "导入的文件" : "目标工作簿"}的${q(p.sheet)}工作表在前 10 行中找不到表头`,
    next: "请保留模板的表头行（A 列为“支部编码”的那一行）后重试；没有表头就无法按支部编码导入。",
  }),

  ROSTER_NOT_FOUND: (p) => ({ what: `在${q(p.file)}中找不到支部名册`, next: rosterHeader(p) }),
  ROSTER_NOT_A_ROSTER: (p) => ({ what: `${q(p.file)}不是支部名册`, next: rosterHeader(p) }),
  ROSTER_ENCODING: (p) => ({
    what: `无法识别${q(p.file)}的文字编码：支持 UTF-8 和 GBK（GB18030）`,
    next: "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或直接使用 .xlsx 文件。",
  }),
  ROSTER_PROBLEMS: (p) => ({ what: `${q(p.file)}中的支部名册有 ${p.count} 处问题，未生成模板`, next: "请改正后重试：" }),
  ROSTER_RULES_PROBLEMS: (p) => ({ what: `${q(p.file)}中的评分细则有 ${p.count} 处问题，未生成模板`, next: "请改正后重试：" }),
  ROSTER_FILE_TYPE: (p) => ({
    what: `${q(p.name)}不是 .xlsx 工作簿或 .csv 文件，不能作为支部名册`,
    next: "请选择 .xlsx 或 .csv 名册；旧版 .xls 请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”。",
  }),

  OWN_ROSTER_MISSING: (p) => ({
    what: p.sheet ? "本工作簿的“支部名册”在前 10 行中找不到表头" : "本工作簿中没有“支部名册”工作表",
    next: `请${p.sheet ? "在“支部名册”中补上表头行" : "新建名为“支部名册”的工作表"}：${p.required.join("、")}（可加 ${p.optional.join("、")}），下面每个支部一行；或改用“选择名册文件”。`,
  }),
  OWN_SHEET_PROBLEMS: (p) => ({
    what: `本工作簿的${q(p.sheet)}有 ${p.count} 处问题，评分表没有重新生成，工作簿未作任何改动`,
    next: "请按下面列出的问题改正后重试：",
  }),
  OWN_SHEET_HEADER_MISSING: (p) => ({
    what: `本工作簿的${q(p.sheet)}在前 10 行中找不到表头（${p.titles.join("、")}），无法按编码放回已填的内容`,
    next: "请恢复这张表的表头行后重试；工作簿未作任何改动。",
  }),
};
