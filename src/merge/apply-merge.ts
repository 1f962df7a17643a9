import type { WorkbookWriter } from "../io/workbook.js";
import type { MergePlan } from "./plan-merge.js";

/** What a rater merge did, as the CLI and the task pane report it. */
export interface MergeSummary {
  readonly sheet: string;
  /** Cells copied into the target. */
  readonly copied: number;
  readonly conflicts: MergePlan["conflicts"];
  readonly unknownBranches: readonly string[];
  readonly unknownItems: readonly string[];
}

/** Writes a merge plan into the target workbook: the grid's cells, then the rater's 扣分说明 rows. */
export async function applyMerge(target: WorkbookWriter, plan: MergePlan): Promise<MergeSummary> {
  if (plan.edits.length > 0) await target.patchCells(plan.sheet, plan.edits);
  if (plan.notes && plan.notes.edits.length > 0) await target.patchCells(plan.notes.sheet, plan.notes.edits);
  return { sheet: plan.sheet, copied: plan.copied, conflicts: plan.conflicts, unknownBranches: plan.unknownBranches, unknownItems: plan.unknownItems };
}

/** Whether the plan writes anything. */
export function changesSomething(plan: MergePlan): boolean {
  return plan.edits.length + (plan.notes?.edits.length ?? 0) > 0;
}
