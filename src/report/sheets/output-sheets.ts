import type { Result } from "../../model/result.js";
import type { SheetSpec } from "../sheet-spec.js";
import { chartsSheet } from "./charts.js";
import { detailsSheet } from "./details.js";
import { logSheet, type RunRecord } from "./log.js";
import { reportSheet } from "./report.js";
import { resultsSheet } from "./results.js";

/**
 * The output sheets of a run, in workbook order: 考核结果, 双评明细, 校验报告, 统计图表 and
 * 运行记录; a fatal run has no results, so only its 校验报告 and 运行记录.
 */
export function outputSheets(result: Result, record: RunRecord): SheetSpec[] {
  const log = logSheet(result, record);
  if (result.status === "fatal") return [reportSheet(result), log];
  return [resultsSheet(result), detailsSheet(result), reportSheet(result), chartsSheet(result), log];
}
