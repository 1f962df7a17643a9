import type { AnnualResult } from "../../model/annual-result.js";
import { SEVERITY_ZH, STATUS_ZH } from "../labels.js";
import { hdr, int, txt, type CellTone, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { titleMerges } from "../sheets/cells.js";
import { ANNUAL_SHEETS, annualPrint, yearLabel } from "./common.js";

const HEAD = ["级别", "代码", "季度", "文件", "工作表", "单元格", "说明"];
const QUARTERS_HEAD = ["考核周期", "文件", "季度结果", "年度定级", "支部数", "问题数", "说明"];
const ORDER = { fatal: 0, error: 1, warning: 2 } as const;

/**
 * 年度校验报告: one line per quarterly workbook (its status and issue counts), then every annual
 * issue with its quarter, file, sheet and cell named as text — the inputs are other files, so
 * nothing here links. A quarter's own issues stay in its own 校验报告.
 */
export function annualReportSheet(r: AnnualResult): SheetSpec {
  const count = (s: keyof typeof ORDER) => r.issues.filter((i) => i.severity === s).length;
  const used = r.inputs.filter((i) => i.usable).length;
  const summary =
    `共 ${r.inputs.length} 个季度工作簿，纳入年度定级 ${r.status === "fatal" ? 0 : used} 个；` +
    `致命 ${count("fatal")} 项，错误 ${count("error")} 项，警告 ${count("warning")} 项；结果：${STATUS_ZH[r.status]}`;
  const notice: OutEntry[][] =
    r.status === "fatal" ? [[{ v: "【未得出结果】存在致命问题，没有计算年度定级。改正下列问题后重新定级。", style: "notice" }]] : [];
  const top: OutEntry[][] = [[{ v: `${yearLabel(r)}定级 校验报告`, style: "title" }], ...notice, [txt(summary)]];

  const inputs = r.inputs.map((w): OutEntry[] => {
    const tone: CellTone | undefined = !w.usable || w.status === "fatal" ? "veto" : w.status === "provisional" ? "dispute" : undefined;
    const note = !w.usable
      ? w.status === "fatal"
        ? "无法读取或季度评分有致命问题，没有结果"
        : "考核周期未填写或无效"
      : w.status === "provisional"
        ? "季度结果为暂定"
        : "";
    return [
      txt(w.period, tone),
      { v: w.file, style: "textWrap", tone },
      txt(STATUS_ZH[w.status], tone),
      txt(w.usable && r.status !== "fatal" ? "已纳入" : "未纳入", tone),
      int(w.branches, tone),
      int(w.fatal + w.errors + w.warnings, tone),
      { v: `致命 ${w.fatal} 项，错误 ${w.errors} 项，警告 ${w.warnings} 项${note ? `；${note}` : ""}`, style: "textWrap", tone },
    ];
  });
  const issues = [...r.issues]
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
    .map((i): OutEntry[] => {
      const tone: CellTone = i.severity === "warning" ? "dispute" : "veto";
      return [
        txt(SEVERITY_ZH[i.severity], tone),
        txt(i.code),
        txt(i.period),
        { v: i.file, style: "textWrap" },
        txt(i.sheet),
        txt(i.cell),
        { v: i.message, style: "textWrap" },
      ];
    });
  const rows: OutEntry[][] = [...top];
  const merges = titleMerges(top.length, HEAD.length);
  const section = (title: string) => {
    rows.push(
      [],
      [
        { v: title, style: "header" },
        { v: null, style: "header" },
      ],
    );
    merges.push(`A${rows.length}:B${rows.length}`);
  };
  section("各季度工作簿");
  rows.push(QUARTERS_HEAD.map(hdr));
  for (const row of inputs) rows.push(row);
  rows.push([{ v: "各季度工作簿自身的问题不在此重复，请在该季度“一键评分排名”后的“校验报告”中查看。" }]);
  merges.push(`A${rows.length}:G${rows.length}`);
  section("年度定级的问题");
  rows.push(HEAD.map(hdr));
  // One row an issue (a loop: a year's issues can be many).
  for (const row of issues.length > 0 ? issues : [[txt("—"), txt(""), txt(""), txt(""), txt(""), txt(""), txt("没有发现问题。")]])
    rows.push(row);
  return {
    name: ANNUAL_SHEETS.report,
    rows,
    freezeRows: top.length,
    merges,
    columnWidths: [7, 28, 8, 14, 7, 6, 52],
    print: { ...annualPrint(r, "landscape", top.length), narrowMargins: true },
  };
}
