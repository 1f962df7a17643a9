import { z } from "zod";
import { CATEGORIES } from "./categories.js";
import { QUARTER_ISSUE_CODES, SEVERITIES } from "./issues.js";
import { ARBITRATION_RULES, RANKING_MODES } from "./settings.js";

/** The JSON result of `scorecard score|validate --json` (result-json.md). */
const nullableNumber = z.number().nullable();

/** An issue as the JSON result reports it: where, and its message in Chinese. */
export const ReportedIssueSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.enum(QUARTER_ISSUE_CODES),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  message: z.string().min(1),
});

export const AreaScoreSchema = z.object({
  name: z.string(),
  score: z.number(),
  max: z.number(),
  rate: nullableNumber,
});

/** A branch as both results name it (quarterly and annual): its 支部名册 row. */
export const BRANCH_IDENTITY_FIELDS = {
  code: z.string(),
  name: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  /** 所属单位 from the roster, "" when blank or when the roster has no such column. */
  unit: z.string(),
};

/** The 星级 of a branch's score: 0 (无星) to 5. */
export const StarsSchema = z.number().int().min(0).max(5);
export const TierSchema = z.enum(["第一阶梯", "第二阶梯", "第三阶梯"]);

export const BranchResultSchema = z.object({
  ...BRANCH_IDENTITY_FIELDS,
  areas: z.array(AreaScoreSchema),
  base: z.number(),
  bonus: z.number(),
  total: z.number(),
  vetoed: z.boolean(),
  vetoItems: z.array(z.string()),
  stars: StarsSchema,
  tier: TierSchema,
  rank: z.number().int().positive(),
  categoryRank: z.number().int().positive().nullable(),
  /** Rank among the branches of its 所属单位 (the branches' tie rule); null without a unit. */
  unitRank: z.number().int().positive().nullable(),
  totalA: z.number(),
  totalB: z.number(),
  pending: z.number().int().nonnegative(),
  selfTotal: nullableNumber,
  selfGap: nullableNumber,
});

/** One 所属单位 (单位汇总): its branches' figures; `unit` "" gathers the branches with none, unranked. */
export const UnitResultSchema = z.object({
  unit: z.string(),
  branches: z.number().int().positive(),
  /** round2 of the exact mean 总分. */
  average: z.number(),
  highest: z.number(),
  lowest: z.number(),
  /** How many branches have each number of stars: index 0 (无星) to 5. */
  starCounts: z.array(z.number().int().nonnegative()).length(6),
  vetoed: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  /** By `average` descending, ties sharing a rank by the 排名方式; null for the branches with no unit. */
  rank: z.number().int().positive().nullable(),
});

export const ItemResultSchema = z.object({
  branch: z.string(),
  item: z.string(),
  a: nullableNumber,
  b: nullableNumber,
  c: nullableNumber,
  final: nullableNumber,
  status: z.enum(["一致", "超差待仲裁", "已仲裁", "缺评", "不适用"]),
  max: z.number(),
  tolerance: z.number(),
});

export const AgreementSchema = z.object({
  pairs: z.number().int().nonnegative(),
  rate: nullableNumber,
  meanAbsDiff: nullableNumber,
  meanDiff: nullableNumber,
  icc: nullableNumber,
  iccBranches: z.number().int().nonnegative(),
  perItem: z.array(
    z.object({ item: z.string(), pairs: z.number().int().nonnegative(), rate: nullableNumber, meanAbsDiff: nullableNumber }),
  ),
});

/** A rater's note on a deduction, from 扣分说明: 评分方 A, B or 仲裁. */
export const DeductionNoteSchema = z.object({ rater: z.enum(["A", "B", "仲裁"]), text: z.string() });

/**
 * One branch's picture (支部画像): its areas with a rate against the averages of its category
 * and of all branches, its 短板弱项 and what it lost points on. Areas without a rate are left out.
 */
export const ProfileSchema = z.object({
  code: z.string(),
  /** Branches of its category (null when its category is invalid): the n of 类别排名 k/n. */
  categoryBranches: z.number().int().positive().nullable(),
  areas: z.array(
    z.object({
      name: z.string(),
      score: z.number(),
      max: z.number(),
      rate: z.number(),
      /** Null when the branch's category is invalid (no peers). */
      categoryAverage: nullableNumber,
      overallAverage: z.number(),
      /** rate − categoryAverage; null with no category average. */
      gap: nullableNumber,
    }),
  ),
  /** At most three areas below the category average, the largest shortfall first (ties in rule order). */
  weakAreas: z.array(z.object({ name: z.string(), gap: z.number(), items: z.array(z.string()) })),
  /** Every applicable 基础 item scored below its 分值, in rule order. */
  deductions: z.array(
    z.object({
      item: z.string(),
      area: z.string(),
      content: z.string(),
      max: z.number(),
      final: z.number(),
      deducted: z.number(),
      status: z.enum(["一致", "超差待仲裁", "已仲裁", "缺评"]),
      notes: z.array(DeductionNoteSchema),
    }),
  ),
  /** 加分 items with points. */
  bonuses: z.array(z.object({ item: z.string(), content: z.string(), score: z.number() })),
  /** Triggered 否决 items. */
  vetoes: z.array(z.object({ item: z.string(), content: z.string() })),
});

export const ResultSchema = z.object({
  product: z.literal("branch-scorecard"),
  version: z.string(),
  period: z.string().nullable(),
  status: z.enum(["final", "provisional", "fatal"]),
  settings: z
    .object({
      tolerance: z.number(),
      arbitration: z.enum(ARBITRATION_RULES),
      bonusCap: z.number(),
      vetoStarCap: z.number().int(),
      vetoLast: z.boolean(),
      starThresholds: z.array(z.number()).length(4),
      ranking: z.enum(RANKING_MODES),
      raterAName: z.string(),
      raterBName: z.string(),
      deductionNotes: z.string(),
    })
    .nullable(),
  areas: z.array(z.string()),
  branches: z.array(BranchResultSchema),
  /** Per 所属单位 in rank order; null when no branch of the roster has one (and on a fatal result). */
  units: z.array(UnitResultSchema).nullable(),
  items: z.array(ItemResultSchema),
  agreement: AgreementSchema.nullable(),
  /** One per branch, in rank order (empty on a fatal run). */
  profiles: z.array(ProfileSchema),
  summary: z.object({
    branches: z.number().int(),
    fatal: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  issues: z.array(ReportedIssueSchema),
});

export type BranchResult = z.infer<typeof BranchResultSchema>;
export type UnitResult = z.infer<typeof UnitResultSchema>;
export type ItemResult = z.infer<typeof ItemResultSchema>;
export type Agreement = z.infer<typeof AgreementSchema>;
export type Result = z.infer<typeof ResultSchema>;

/**
 * A result without its item rows (双评明细's lines: 160,000 for 5,000 branches): all the task
 * pane shows and the 支部画像 sheet's layout reads, and what the file mode's worker sends it.
 */
export type ResultOverview = Omit<Result, "items">;
export type Profile = z.infer<typeof ProfileSchema>;
export type DeductionNote = z.infer<typeof DeductionNoteSchema>;
export type ReportedIssue = z.infer<typeof ReportedIssueSchema>;
export type ResultSettings = NonNullable<Result["settings"]>;
