/**
 * Everything a Chinese user reads says what to do next, in Chinese: the issue catalogue, the
 * failure catalogue and the task pane's strings, rendered with samples of every code (and every
 * branch of a message that has several). No Latin words but an allow-list (file extensions,
 * Excel, cell references, examples of what to type…), no internal terms, no doubled punctuation.
 */
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ISSUE_KINDS, STRINGS, type StringId } from "../../addin/taskpane/strings.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { UserError, type FailureCode, type FailureParams, type UnreadableCode, type UnreadableParams } from "../../src/model/failure.js";
import { FAILURE_MESSAGES_EN } from "../../src/model/failure-messages-en.js";
import { FAILURE_MESSAGES_ZH } from "../../src/model/failure-messages-zh.js";
import { renderFailure } from "../../src/model/failure-messages.js";
import type { IssueCode, IssueParams, WhereOf } from "../../src/model/issues.js";
import { CATEGORIES } from "../../src/model/categories.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";
import { INPUT_SHEETS, OUTPUT_SHEETS } from "../../src/model/sheets.js";

type Sample<C extends IssueCode> = readonly [IssueParams[C], WhereOf<C>];
const at = (sheet: string | null, cell: string | null = null) => ({ sheet, cell });
const year = (period: string | null, file: string | null) => ({ sheet: null, cell: null, period, file });
const branch = { code: "ZB001", name: "机关第一党支部" };
const item = { code: "1.1", type: "base" as const, area: "组织建设", points: 4 };

/** Samples of every issue code: a new code does not compile until it has one. */
// The unreadable-file samples here are the whole-file reasons; every reason is in UNREADABLE below.
const ISSUES: { readonly [C in IssueCode]: readonly Sample<C>[] } = {
  WORKBOOK_UNREADABLE: [
    [{ reason: { code: "NOT_A_ZIP", params: {} } }, at(null)],
    [{ reason: { code: "FILE_EMPTY", params: {} } }, at(null)],
    [{ reason: { code: "LEGACY_BINARY", params: {} } }, at(null)],
  ],
  SHEET_MISSING: [[{}, at("评分A")]],
  HEADER_MISSING: [
    [{ layout: "table", titles: ["支部编码", "支部名称", "支部类别"] }, at("支部名册")],
    [{ layout: "grid", titles: ["支部编码", "支部名称"] }, at("评分A")],
  ],
  SETTING_UNKNOWN: [[{ name: "评分人", known: ["考核周期", "加分上限"] }, at("考核设置", "A9")]],
  SETTING_INVALID: [
    [{ problem: "unnamed", value: "5" }, at("考核设置", "B9")],
    [{ problem: "repeated", setting: "加分上限", value: "5" }, at("考核设置", "B9")],
    [{ problem: "invalid", setting: "星级阈值", value: "高", notText: false }, at("考核设置", "B9")],
    [{ problem: "invalid", setting: "考核周期", value: "2026/7/1", notText: true }, at("考核设置", "B2")],
    [{ problem: "too-large", setting: "加分上限", value: "1E+20", max: 1000000 }, at("考核设置", "B9")],
  ],
  PERIOD_MISSING: [[{}, at("考核设置")]],
  RULE_INVALID: [
    [{ problem: "code-missing" }, at("评分细则", "A5")],
    [{ problem: "code-repeated", value: "1.1" }, at("评分细则", "A6")],
    [{ problem: "type-invalid", value: "附加" }, at("评分细则", "B5")],
    [{ problem: "points-invalid", value: "四" }, at("评分细则", "D5")],
    [{ problem: "points-too-large", value: "1E+20", max: 1000000 }, at("评分细则", "D5")],
    [{ problem: "area-missing" }, at("评分细则", "C5")],
    [{ problem: "categories-invalid", values: ["后勤类"] }, at("评分细则", "F5")],
    [{ problem: "tolerance-invalid", value: "一分" }, at("评分细则", "G5")],
    [{ problem: "tolerance-too-large", value: "1E+20", max: 1000000 }, at("评分细则", "G5")],
    [{ problem: "no-base-item" }, at("评分细则")],
  ],
  RULE_TOTAL_NOT_100: [[{ total: 96 }, at("评分细则")]],
  ROSTER_EMPTY: [[{}, at("支部名册")]],
  BRANCH_CODE_MISSING: [[{}, at("支部名册", "A7")]],
  BRANCH_DUPLICATE: [[{ branch: "ZB001" }, at("支部名册", "A8")]],
  CATEGORY_INVALID: [[{ value: "后勤类" }, at("支部名册", "C5")]],
  HEADER_ITEM_MISSING: [[{ item: "2.1" }, at("评分A")]],
  HEADER_ITEM_DUPLICATE: [[{ item: "2.1" }, at("评分A", "H3")]],
  HEADER_ITEM_UNKNOWN: [[{ value: "合计" }, at("评分A", "Z3")]],
  BRANCH_UNKNOWN: [[{ branch: "ZB099" }, at("评分A", "A20")]],
  BRANCH_NOT_SCORED: [[{ branches: ["ZB003", "ZB004"] }, at("评分B")]],
  BRANCH_NAME_MISMATCH: [[{ branch: "ZB001", name: "一支部", rosterName: "机关第一党支部" }, at("评分A", "B4")]],
  SCORE_MISSING: [[{ branch: "ZB001", item: "1.1", max: 4 }, at("评分A", "C4")]],
  CELL_ERROR_VALUE: [[{ branch: "ZB001", item: "1.1", value: "#N/A", max: 4 }, at("评分A", "C4")]],
  SCORE_NA_IGNORED: [[{ branch: "ZB001", item: "7.1", value: "3", max: 4 }, at("评分A", "K4")]],
  SCORE_NA_NOT_ALLOWED: [[{ branch: "ZB001", item: "1.1", value: "不适用", max: 4 }, at("评分A", "C4")]],
  SCORE_NOT_NUMBER: [[{ branch: "ZB001", item: "1.1", value: "优", max: 4 }, at("评分A", "C4")]],
  SCORE_NORMALIZED: [[{ branch: "ZB001", item: "1.1", value: "３．５", max: 4, score: 3.5 }, at("评分A", "C4")]],
  SCORE_PRECISION: [[{ branch: "ZB001", item: "1.1", value: "3.555", max: 4 }, at("评分A", "C4")]],
  SCORE_OUT_OF_RANGE: [[{ branch: "ZB001", item: "1.1", value: "5", max: 4 }, at("评分A", "C4")]],
  VETO_INVALID: [[{ branch: "ZB001", item: "V1", value: "有", max: 0 }, at("评分A", "AH4")]],
  DISPUTE_PENDING: [
    [{ branch: "ZB001", item: "1.1", raterA: "党建部门", scoreA: 4, raterB: "业务部门", scoreB: 2, tolerance: "1" }, at("评分A", "C4")],
  ],
  VETO_DISPUTE_PENDING: [
    [{ branch: "ZB001", item: "V1", raterA: "党建部门", answerA: "yes", raterB: "业务部门", answerB: "blank" }, at("评分A", "AH4")],
  ],
  ARBITRATION_IGNORED: [
    [{ branch: "ZB001", item: "1.1", arbitration: 3 }, at("仲裁", "C4")],
    [{ branch: "ZB001", item: "V1", arbitration: true }, at("仲裁", "AH4")],
  ],
  LEDGER_HEADER_MISSING: [[{ titles: ["期间", "支部编码", "项目编号"] }, at("整改台账")]],
  LEDGER_ROW_UNREADABLE: [[{ row: 7 }, at("整改台账")]],
  DEDUCTION_NOTE_MISSING: [
    [{ branch: "ZB001", item: "1.1", score: 3, max: 4 }, at("评分A", "C4")],
    [{ count: 12 }, at(null)],
  ],
  ANNUAL_QUARTER_UNUSABLE: [
    [{ reason: "fatal", fatal: 1, first: { code: "WORKBOOK_UNREADABLE", sheet: null } }, year(null, "三季度.xlsx")],
    [{ reason: "fatal", fatal: 2, first: { code: "SHEET_MISSING", sheet: "评分A" } }, year(null, "三季度.xlsx")],
    [{ reason: "period", missing: true }, year(null, "三季度.xlsx")],
    [{ reason: "period", missing: false }, year(null, "三季度.xlsx")],
  ],
  ANNUAL_YEAR_MIXED: [
    [
      {
        years: [
          { year: 2025, files: ["去年四季度.xlsx"] },
          { year: 2026, files: ["一季度.xlsx"] },
        ],
      },
      year(null, null),
    ],
  ],
  ANNUAL_QUARTER_DUPLICATE: [[{ firstFile: "三季度.xlsx" }, year("2026Q3", "三季度（副本）.xlsx")]],
  ANNUAL_NO_QUARTER: [
    [{ given: 0 }, year(null, null)],
    [{ given: 2 }, year(null, null)],
  ],
  ANNUAL_QUARTER_ABSENT: [[{}, year("2026Q2", null)]],
  ANNUAL_QUARTER_PROVISIONAL: [[{ errors: 3 }, year("2026Q3", "三季度.xlsx")]],
  PREVIOUS_STARS_INVALID: [
    [
      { branch, value: "六星" },
      { ...year("2026Q4", "四季度.xlsx"), sheet: "支部名册", cell: "F5" },
    ],
  ],
  ANNUAL_RULES_CHANGED: [
    [
      { latest: "2026Q4", difference: { kind: "item", position: 1, quarter: item, latest: { ...item, points: 5 } } },
      year("2026Q1", "一季度.xlsx"),
    ],
    [{ latest: "2026Q4", difference: { kind: "count", quarter: 30, latest: 31 } }, year("2026Q1", "一季度.xlsx")],
  ],
  ANNUAL_BRANCH_PARTIAL: [[{ branch, periods: ["2026Q3", "2026Q4"], usable: 4 }, year(null, null)]],
  ANNUAL_BRANCH_DROPPED: [[{ branch, periods: ["2026Q1"], latest: "2026Q4" }, year(null, null)]],
  ANNUAL_CATEGORY_CHANGED: [
    [
      {
        branch,
        category: "生产类",
        changes: [
          { period: "2026Q1", category: null },
          { period: "2026Q4", category: "生产类" },
        ],
      },
      year(null, null),
    ],
  ],
  ANNUAL_QUOTA_TIE: [[{ level: 5, cap: 2, kept: 1, tied: 2, rank: 2 }, year(null, null)]],
};

/** Samples of every failure code (the CLI's own ones included: they are Chinese too). */
const FAILURES: { readonly [C in FailureCode]: readonly FailureParams[C][] } = {
  FILE_NOT_FOUND: [{ path: "考核.xlsx" }],
  FILE_IS_FOLDER: [{ path: "资料" }],
  FILE_NOT_OPENED: [{ path: "考核.xlsx", reason: "EACCES" }],
  OUTPUT_IS_INPUT: [{ output: "结果.xlsx", input: "结果.xlsx", role: "input" }],
  INPUTS_ARE_ONE_FILE: [{ target: "模板.xlsx", rater: "模板.xlsx" }],
  OUTPUT_IS_FOLDER: [{ path: "结果" }],
  OUTPUT_NOT_FOLDER: [{ path: "示例.xlsx" }],
  OUTPUT_EXISTS: [{ path: "模板.xlsx" }],
  OUTPUT_LOCKED: [{ path: "结果.xlsx" }],
  OUTPUT_DISK_FULL: [{ path: "结果.xlsx" }],
  OUTPUT_NOT_WRITTEN: [{ path: "结果.xlsx", reason: "EROFS" }],
  WORKBOOK_UNREADABLE: [
    { reason: { code: "NOT_A_WORKBOOK", params: {} }, file: "考核.xlsx" },
    { reason: { code: "FILE_EMPTY", params: {} }, role: "rater" },
    { reason: { code: "LEGACY_BINARY", params: {} }, role: "roster" },
    { reason: { code: "NOT_A_ZIP", params: {} }, role: "target" },
  ],
  WORKBOOK_STRICT: [{}],
  OUTPUT_SHEET_NOT_WORKSHEET: [{ sheet: "统计图表" }],
  OUTPUT_LOG_FULL: [{ sheet: "运行记录" }],
  SHEET_NOT_FOUND: [{ sheet: "评分A" }],
  SHEET_NOT_WORKSHEET: [{ sheet: "评分A" }],
  SHEET_PROTECTED: [{ sheet: "评分A" }],
  INPUT_SHEET_EXISTS: [{ sheet: "评分A" }],
  TEMPLATE_SHEETS_EXIST: [{ sheets: ["评分A", "评分B"] }],
  PERIOD_INVALID: [{ value: "2026Q5" }],
  EXCEL_NOT_READY: [{}],
  EXCEL_CELL_EDITING: [{}],
  EXCEL_ACCESS_DENIED: [{}],
  NO_WORKBOOK_OPEN: [{}],
  FILE_NOT_XLSX: [{ name: "名册.csv" }],
  RATER_FILE_NOT_CHOSEN: [{}],
  ROSTER_FILE_NOT_CHOSEN: [{}],
  MERGE_GRID_UNKNOWN: [{ as: "评分C", grids: ["评分A", "评分B", "仲裁", "自评"] }],
  MERGE_NOTHING_FILLED: [{ grids: ["评分A", "评分B"] }],
  MERGE_AMBIGUOUS: [
    {
      filled: [
        { sheet: "评分A", cells: 3 },
        { sheet: "自评", cells: 1 },
      ],
    },
  ],
  MERGE_SHEET_MISSING: [
    { sheet: "仲裁", in: "target" },
    { sheet: "仲裁", in: "rater" },
  ],
  MERGE_HEADER_MISSING: [
    { sheet: "评分A", in: "rater" },
    { sheet: "评分A", in: "target" },
  ],
  ROSTER_NOT_FOUND: [{ file: "名册.xlsx", required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位"] }],
  ROSTER_NOT_A_ROSTER: [{ file: "名册.csv", required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位"] }],
  ROSTER_ENCODING: [{ file: "名册.csv" }],
  ROSTER_PROBLEMS: [{ file: "名册.csv", count: 2 }],
  ROSTER_RULES_PROBLEMS: [{ file: "上季度.xlsx", count: 1 }],
  ROSTER_FILE_TYPE: [{ name: "名册.docx" }],
  OWN_ROSTER_MISSING: [
    { sheet: false, required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位"] },
    { sheet: true, required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位"] },
  ],
  OWN_SHEET_PROBLEMS: [{ sheet: "支部名册", count: 2 }],
  OWN_SHEET_HEADER_MISSING: [{ sheet: "评分A", titles: ["支部编码", "支部名称"] }],
};

/** Samples of every reason a workbook cannot be read: a new reason does not compile until it has one. */
const WORKSHEET = "xl/worksheets/sheet4.xml";
const UNREADABLE: { readonly [C in UnreadableCode]: readonly UnreadableParams[C][] } = {
  FILE_EMPTY: [{}],
  WORKBOOK_ENCRYPTED: [{}],
  LEGACY_BINARY: [{}],
  NOT_A_ZIP: [{}],
  NOT_A_WORKBOOK: [{}],
  PART_ENCRYPTED: [{ part: WORKSHEET, sheet: "评分A" }],
  PART_COMPRESSION_UNSUPPORTED: [{ part: "xl/styles.xml", method: 14 }],
  ZIP_END_MISSING: [{}],
  ZIP_SPANNED: [{}],
  ZIP64_DIRECTORY_INCOMPLETE: [{}],
  ZIP_DIRECTORY_BEYOND_END: [{}],
  ZIP_DIRECTORY_DAMAGED: [{}],
  ENTRY_MISPLACED: [{ part: "xl/sharedStrings.xml" }],
  ENTRY_TRUNCATED: [{ part: WORKSHEET, sheet: "评分A" }, { part: "xl/media/image1.png" }],
  ENTRY_REPEATED: [{ part: "xl/workbook.xml" }],
  ENTRIES_OVERLAP: [{ part: WORKSHEET, other: "xl/worksheets/sheet5.xml" }],
  STORED_SIZE_MISMATCH: [{ part: "[Content_Types].xml" }],
  INFLATED_SIZE_MISMATCH: [{ part: "xl/charts/chart1.xml" }],
  INFLATED_LARGER: [{ part: WORKSHEET, sheet: "评分A" }],
  CRC_MISMATCH: [{ part: WORKSHEET, sheet: "评分A" }, { part: WORKSHEET }],
  DEFLATE_INVALID: [{ part: "xl/_rels/workbook.xml.rels" }],
  PART_TOO_LARGE: [{ part: WORKSHEET, size: 900 * 2 ** 20, limit: 64 * 2 ** 20 }],
  CONTENT_TOO_LARGE: [{ size: 200 * 2 ** 20, limit: 128 * 2 ** 20 }],
  CONTENT_TYPES_MISSING: [{ part: "[Content_Types].xml" }],
  SHEET_LIST_MISSING: [{ part: "xl/workbook.xml" }],
  SHEET_PART_MISSING: [{ sheet: "评分A" }],
  SHEET_NAME_REPEATED: [{ sheet: "评分A" }],
  ROW_NUMBER_INVALID: [{ part: WORKSHEET, sheet: "评分A", value: "x" }],
  CELL_ADDRESS_INVALID: [{ part: WORKSHEET, sheet: "评分A", value: "1A" }],
  PART_EMPTY: [{ part: WORKSHEET, sheet: "评分A" }],
  SHARED_STRING_MISSING: [{ part: WORKSHEET, sheet: "评分A" }],
  XML_INVALID: [
    { part: "xl/workbook.xml", problem: { code: "END_TAG_MISMATCH", params: { tag: "sheets" } } },
    { part: WORKSHEET, sheet: "评分A", problem: { code: "CHARACTER_REFERENCE_INVALID", params: { ref: "nbsp" } } },
  ],
};

/** Where a damaged part is, for IT staff: the one place a Chinese message may name a zip part (always last in the reason). */
const TECHNICAL = /（技术信息：[^）]*）/g;

/**
 * Latin text a Chinese reader may meet: file types, Excel and its menus' names, cell references
 * (A1, 评分A!C4 and column letters), what to type (2026Q3, UTF-8, 1E+20…) and the samples' own values.
 */
const ALLOWED = [
  /^\.?(xlsx|xls|csv|docx|txt)$/i,
  /^(Excel|Word|WPS|Office|Enter|Esc|CSV|UTF-8|GBK|GB18030|English|Strict|Open|XML)$/,
  /^[A-Z]{1,3}\d*$/, // cells and columns: C4, AH4, A 列
  /^\d+(-?Q\d)?$/, // 2026Q3, 2026-Q3
  /^Q\d$/,
  /^\d+E\+\d+$/, // what the samples typed
  /^ZB\d+$/, // branch codes in the samples
  /^V\d$/, // veto items
  /^N\/A$/, // #N/A
  /^(EACCES|EROFS)$/, // the operating system's code, beside its meaning
  /^MB$/, // sizes of files too large to read
];

/** The command line's own failures may name its option (-o); the pane never shows them. */
const CLI_ONLY: ReadonlySet<FailureCode> = new Set([
  "FILE_NOT_FOUND",
  "FILE_IS_FOLDER",
  "FILE_NOT_OPENED",
  "OUTPUT_IS_INPUT",
  "INPUTS_ARE_ONE_FILE",
  "OUTPUT_IS_FOLDER",
  "OUTPUT_NOT_FOLDER",
  "OUTPUT_EXISTS",
  "OUTPUT_LOCKED",
  "OUTPUT_DISK_FULL",
  "OUTPUT_NOT_WRITTEN",
]);

/** Terms of the program's insides that mean nothing to the people who fill the workbooks. */
const INTERNAL = /zip|xml(?!.*电子表格)|sheetData|--\w|stack|undefined|null|NaN|\[object|压缩包|堆栈|xl\//i;
/** Two punctuation marks in a row ("。。", "，。", "：。"). */
const DOUBLED = /[。，、；：！？][。，、；：！？]|[。，；：]\.(?![A-Za-z])|\.。/;
/** Words that start what to do next. */
const NEXT_STEP = /请|建议|可以|可留空|可在|如需|如有误|如非有意|如仍应|如不应|如是/;

function latinWords(text: string): string[] {
  text = text.replace(TECHNICAL, "");
  return [...text.matchAll(/#?[A-Za-z0-9][A-Za-z0-9.+/_-]*/g)]
    .map((m) => m[0].replace(/^#/, "").replace(/[.]$/, ""))
    .filter((w) => /[A-Za-z]/.test(w) && !ALLOWED.some((a) => a.test(w)));
}

/** Problems with one text; `option` allows the command line's -o. */
function wordsProblems(label: string, text: string, { next = true, option = false } = {}): string[] {
  const found: string[] = [];
  const words = latinWords(option ? text.replace(/(^|\s)-o(?=\s)/g, " ") : text);
  if (words.length > 0) found.push(`${label}: Latin words ${words.join(" ")} in “${text}”`);
  if (INTERNAL.test(text.replace(/Strict Open XML/g, "").replace(TECHNICAL, ""))) found.push(`${label}: internal term in “${text}”`);
  if (DOUBLED.test(text)) found.push(`${label}: doubled punctuation in “${text}”`);
  if (next && !NEXT_STEP.test(text)) found.push(`${label}: no next step in “${text}”`);
  return found;
}

/** The pane's messages that report a state or a problem: each says what to do next. */
const PANE_MESSAGES: readonly StringId[] = [
  "startSlow",
  "notInExcel",
  "officeJsMissing",
  "fileNone",
  "fileOpened",
  "scoredFile",
  "scoredExcelProvisional",
  "scoredFileProvisional",
  "validatedClean",
  "validatedWarnings",
  "validatedErrors",
  "validatedErrorsFile",
  "validatedFatal",
  "validatedFatalFile",
  "noResultSheets",
  "noResultFile",
  "templateFromWorkbookNeedsFile",
  "templateCreatedExample",
  "templatePeriodNone",
  "regenNotPlaced",
  "regenStaleNotes",
  "statusProvisionalHint",
  "statusFatalHint",
  "issuesUrgentHint",
  "issuesWarningsHint",
  "issuesFilterNone",
  "annualUnusable",
  "annualStatusProvisionalHint",
  "annualStatusFatalHint",
  "annualOpened",
  "annualDownloadFile",
  "annualDownloadNoApi",
  "annualDownloadOpenFailed",
];

describe("the Chinese a user reads", () => {
  it("every issue message, rendered from samples of each code: Chinese, a next step, no doubled punctuation", () => {
    const found: string[] = [];
    for (const [code, samples] of Object.entries(ISSUES) as [IssueCode, readonly Sample<IssueCode>[]][]) {
      samples.forEach(([params, where], n) => {
        const render = MESSAGES_ZH[code] as (p: unknown, w: unknown) => string;
        found.push(...wordsProblems(`${code} #${n + 1}`, render(params, where)));
      });
    }
    expect(found).toEqual([]);
  });

  it("every failure, rendered from samples of each code: what happened in Chinese, then what to do", () => {
    const found: string[] = [];
    for (const [code, samples] of Object.entries(FAILURES) as [FailureCode, readonly FailureParams[FailureCode][]][]) {
      samples.forEach((params, n) => {
        const { what, next } = FAILURE_MESSAGES_ZH[code](params as never, undefined);
        const option = CLI_ONLY.has(code);
        found.push(...wordsProblems(`${code} #${n + 1} what`, what, { next: false, option }));
        found.push(...wordsProblems(`${code} #${n + 1} next`, next, { option }));
        found.push(...wordsProblems(`${code} #${n + 1} both`, `${what}。${next}`, { next: false, option }));
      });
    }
    expect(found).toEqual([]);
  });

  it("every reason a workbook cannot be read, as the issue and the failure say it: sheets by name, zip parts only as technical information", () => {
    const found: string[] = [];
    for (const [code, samples] of Object.entries(UNREADABLE) as [UnreadableCode, readonly UnreadableParams[UnreadableCode][]][]) {
      samples.forEach((params, n) => {
        const reason = { code, params } as never;
        const label = `${code} #${n + 1}`;
        // The value found in the file (a row number, a cell reference) is shown as it was written.
        const written = (text: string) => ("value" in params ? text.replaceAll(`“${params.value}”`, "“某”") : text);
        found.push(...wordsProblems(`${label} issue`, written(MESSAGES_ZH.WORKBOOK_UNREADABLE({ reason }, { sheet: null, cell: null }))));
        const { what, next } = FAILURE_MESSAGES_ZH.WORKBOOK_UNREADABLE({ reason, file: "考核.xlsx" }, undefined);
        found.push(...wordsProblems(`${label} failure`, written(`${what}。${next}`)));
        // The technical note, when there is one, closes the reason: nothing of the user's words after it.
        for (const text of [what]) {
          const note = [...text.matchAll(TECHNICAL)];
          if (note.length > 1 || (note.length === 1 && !text.endsWith(note[0]![0])))
            found.push(`${label}: technical note not last in “${text}”`);
        }
        if ("sheet" in params && "part" in params && !what.includes(`“${params.sheet}”`))
          found.push(`${label}: sheet not named in “${what}”`);
      });
    }
    expect(found).toEqual([]);
  });

  it("the task pane's Chinese strings and issue kinds; its messages each say what to do next", () => {
    const found: string[] = [];
    for (const [id, text] of Object.entries(STRINGS.zh) as [StringId, string][]) {
      // office.js is named for the administrator who has to make it reachable.
      const shown = id === "officeJsMissing" ? text.replaceAll("office.js", "") : text;
      found.push(...wordsProblems(id, shown.replace(/\{\w+\}/g, "某"), { next: PANE_MESSAGES.includes(id) }));
    }
    for (const [code, text] of Object.entries(ISSUE_KINDS.zh)) found.push(...wordsProblems(code, text, { next: false }));
    expect(found).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    expect(wordsProblems("t", "无法作为 zip 压缩包打开。。").map((p) => p.replace(/ in .*/, ""))).toEqual([
      "t: Latin words zip",
      "t: internal term",
      "t: doubled punctuation",
      "t: no next step",
    ]);
    expect(wordsProblems("t", "压缩包中没有 xl/workbook.xml", { next: false })).not.toEqual([]);
    expect(wordsProblems("t", "导入时命令行用 --as 指定", { next: false })).not.toEqual([]);
    expect(wordsProblems("t", "评分A!C4：分数 5 超出范围。请填写 0 到 4 之间的分数，如 2026Q3 的 .xlsx 工作簿。")).toEqual([]);
  });
});

/** Chinese characters (and full-width punctuation) in English text, once the samples' own values are taken out. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** English doubled punctuation (an ellipsis "…" or "..." is not). */
const DOUBLED_EN = /([,;:])\s*[,;:.]|[^.]\.\s*[,;:]|[^.]\.\.(?!\.)|\.\s+\./;
/** Words that start what to do next in English. */
const NEXT_STEP_EN =
  /\b(please|check|fix|correct|fill|enter|type|add|remove|delete|save|open|choose|select|use|ask|make|keep|leave|rename|change|try|give|get|write|split|put|format|replace|create|score|download|clear|arbitrate|if|unless|can|may|should|must|need|needs)\b/i;

/**
 * The workbook's own Chinese vocabulary, which English messages name as the user sees it in the
 * sheets: sheet names, column titles, categories, item types and the words typed into grids.
 */
const WORKBOOK_TERMS: readonly string[] = [
  ...INPUT_SHEETS,
  ...Object.values(OUTPUT_SHEETS),
  ...CATEGORIES,
  ...["支部编码", "支部名称", "支部类别", "所属单位", "项目编号", "评分方", "说明", "上年星级", "考核周期", "加分上限"],
  ...["基础", "加分", "否决", "是", "否", "不适用", "无法对应", "年第三季度", "五星比例上限", "年度定级"],
];

/** Every text in the samples' params and places: the workbook's own names and values, which stay as the user wrote them. */
function sampleTexts(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const v of value) sampleTexts(v, into);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) sampleTexts(v, into);
  return into;
}

function englishProblems(label: string, text: string, samples: readonly string[], { next = true } = {}): string[] {
  const found: string[] = [];
  let own = text;
  for (const v of [...samples, ...WORKBOOK_TERMS].sort((a, b) => b.length - a.length)) if (v !== "") own = own.replaceAll(v, "");
  if (CJK.test(own)) found.push(`${label}: Chinese in “${text}”`);
  if (DOUBLED_EN.test(text)) found.push(`${label}: doubled punctuation in “${text}”`);
  if (next && !NEXT_STEP_EN.test(own)) found.push(`${label}: no next step in “${text}”`);
  return found;
}

describe("the English a user reads", () => {
  it("every issue message: no Chinese but the workbook's own names, a next step, no doubled punctuation", () => {
    const found: string[] = [];
    for (const [code, samples] of Object.entries(ISSUES) as [IssueCode, readonly Sample<IssueCode>[]][]) {
      samples.forEach(([params, where], n) => {
        const render = MESSAGES_EN[code] as (p: unknown, w: unknown) => string;
        found.push(...englishProblems(`${code} #${n + 1}`, render(params, where), sampleTexts([params, where])));
      });
    }
    expect(found).toEqual([]);
  });

  it("every failure and every reason a workbook cannot be read: what happened, then what to do", () => {
    const found: string[] = [];
    const check = (label: string, params: unknown, { what, next }: { what: string; next: string }) => {
      const samples = sampleTexts(params);
      found.push(...englishProblems(`${label} what`, what, samples, { next: false }));
      found.push(...englishProblems(`${label} next`, next, samples));
      found.push(...englishProblems(`${label} both`, `${what}. ${next}`, samples, { next: false }));
    };
    for (const [code, samples] of Object.entries(FAILURES) as [FailureCode, readonly FailureParams[FailureCode][]][]) {
      samples.forEach((params, n) => check(`${code} #${n + 1}`, params, FAILURE_MESSAGES_EN[code](params as never, undefined)));
    }
    for (const [code, samples] of Object.entries(UNREADABLE) as [UnreadableCode, readonly UnreadableParams[UnreadableCode][]][]) {
      samples.forEach((params, n) => {
        const reason = { code, params } as never;
        check(
          `${code} #${n + 1}`,
          [params, "考核.xlsx"],
          FAILURE_MESSAGES_EN.WORKBOOK_UNREADABLE({ reason, file: "考核.xlsx" }, undefined),
        );
      });
    }
    expect(found).toEqual([]);
  });

  it("the task pane's English strings and issue kinds; its messages each say what to do next", () => {
    const found: string[] = [];
    for (const [id, text] of Object.entries(STRINGS.en) as [StringId, string][]) {
      // The language switch offers Chinese in Chinese.
      if (id === "switchLanguage" || id === "switchLanguageLabel") continue;
      found.push(...englishProblems(id, text.replace(/\{\w+\}/g, "X"), [], { next: PANE_MESSAGES.includes(id) }));
    }
    for (const [code, text] of Object.entries(ISSUE_KINDS.en)) found.push(...englishProblems(code, text, [], { next: false }));
    expect(found).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    expect(englishProblems("t", "无法读取.. the file", []).map((p) => p.replace(/ in .*/, ""))).toEqual([
      "t: Chinese",
      "t: doubled punctuation",
      "t: no next step",
    ]);
    expect(englishProblems("t", "Sheet “评分A” is missing. Add it and try again.", ["评分A"])).toEqual([]);
  });
});

describe("a file that is not a workbook, renamed to .xlsx", () => {
  const unreadable = async (bytes: Uint8Array) => {
    try {
      await new XlsxReader(bytes).read([]);
    } catch (e) {
      if (e instanceof UserError) return renderFailure(e.code, { ...e.params, file: "考核.xlsx" } as never, "zh");
      throw e;
    }
    throw new Error("read without complaint");
  };

  it.each([
    ["a text file", new TextEncoder().encode("支部编码,支部名称\nZB001,机关第一党支部\n")],
    ["a Word document", zipSync({ "[Content_Types].xml": new TextEncoder().encode("<Types/>"), "word/document.xml": new Uint8Array(8) })],
  ])("%s says to save it as an .xlsx workbook from Excel, in plain Chinese", async (_, bytes) => {
    const { what, next } = await unreadable(bytes);
    expect(wordsProblems("what", what, { next: false })).toEqual([]);
    expect(wordsProblems("next", next)).toEqual([]);
    expect(next).toBe("请确认选择的是考核工作簿；如果它是 Excel 能打开的表格，请在 Excel 中打开后另存为 .xlsx 工作簿再试。");
    expect(what).toMatch(/^无法读取“考核\.xlsx”：文件不是 Excel 工作簿/);
  });
});
