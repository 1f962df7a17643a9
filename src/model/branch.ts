import type { Category } from "./categories.js";

/** A branch of the roster (支部名册). */
export interface Branch {
  readonly code: string;
  /** "" when the roster cell is blank. */
  readonly name: string;
  /** null when the roster's category is invalid: every item then applies and there is no category rank. */
  readonly category: Category | null;
  readonly unit: string;
}
