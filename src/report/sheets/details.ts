import type { ItemResult, Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { d2, d4, hdr, int, txt, type CellTone, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { landscape, titleMerges, titleRows } from "./cells.js";

const TONE: Readonly<Record<ItemResult["status"], CellTone | undefined>> = {
  一致: undefined,
  已仲裁: undefined,
  超差待仲裁: "dispute",
  缺评: "dispute",
  不适用: "muted",
};

const HEAD = ["支部编码", "支部名称", "项目编号", "分值", "A", "B", "分差", "阈值", "仲裁", "最终得分", "状态"];

/** 双评明细: every branch × 基础/加分 item, then the agreement of the raters overall and per item. */
export function detailsSheet(result: Result): SheetSpec {
  const names = new Map(result.branches.map((b) => [b.code, b.name]));
  const rows = result.items.map((i): OutEntry[] => {
    const t = TONE[i.status];
    const diff = i.a !== null && i.b !== null ? Math.round((i.a - i.b) * 100) / 100 : null;
    return [
      txt(i.branch, t),
      txt(names.get(i.branch) ?? "", t),
      txt(i.item, t),
      d2(i.max, t),
      d2(i.a, t),
      d2(i.b, t),
      d2(diff, t),
      d2(i.tolerance, t),
      d2(i.c, t),
      d2(i.final, t),
      txt(i.status, t),
    ];
  });
  const ag = result.agreement;
  const agreementRows: OutEntry[][] = ag
    ? [
        [],
        [{ v: "双评一致性", style: "title" }],
        [hdr("一致率"), hdr("平均绝对分差"), hdr("平均偏差（A−B）"), hdr("ICC(2,1)"), hdr("评分对数"), hdr("ICC 支部数")],
        [d4(ag.rate), d4(ag.meanAbsDiff), d4(ag.meanDiff), d4(ag.icc), int(ag.pairs), int(ag.iccBranches)],
        [],
        [hdr("项目编号"), hdr("评分对数"), hdr("一致率"), hdr("平均绝对分差")],
        ...ag.perItem.map((p) => {
          const t: CellTone | undefined = p.rate !== null && p.rate < 0.8 ? "dispute" : undefined;
          return [txt(p.item, t), int(p.pairs, t), d4(p.rate, t), d4(p.meanAbsDiff, t)];
        }),
      ]
    : [];
  const top = titleRows(result, "双评明细");
  return {
    name: OUTPUT_SHEETS.details,
    rows: [...top, HEAD.map(hdr), ...rows, ...agreementRows],
    freezeRows: top.length + 1,
    freezeColumns: 3,
    merges: titleMerges(top.length, HEAD.length),
    columnWidths: [10, 26, 10, 8, 8, 8, 8, 8, 8, 10, 12],
    print: landscape(top.length + 1),
  };
}
