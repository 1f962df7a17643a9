import { WorkbookUnreadableError, type WorkbookReader, type WorkbookWriter } from "../io/workbook.js";
import { planRaterMerge, type MergePlan } from "./plan-merge.js";

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
  return {
    sheet: plan.sheet,
    copied: plan.copied,
    conflicts: plan.conflicts,
    unknownBranches: plan.unknownBranches,
    unknownItems: plan.unknownItems,
  };
}

/** Whether the plan writes anything. */
export function changesSomething(plan: MergePlan): boolean {
  return plan.edits.length + (plan.notes?.edits.length ?? 0) > 0;
}

/**
 * Plans the merge of a rater's returned file into an open workbook. The open workbook has
 * already been read, so an unreadable workbook here is the rater's file: say so.
 */
export async function planReturnedFile(target: WorkbookReader, raterFile: WorkbookReader, as: string | null): Promise<MergePlan> {
  try {
    return await planRaterMerge(target, raterFile, as);
  } catch (e) {
    if (e instanceof WorkbookUnreadableError) throw e.of({ role: "rater" });
    throw e;
  }
}
