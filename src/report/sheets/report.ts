import type { Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { SEVERITY_ZH, STATUS_ZH } from "../labels.js";
import { hdr, txt, type CellTone, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { landscape, titleMerges } from "./cells.js";

const HEAD = ["级别", "代码", "工作表", "单元格", "说明"];

/** 校验报告: every issue with its sheet and cell; clicking the cell address selects that cell. */
export function reportSheet(result: Result): SheetSpec {
  const s = result.summary;
  const summary = `共 ${s.branches} 个支部；致命 ${s.fatal} 项，错误 ${s.errors} 项，警告 ${s.warnings} 项；结果：${STATUS_ZH[result.status]}`;
  const rows = result.issues.map((i): OutEntry[] => {
    const tone: CellTone = i.severity === "warning" ? "dispute" : "veto";
    const link = i.sheet !== null ? { sheet: i.sheet, cell: i.cell } : undefined;
    return [
      txt(SEVERITY_ZH[i.severity], tone),
      txt(i.code),
      { v: i.sheet, style: "text", link },
      { v: i.cell, style: "text", link },
      txt(i.message),
    ];
  });
  // A fatal run writes no results; result sheets from an earlier run may still be in the workbook.
  const notice: OutEntry[][] =
    result.status === "fatal"
      ? [[{ v: "【未得出结果】存在致命问题，本次没有计算结果。工作簿中如仍有“考核结果”“双评明细”“统计图表”，那是以前评分的结果，请勿使用；改正下列问题后重新评分。", style: "notice" }]]
      : [];
  return {
    name: OUTPUT_SHEETS.report,
    rows: [
      [{ v: `${result.period ?? ""} 校验报告`.trim(), style: "title" }],
      ...notice,
      [txt(summary)],
      HEAD.map(hdr),
      ...(rows.length > 0 ? rows : [[txt("—"), txt(""), txt(""), txt(""), txt("没有发现问题。")]]),
    ],
    freezeRows: 3 + notice.length,
    merges: titleMerges(2 + notice.length, HEAD.length),
    columnWidths: [8, 24, 12, 10, 100],
    print: landscape(3 + notice.length),
  };
}
