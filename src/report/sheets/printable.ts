import type { BranchResult, Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { starText } from "../labels.js";
import { d2, hdr, int, txt, wrap, type CellTone, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, titleMerges, titleRows } from "./cells.js";

/**
 * 考核结果（打印版）: the ranking as the leadership reads it on A4 landscape at full size —
 * each area as its score rate in a narrow column, and one 说明 column for vetoes and pending
 * arbitration instead of six more numbers. 考核结果 keeps every figure.
 */
export function printableSheet(result: Result): SheetSpec {
  const top = titleRows(result, "支部考核结果（打印版）");
  const note: OutEntry[] = [
    {
      v: "各考核方面为得分率（%），即得分占该方面分值的百分比，空白为不适用；各方面得分、A方和B方总分等完整数据见“考核结果”。",
      style: "notice",
    },
  ];
  const head = ["排名", "支部名称", "支部类别", "类别排名", ...result.areas, "总分", "星级", "阶梯", "说明"];
  const rows = result.branches.map((b): OutEntry[] => {
    const row: CellTone | undefined = b.vetoed ? "veto" : undefined;
    const first: CellTone | undefined = row ?? (b.tier === "第一阶梯" ? "top" : undefined);
    return [
      int(b.rank, row),
      wrap(b.name || b.code, row),
      wrap(b.category ?? "（类别无效）", row),
      int(b.categoryRank, row),
      ...b.areas.map((a) => d2(a.rate, row)),
      d2(b.total, row),
      txt(starText(b.stars), first),
      wrap(b.tier, first),
      wrap(remark(b), row ?? (b.pending > 0 ? "dispute" : undefined)),
    ];
  });
  const titles = [...top, note];
  return {
    name: OUTPUT_SHEETS.printable,
    rows: [...titles, head.map(hdr), ...rows],
    freezeRows: titles.length + 1,
    merges: titleMerges(titles.length, head.length),
    // About 120 characters: one A4 landscape page wide (narrow margins) at full size.
    columnWidths: [5, 16, 7, 5, ...result.areas.map(() => 6.5), 7, 10.5, 5, 12],
    print: quarterPrint(result, OUTPUT_SHEETS.printable, "landscape", { repeatRows: titles.length + 1, narrowMargins: true }),
  };
}

/** 否决 and pending arbitration in words; empty when there is neither. */
function remark(b: BranchResult): string {
  const parts: string[] = [];
  if (b.vetoed) parts.push(`否决：${b.vetoItems.join("、")}`);
  if (b.pending > 0) parts.push(`待仲裁 ${b.pending} 项`);
  return parts.join("；");
}
