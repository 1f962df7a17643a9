import { UserError } from "../../model/failure.js";
import type { WorkbookStructure } from "./workbook-structure.js";

/**
 * Strict Open XML workbooks (Excel's "Strict Open XML Spreadsheet" save option) are read like
 * any other: only namespaces differ. They are not written: a faithful conversion of every part
 * (charts, drawings, pivot tables…) to the transitional form is a large and risky job, and a
 * mix of the two forms is a damaged file. So the write is refused with the way out, and the
 * input stays as it was.
 */
export function refuseStrict(workbook: WorkbookStructure): void {
  if (workbook.strict) throw new UserError("WORKBOOK_STRICT", {});
}
