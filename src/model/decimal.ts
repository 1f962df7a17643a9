/**
 * Exact decimal arithmetic. Scores have at most 2 decimals and are held as integer
 * hundredths; ratios with more decimals (分差阈值比例, star thresholds) as bigint rationals.
 */

/** A non-negative-or-negative exact decimal: n / 10^scale. */
export interface Decimal {
  readonly n: bigint;
  readonly scale: number;
}

const PLAIN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string (`12`, `-0.50`, `3.5`). No exponent, no separators. */
export function parseDecimal(s: string): Decimal | null {
  const m = PLAIN.exec(s);
  if (!m) return null;
  const frac = withoutTrailingZeros(m[3] ?? "");
  const n = BigInt((m[2] ?? "") + frac) * (m[1] === "-" ? -1n : 1n);
  return { n, scale: frac.length };
}

/** `"500"` → `"5"`, in linear time (/0+$/ takes quadratic time on a long run of zeros). */
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return digits.slice(0, end);
}

/** Excel keeps 15 significant digits: 0.30000000000000004 is 0.3 (the largest doubles keep theirs: rounded up they would be Infinity). */
export function excelNumber(v: number): number {
  const x = Number(v.toPrecision(15));
  return Number.isFinite(x) ? x : v;
}

/** The shortest plain decimal text of a stored number at Excel's 15 digits (1.1 → "1.1", 1e-7 → "0.0000001"). */
export function numberText(v: number): string {
  const x = excelNumber(v);
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return expandExponent(s);
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const digits = (m[2] ?? "") + (m[3] ?? "");
  const exp = Number(m[4]);
  const point = 1 + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return (m[1] ?? "") + out;
}

/** The number of decimals a stored number has at 15 significant digits. */
export function decimalsOf(v: number): number {
  const d = parseDecimal(numberText(v));
  return d ? d.scale : Infinity;
}

/** A decimal with at most 2 decimals → integer hundredths; null when it has more. */
export function toHundredths(d: Decimal): number | null {
  if (d.scale > 2) return null;
  return Number(d.n * 10n ** BigInt(2 - d.scale));
}

/** Integer hundredths → JSON number (the nearest double to the exact 2-decimal value). */
export function fromHundredths(h: number): number {
  return h / 100;
}

/** round2(p / q) for hundredth-valued results: round half up of p/q to an integer, p ≥ 0, q > 0. */
export function divRoundHalfUp(p: number, q: number): number {
  return Math.floor((2 * p + q) / (2 * q));
}

/** Same as divRoundHalfUp but away from zero for negatives, on bigints. */
export function bigDivRound(p: bigint, q: bigint): bigint {
  if (q < 0n) return bigDivRound(-p, -q);
  const neg = p < 0n;
  const a = neg ? -p : p;
  const r = (2n * a + q) / (2n * q);
  return neg ? -r : r;
}

/** floor(d × h) for a non-negative decimal d and integer hundredths h: a tolerance in whole hundredths. */
export function floorTimes(d: Decimal, h: number): number {
  return Number((d.n * BigInt(h)) / 10n ** BigInt(d.scale));
}

/** Compares integer hundredths h with a decimal d: sign of (h/100 − d). */
export function compareHundredths(h: number, d: Decimal): number {
  const left = BigInt(h) * 10n ** BigInt(d.scale);
  const right = d.n * 100n;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Sign of a − b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.n * 10n ** BigInt(scale - a.scale);
  const y = b.n * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A decimal as plain text without trailing zeros: {n: 75n, scale: 2} → "0.75". */
export function decimalText(d: Decimal): string {
  const neg = d.n < 0n;
  const digits = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, "0");
  const int = digits.slice(0, digits.length - d.scale);
  const frac = withoutTrailingZeros(digits.slice(digits.length - d.scale));
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

/** A decimal as a JSON number (the double nearest to it). */
export function decimalToNumber(d: Decimal): number {
  return Number(decimalText(d));
}

/** Rounds a ratio p/q to 4 decimals (half away from zero) and returns it as a number. */
export function ratioTo4(p: bigint, q: bigint): number {
  return Number(bigDivRound(p * 10000n, q)) / 10000;
}
