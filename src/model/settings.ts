import { z } from "zod";
import { compareDecimals, parseDecimal, toHundredths, type Decimal } from "./decimal.js";
import { UserError } from "./failure.js";
import { SETTING_EXPECTED_ZH } from "./messages-zh.js";
import { MAX_POINTS } from "./rules.js";
import { WORDS } from "./terms.js";

export const ARBITRATION_RULES = ["三评取近", "仲裁为准"] as const;
export const RANKING_MODES = ["并列跳位", "中国式"] as const;
export const NOTE_REQUIREMENTS = ["必填", "提示", "不检查"] as const;
export const ANNUAL_METHODS = ["季度平均", "季度加权"] as const;

export interface Settings {
  readonly period: string | null;
  readonly raterAName: string;
  readonly raterBName: string;
  /** 分差阈值比例: exact, in (0, 1]. */
  readonly toleranceRatio: Decimal;
  readonly arbitration: (typeof ARBITRATION_RULES)[number];
  /** 加分上限 in hundredths. */
  readonly bonusCap: number;
  readonly vetoStarCap: number;
  readonly vetoLast: boolean;
  /** Lower bounds of 5★, 4★, 3★, 2★, strictly decreasing. */
  readonly starThresholds: readonly [Decimal, Decimal, Decimal, Decimal];
  readonly ranking: (typeof RANKING_MODES)[number];
  readonly deductionNotes: (typeof NOTE_REQUIREMENTS)[number];
  // The annual grade's settings (annual.md §2): validated by every quarter, used only by the
  // annual run (from the latest quarter).
  /** 年度计分方式. */
  readonly annualMethod: (typeof ANNUAL_METHODS)[number];
  /** 季度权重 of Q1–Q4: exact, each > 0. */
  readonly quarterWeights: readonly [Decimal, Decimal, Decimal, Decimal];
  /** 五星比例上限 in (0, 1]; null: no quota. */
  readonly fiveStarCap: Decimal | null;
  /** 四星比例上限 in (0, 1]; null: no quota. */
  readonly fourStarCap: Decimal | null;
  /** 逐级晋升: annual stars rise at most one level above 上年星级. */
  readonly stepwise: boolean;
}

const dec = (s: string): Decimal => parseDecimal(s)!;

export const DEFAULT_SETTINGS: Settings = {
  period: null,
  raterAName: "党建部门",
  raterBName: "业务部门",
  toleranceRatio: dec("0.25"),
  arbitration: "三评取近",
  bonusCap: 500,
  vetoStarCap: 1,
  vetoLast: true,
  starThresholds: [dec("90"), dec("80"), dec("70"), dec("60")],
  ranking: "并列跳位",
  deductionNotes: "提示",
  annualMethod: "季度平均",
  quarterWeights: [dec("1"), dec("1"), dec("1"), dec("1")],
  fiveStarCap: null,
  fourStarCap: null,
  stepwise: false,
};

const CN_QUARTER: Readonly<Record<string, string>> = { 一: "1", 二: "2", 三: "3", 四: "4", 1: "1", 2: "2", 3: "3", 4: "4" };
const PLAIN = /^\d+(\.\d+)?$/;

/** `2026Q3`, `2026-q3`, `2026年第三季度`, `2026年3季度` … (spaces ignored, NFKC'd) → `2026Q3`. */
export const PeriodSchema = z.string().transform((s, ctx) => {
  const t = s.normalize("NFKC").replace(/\s+/g, "");
  const m = /^(\d{4})-?[Qq]([1-4])$/.exec(t) ?? /^(\d{4})年第?([1-4一二三四])季度$/.exec(t);
  if (!m) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  return `${m[1]}Q${CN_QUARTER[m[2]!]}`;
});

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

const ratio = z.string().transform((s, ctx) => {
  const t = s.replace(/\s+/g, "");
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1) : t;
  const d = PLAIN.test(body) ? parseDecimal(body) : null;
  const v = d && (pct ? { n: d.n, scale: d.scale + 2 } : d);
  if (!v || v.n <= 0n || v.n > 10n ** BigInt(v.scale)) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  return v;
});

const bonusCap = z.string().transform((s, ctx) => {
  const d = PLAIN.test(s) ? parseDecimal(s) : null;
  const h = d && toHundredths(d);
  if (h === null || h === undefined) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  if (h > MAX_POINTS * 100) {
    ctx.addIssue({ code: "custom", params: { max: MAX_POINTS } });
    return z.NEVER;
  }
  return h;
});

const starCap = z.string().transform((s, ctx) => {
  // A plain number counts by its value: "2.0" is the integer 2 (workbook.md).
  const d = PLAIN.test(s) ? parseDecimal(s) : null;
  if (!d || d.scale !== 0 || d.n > 5n) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  return Number(d.n);
});

const thresholds = z.string().transform((s, ctx) => {
  const parts = s.split(/[,，、]/).map((p) => p.trim());
  const ds = parts.map((p) => (PLAIN.test(p) ? parseDecimal(p) : null));
  const ok = ds.length === 4 && ds.every((d) => d !== null) && ds.every((d, i) => i === 0 || compareDecimals(ds[i - 1]!, d) > 0);
  if (!ok) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  if (compareDecimals(ds[0]!, { n: BigInt(MAX_POINTS), scale: 0 }) > 0) {
    ctx.addIssue({ code: "custom", params: { max: MAX_POINTS } });
    return z.NEVER;
  }
  return ds as unknown as readonly [Decimal, Decimal, Decimal, Decimal];
});

const quarterWeights = z.string().transform((s, ctx) => {
  const parts = s.split(/[,，、]/).map((p) => p.trim());
  const ds = parts.map((p) => (PLAIN.test(p) ? parseDecimal(p) : null));
  if (ds.length !== 4 || !ds.every((d) => d !== null && d.n > 0n)) {
    ctx.addIssue({ code: "custom" });
    return z.NEVER;
  }
  return ds as unknown as readonly [Decimal, Decimal, Decimal, Decimal];
});

/** 五星比例上限, 四星比例上限: a ratio as 分差阈值比例 takes it. */
const starQuota = ratio;

const YES_NO = [WORDS.yes, WORDS.no] as const;

/**
 * The 考核设置 rows, declared as data: each 设置项 with the field it sets, the schema that turns
 * its (trimmed, NFKC'd) text into a typed value and, where the values are a fixed few, the
 * `choices` (the template offers them as a list). What to type instead is said by the message
 * catalogues (SETTING_EXPECTED_ZH).
 */
export const SETTING_SPECS = {
  考核周期: { field: "period", schema: PeriodSchema },
  评分A名称: { field: "raterAName", schema: z.string() },
  评分B名称: { field: "raterBName", schema: z.string() },
  分差阈值比例: { field: "toleranceRatio", schema: ratio },
  仲裁规则: { field: "arbitration", schema: oneOf(ARBITRATION_RULES), choices: ARBITRATION_RULES },
  加分上限: { field: "bonusCap", schema: bonusCap },
  否决星级上限: { field: "vetoStarCap", schema: starCap, choices: ["0", "1", "2", "3", "4", "5"] },
  否决排末位: { field: "vetoLast", schema: oneOf(YES_NO).transform((v) => v === WORDS.yes), choices: YES_NO },
  星级阈值: { field: "starThresholds", schema: thresholds },
  排名方式: { field: "ranking", schema: oneOf(RANKING_MODES), choices: RANKING_MODES },
  扣分说明要求: { field: "deductionNotes", schema: oneOf(NOTE_REQUIREMENTS), choices: NOTE_REQUIREMENTS },
  年度计分方式: { field: "annualMethod", schema: oneOf(ANNUAL_METHODS), choices: ANNUAL_METHODS },
  季度权重: { field: "quarterWeights", schema: quarterWeights },
  五星比例上限: { field: "fiveStarCap", schema: starQuota },
  四星比例上限: { field: "fourStarCap", schema: starQuota },
  逐级晋升: { field: "stepwise", schema: oneOf(YES_NO).transform((v) => v === WORDS.yes), choices: YES_NO },
} as const satisfies Record<string, { field: keyof Settings; schema: z.ZodType; choices?: readonly string[] }>;

/** The values a setting takes when they are a fixed few, else undefined. */
export function settingChoices(name: SettingName): readonly string[] | undefined {
  const spec = SETTING_SPECS[name];
  return "choices" in spec ? spec.choices : undefined;
}

export type SettingName = keyof typeof SETTING_SPECS;
/** The Settings field a 设置项 sets. */
export type SettingField = keyof Settings;
export const SETTING_NAMES = Object.keys(SETTING_SPECS) as SettingName[];

/** A 考核周期 typed outside the workbook (CLI --period, the task pane): blank → null. */
export function parsePeriodInput(text: string | null | undefined): { period: string | null } | { error: string } {
  if (text === null || text === undefined || text.trim() === "") return { period: null };
  const parsed = PeriodSchema.safeParse(text);
  return parsed.success ? { period: parsed.data } : { error: `考核周期无效：“${text}”。${SETTING_EXPECTED_ZH.period}` };
}

/** parsePeriodInput for callers that report failures as errors (the task pane's operations). */
export function periodOrThrow(text: string | null | undefined): string | null {
  const parsed = parsePeriodInput(text);
  if ("error" in parsed) throw new UserError("PERIOD_INVALID", { value: text ?? "" });
  return parsed.period;
}
