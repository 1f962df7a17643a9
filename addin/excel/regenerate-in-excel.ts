/**
 * A regenerated template written into the open workbook (新建考核模板 → 按本工作簿的支部名册重新生成),
 * the one case where input sheets are replaced, so in an order where a failure loses nothing.
 * Everything was computed before (the plan). Then: the few patched cells (考核周期), so that a
 * locked 考核设置 stops it early; the new grids under temporary names, the missing template
 * sheets and the values kept aside, all as new sheets; the swap, which only renames. Until the
 * swap is done a failure puts everything back (patched cells restored, the sheets it added
 * deleted, renames undone): the workbook is as it was. After it, the old grids are deleted;
 * should that fail, they stay under their backup names.
 */
import type { Patch, RegenerationPlan } from "../../src/template/regenerate.js";
import type { ExcelWorkbook } from "./excel-workbook.js";

export async function regenerateInExcel(wb: ExcelWorkbook, plan: RegenerationPlan): Promise<void> {
  const before = await wb.sheetNames();
  const taken = new Set(before.map((n) => n.toLowerCase()));
  const free = (base: string) => {
    let name = `~${base}）`;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `~${base}${k}）`;
    taken.add(name.toLowerCase());
    return name;
  };
  const swaps = plan.replace.map((spec) => ({ name: spec.name, temp: free(`${spec.name}（新`), backup: free(`${spec.name}（旧`) }));
  const temp = new Map(swaps.map((s) => [s.name, s.temp]));
  const added = [...plan.add, ...(plan.setAside ? [plan.setAside] : [])]
    .map((s) => s.name)
    .filter((n) => !before.some((b) => b.toLowerCase() === n.toLowerCase()));

  const patched: Patch[] = [];
  try {
    for (const p of plan.patches) {
      patched.push(p); // before: a failure reported after Excel wrote the cells must put them back too
      await wb.patchCells(p.sheet, p.edits);
    }
    await wb.writeSheets([
      ...plan.replace.map((spec) => ({ ...spec, name: temp.get(spec.name)! })),
      ...plan.add,
      ...(plan.setAside ? [plan.setAside] : []),
    ]);
    await wb.swapSheets(swaps);
  } catch (e) {
    await putBack(wb, [...swaps.map((s) => s.temp), ...added], patched);
    throw e;
  }
  await wb.finishSwap(swaps);
}

/**
 * Deletes the sheets this run added (only those: never an old grid, whatever its name now) and
 * restores the patched cells. Best effort: Excel may refuse now too (e.g. a cell is being
 * edited); what stays is named so people can tell, and no old content is among it.
 */
async function putBack(wb: ExcelWorkbook, added: readonly string[], patched: readonly Patch[]): Promise<void> {
  await wb.deleteSheets(added).catch(() => undefined);
  for (const p of patched) await wb.patchCells(p.sheet, p.undo).catch(() => undefined);
}
