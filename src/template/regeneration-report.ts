import {
  groupNotPlaced,
  notPlacedReason,
  staleNoteSubjects,
  type NotPlacedReason,
  type RegenerationSummary,
} from "../model/regeneration.js";

const ROW_REASONS: ReadonlySet<NotPlacedReason["kind"]> = new Set(["branch-removed", "no-code", "duplicate-row"]);

/** Whether something typed could not be placed back (kept aside in 未能放回的评分). */
export function leftSomethingOut(s: RegenerationSummary): boolean {
  return s.notPlaced.length > 0;
}

/** What a regeneration did, in Chinese, for the terminal: counts, then at most `limit` codes or groups of each list. */
export function regenerationReport(s: RegenerationSummary, limit = 30): string {
  const codes = (list: readonly string[]) => (list.length <= limit ? list.join("、") : `${list.slice(0, limit).join("、")} 等`);
  const lines = [`评分表已按支部名册重新生成：${s.branches} 个支部、${s.items} 个考核项；已填的内容保留 ${s.kept} 个单元格。`];
  if (s.addedBranches.length > 0) lines.push(`  新增支部 ${s.addedBranches.length} 个：${codes(s.addedBranches)}`);
  if (s.removedBranches.length > 0) lines.push(`  名册中已删除的支部 ${s.removedBranches.length} 个：${codes(s.removedBranches)}`);
  for (const r of s.renamedBranches.slice(0, limit)) lines.push(`  支部 ${r.code} 改名：“${r.from}” → “${r.to}”（分数已保留）`);
  if (s.addedItems.length > 0) lines.push(`  新增考核项 ${s.addedItems.length} 个：${codes(s.addedItems)}`);
  if (s.removedItems.length > 0) lines.push(`  细则中已删除的考核项 ${s.removedItems.length} 个：${codes(s.removedItems)}`);
  if (s.addedSheets.length > 0) lines.push(`  补上了工作表：${s.addedSheets.join("、")}`);
  if (s.period) lines.push(`  考核周期：${s.period.from ?? "未填写"} → ${s.period.to}`);
  if (s.notPlaced.length > 0) {
    lines.push(`${s.notPlaced.length} 个已填的单元格没有放回评分表，已逐格保存在“${s.notPlacedSheet}”工作表中，请核对：`);
    const groups = groupNotPlaced(s.notPlaced);
    for (const g of groups.slice(0, limit)) {
      const who = g.branch === "" ? "" : `支部 ${g.branch}${g.name === "" ? "" : `（${g.name}）`} `;
      // A whole row's reason says the branch; a cell's or a column's says the items too.
      const items = ROW_REASONS.has(g.reason.kind) ? [] : g.items.filter((i) => i !== "");
      const what = items.length === 0 ? "" : `项目 ${codes(items)} `;
      lines.push(`  ${who}${what}共 ${g.cells} 格（${g.sheets.join("、")}）：${notPlacedReason(g.reason)}`);
    }
    if (groups.length > limit) lines.push(`  ……另有 ${groups.length - limit} 组，见“${s.notPlacedSheet}”工作表`);
  }
  if (s.staleNotes.length > 0) {
    const about = staleNoteSubjects(s.staleNotes);
    lines.push(
      `“扣分说明”中有 ${s.staleNotes.length} 行说的支部或项目已不在名册或细则中（${[
        about.branches.length > 0 ? `支部 ${codes(about.branches)}` : "",
        about.items.length > 0 ? `项目 ${codes(about.items)}` : "",
      ]
        .filter((x) => x !== "")
        .join("；")}），保留在原处。`,
    );
  }
  return lines.join("\n");
}
