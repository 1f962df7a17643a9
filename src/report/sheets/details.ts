import type { ItemResult, Result } from "../../model/result.js";
import { OUTPUT_SHEETS } from "../../model/sheets.js";
import { MAX_PAGE_BREAKS } from "../excel-limits.js";
import { withRowHeights } from "../row-heights.js";
import { d2, d4, hdr, int, txt, type CellTone, type OutCell, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { quarterPrint, sharedCells, titleMerges, titleRows } from "./cells.js";

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
  // A status's text and number cells, shared by its rows (sharedCells): codes, names, items and scores repeat.
  const looks = new Map<ItemResult["status"], { text: (v: string) => OutCell; num: (v: number | null) => OutCell }>();
  for (const status of Object.keys(TONE) as ItemResult["status"][]) {
    const t = TONE[status];
    looks.set(status, { text: sharedCells((v: string) => txt(v, t)), num: sharedCells((v: number | null) => d2(v, t)) });
  }
  const items = result.items;
  const rows: OutEntry[][] = [];
  let branch: string | undefined;
  let name = "";
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    const { text, num } = looks.get(i.status)!;
    // The items run branch by branch: the name is looked up once a branch.
    if (i.branch !== branch) name = names.get((branch = i.branch)) ?? "";
    const diff = i.a !== null && i.b !== null ? Math.round((i.a - i.b) * 100) / 100 : null;
    rows.push([
      text(i.branch),
      text(name),
      text(i.item),
      num(i.max),
      num(i.a),
      num(i.b),
      num(diff),
      num(i.tolerance),
      num(i.c),
      num(i.final),
      text(i.status),
    ]);
  }
  const ag = result.agreement;
  // The agreement first, on a page of its own: below the detail its page would carry the
  // detail's repeated header.
  const agreementRows: OutEntry[][] = ag
    ? [
        [{ v: "双评一致性", style: "header" }],
        [hdr("一致率"), hdr("平均绝对分差"), hdr("平均偏差（A−B）"), hdr("ICC(2,1)"), hdr("评分对数"), hdr("ICC 支部数")],
        [pct(ag.rate), d4(ag.meanAbsDiff), d4(ag.meanDiff), d4(ag.icc), int(ag.pairs), int(ag.iccBranches)],
        [],
        [hdr("项目编号"), hdr("评分对数"), hdr("一致率"), hdr("平均绝对分差")],
        ...ag.perItem.map((p) => {
          const t: CellTone | undefined = p.rate !== null && p.rate < 0.8 ? "dispute" : undefined;
          return [txt(p.item, t), int(p.pairs, t), pct(p.rate, t), d4(p.meanAbsDiff, t)];
        }),
        [],
      ]
    : [];
  const top = titleRows(result, "双评明细");
  const headerRow = top.length + agreementRows.length;
  const breaks = branchPageBreaks(items, headerRow + 1);
  if (agreementRows.length > 0) breaks.unshift(headerRow);
  const spec: SheetSpec = {
    name: OUTPUT_SHEETS.details,
    rows: top.concat(agreementRows, [HEAD.map(hdr)], rows),
    // The header is frozen where it is the first row under the title; below the agreement it
    // would freeze the agreement with it, so only the code/name/item columns stay then.
    ...(agreementRows.length === 0 ? { freezeRows: headerRow + 1 } : {}),
    freezeColumns: 3,
    merges: titleMerges(top.length, HEAD.length),
    columnWidths: [9, 16, 7, 6, 6, 6, 6, 6, 6, 7, 9],
    print: quarterPrint(result, OUTPUT_SHEETS.details, "portrait", {
      repeatRows: 1,
      repeatFrom: headerRow,
      narrowMargins: true,
      pageBreaksBefore: breaks.slice(0, MAX_PAGE_BREAKS),
    }),
  };
  // Heights for the rows down to the header (wrapped headers); the detail rows keep the default.
  const heights = withRowHeights({ ...spec, rows: spec.rows.slice(0, headerRow + 1) }).rowHeights;
  return heights === undefined ? spec : { ...spec, rowHeights: heights };
}

/** A ratio shown as a percentage (99.44%); the cell keeps the exact value. */
const pct = (v: number | null, tone?: CellTone): OutCell => ({ v, style: "percent", tone });

/** Detail rows an A4 portrait page holds under the repeated header (15 pt rows, 0.75 inch margins). */
const ROWS_PER_PAGE = 44;

/**
 * Page breaks (0-based rows) so that no branch's rows are split across pages: a branch starts
 * a new page when it would not fit on the current one. A branch longer than a page starts on
 * a page of its own. Excel holds at most MAX_PAGE_BREAKS; beyond those, pages break where
 * they fall.
 */
function branchPageBreaks(branches: readonly { readonly branch: string }[], firstRow: number): number[] {
  const breaks: number[] = [];
  let used = 0;
  let k = 0;
  while (k < branches.length) {
    let n = 1;
    const code = branches[k]!.branch;
    while (k + n < branches.length && branches[k + n]!.branch === code) n++;
    if (used > 0 && used + n > ROWS_PER_PAGE) {
      breaks.push(firstRow + k);
      used = 0;
    }
    used += n;
    k += n;
  }
  return breaks;
}
