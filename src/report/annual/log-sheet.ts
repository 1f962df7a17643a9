import type { AnnualResult } from "../../model/annual-result.js";
import { STATUS_ZH } from "../labels.js";
import { hdr, int, txt, type SheetSpec } from "../sheet-spec.js";
import { titleMerges } from "../sheets/cells.js";
import { ANNUAL_SHEETS, annualPrint, yearLabel } from "./common.js";

const HEAD = ["时间", "年度", "状态", "纳入的季度", "支部数", "错误数", "警告数", "各季度输入指纹", "结果指纹", "版本"];

export interface AnnualRunRecord {
  readonly time: string;
  /** Each usable quarter's input fingerprint (its normalised roster and grids), in quarter order. */
  readonly quarters: readonly { readonly period: string; readonly inputFingerprint: string }[];
  readonly resultFingerprint: string;
}

/** 运行记录 of the annual workbook: this run, one row (each run writes a new workbook). */
export function annualLogSheet(r: AnnualResult, record: AnnualRunRecord): SheetSpec {
  const count = (s: string) => r.issues.filter((i) => i.severity === s).length;
  const wrap = (v: string) => ({ v, style: "textWrap" as const });
  return {
    name: ANNUAL_SHEETS.log,
    rows: [
      [{ v: `${yearLabel(r)}定级 运行记录`, style: "title" }],
      HEAD.map(hdr),
      [
        txt(record.time),
        int(r.year),
        txt(STATUS_ZH[r.status]),
        wrap(record.quarters.map((q) => q.period).join("、")),
        int(r.branches.length),
        int(count("error") + count("fatal")),
        int(count("warning")),
        wrap(record.quarters.map((q) => `${q.period}：${q.inputFingerprint}`).join("\n")),
        wrap(record.resultFingerprint),
        txt(r.version),
      ],
    ],
    merges: titleMerges(1, HEAD.length),
    freezeRows: 2,
    columnWidths: [19, 6, 6, 9, 6, 6, 6, 34, 33, 7],
    print: { ...annualPrint(r, "landscape", 2), narrowMargins: true },
  };
}
