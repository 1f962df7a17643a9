import { WorkbookUnwritableError } from "../workbook.js";
import type { WorkbookStructure } from "./workbook-structure.js";

/**
 * Strict Open XML workbooks (Excel's "Strict Open XML Spreadsheet" save option) are read like
 * any other: only namespaces differ. They are not written: a faithful conversion of every part
 * (charts, drawings, pivot tables…) to the transitional form is a large and risky job, and a
 * mix of the two forms is a damaged file. So the write is refused with the way out, and the
 * input stays as it was.
 */
export function refuseStrict(workbook: WorkbookStructure): void {
  if (!workbook.strict) return;
  throw new WorkbookUnwritableError(
    "工作簿是“Strict Open XML 电子表格”格式：本程序可以读取并评分，但不能把结果写入这种格式的文件（写入会使它损坏），因此没有写入任何内容。" +
      "请在 Excel 中点“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再用另存的文件运行。",
  );
}
