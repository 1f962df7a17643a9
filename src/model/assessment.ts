import type { Branch } from "./branch.js";
import type { DeductionNote } from "./result.js";
import type { Rules } from "./rules.js";
import type { Settings } from "./settings.js";

/** The four grids share one layout; their roles decide what a blank or a problem means. */
export type GridRole = "A" | "B" | "arbitration" | "self";

/**
 * A scoring grid's values once read. `values.get(branch)[i]` is rule item i's value in
 * hundredths (veto: 1 是 / 0 否), null when the cell exists but counts as blank, undefined when
 * the rater has no cell (row or column missing). Where the cells are stays with validation.
 */
export interface ScoreGrid {
  readonly role: GridRole;
  readonly values: ReadonlyMap<string, readonly (number | null | undefined)[]>;
}

/** A workbook that passed the fatal checks: everything the engine needs, typed. */
export interface Assessment {
  readonly settings: Settings;
  readonly rules: Rules;
  readonly branches: readonly Branch[];
  readonly a: ScoreGrid;
  readonly b: ScoreGrid;
  readonly arbitration: ScoreGrid | null;
  readonly self: ScoreGrid | null;
}

/** One item of one branch in one grid: what the engine's findings point at (validation knows the cell). */
export interface ItemRef {
  readonly grid: GridRole;
  readonly branch: string;
  readonly item: string;
}

/** 扣分说明 as read for the branch profiles: branch → item → the raters' notes, in sheet order. */
export type DeductionNotes = ReadonlyMap<string, ReadonlyMap<string, readonly DeductionNote[]>>;
