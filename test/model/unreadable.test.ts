import { describe, expect, it } from "vitest";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { unreadable, WorkbookUnreadableError } from "../../src/io/workbook.js";
import { XlsxReader } from "../../src/io/xlsx/reader.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import {
  UNREADABLE_REMEDY,
  type UnreadableCode,
  type UnreadableParams,
  type XmlProblem,
  type XmlProblemParams,
} from "../../src/model/failure.js";
import { failureLine, failureText } from "../../src/model/failure-messages.js";
import { issue, issueMessage } from "../../src/model/issues.js";
import { MESSAGES_EN } from "../../src/model/messages-en.js";
import { MESSAGES_ZH } from "../../src/model/messages-zh.js";

/** One example of every reason's parameters: a new reason does not compile until it has one. */
const EXAMPLES: { readonly [C in UnreadableCode]: UnreadableParams[C] } = {
  FILE_EMPTY: {},
  WORKBOOK_ENCRYPTED: {},
  LEGACY_BINARY: {},
  NOT_A_ZIP: {},
  NOT_A_WORKBOOK: {},
  PART_ENCRYPTED: { part: "xl/worksheets/sheet1.xml" },
  PART_COMPRESSION_UNSUPPORTED: { part: "xl/worksheets/sheet1.xml", method: 14 },
  ZIP_END_MISSING: {},
  ZIP_SPANNED: {},
  ZIP64_DIRECTORY_INCOMPLETE: {},
  ZIP_DIRECTORY_BEYOND_END: {},
  ZIP_DIRECTORY_DAMAGED: {},
  ENTRY_MISPLACED: { part: "xl/styles.xml" },
  ENTRY_TRUNCATED: { part: "xl/styles.xml" },
  ENTRY_REPEATED: { part: "xl/workbook.xml" },
  ENTRIES_OVERLAP: { part: "xl/worksheets/sheet1.xml", other: "xl/worksheets/sheet2.xml" },
  STORED_SIZE_MISMATCH: { part: "xl/styles.xml" },
  INFLATED_SIZE_MISMATCH: { part: "xl/styles.xml" },
  INFLATED_LARGER: { part: "xl/styles.xml" },
  CRC_MISMATCH: { part: "xl/worksheets/sheet1.xml" },
  DEFLATE_INVALID: { part: "xl/worksheets/sheet1.xml" },
  PART_TOO_LARGE: { part: "xl/worksheets/sheet1.xml", size: 900 * 2 ** 20, limit: 64 * 2 ** 20 },
  CONTENT_TOO_LARGE: { size: 200 * 2 ** 20 + 1, limit: 128 * 2 ** 20 },
  CONTENT_TYPES_MISSING: { part: "[Content_Types].xml" },
  SHEET_LIST_MISSING: { part: "xl/workbook.xml" },
  SHEET_PART_MISSING: { sheet: "评分A" },
  SHEET_NAME_REPEATED: { sheet: "评分A" },
  ROW_NUMBER_INVALID: { part: "xl/worksheets/sheet1.xml", value: "x" },
  CELL_ADDRESS_INVALID: { part: "xl/worksheets/sheet1.xml", value: "1A" },
  PART_EMPTY: { part: "xl/worksheets/sheet1.xml" },
  SHARED_STRING_MISSING: { part: "xl/worksheets/sheet1.xml" },
  XML_INVALID: { part: "xl/workbook.xml", problem: { code: "CHARACTER_REFERENCE_INVALID", params: { ref: "nbsp" } } },
};

/** One example of every XML problem's parameters. */
const XML_EXAMPLES: { readonly [C in keyof XmlProblemParams]: XmlProblemParams[C] } = {
  TEXT_OUTSIDE_ROOT: {},
  DECLARATION_UNSUPPORTED: {},
  END_TAG_MISMATCH: { tag: "row" },
  NO_CONTENT: {},
  UNCLOSED: { tag: "sheetData" },
  TRUNCATED: {},
  TAG_INVALID: {},
  ROOTS_REPEATED: {},
  TAG_MALFORMED: { tag: "c" },
  ATTRIBUTE_INVALID: { tag: "c" },
  ATTRIBUTE_UNQUOTED: { tag: "c" },
  ATTRIBUTE_VALUE_INVALID: { tag: "c" },
  CHARACTER_REFERENCE_INVALID: { ref: "#xZZ" },
};

/** The issue of the JSON result (zh) and of the English pane, for a reason. */
const asIssue = <C extends UnreadableCode>(code: C, params: UnreadableParams[C] = EXAMPLES[code]) => {
  const reason = unreadable(code, params).reason;
  const i = issue("fatal", "WORKBOOK_UNREADABLE", { sheet: null, cell: null }, { reason });
  return { zh: issueMessage(i, MESSAGES_ZH), en: issueMessage(i, MESSAGES_EN) };
};
const xmlIssue = (problem: XmlProblem) => asIssue("XML_INVALID", { part: "xl/worksheets/sheet1.xml", problem });

describe("why a workbook cannot be read: a reason code with typed params, rendered per language", () => {
  it("has a remedy for every reason", () => {
    expect(Object.keys(UNREADABLE_REMEDY).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it("names the file and its role in the failure, in both languages", () => {
    const e = unreadable("ENTRY_TRUNCATED", { part: "xl/styles.xml" });
    expect(e.message).toMatchInlineSnapshot(
      `"无法读取考核工作簿：文件已损坏：工作簿中的格式不完整，可能在下载或复制时中断了（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(failureLine(failureText(e.of({ role: "rater" }), "en"), "en")).toMatchInlineSnapshot(
      `"Cannot read the workbook the rater sent back: the file is damaged: "xl/styles.xml" in the archive is incomplete; the download or copy may have been cut short. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("FILE_EMPTY", () => {
    const { zh, en } = asIssue("FILE_EMPTY");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件为空（0 字节），不是 Excel 工作簿。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is empty (0 bytes), not an Excel workbook. Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("WORKBOOK_ENCRYPTED", () => {
    const { zh, en } = asIssue("WORKBOOK_ENCRYPTED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：工作簿已加密（设置了打开密码），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）并保存后再试。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the workbook is encrypted (it has a password to open). Remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it) and save it. Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("LEGACY_BINARY", () => {
    const { zh, en } = asIssue("LEGACY_BINARY");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：这是旧版 Excel 文件（.xls）或其他 Office 二进制文件，无法读取。请在 Excel 中另存为 .xlsx 格式后再试。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: this is an old Excel file (.xls) or another Office binary file. Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("NOT_A_ZIP", () => {
    const { zh, en } = asIssue("NOT_A_ZIP");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件不是 Excel 工作簿，可能是其他文件（如文本文件）改成了 .xlsx 扩展名，或文件已损坏。请确认选择的是考核工作簿；如果它是 Excel 能打开的表格，请在 Excel 中打开后另存为 .xlsx 工作簿再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is not an Excel workbook: perhaps another kind of file (such as a text file) renamed to .xlsx, or a damaged file. Make sure you chose the assessment workbook; if it is a spreadsheet Excel can open, open it in Excel and save it as an .xlsx workbook, then try again."`,
    );
  });

  it("NOT_A_WORKBOOK", () => {
    const { zh, en } = asIssue("NOT_A_WORKBOOK");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件不是 Excel 工作簿，而是其他格式的文件（如 Word 文档）改成了 .xlsx 扩展名。请确认选择的是考核工作簿；如果它是 Excel 能打开的表格，请在 Excel 中打开后另存为 .xlsx 工作簿再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is not an Excel workbook but another kind of file (such as a Word document) renamed to .xlsx. Make sure you chose the assessment workbook; if it is a spreadsheet Excel can open, open it in Excel and save it as an .xlsx workbook, then try again."`,
    );
  });

  it("PART_ENCRYPTED", () => {
    const { zh, en } = asIssue("PART_ENCRYPTED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：一个工作表经过加密，无法读取（技术信息：xl/worksheets/sheet1.xml）。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: "xl/worksheets/sheet1.xml" in the archive is encrypted. Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("PART_COMPRESSION_UNSUPPORTED", () => {
    const { zh, en } = asIssue("PART_COMPRESSION_UNSUPPORTED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：一个工作表使用了不支持的压缩方式（技术信息：xl/worksheets/sheet1.xml，压缩方式 14）。请用 Excel 另存为 .xlsx 格式（不加密码）后重试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: "xl/worksheets/sheet1.xml" in the archive uses an unsupported compression method (14). Save it from Excel as an .xlsx workbook without a password and try again."`,
    );
  });

  it("ZIP_END_MISSING", () => {
    const { zh, en } = asIssue("ZIP_END_MISSING");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：文件不完整（缺少末尾的目录），可能在下载或复制时中断了。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive is incomplete (its closing directory is missing); the download or copy may have been cut short. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ZIP_SPANNED", () => {
    const { zh, en } = asIssue("ZIP_SPANNED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：这是分卷压缩文件中的一卷，不是完整的工作簿。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: this is one part of a split archive. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ZIP64_DIRECTORY_INCOMPLETE", () => {
    const { zh, en } = asIssue("ZIP64_DIRECTORY_INCOMPLETE");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：文件的目录信息不完整。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive's directory information is incomplete. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ZIP_DIRECTORY_BEYOND_END", () => {
    const { zh, en } = asIssue("ZIP_DIRECTORY_BEYOND_END");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：文件不完整（目录超出了文件末尾），可能在下载或复制时中断了。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive is incomplete (its directory runs past the end of the file); the download or copy may have been cut short. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ZIP_DIRECTORY_DAMAGED", () => {
    const { zh, en } = asIssue("ZIP_DIRECTORY_DAMAGED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：文件的目录已损坏。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive's directory is damaged. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ENTRY_MISPLACED", () => {
    const { zh, en } = asIssue("ENTRY_MISPLACED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中的格式不完整或位置错误（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/styles.xml" in the archive is incomplete or misplaced. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ENTRY_TRUNCATED", () => {
    const { zh, en } = asIssue("ENTRY_TRUNCATED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中的格式不完整，可能在下载或复制时中断了（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/styles.xml" in the archive is incomplete; the download or copy may have been cut short. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ENTRY_REPEATED", () => {
    const { zh, en } = asIssue("ENTRY_REPEATED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作表清单在文件中出现了两次（技术信息：xl/workbook.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the archive holds "xl/workbook.xml" twice. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("ENTRIES_OVERLAP", () => {
    const { zh, en } = asIssue("ENTRIES_OVERLAP");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表与一个工作表在文件中重叠（技术信息：xl/worksheets/sheet1.xml，xl/worksheets/sheet2.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" and "xl/worksheets/sheet2.xml" overlap in the archive. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("STORED_SIZE_MISMATCH", () => {
    const { zh, en } = asIssue("STORED_SIZE_MISMATCH");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中的格式的大小与文件目录不符（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the size of "xl/styles.xml" does not match the directory. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("INFLATED_SIZE_MISMATCH", () => {
    const { zh, en } = asIssue("INFLATED_SIZE_MISMATCH");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中的格式解压后的大小与文件目录不符（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the unpacked size of "xl/styles.xml" does not match the directory. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("INFLATED_LARGER", () => {
    const { zh, en } = asIssue("INFLATED_LARGER");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中的格式解压后的内容比文件目录中声明的大（技术信息：xl/styles.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/styles.xml" unpacks to more than the directory declares. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("CRC_MISMATCH", () => {
    const { zh, en } = asIssue("CRC_MISMATCH");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容已被改动或损坏（技术信息：xl/worksheets/sheet1.xml，CRC 校验不符）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the checksum (CRC) of "xl/worksheets/sheet1.xml" does not match: its content was altered or damaged. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("DEFLATE_INVALID", () => {
    const { zh, en } = asIssue("DEFLATE_INVALID");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的压缩数据无效（技术信息：xl/worksheets/sheet1.xml）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the compressed data of "xl/worksheets/sheet1.xml" is invalid. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("PART_TOO_LARGE", () => {
    const { zh, en } = asIssue("PART_TOO_LARGE");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件过大或已损坏（正常的考核工作簿远小于此，这个文件可能已损坏或是被恶意构造的）：一个工作表解压后有 900 MB，超过了单个部分 64 MB 的上限（技术信息：xl/worksheets/sheet1.xml）。请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is too large or damaged: "xl/worksheets/sheet1.xml" unpacks to 900 MB, over the limit of 64 MB for one part. A normal assessment workbook is far smaller: the file may be damaged, or a malicious archive (a "zip bomb"). Check where the file came from and get the original again; if the workbook really is this large, split it by unit and score each part."`,
    );
  });

  it("CONTENT_TOO_LARGE", () => {
    const { zh, en } = asIssue("CONTENT_TOO_LARGE");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件过大或已损坏（正常的考核工作簿远小于此，这个文件可能已损坏或是被恶意构造的）：要读取的内容解压后共有 201 MB，超过了 128 MB 的上限。请确认文件来源并重新获取原文件；如确是这么大的工作簿，请按单位拆分后分别评分。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is too large or damaged: what must be read unpacks to 201 MB in all, over the limit of 128 MB. A normal assessment workbook is far smaller: the file may be damaged, or a malicious archive (a "zip bomb"). Check where the file came from and get the original again; if the workbook really is this large, split it by unit and score each part."`,
    );
  });

  it("CONTENT_TYPES_MISSING", () => {
    const { zh, en } = asIssue("CONTENT_TYPES_MISSING");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：缺少每个 Excel 工作簿都有的内容类型清单（技术信息：[Content_Types].xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: [Content_Types].xml (the list of content types every Excel workbook has) is missing. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("SHEET_LIST_MISSING", () => {
    const { zh, en } = asIssue("SHEET_LIST_MISSING");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作簿中没有工作表清单（技术信息：xl/workbook.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: xl/workbook.xml has no list of sheets. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("SHEET_PART_MISSING", () => {
    const { zh, en } = asIssue("SHEET_PART_MISSING");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：找不到工作表“评分A”的内容。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the content of the sheet "评分A" is missing. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("SHEET_NAME_REPEATED", () => {
    const { zh, en } = asIssue("SHEET_NAME_REPEATED");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：有两个工作表都名为“评分A”（工作表名称不能重复）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: two sheets are named "评分A" (sheet names must differ). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("ROW_NUMBER_INVALID", () => {
    const { zh, en } = asIssue("ROW_NUMBER_INVALID");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表中有无效的行号“x”（技术信息：xl/worksheets/sheet1.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" has an invalid row number "x". Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("CELL_ADDRESS_INVALID", () => {
    const { zh, en } = asIssue("CELL_ADDRESS_INVALID");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表中有无效的单元格地址“1A”（技术信息：xl/worksheets/sheet1.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" has an invalid cell reference "1A". Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("PART_EMPTY", () => {
    const { zh, en } = asIssue("PART_EMPTY");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表中没有内容（技术信息：xl/worksheets/sheet1.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" has no content. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("SHARED_STRING_MISSING", () => {
    const { zh, en } = asIssue("SHARED_STRING_MISSING");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表引用了工作簿中不存在的文本（技术信息：xl/worksheets/sheet1.xml）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" refers to a shared string that does not exist. Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("XML_INVALID", () => {
    const { zh, en } = asIssue("XML_INVALID");
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作表清单的内容格式有误（技术信息：xl/workbook.xml，无效的字符引用 &nbsp）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/workbook.xml" is not valid XML (an invalid character reference &nbsp). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });
});

describe("what is wrong with a part's XML, per problem and language", () => {
  it("TEXT_OUTSIDE_ROOT", () => {
    const { zh, en } = xmlIssue({ code: "TEXT_OUTSIDE_ROOT", params: XML_EXAMPLES.TEXT_OUTSIDE_ROOT });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，根元素之外有文本）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (text outside the root element). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("DECLARATION_UNSUPPORTED", () => {
    const { zh, en } = xmlIssue({ code: "DECLARATION_UNSUPPORTED", params: XML_EXAMPLES.DECLARATION_UNSUPPORTED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，不支持的声明）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an unsupported declaration). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("END_TAG_MISMATCH", () => {
    const { zh, en } = xmlIssue({ code: "END_TAG_MISMATCH", params: XML_EXAMPLES.END_TAG_MISMATCH });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，结束标签 </row> 不匹配）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (the end tag </row> does not match). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("NO_CONTENT", () => {
    const { zh, en } = xmlIssue({ code: "NO_CONTENT", params: XML_EXAMPLES.NO_CONTENT });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，没有内容）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (no content). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("UNCLOSED", () => {
    const { zh, en } = xmlIssue({ code: "UNCLOSED", params: XML_EXAMPLES.UNCLOSED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，内容不完整，缺少 </sheetData>）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (cut short, </sheetData> is missing). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("TRUNCATED", () => {
    const { zh, en } = xmlIssue({ code: "TRUNCATED", params: XML_EXAMPLES.TRUNCATED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，内容不完整）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (cut short). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("TAG_INVALID", () => {
    const { zh, en } = xmlIssue({ code: "TAG_INVALID", params: XML_EXAMPLES.TAG_INVALID });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，标签无效）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an invalid tag). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("ROOTS_REPEATED", () => {
    const { zh, en } = xmlIssue({ code: "ROOTS_REPEATED", params: XML_EXAMPLES.ROOTS_REPEATED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，有多个根元素）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (more than one root element). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("TAG_MALFORMED", () => {
    const { zh, en } = xmlIssue({ code: "TAG_MALFORMED", params: XML_EXAMPLES.TAG_MALFORMED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，标签 <c> 无效）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (the tag <c> is invalid). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("ATTRIBUTE_INVALID", () => {
    const { zh, en } = xmlIssue({ code: "ATTRIBUTE_INVALID", params: XML_EXAMPLES.ATTRIBUTE_INVALID });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，标签 <c> 的属性无效）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an invalid attribute in <c>). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("ATTRIBUTE_UNQUOTED", () => {
    const { zh, en } = xmlIssue({ code: "ATTRIBUTE_UNQUOTED", params: XML_EXAMPLES.ATTRIBUTE_UNQUOTED });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，标签 <c> 的属性值缺少引号）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an attribute value without quotes in <c>). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("ATTRIBUTE_VALUE_INVALID", () => {
    const { zh, en } = xmlIssue({ code: "ATTRIBUTE_VALUE_INVALID", params: XML_EXAMPLES.ATTRIBUTE_VALUE_INVALID });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，标签 <c> 的属性值无效）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an invalid attribute value in <c>). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });

  it("CHARACTER_REFERENCE_INVALID", () => {
    const { zh, en } = xmlIssue({ code: "CHARACTER_REFERENCE_INVALID", params: XML_EXAMPLES.CHARACTER_REFERENCE_INVALID });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：一个工作表的内容格式有误（技术信息：xl/worksheets/sheet1.xml，无效的字符引用 &#xZZ）。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: "xl/worksheets/sheet1.xml" is not valid XML (an invalid character reference &#xZZ). Open it in Excel (let Excel repair it if it offers to), save it as a new .xlsx workbook and try again."`,
    );
  });
});

describe("a damaged worksheet is named as the user knows it", () => {
  it("by the sheet's name when the reader knew the part, the part path only as technical information", () => {
    const { zh, en } = asIssue("CRC_MISMATCH", { part: "xl/worksheets/sheet4.xml", sheet: "评分A" });
    expect(zh).toMatchInlineSnapshot(
      `"无法读取该文件：文件已损坏：工作表“评分A”的内容已被改动或损坏（技术信息：xl/worksheets/sheet4.xml，CRC 校验不符）。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `"The file cannot be read: the file is damaged: the checksum (CRC) of the sheet "评分A" (xl/worksheets/sheet4.xml) does not match: its content was altered or damaged. Get the complete original file again (download or copy it once more) and try again."`,
    );
  });

  it("the reader adds the sheet's name to a failure raised while reading its part", async () => {
    const parts = unzipSync(createWorkbook([{ name: "评分A", rows: [[{ v: "支部编码" }], [{ v: "ZB001" }]] }]));
    const sheetPart = Object.keys(parts).find((p) => p.startsWith("xl/worksheets/"))!;
    parts[sheetPart] = strToU8(strFromU8(parts[sheetPart]!).replace(/<row r="2"/, '<row r="x"'));
    const failure = await new XlsxReader(zipSync(parts))
      .read(["评分A"])
      .then(() => null)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkbookUnreadableError);
    expect((failure as WorkbookUnreadableError).reason).toEqual({
      code: "ROW_NUMBER_INVALID",
      params: { part: sheetPart, value: "x", sheet: "评分A" },
    });
  });
});
