import type { Cell } from "../model/cell.js";
import { decimalsOf, excelNumber, parseDecimal, toHundredths } from "../model/decimal.js";
import { cellText, isBlank, isErrorValue, normalizeText } from "./text.js";

/** The issue codes of a grid cell that cannot be taken as typed. */
export type CellProblemCode =
  | "CELL_ERROR_VALUE"
  | "SCORE_NA_IGNORED"
  | "SCORE_NA_NOT_ALLOWED"
  | "SCORE_NOT_NUMBER"
  | "SCORE_PRECISION"
  | "SCORE_OUT_OF_RANGE"
  | "VETO_INVALID";

/** What a grid cell says once read: a value (hundredths, or 1/0 for a veto), blank, or a problem. */
export interface CellReading {
  /** null: the cell counts as blank (empty, invalid, not applicable). */
  readonly value: number | null;
  readonly problem?:
    | { readonly code: CellProblemCode; readonly warning: boolean }
    /** A score typed as text, taken as the number `score` (points). */
    | { readonly code: "SCORE_NORMALIZED"; readonly warning: true; readonly score: number };
}

const BLANK: CellReading = { value: null };
const VETO_YES: CellReading = { value: 1 };
const VETO_NO: CellReading = { value: 0 };
const NA_TOKENS = new Set(["不适用", "N/A", "NA", "/", "—", "-"]);
const YES = new Set(["是", "Y", "1", "TRUE", "√"]);
const NO = new Set(["否", "N", "0", "FALSE", "×"]);
const SIGNED_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function isNotApplicableToken(c: Cell): boolean {
  return c !== null && c.kind === "text" && NA_TOKENS.has(normalizeText(c.value).toUpperCase());
}

const fail = (code: CellProblemCode, warning = false): CellReading => ({ value: null, problem: { code, warning } });

export interface ScoreCellContext {
  /** 分值 in hundredths. */
  readonly max: number;
  readonly isBase: boolean;
  /** Whether the item applies to the branch's category (always true for bonus items). */
  readonly applicable: boolean;
  /** In 仲裁 a not-applicable token simply means "no arbitration". */
  readonly naMeansBlank: boolean;
}

/** Reads a 基础 or 加分 cell, reporting the first problem in workbook.md's order. */
export function readScoreCell(c: Cell, ctx: ScoreCellContext): CellReading {
  if (isBlank(c)) return BLANK;
  if (isErrorValue(c)) return fail("CELL_ERROR_VALUE");
  if (ctx.isBase && !ctx.applicable) return isNotApplicableToken(c) ? BLANK : fail("SCORE_NA_IGNORED", true);
  if (isNotApplicableToken(c)) {
    if (ctx.naMeansBlank) return BLANK;
    return fail(ctx.isBase ? "SCORE_NA_NOT_ALLOWED" : "SCORE_NOT_NUMBER");
  }
  let value: number;
  let normalized = false;
  if (c!.kind === "number" && !c!.isDate) {
    const h = hundredthsIfExact(c!.value);
    if (h !== null) return h < 0 || h > ctx.max ? fail("SCORE_OUT_OF_RANGE") : scoreReading(h);
    value = excelNumber(c!.value);
  } else if (c!.kind === "text" && SIGNED_NUMBER.test(normalizeText(c!.value))) {
    value = Number(normalizeText(c!.value));
    normalized = true;
  } else {
    return fail("SCORE_NOT_NUMBER");
  }
  const text = normalized ? normalizeText((c as { value: string }).value).replace(/^\+/, "") : null;
  const dec = text !== null ? parseDecimal(text) : null;
  const decimals = dec ? dec.scale : decimalsOf(value);
  if (decimals > 2) return fail("SCORE_PRECISION");
  const h = dec ? toHundredths(dec)! : Math.round(value * 100);
  if (h < 0 || h > ctx.max) return fail("SCORE_OUT_OF_RANGE");
  return normalized ? { value: h, problem: { code: "SCORE_NORMALIZED", warning: true, score: h / 100 } } : { value: h };
}

// Readings are immutable: share one per value instead of allocating one per cell.
const SCORE_READINGS: CellReading[] = [];
function scoreReading(h: number): CellReading {
  return h <= 100_000 ? (SCORE_READINGS[h] ??= { value: h }) : { value: h };
}

/**
 * The fast path for the usual stored score: when v is exactly the double nearest to a
 * 2-decimal value, that value is also its 15-digit form, so no decimal text is needed.
 */
function hundredthsIfExact(v: number): number | null {
  if (!(Math.abs(v) < 1e13)) return null;
  const h = Math.round(v * 100);
  return h / 100 === v ? h : null;
}

/** Reads a 否决 cell: 1 for 是, 0 for 否. */
export function readVetoCell(c: Cell, naMeansBlank: boolean): CellReading {
  if (isBlank(c)) return BLANK;
  if (isErrorValue(c)) return fail("CELL_ERROR_VALUE");
  if (naMeansBlank && isNotApplicableToken(c)) return BLANK;
  const token = c!.kind === "text" ? normalizeText(c!.value).toUpperCase() : c!.kind === "number" && c!.isDate ? "" : cellText(c);
  if (YES.has(token)) return VETO_YES;
  if (NO.has(token)) return VETO_NO;
  return fail("VETO_INVALID");
}
