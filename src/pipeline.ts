import { assess } from "./engine/index.js";
import { WorkbookUnreadableError, type WorkbookReader } from "./io/workbook.js";
import { issue } from "./model/issues.js";
import type { Result } from "./model/result.js";
import { inputFingerprint, resultFingerprint, rulesFingerprint } from "./report/fingerprints.js";
import { buildResult } from "./report/result-json.js";
import type { SheetSpec } from "./report/sheet-spec.js";
import { chartsSheet, detailsSheet, logSheet, reportSheet, resultsSheet } from "./report/sheets/index.js";
import { validateWorkbook } from "./validate/index.js";
import { INPUT_SHEETS } from "./validate/sheets.js";

export interface RunOptions {
  /** The run's time as written into 运行记录 (injected so tests and re-runs are reproducible). */
  readonly now: Date;
}

export interface RunOutput {
  readonly result: Result;
  /** Output sheets to write; with a fatal result only the report and the run log. */
  readonly sheets: readonly SheetSpec[];
}

/** read workbook → validate → score and rank → result and output sheets. */
export async function runAssessment(reader: WorkbookReader, options: RunOptions): Promise<RunOutput> {
  let snapshot;
  try {
    snapshot = await reader.read(INPUT_SHEETS);
  } catch (e) {
    if (!(e instanceof WorkbookUnreadableError)) throw e;
    const result = buildResult(null, [], null, [issue("fatal", "WORKBOOK_UNREADABLE", { sheet: null, cell: null }, { reason: e.reason, ...(e.params.remedy === undefined ? {} : { remedy: e.params.remedy }) })]);
    return { result, sheets: [] };
  }
  const validation = validateWorkbook(snapshot);
  const x = validation.ok ? validation.assessment : null;
  const outcome = x ? assess(x) : null;
  const issues = [...validation.issues, ...(outcome?.issues ?? [])];
  const result = buildResult(validation.ok ? validation.assessment.settings : validation.settings, x?.rules.areas ?? [], outcome, issues);
  const record = {
    time: localTimestamp(options.now),
    rulesFingerprint: x ? rulesFingerprint(x) : "",
    inputFingerprint: x ? inputFingerprint(x) : "",
    resultFingerprint: resultFingerprint(result),
  };
  const log = logSheet(result, record);
  const sheets = outcome
    ? [resultsSheet(result), detailsSheet(result), reportSheet(result), chartsSheet(result), log]
    : [reportSheet(result), log];
  return { result, sheets };
}

/** `2026-11-21 14:05:09` in the machine's local time, as people read it. */
function localTimestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
