/** Branch categories (支部类别) and the short forms people type. */
export const CATEGORIES = ["生产类", "辅助类", "综合管理类", "市场经营类", "非公改制类"] as const;
export type Category = (typeof CATEGORIES)[number];

const SHORT_FORMS: Readonly<Record<string, Category>> = {
  生产: "生产类",
  辅助: "辅助类",
  管理: "综合管理类",
  综合管理: "综合管理类",
  经营: "市场经营类",
  市场经营: "市场经营类",
  非公: "非公改制类",
  非公改制: "非公改制类",
};

/** A trimmed category text → its full name, or null when it is none of the five. */
export function normalizeCategory(text: string): Category | null {
  if ((CATEGORIES as readonly string[]).includes(text)) return text as Category;
  return SHORT_FORMS[text] ?? null;
}

/** Splits a list typed with `,` `，` or `、`. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((s) => s.trim()) // white space incl. U+3000 and NBSP; linear, unlike /\s+$/
    .filter((s) => s !== "");
}
