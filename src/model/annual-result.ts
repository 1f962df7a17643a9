import { z } from "zod";
import { ANNUAL_ISSUE_CODES, SEVERITIES } from "./issues.js";
import { BRANCH_IDENTITY_FIELDS, StarsSchema, TierSchema } from "./result.js";
import { ANNUAL_METHODS, RANKING_MODES } from "./settings.js";

/** The JSON result of `scorecard annual --json` (annual.md §7). Extra fields: `product`, `version`, `inputs`, `adjustments`. */
const STATUS = z.enum(["final", "provisional", "fatal"]);

/** An annual issue as the JSON result reports it (annual.md §6): its quarter, file, sheet and cell, and its message in Chinese. */
export const AnnualReportedIssueSchema = z.object({
  severity: z.enum(SEVERITIES),
  code: z.enum(ANNUAL_ISSUE_CODES),
  period: z.string().nullable(),
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  cell: z.string().nullable(),
  message: z.string().min(1),
});

/** A branch's result in one quarter (its quarterly 总分, 星级, overall rank and veto). */
export const AnnualQuarterEntrySchema = z.object({
  period: z.string(),
  total: z.number(),
  stars: StarsSchema,
  rank: z.number().int().positive(),
  vetoed: z.boolean(),
});

/** Why a branch's stars are below its score's: one step of annual.md §5 that lowered them. */
export const StarAdjustmentSchema = z.object({
  step: z.enum(["veto", "stepwise", "quota"]),
  from: StarsSchema,
  to: StarsSchema,
});

export const AnnualBranchSchema = z.object({
  ...BRANCH_IDENTITY_FIELDS,
  /** Q1–Q4; null where the branch has no result. */
  quarters: z.array(AnnualQuarterEntrySchema.nullable()).length(4),
  score: z.number(),
  vetoed: z.boolean(),
  vetoQuarters: z.array(z.string()),
  scoreStars: StarsSchema,
  previousStars: StarsSchema.nullable(),
  stars: StarsSchema,
  tier: TierSchema,
  starChange: z.number().int().nullable(),
  rank: z.number().int().positive(),
  categoryRank: z.number().int().positive().nullable(),
  adjustments: z.array(StarAdjustmentSchema),
});

/** A usable quarter (annual.md §1). */
export const AnnualQuarterSchema = z.object({
  period: z.string(),
  file: z.string(),
  status: STATUS,
  branches: z.number().int().nonnegative(),
});

/** Every workbook given, in the order given, with what its own quarterly run found. */
export const AnnualInputSchema = z.object({
  file: z.string(),
  period: z.string().nullable(),
  status: STATUS,
  usable: z.boolean(),
  branches: z.number().int().nonnegative(),
  fatal: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});

export const AnnualSettingsSchema = z.object({
  method: z.enum(ANNUAL_METHODS),
  weights: z.array(z.number()).length(4),
  fiveStarCap: z.number().nullable(),
  fourStarCap: z.number().nullable(),
  stepwise: z.boolean(),
  starThresholds: z.array(z.number()).length(4),
  vetoStarCap: z.number().int(),
  vetoLast: z.boolean(),
  ranking: z.enum(RANKING_MODES),
});

export const AnnualResultSchema = z.object({
  product: z.literal("branch-scorecard"),
  version: z.string(),
  year: z.number().int().nullable(),
  status: STATUS,
  quarters: z.array(AnnualQuarterSchema),
  settings: AnnualSettingsSchema.nullable(),
  branches: z.array(AnnualBranchSchema),
  issues: z.array(AnnualReportedIssueSchema),
  inputs: z.array(AnnualInputSchema),
});

export type AnnualReportedIssue = z.infer<typeof AnnualReportedIssueSchema>;
export type StarAdjustment = z.infer<typeof StarAdjustmentSchema>;
export type AnnualBranch = z.infer<typeof AnnualBranchSchema>;
export type AnnualInput = z.infer<typeof AnnualInputSchema>;
export type AnnualSettings = z.infer<typeof AnnualSettingsSchema>;
export type AnnualResult = z.infer<typeof AnnualResultSchema>;
