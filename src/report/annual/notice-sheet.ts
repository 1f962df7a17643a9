import { CATEGORIES } from "../../model/categories.js";
import type { AnnualBranch, AnnualResult } from "../../model/annual-result.js";
import { hdr, int, txt, type OutEntry, type SheetSpec } from "../sheet-spec.js";
import { ANNUAL_SHEETS, annualPrint, levelName, yearLabel } from "./common.js";

const WIDTH = 3;

/**
 * 公示名单: the five-star and then the four-star branches, each list on its own printed page,
 * grouped by category (类别 order of the roster's five, then any invalid one) and in rank order
 * inside a category, with lines for the notice period. A provisional result says not to post it.
 */
export function annualNoticeSheet(r: AnnualResult): SheetSpec {
  const rows: OutEntry[][] = [];
  const merges: string[] = [];
  const breaks: number[] = [];
  const merged = (entry: OutEntry) => {
    rows.push([entry]);
    merges.push(`A${rows.length}:C${rows.length}`);
  };
  for (const level of [5, 4] as const) {
    if (rows.length > 0) {
      rows.push([]);
      breaks.push(rows.length);
    }
    merged({ v: `${yearLabel(r)}${levelName(level)}级党支部名单（公示）`, style: "title" });
    if (r.status !== "final") {
      merged({ v: "【暂定结果，请勿公示】年度定级中仍有错误（见“年度校验报告”），改正并重新定级后再公示。", style: "notice" });
    }
    const listed = r.branches.filter((b) => b.stars === level);
    if (listed.length === 0) {
      merged(`本年度没有${levelName(level)}级党支部。`);
      continue;
    }
    merged(`共 ${listed.length} 个，按支部类别排列，类别内按年度排名先后。`);
    rows.push([hdr("序号"), hdr("支部名称"), hdr("所属单位")]);
    let n = 0;
    for (const [category, group] of byCategory(listed)) {
      merged({ v: `${category}（${group.length} 个）`, style: "header" });
      for (const b of group) rows.push([int(++n), txt(b.name || b.code), txt(b.unit)]);
    }
    rows.push([]);
    // Plain lines (no table border) for the department to complete before posting.
    merged("公示期：　　年　　月　　日至　　年　　月　　日。");
    merged("对公示对象如有异议，请在公示期内向组织部门反映。");
  }
  return {
    name: ANNUAL_SHEETS.notice,
    rows,
    merges,
    columnWidths: [6, 36, 28].slice(0, WIDTH),
    print: annualPrint(r, "portrait", undefined, breaks),
  };
}

function byCategory(branches: readonly AnnualBranch[]): [string, AnnualBranch[]][] {
  const groups = new Map<string, AnnualBranch[]>(CATEGORIES.map((c) => [c, []]));
  for (const b of branches) {
    const key = b.category ?? "（类别无效）";
    const group = groups.get(key);
    if (group) group.push(b);
    else groups.set(key, [b]);
  }
  return [...groups].filter(([, g]) => g.length > 0);
}
