import type { MergeLine } from "../model/merge-report.js";
import { TABLES } from "../model/sheets.js";
import type { MergePlan } from "./plan-merge.js";

/** Whether anything filled in the rater's file did not make it into the target. */
export function hasLeftovers(plan: MergePlan): boolean {
  return (
    plan.conflicts.length > 0 ||
    plan.unknownBranches.length > 0 ||
    plan.unknownItems.length > 0 ||
    plan.skipped.length > 0 ||
    (plan.notes?.notCarried ?? 0) > 0
  );
}

/** A merge's outcome as report lines (data; `mergeReportText` renders them), each list cut at `limit` entries. */
export function mergeReport(plan: MergePlan, limit = 30): MergeLine[] {
  const { sheet } = plan;
  let lines: MergeLine[] = [{ code: "MERGE_COPIED", params: { sheet, cells: plan.copied } }];
  const list = <T>(items: readonly T[], entry: (x: T) => MergeLine): MergeLine[] => [
    ...items.slice(0, limit).map(entry),
    ...(items.length > limit ? [{ code: "MERGE_MORE", params: { count: items.length - limit } } as const] : []),
  ];
  if (plan.conflicts.length > 0) {
    lines.push({ code: "MERGE_CONFLICTS", params: { count: plan.conflicts.length } });
    lines = lines.concat(list(plan.conflicts, (c) => ({ code: "MERGE_CONFLICT", params: { sheet, ...c } })));
  }
  if (plan.unknownBranches.length > 0) lines.push({ code: "MERGE_BRANCHES_UNKNOWN", params: { sheet, branches: plan.unknownBranches } });
  if (plan.unknownItems.length > 0) lines.push({ code: "MERGE_ITEMS_UNKNOWN", params: { sheet, items: plan.unknownItems } });
  if (plan.skipped.length > 0) {
    lines.push({ code: "MERGE_SKIPPED", params: { count: plan.skipped.length } });
    lines = lines.concat(
      list(plan.skipped, (s) => ({ code: "MERGE_SKIP", params: { sheet, cell: s.cell, branch: s.branch, reason: s.reason } })),
    );
  }
  const notes = plan.notes;
  if (notes && notes.appended > 0) lines.push({ code: "MERGE_NOTES_APPENDED", params: { sheet: notes.sheet, rows: notes.appended } });
  if (notes && notes.notCarried > 0) {
    lines.push({ code: "MERGE_NOTES_NOT_CARRIED", params: { sheet: notes.sheet, rows: notes.notCarried, titles: TABLES.notes.required } });
  }
  return lines;
}
