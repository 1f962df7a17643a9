import { WorkbookUnreadableError } from "../workbook.js";

/*
 * The two ways a package can be damaged, each with what the user can do about it: a broken
 * zip (cut short, altered) cannot be repaired by anyone, so the remedy is the original file;
 * broken content inside a sound zip is often something Excel can repair when it opens the file.
 */

/** The zip itself is damaged: cut short, altered, inconsistent. */
export function damagedArchive(what: string): WorkbookUnreadableError {
  return new WorkbookUnreadableError(`文件已损坏：${what}`, { remedy: "reobtain" });
}

/** The workbook inside the zip is damaged or not as Excel writes it. */
export function damagedWorkbook(what: string): WorkbookUnreadableError {
  return new WorkbookUnreadableError(`文件已损坏：${what}`, { remedy: "repair" });
}
