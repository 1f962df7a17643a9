import type { Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { starText, STATUS_ZH } from "../labels.js";
import { d2, hdr, int, txt, type CellTone, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { fitWidth, quarterPrint, titleMerges, titleRows } from "./cells.js";

const WIDTHS: Readonly<Record<string, number>> = { 支部名称: 26, 支部类别: 12, 所属单位: 18, 星级: 12, 否决项: 10 };

/**
 * 考核结果: one row per branch in rank order; with units in the roster, 所属单位 and the rank
 * within the unit after the category's. Vetoed branches are shaded red, branches with
 * items awaiting arbitration orange on that count, the first tier green on its stars.
 */
export function resultsSheet(result: Result): SheetSpec {
  const hasSelf = result.branches.some((b) => b.selfTotal !== null);
  const hasUnits = result.units !== null;
  const head = [
    "排名",
    "支部编码",
    "支部名称",
    "支部类别",
    ...(hasUnits ? ["所属单位"] : []),
    "类别排名",
    ...(hasUnits ? ["单位内排名"] : []),
    ...result.areas,
    "基础得分",
    "加分",
    "否决项",
    "总分",
    "星级",
    "阶梯",
    "A方总分",
    "B方总分",
    "待仲裁项数",
    "状态",
    ...(hasSelf ? ["自评总分", "自评偏差"] : []),
  ];
  const status = STATUS_ZH[result.status];
  const rows = result.branches.map((b): OutEntry[] => {
    const row: CellTone | undefined = b.vetoed ? "veto" : undefined;
    const top: CellTone | undefined = row ?? (b.tier === "第一阶梯" ? "top" : undefined);
    return [
      int(b.rank, row),
      txt(b.code, row),
      txt(b.name, row),
      txt(b.category ?? "（类别无效）", row),
      ...(hasUnits ? [txt(b.unit, row)] : []),
      int(b.categoryRank, row),
      ...(hasUnits ? [int(b.unitRank, row)] : []),
      ...b.areas.map((a) => d2(a.score, row)),
      d2(b.base, row),
      d2(b.bonus, row),
      txt(b.vetoItems.join("、"), row),
      d2(b.total, row),
      txt(starText(b.stars), top),
      txt(b.tier, top),
      d2(b.totalA, row),
      d2(b.totalB, row),
      int(b.pending, row ?? (b.pending > 0 ? "dispute" : undefined)),
      txt(status, row),
      ...(hasSelf ? [d2(b.selfTotal, row), d2(b.selfGap, row)] : []),
    ];
  });
  const top = titleRows(result, "支部考核结果");
  return {
    name: OUTPUT_SHEETS.results,
    rows: [...top, head.map(hdr), ...rows],
    freezeRows: top.length + 1,
    freezeColumns: 3,
    merges: titleMerges(top.length, head.length),
    columnWidths: head.map((h) => WIDTHS[h] ?? fitWidth(h)),
    // Full size over pages across, 排名 to 支部名称 on each; 考核结果（打印版） is the one that fits A4.
    print: quarterPrint(result, OUTPUT_SHEETS.results, "landscape", { fitToWidth: false, repeatRows: top.length + 1, repeatColumns: 3 }),
  };
}
