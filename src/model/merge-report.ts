import type { Coded } from "./catalogue.js";

/** Why a filled cell of a rater's file was not merged, other than a conflict. */
export type MergeSkipReason =
  /** A date: its serial number is no score. */
  | "date"
  /** The row has no 支部编码. */
  | "no-branch-code"
  /** The row repeats an earlier row's 支部编码 (only the first row is merged). */
  | "branch-repeated";

/**
 * The lines of a merge's report, as data (`sheet`: the grid merged; cells A1 on it). Each
 * language's catalogue renders them (failure-messages-zh.ts, failure-messages-en.ts).
 */
export interface MergeLineParams {
  readonly MERGE_COPIED: { readonly sheet: string; readonly cells: number };
  readonly MERGE_CONFLICTS: { readonly count: number };
  /** One conflict: what the target holds and what the rater's file holds, as people read them. */
  readonly MERGE_CONFLICT: {
    readonly sheet: string;
    readonly cell: string;
    readonly branch: string;
    readonly item: string;
    readonly target: string;
    readonly incoming: string;
  };
  readonly MERGE_BRANCHES_UNKNOWN: { readonly sheet: string; readonly branches: readonly string[] };
  readonly MERGE_ITEMS_UNKNOWN: { readonly sheet: string; readonly items: readonly string[] };
  readonly MERGE_SKIPPED: { readonly count: number };
  /** One skipped cell of the rater's file. */
  readonly MERGE_SKIP: { readonly sheet: string; readonly cell: string; readonly branch: string; readonly reason: MergeSkipReason };
  /** A list cut short: how many entries are not shown. */
  readonly MERGE_MORE: { readonly count: number };
  readonly MERGE_NOTES_APPENDED: { readonly sheet: string; readonly rows: number };
  /** `titles`: the header the target's notes sheet would need. */
  readonly MERGE_NOTES_NOT_CARRIED: { readonly sheet: string; readonly rows: number; readonly titles: readonly string[] };
}

export type MergeLine = Coded<MergeLineParams>;

/** Lines that are entries of the list above them (shown indented). */
export const MERGE_LIST_ENTRIES: ReadonlySet<keyof MergeLineParams> = new Set(["MERGE_CONFLICT", "MERGE_SKIP", "MERGE_MORE"]);
