import type { Result } from "../../model/result.js";
import { withRowHeights } from "../row-heights.js";
import type { SheetSpec } from "../sheet-spec.js";
import { chartsSheet } from "./charts.js";
import { detailsSheet } from "./details.js";
import { logSheet, type RunRecord } from "./log.js";
import { printableSheet } from "./printable.js";
import { profilesSheet } from "./profiles.js";
import { reportSheet } from "./report.js";
import { resultsSheet } from "./results.js";

/**
 * The output sheets of a run, in workbook order: 考核结果, 考核结果（打印版）, 双评明细,
 * 校验报告, 统计图表, 支部画像 and 运行记录; a fatal run has no results, so only its 校验报告 and 运行记录.
 * Sheets with wrapped text get row heights for it (LibreOffice does not fit rows on opening);
 * the long one-line tables keep the default height.
 */
export function outputSheets(result: Result, record: RunRecord): SheetSpec[] {
  const log = withRowHeights(logSheet(result, record));
  const report = withRowHeights(reportSheet(result));
  if (result.status === "fatal") return [report, log];
  return [
    resultsSheet(result),
    withRowHeights(printableSheet(result)),
    detailsSheet(result),
    report,
    withRowHeights(chartsSheet(result)),
    profilesSheet(result),
    log,
  ];
}
