import type { ReportedIssue, Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { MAX_HYPERLINKS } from "../excel-limits.js";
import { SEVERITY_ZH, STATUS_ZH } from "../labels.js";
import { hdr, txt, wrap, type OutCell, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, sharedCells, titleMerges } from "./cells.js";

const HEAD = ["级别", "代码", "工作表", "单元格", "说明"];

/** How many issues the sheet lists, a parameter so tests can reach it with small results. */
export interface ReportLimits {
  readonly listed: number;
}

// Excel's 65,530 links a sheet (well under its 1,048,576 rows): every listed issue links to its
// cell, and the sheet stays small enough to open quickly (144,000 issues were 83 MB of XML).
const EXCEL: ReportLimits = { listed: MAX_HYPERLINKS };

/**
 * 校验报告: the issues with their sheet and cell. Each row has one link, on its cell address
 * (on the sheet name when the issue has no cell): clicking it selects that cell. At most
 * Excel's 65,530 links fit a sheet, so that is how many issues are listed, in order; a note
 * above the table counts the rest and points to the JSON result, which has them all.
 */
export function reportSheet(result: Result, limits: ReportLimits = EXCEL): SheetSpec {
  const s = result.summary;
  const summary = `共 ${s.branches} 个支部；致命 ${s.fatal} 项，错误 ${s.errors} 项，警告 ${s.warnings} 项；结果：${STATUS_ZH[result.status]}`;
  // A fatal run writes no results; result sheets from an earlier run may still be in the workbook.
  const notice: OutEntry[][] =
    result.status === "fatal"
      ? [
          [
            {
              v: "【未得出结果】存在致命问题，本次没有计算结果。工作簿中如仍有“考核结果”“双评明细”“统计图表”，那是以前评分的结果，请勿使用；改正下列问题后重新评分。",
              style: "notice",
            },
          ],
        ]
      : [];

  const issues = result.issues;
  const listed = Math.min(issues.length, limits.listed);
  const notes: OutEntry[][] = [];
  if (listed < issues.length) {
    notes.push([
      {
        v: `【未全部列出】共 ${issues.length} 项问题，本表列出前 ${listed} 项（Excel 一张工作表最多 ${limits.listed} 个链接，列出的每项都可点击跳转），另有 ${issues.length - listed} 项未列出。请先改正列出的问题，再重新校验，其余的问题会接着列在这里。`,
        style: "notice",
      },
    ]);
  }

  const rows: OutEntry[][] = [];
  const row = issueRows();
  for (let k = 0; k < listed; k++) rows.push(row(issues[k]!));
  const top = 2 + notice.length + notes.length; // title, notice, summary, notes
  return {
    name: OUTPUT_SHEETS.report,
    rows: [
      [{ v: `${result.period ?? ""} 校验报告`.trim(), style: "title" }],
      ...notice,
      [txt(summary)],
      ...notes,
      HEAD.map(hdr),
      ...(rows.length > 0 ? rows : [[txt("—"), txt(""), txt(""), txt(""), wrap("没有发现问题。")]]),
    ],
    freezeRows: top + 1,
    merges: titleMerges(top, HEAD.length),
    // 说明 wraps within its column, so the table prints one A4 landscape page wide at full size.
    columnWidths: [6, 24, 10, 8, 66],
    print: quarterPrint(result, OUTPUT_SHEETS.report, "landscape", { repeatRows: top + 1, narrowMargins: true }),
  };
}

/**
 * One issue a row: the link goes on its cell address, or on its sheet name when it has no cell.
 * The cells that repeat (级别, 代码, an unlinked sheet name) are shared between rows (sharedCells).
 */
function issueRows(): (i: ReportedIssue) => OutEntry[] {
  const severity = {
    fatal: txt(SEVERITY_ZH.fatal, "veto"),
    error: txt(SEVERITY_ZH.error, "veto"),
    warning: txt(SEVERITY_ZH.warning, "dispute"),
  } satisfies Record<ReportedIssue["severity"], OutCell>;
  const code = sharedCells((v: string) => txt(v));
  const sheetName = sharedCells((v: string | null): OutCell => ({ v, style: "text" }));
  return (i) => {
    const link = i.sheet === null ? undefined : { sheet: i.sheet, cell: i.cell };
    const sheet: OutCell = link && i.cell === null ? { v: i.sheet, style: "text", link } : sheetName(i.sheet);
    const cell: OutCell = link && i.cell !== null ? { v: i.cell, style: "text", link } : { v: i.cell, style: "text" };
    return [severity[i.severity], code(i.code), sheet, cell, wrap(i.message)];
  };
}
