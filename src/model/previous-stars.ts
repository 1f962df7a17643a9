/** A 上年星级 cell that is not a grade: its address and what it holds, as the user sees it. */
export interface InvalidPreviousStars {
  readonly code: string;
  readonly cell: string;
  readonly value: string;
}

/** 上年星级 as read from a quarter's 支部名册 (annual.md §2): each code's grade, and the cells that are not grades. */
export interface PreviousStars {
  readonly stars: ReadonlyMap<string, number>;
  readonly invalid: readonly InvalidPreviousStars[];
}
