import type { Result } from "../../model/result.js";
import { withRowHeights } from "../row-heights.js";
import type { SheetSpec } from "../sheet-spec.js";
import { chartsSheet } from "./charts.js";
import { detailsSheet } from "./details.js";
import { logSheet, type RunRecord } from "./log.js";
import { printableSheet } from "./printable.js";
import { reportSheet } from "./report.js";
import { resultsSheet } from "./results.js";

/**
 * The output sheets of a run, in workbook order: 考核结果, 考核结果（打印版）, 双评明细,
 * 校验报告, 统计图表 and 运行记录; a fatal run has no results, so only its 校验报告 and 运行记录.
 * Sheets with wrapped text get row heights for it (LibreOffice does not fit rows on opening);
 * the long one-line tables keep the default height.
 */
export function outputSheets(
  result: Result,
  record: RunRecord,
  /** Told after each sheet is made (a 5,000-branch result takes seconds): sheets made so far. */
  onSheet: (made: number) => void = () => undefined,
): SheetSpec[] {
  const makers: (() => SheetSpec)[] = [() => withRowHeights(logSheet(result, record)), () => withRowHeights(reportSheet(result))];
  if (result.status !== "fatal")
    makers.push(
      () => resultsSheet(result),
      () => withRowHeights(printableSheet(result)),
      () => detailsSheet(result),
      () => withRowHeights(chartsSheet(result)),
    );
  const made = makers.map((make, i) => {
    const sheet = make();
    onSheet(i + 1);
    return sheet;
  });
  if (result.status === "fatal") return [made[1]!, made[0]!];
  const [log, report, results, printable, details, charts] = made as [SheetSpec, SheetSpec, SheetSpec, SheetSpec, SheetSpec, SheetSpec];
  return [results, printable, details, report, charts, log];
}

/** How many sheets outputSheets makes at most (for progress). */
export const OUTPUT_SHEET_COUNT = 6;
