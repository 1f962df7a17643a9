/// <reference types="office-js" />
/**
 * Replacing whole sheets of the open workbook safely (a regenerated template's grids): the new
 * sheets are written first under temporary names, then swapped in here. Renames and deletes
 * are cheap and do not depend on the sheets' size, so at no moment is a sheet's content only
 * half there; and each step reads the workbook before acting, so a step that failed (or only
 * seemed to: a lost response) can be undone or finished from what the workbook shows.
 */

/** A sheet to replace (`name`) by one written as `temp`; the old one steps aside as `backup` until it is deleted. */
export interface SheetSwap {
  readonly name: string;
  readonly temp: string;
  readonly backup: string;
}

async function sheetNames(ctx: Excel.RequestContext): Promise<string[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await ctx.sync();
  return sheets.items.map((w) => w.name);
}

/** Step 1, one sync: the old sheets step aside under their backup names, the new take their names. */
export async function renameForSwap(ctx: Excel.RequestContext, swaps: readonly SheetSwap[]): Promise<void> {
  const names = await sheetNames(ctx);
  const sheets = ctx.workbook.worksheets;
  for (const s of swaps) {
    const old = names.find((n) => n.toLowerCase() === s.name.toLowerCase());
    if (old === undefined || !names.includes(s.temp)) throw new Error(`cannot swap ${s.temp} in for ${s.name}`);
    sheets.getItem(old).name = s.backup;
    sheets.getItem(s.temp).name = s.name;
  }
  await ctx.sync();
}

/** Whether step 1 is done for every sheet (a failure reported after Excel had done it). */
export async function swapDone(ctx: Excel.RequestContext, swaps: readonly SheetSwap[]): Promise<boolean> {
  const has = new Set(await sheetNames(ctx));
  return swaps.every((s) => !has.has(s.temp) && has.has(s.name) && has.has(s.backup));
}

/** Undoes step 1 wherever it got: each old sheet gets its name back, each new one goes. */
export async function undoSwap(ctx: Excel.RequestContext, swaps: readonly SheetSwap[]): Promise<void> {
  const has = new Set(await sheetNames(ctx));
  const sheets = ctx.workbook.worksheets;
  for (const s of swaps) {
    if (!has.has(s.backup)) continue; // the old sheet never stepped aside
    // Renamed already: the new sheet goes back to its temporary name first.
    if (!has.has(s.temp) && has.has(s.name)) sheets.getItem(s.name).name = s.temp;
    sheets.getItem(s.backup).name = s.name;
  }
  await ctx.sync();
  for (const s of swaps) sheets.getItem(s.temp).delete();
  await ctx.sync();
}

/** Step 2: the old sheets (where still there) are deleted and the new ones put where they stood. */
export async function finishSwap(ctx: Excel.RequestContext, swaps: readonly SheetSwap[]): Promise<void> {
  const names = await sheetNames(ctx);
  const sheets = ctx.workbook.worksheets;
  const places = swaps.flatMap((s) => {
    const position = names.indexOf(s.backup);
    return position < 0 ? [] : [{ ...s, position }];
  });
  if (places.length === 0) return;
  for (const s of places) sheets.getItem(s.backup).delete();
  // Ascending: each new sheet goes where its old one was, and the ones after it follow as before.
  for (const s of places.sort((a, b) => a.position - b.position)) sheets.getItem(s.name).position = s.position;
  await ctx.sync();
}

/** Deletes the sheets of these names that exist. */
export async function deleteSheets(ctx: Excel.RequestContext, names: readonly string[]): Promise<void> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const present = (await sheetNames(ctx)).filter((n) => wanted.has(n.toLowerCase()));
  for (const n of present) ctx.workbook.worksheets.getItem(n).delete();
  if (present.length > 0) await ctx.sync();
}
