import { z } from "zod";
import type { Branch } from "./branch.js";
import { CATEGORIES, type Category } from "./categories.js";
import { decimalsOf } from "./decimal.js";

export const ITEM_TYPES = { 基础: "base", 加分: "bonus", 否决: "veto" } as const;
export type ItemTypeLabel = keyof typeof ITEM_TYPES;
export type ItemType = (typeof ITEM_TYPES)[ItemTypeLabel];

/**
 * The largest number of points a 分值, 分差阈值, 加分上限 or 星级阈值 may have. The spec sets no
 * upper bound; this one is far above any real rule set and keeps every sum of hundredths an exact
 * integer (a 分值 of 1E+308 would make the totals Infinity).
 */
export const MAX_POINTS = 10_000;

export interface RuleItem {
  readonly code: string;
  readonly type: ItemType;
  /** 考核方面; for bonus and veto items whatever the sheet says (加分项 / 否决项). */
  readonly area: string;
  readonly content: string;
  /** 分值 in hundredths (0 for veto items). */
  readonly max: number;
  readonly criteria: string;
  readonly naCategories: readonly Category[];
  /** 分差阈值 in hundredths, overriding 分差阈值比例 × 分值. */
  readonly tolerance: number | null;
}

export interface Rules {
  readonly items: readonly RuleItem[];
  /** Areas of the base items, in order of first appearance. */
  readonly areas: readonly string[];
}

export function areasOf(items: readonly RuleItem[]): string[] {
  return [...new Set(items.filter((i) => i.type === "base").map((i) => i.area))];
}

const points = (what: string) =>
  z
    .number({ error: `${what}应为数字` })
    .positive({ error: `${what}应大于 0` })
    .refine((v) => decimalsOf(v) <= 2, { error: `${what}最多两位小数` })
    .transform((v) => Math.round(v * 100));

/** A rule set as data (the shipped default rules, or rules exported as JSON). */
export const RuleItemDataSchema = z
  .object({
    code: z.string().trim().min(1, { error: "编号不能为空" }),
    type: z.enum(["基础", "加分", "否决"], { error: "类型应为 基础、加分 或 否决" }),
    area: z.string().trim(),
    content: z.string(),
    points: points("分值").optional(),
    criteria: z.string().default(""),
    notApplicable: z.array(z.enum(CATEGORIES, { error: "不适用类别应为五类支部之一" })).default([]),
    tolerance: z
      .number()
      .nonnegative()
      .refine((v) => decimalsOf(v) <= 2, { error: "分差阈值最多两位小数" })
      .transform((v) => Math.round(v * 100))
      .nullable()
      .default(null),
  })
  .superRefine((r, ctx) => {
    if (r.type !== "否决" && r.points === undefined) ctx.addIssue({ code: "custom", message: `${r.code}：基础和加分项必须有分值` });
    if (r.type === "基础" && r.area === "") ctx.addIssue({ code: "custom", message: `${r.code}：基础项必须有考核方面` });
  })
  .transform((r): RuleItem => ({
    code: r.code,
    type: ITEM_TYPES[r.type],
    area: r.area,
    content: r.content,
    max: r.type === "否决" ? 0 : (r.points ?? 0),
    criteria: r.criteria,
    naCategories: r.notApplicable,
    tolerance: r.tolerance,
  }));

export const RulesDataSchema = z
  .array(RuleItemDataSchema)
  .min(1)
  .superRefine((items, ctx) => {
    const codes = new Set<string>();
    for (const i of items) {
      if (codes.has(i.code)) ctx.addIssue({ code: "custom", message: `编号 ${i.code} 重复` });
      codes.add(i.code);
    }
    if (!items.some((i) => i.type === "base")) ctx.addIssue({ code: "custom", message: "至少需要一个基础项" });
  })
  .transform((items): Rules => ({ items, areas: areasOf(items) }));

export type RuleItemData = z.input<typeof RuleItemDataSchema>;

/** Whether an item applies to a branch: its category is not among the item's 不适用类别 (an invalid category: every item applies). */
export function applies(item: RuleItem, branch: Branch): boolean {
  return branch.category === null || !item.naCategories.includes(branch.category);
}
