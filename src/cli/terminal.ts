import type { Result } from "../model/result.js";
import { MAX_CELL_TEXT, type OverlongText } from "../report/excel-limits.js";
import { SEVERITY_ZH, STATUS_ZH, starText } from "../report/labels.js";

/**
 * Characters a terminal would act on rather than show: C0 and C1 controls (ESC starts the
 * sequences that move the cursor, recolour, retitle the window or write the clipboard; U+009B
 * is CSI on its own), DEL, line and paragraph separators, bidirectional overrides that reorder
 * what is shown (U+202E…), and lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|[\udc00-\udfff](?<![\ud800-\udbff][\udc00-\udfff])/g;
// The same less line breaks and tabs, which our own layout uses: they never match, so a JSON
// result of 50 MB (one line break a line) is scanned without a call per line. The lone low
// surrogate is matched before its look-behind, which is then tried only on low surrogates.
const UNSAFE_IN_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|[\udc00-\udfff](?<![\ud800-\udbff][\udc00-\udfff])/g;
// One character class, no look-around: a quick scan that passes almost all output (a 50 MB
// JSON result) at once; any surrogate, paired or not, sends the text to the full check.
const MAYBE_UNSAFE_IN_LAYOUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, "0");

/** Text people typed or named (names, values, paths) for the terminal: everything it would act on shown escaped (ESC → \x1B). */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/**
 * The last guard on everything the CLI prints: the same characters escaped except line breaks
 * and tabs of our own layout, as JSON-compatible `\u` escapes (inside a JSON string they mean
 * the same character).
 */
export function terminalOutput(s: string): string {
  if (!MAYBE_UNSAFE_IN_LAYOUT.test(s)) return s;
  return s.replace(UNSAFE_IN_LAYOUT, (c) => `\\u${hex(c, 4)}`);
}

/** Every string in plain data (parameters, a merge plan) passed through terminalText. */
export function terminalData<T>(value: T): T {
  if (typeof value === "string") return terminalText(value) as T;
  if (Array.isArray(value)) return value.map(terminalData) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalData(v)])) as T;
  }
  return value;
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

const pad = (s: string, w: number, right = false) => {
  const fill = " ".repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export function table(head: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  // A loop, not Math.max(...rows): spreading thousands of rows into one call overflows the stack.
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? "")), displayWidth(h)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i]!, rightAligned.has(i)))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const fmt = (v: number) => v.toFixed(2);

/** The ranking as a terminal table. */
export function rankingTable(result: Result): string {
  const rows = result.branches.map((b) => [
    String(b.rank),
    terminalText(b.code),
    terminalText(b.name),
    b.category ?? "—",
    b.categoryRank === null ? "—" : String(b.categoryRank),
    fmt(b.base),
    fmt(b.bonus),
    fmt(b.total),
    starText(b.stars),
    b.tier,
    terminalText(b.vetoItems.join("、")),
  ]);
  return table(
    ["排名", "编码", "支部名称", "类别", "类别排名", "基础得分", "加分", "总分", "星级", "阶梯", "否决"],
    rows,
    new Set([0, 4, 5, 6, 7]),
  );
}

/** A short summary for stderr: counts, status and the first problems. */
export function summary(result: Result, limit = 20): string {
  const s = result.summary;
  const head =
    result.status === "fatal"
      ? `无法计算结果：发现 ${s.fatal} 个致命问题。`
      : `${terminalText(result.period ?? "（考核周期未填）")}：${s.branches} 个支部，结果${STATUS_ZH[result.status]}（错误 ${s.errors} 项，警告 ${s.warnings} 项）。`;
  const shown = [...result.issues].sort((a, b) => rankOf(a.severity) - rankOf(b.severity)).slice(0, limit);
  const lines = shown.map(
    (i) =>
      `  [${SEVERITY_ZH[i.severity]}] ${i.code} ${terminalText(i.sheet ?? "")}${i.cell ? "!" + i.cell : ""}  ${terminalText(i.message)}`,
  );
  const more = result.issues.length > limit ? [`  ……另有 ${result.issues.length - limit} 项，见“校验报告”或 --json 输出。`] : [];
  return [head, ...lines, ...more].join("\n");
}

/** The warning for texts the writer shortened to fit Excel's cells; null when there are none. */
export function shortenedWarning(texts: readonly OverlongText[], limit = 5): string | null {
  if (texts.length === 0) return null;
  const cells = texts
    .slice(0, limit)
    .map((t) => `${terminalText(t.sheet)}!${t.cell}（${t.length} 个字符）`)
    .join("、");
  const more = texts.length > limit ? ` 等 ${texts.length} 处` : "";
  return `注意：${cells}${more}的文字超过 Excel 单元格上限 ${MAX_CELL_TEXT} 个字符，已截短并以“…”结尾；完整内容见 --json 输出或原工作簿。`;
}

const rankOf = (s: string) => (s === "fatal" ? 0 : s === "error" ? 1 : 2);
