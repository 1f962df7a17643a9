import type { Cell } from "../model/cell.js";
import type { Result } from "../model/result.js";
import { OUTPUT_SHEETS } from "../validate/sheets.js";
import { SEVERITY_ZH, STATUS_ZH, starText } from "./labels.js";
import type { OutCell, OutEntry, OutValue, SheetSpec } from "./sheet-spec.js";

const hdr = (v: string): OutCell => ({ v, style: "header" });
const txt = (v: string | null): OutCell => ({ v, style: "text" });
const d2 = (v: number | null): OutCell => ({ v, style: "decimal2" });
const d4 = (v: number | null): OutCell => ({ v, style: "decimal4" });
const int = (v: number | null): OutCell => ({ v, style: "integer" });

function title(result: Result, what: string): OutEntry[][] {
  const rows: OutEntry[][] = [[{ v: `${result.period ?? "（考核周期未填）"} ${what}`, style: "title" }]];
  if (result.status === "provisional") {
    rows.push([{ v: "【暂定结果】工作簿中仍有错误（见“校验报告”），以下结果按暂定规则计算，改正后请重新评分。", style: "notice" }]);
  }
  return rows;
}

/** 考核结果: one row per branch in rank order. */
export function resultsSheet(result: Result): SheetSpec {
  const hasSelf = result.branches.some((b) => b.selfTotal !== null);
  const head = [
    "排名", "支部编码", "支部名称", "支部类别", "类别排名", ...result.areas, "基础得分", "加分", "否决项", "总分",
    "星级", "阶梯", "A方总分", "B方总分", "待仲裁项数", "状态", ...(hasSelf ? ["自评总分", "自评偏差"] : []),
  ];
  const status = STATUS_ZH[result.status];
  const rows = result.branches.map((b) => [
    int(b.rank), txt(b.code), txt(b.name), txt(b.category ?? "（类别无效）"), int(b.categoryRank),
    ...b.areas.map((a) => d2(a.score)),
    d2(b.base), d2(b.bonus), txt(b.vetoItems.join("、")), d2(b.total), txt(starText(b.stars)), txt(b.tier),
    d2(b.totalA), d2(b.totalB), int(b.pending), txt(status),
    ...(hasSelf ? [d2(b.selfTotal), d2(b.selfGap)] : []),
  ]);
  const top = title(result, "支部考核结果");
  return {
    name: OUTPUT_SHEETS.results,
    rows: [...top, head.map(hdr), ...rows],
    freezeRows: top.length + 1,
    columnWidths: [6, 10, 24, 12, 8, ...result.areas.map((a) => Math.max(8, a.length * 2 + 2)), 10, 8, 10, 10, 12, 10, 10, 10, 10, 8, 10, 10],
  };
}

/** 双评明细: every branch × 基础/加分 item, then agreement per item and overall. */
export function detailsSheet(result: Result): SheetSpec {
  const names = new Map(result.branches.map((b) => [b.code, b.name]));
  const head = ["支部编码", "支部名称", "项目编号", "分值", "A", "B", "分差", "阈值", "仲裁", "最终得分", "状态"].map(hdr);
  const rows = result.items.map((i) => [
    txt(i.branch), txt(names.get(i.branch) ?? ""), txt(i.item), d2(i.max), d2(i.a), d2(i.b),
    d2(i.a !== null && i.b !== null ? Math.round((i.a - i.b) * 100) / 100 : null), d2(i.tolerance), d2(i.c), d2(i.final), txt(i.status),
  ]);
  const ag = result.agreement;
  const agreementRows: OutEntry[][] = ag
    ? [
        [],
        [{ v: "双评一致性", style: "title" }],
        [hdr("一致率"), hdr("平均绝对分差"), hdr("平均偏差（A−B）"), hdr("ICC(2,1)"), hdr("评分对数"), hdr("ICC 支部数")],
        [d4(ag.rate), d4(ag.meanAbsDiff), d4(ag.meanDiff), d4(ag.icc), int(ag.pairs), int(ag.iccBranches)],
        [],
        [hdr("项目编号"), hdr("评分对数"), hdr("一致率"), hdr("平均绝对分差")],
        ...ag.perItem.map((p) => [txt(p.item), int(p.pairs), d4(p.rate), d4(p.meanAbsDiff)]),
      ]
    : [];
  const top = title(result, "双评明细");
  return {
    name: OUTPUT_SHEETS.details,
    rows: [...top, head, ...rows, ...agreementRows],
    freezeRows: top.length + 1,
    columnWidths: [10, 24, 10, 8, 8, 8, 8, 8, 8, 10, 12],
  };
}

/** 校验报告: every issue with its sheet and cell. */
export function reportSheet(result: Result): SheetSpec {
  const s = result.summary;
  const summary = `共 ${s.branches} 个支部；致命 ${s.fatal} 项，错误 ${s.errors} 项，警告 ${s.warnings} 项；结果：${STATUS_ZH[result.status]}`;
  const rows = result.issues.map((i) => [txt(SEVERITY_ZH[i.severity]), txt(i.code), txt(i.sheet), txt(i.cell), txt(i.message)]);
  return {
    name: OUTPUT_SHEETS.report,
    rows: [
      [{ v: `${result.period ?? ""} 校验报告`.trim(), style: "title" }],
      [txt(summary)],
      ["级别", "代码", "工作表", "单元格", "说明"].map(hdr),
      ...(rows.length > 0 ? rows : [[txt("—"), txt(""), txt(""), txt(""), txt("没有发现问题。")]]),
    ],
    freezeRows: 3,
    columnWidths: [8, 24, 12, 10, 100],
  };
}

export const LOG_HEADER = ["时间", "考核周期", "规则指纹", "输入指纹", "支部数", "错误数", "警告数", "结果指纹", "版本", "状态"];

export interface RunRecord {
  readonly time: string;
  readonly rulesFingerprint: string;
  readonly inputFingerprint: string;
  readonly resultFingerprint: string;
}

/** 运行记录: the earlier rows kept as they were, this run appended. */
export function logSheet(result: Result, record: RunRecord, previous: readonly (readonly Cell[])[]): SheetSpec {
  const s = result.summary;
  const kept = previous.slice(1).filter((r) => r.some((c) => c !== null)).map((r) => r.map(cellToOut));
  return {
    name: OUTPUT_SHEETS.log,
    rows: [
      LOG_HEADER.map(hdr),
      ...kept,
      [txt(record.time), txt(result.period), txt(record.rulesFingerprint), txt(record.inputFingerprint), int(s.branches),
        int(s.errors + s.fatal), int(s.warnings), txt(record.resultFingerprint), txt(result.version), txt(STATUS_ZH[result.status])],
    ],
    freezeRows: 1,
    columnWidths: [20, 10, 18, 18, 8, 8, 8, 18, 8, 8],
  };
}

function cellToOut(c: Cell): OutValue {
  return c === null ? null : c.value;
}
