import type { Result } from "../model/result.js";
import { SEVERITY_ZH, STATUS_ZH, starText } from "../report/labels.js";

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

const pad = (s: string, w: number, right = false) => {
  const fill = " ".repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export function table(head: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (r: readonly string[]) => r.map((c, i) => pad(c, widths[i]!, rightAligned.has(i))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const fmt = (v: number) => v.toFixed(2);

/** The ranking as a terminal table. */
export function rankingTable(result: Result): string {
  const rows = result.branches.map((b) => [
    String(b.rank), b.code, b.name, b.category ?? "—", b.categoryRank === null ? "—" : String(b.categoryRank),
    fmt(b.base), fmt(b.bonus), fmt(b.total), starText(b.stars), b.tier, b.vetoItems.join("、") || "",
  ]);
  return table(["排名", "编码", "支部名称", "类别", "类别排名", "基础得分", "加分", "总分", "星级", "阶梯", "否决"], rows, new Set([0, 4, 5, 6, 7]));
}

/** A short summary for stderr: counts, status and the first problems. */
export function summary(result: Result, limit = 20): string {
  const s = result.summary;
  const head =
    result.status === "fatal"
      ? `无法计算结果：发现 ${s.fatal} 个致命问题。`
      : `${result.period ?? "（考核周期未填）"}：${s.branches} 个支部，结果${STATUS_ZH[result.status]}（错误 ${s.errors} 项，警告 ${s.warnings} 项）。`;
  const shown = [...result.issues].sort((a, b) => rankOf(a.severity) - rankOf(b.severity)).slice(0, limit);
  const lines = shown.map((i) => `  [${SEVERITY_ZH[i.severity]}] ${i.code} ${i.sheet ?? ""}${i.cell ? "!" + i.cell : ""}  ${i.message}`);
  const more = result.issues.length > limit ? [`  ……另有 ${result.issues.length - limit} 项，见“校验报告”或 --json 输出。`] : [];
  return [head, ...lines, ...more].join("\n");
}

const rankOf = (s: string) => (s === "fatal" ? 0 : s === "error" ? 1 : 2);
