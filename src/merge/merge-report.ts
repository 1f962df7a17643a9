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

/** A merge's outcome in Chinese, for the terminal (and anyone showing it as plain text). */
export function mergeReport(plan: MergePlan, limit = 30): string {
  let lines = [`“${plan.sheet}”：导入 ${plan.copied} 个单元格。`];
  const list = <T>(items: readonly T[], show: (x: T) => string) => [
    ...items.slice(0, limit).map((x) => `  ${show(x)}`),
    ...(items.length > limit ? [`  ……另有 ${items.length - limit} 项`] : []),
  ];
  if (plan.conflicts.length > 0) {
    lines.push(`${plan.conflicts.length} 个单元格两边都已填写且不一致，未覆盖（保留目标工作簿的值），请核对：`);
    lines = lines.concat(
      list(
        plan.conflicts,
        (c) => `${plan.sheet}!${c.cell}  支部 ${c.branch}，项目 ${c.item}：目标为“${c.target}”，导入文件为“${c.incoming}”`,
      ),
    );
  }
  if (plan.unknownBranches.length > 0) {
    lines.push(
      `导入文件中有 ${plan.unknownBranches.length} 个支部编码在目标的“${plan.sheet}”中没有对应行，未导入：${plan.unknownBranches.join("、")}`,
    );
  }
  if (plan.unknownItems.length > 0) {
    lines.push(
      `导入文件中有 ${plan.unknownItems.length} 个项目编号在目标的“${plan.sheet}”中没有对应列，未导入：${plan.unknownItems.join("、")}`,
    );
  }
  if (plan.skipped.length > 0) {
    lines.push(`${plan.skipped.length} 个已填写的单元格未导入：`);
    lines = lines.concat(list(plan.skipped, (s) => `导入文件 ${plan.sheet}!${s.cell}：${s.reason}`));
  }
  if (plan.notes && plan.notes.appended > 0) lines.push(`“扣分说明”：追加 ${plan.notes.appended} 行（目标中已有的相同说明不重复追加）。`);
  if (plan.notes && plan.notes.notCarried > 0) {
    lines.push(
      `导入文件的“扣分说明”有 ${plan.notes.notCarried} 行，但目标工作簿没有可用的“扣分说明”表（表头：支部编码、项目编号、评分方、说明），未导入。`,
    );
  }
  return lines.join("\n");
}
