import type { Result } from "../../model/result.js";
import { withRowHeights } from "../row-heights.js";
import type { SheetSpec } from "../sheet-spec.js";
import { chartsSheet } from "./charts.js";
import { ledgerSheet, type LedgerInputs } from "./ledger.js";
import { unitsSheet } from "./units.js";
import { detailsSheet } from "./details.js";
import { logSheet, type RunRecord } from "./log.js";
import { printableSheet } from "./printable.js";
import { profilesSheet } from "./profiles.js";
import { reportSheet } from "./report.js";
import { resultsSheet } from "./results.js";

/**
 * The output sheets of a run, in workbook order: 考核结果, 考核结果（打印版）, 双评明细,
 * 校验报告, 统计图表, 单位汇总 (when the roster gives units), 支部画像, 整改台账 (when `ledger` is given
 * and the old one could be read) and 运行记录; a fatal run has no results, so only its 校验报告 and 运行记录.
 * Sheets with wrapped text get row heights for it (LibreOffice does not fit rows on opening);
 * the long one-line tables keep the default height.
 */
export function outputSheets(
  result: Result,
  record: RunRecord,
  ledger: LedgerInputs | null = null,
  /** Told after each sheet is made (a 5,000-branch result takes seconds): sheets made so far. */
  onSheet: (made: number) => void = () => undefined,
): SheetSpec[] {
  // Made one at a time, in the order written; 单位汇总 (no 所属单位) and 整改台账 may be absent.
  const makers: (() => SheetSpec | null)[] =
    result.status === "fatal"
      ? [() => withRowHeights(reportSheet(result)), () => withRowHeights(logSheet(result, record))]
      : [
          () => resultsSheet(result),
          () => withRowHeights(printableSheet(result)),
          () => detailsSheet(result),
          () => withRowHeights(reportSheet(result)),
          () => withRowHeights(chartsSheet(result)),
          () => optional(unitsSheet(result)),
          () => profilesSheet(result),
          () => optional(ledger && ledgerSheet(result, ledger)),
          () => withRowHeights(logSheet(result, record)),
        ];
  const sheets: SheetSpec[] = [];
  makers.forEach((make, i) => {
    const sheet = make();
    if (sheet !== null) sheets.push(sheet);
    onSheet(i + 1);
  });
  return sheets;
}

/** How many sheets outputSheets makes at most (for progress). */
export const OUTPUT_SHEET_COUNT = 9;

const optional = (spec: SheetSpec | null): SheetSpec | null => (spec === null ? null : withRowHeights(spec));
