import type { Result, UnitResult } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { d2, hdr, int, txt, wrap, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, titleMerges, titleRows } from "./cells.js";

/** The star columns, most first; 无星 only where a branch can have none (否决星级上限 0) or has. */
const STAR_TITLES = ["无星", "一星", "二星", "三星", "四星", "五星"] as const;

/** How the branches with no 所属单位 are named in the sheet. */
const NO_UNIT = "（未填所属单位）";

/**
 * 单位汇总: one row per 所属单位 in rank order (result.units); null when the roster gives no
 * unit. The branches with no unit, if any, come last without a rank.
 */
export function unitsSheet(result: Result): SheetSpec | null {
  const units = result.units;
  if (units === null) return null;
  const noStar = result.settings?.vetoStarCap === 0 || units.some((u) => u.starCounts[0]! > 0);
  const stars = [5, 4, 3, 2, 1, ...(noStar ? [0] : [])];
  const head = [
    "排名",
    "所属单位",
    "支部数",
    "平均总分",
    "最高总分",
    "最低总分",
    ...stars.map((s) => STAR_TITLES[s]!),
    "否决数",
    "待仲裁项数",
  ];
  const rows = units.map((u: UnitResult): OutEntry[] => [
    int(u.rank),
    wrap(u.unit === "" ? NO_UNIT : u.unit),
    int(u.branches),
    d2(u.average),
    d2(u.highest),
    d2(u.lowest),
    ...stars.map((s) => int(u.starCounts[s]!)),
    int(u.vetoed, u.vetoed > 0 ? "veto" : undefined),
    int(u.pending, u.pending > 0 ? "dispute" : undefined),
  ]);
  const top = titleRows(result, "单位汇总");
  const note: OutEntry[] = [
    txt(
      "平均总分为本单位各支部总分的平均值（四舍五入到两位小数），按平均总分从高到低排名，相同者并列；各支部在本单位内的排名见“考核结果”的“单位内排名”列。",
    ),
  ];
  const titles = [...top, note];
  return {
    name: OUTPUT_SHEETS.units,
    rows: [...titles, head.map(hdr), ...rows],
    freezeRows: titles.length + 1,
    merges: titleMerges(titles.length, head.length),
    columnWidths: [6, 18, 7, 9, 9, 9, ...stars.map(() => 6), 7, 10],
    print: quarterPrint(result, OUTPUT_SHEETS.units, "landscape", { repeatRows: titles.length + 1 }),
  };
}
