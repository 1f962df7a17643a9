import type { Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { STATUS_ZH } from "../labels.js";
import { hdr, int, txt, wrap, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint } from "./cells.js";

const LOG_HEADER = ["时间", "考核周期", "规则指纹", "输入指纹", "支部数", "错误数", "警告数", "结果指纹", "版本", "状态"];

export interface RunRecord {
  readonly time: string;
  readonly rulesFingerprint: string;
  readonly inputFingerprint: string;
  readonly resultFingerprint: string;
}

/** 运行记录: this run's row, appended below the earlier ones (which are never rewritten). */
export function logSheet(result: Result, record: RunRecord): SheetSpec {
  const s = result.summary;
  return {
    name: OUTPUT_SHEETS.log,
    rows: [
      LOG_HEADER.map(hdr),
      [
        wrap(record.time),
        txt(result.period),
        wrap(record.rulesFingerprint),
        wrap(record.inputFingerprint),
        int(s.branches),
        int(s.errors + s.fatal),
        int(s.warnings),
        wrap(record.resultFingerprint),
        txt(result.version),
        txt(STATUS_ZH[result.status]),
      ],
    ],
    append: { appendSkip: 1 },
    freezeRows: 1,
    // Time and fingerprints wrap (64 digits on three lines), so a row prints one A4 landscape page wide at full size.
    columnWidths: [11, 8, 23, 23, 6, 6, 6, 23, 8, 5],
    print: quarterPrint(result, OUTPUT_SHEETS.log, "landscape", { repeatRows: 1, narrowMargins: true }),
  };
}
