import { WorkbookUnreadableError } from "../workbook.js";

/*
 * The two ways a package can be damaged, each with what the user can do about it: a broken
 * zip (cut short, altered) cannot be repaired by anyone, so the remedy is the original file;
 * broken content inside a sound zip is often something Excel can repair when it opens the file.
 */

/** The zip itself is damaged: cut short, altered, inconsistent. */
export function damagedArchive(what: string): WorkbookUnreadableError {
  return new WorkbookUnreadableError(`文件已损坏：${what}。请重新获取完整的原文件（例如重新下载，或从原处再复制一次）后再试。`);
}

/** The workbook inside the zip is damaged or not as Excel writes it. */
export function damagedWorkbook(what: string): WorkbookUnreadableError {
  return new WorkbookUnreadableError(`文件已损坏：${what}。请用 Excel 打开该文件（如提示修复，请选择修复），另存为新的 .xlsx 文件后再试。`);
}
