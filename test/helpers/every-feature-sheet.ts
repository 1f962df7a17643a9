import type { ChartKind, SheetSpec } from "../../src/report/sheet-spec.js";

const KINDS: readonly ChartKind[] = ["bar", "column", "radar", "pie", "scatter"];

/**
 * One output sheet using every SheetSpec feature: styles with each tone, internal links (to a
 * cell, to A1 of a sheet, to a sheet whose name needs quoting), merges, frozen rows and
 * columns, both kinds of data validation (with over-long prompt texts), protection with
 * input cells, print setup with repeated rows, and one chart of each kind.
 */
export function everyFeatureSheet(name = "功能全集", linkTarget = "O'Brien 表"): SheetSpec {
  const scores = [95.5, 88, 72.25, 61, 54];
  return {
    name,
    rows: [
      [{ v: `${name}：所有格式`, style: "title" }],
      [{ v: "提示：只有黄色单元格可以填写", style: "notice" }],
      ["支部", "得分", "比例", "是否否决", "备注", "链接"].map((v) => ({ v, style: "header" as const })),
      ...scores.map((score, i) => [
        { v: `第${i + 1}支部`, style: "text" as const, tone: (["top", "dispute", "veto", "muted", undefined] as const)[i] },
        { v: score, style: "input" as const, tone: i === 1 ? ("dispute" as const) : undefined },
        { v: score / 100, style: "percent" as const },
        { v: i === 2 ? "是" : "否", style: "inputText" as const },
        { v: i === 0 ? "=1+1 不是公式" : null, style: "inputText" as const },
        i === 0
          ? { v: "看评分A", style: "text" as const, link: { sheet: "评分A", cell: "C4" } }
          : i === 1
            ? { v: "回到顶部", link: { sheet: name, cell: null } }
            : i === 2
              ? { v: linkTarget, style: "text" as const, link: { sheet: linkTarget, cell: "B2" } }
              : { v: i, style: "integer" as const, tone: "top" as const },
      ]),
      [
        { v: "合计", style: "header" },
        { v: scores.reduce((a, b) => a + b, 0), style: "decimal2" },
        { v: 0.123456, style: "decimal4" },
      ],
    ],
    columnWidths: [14, 10, 10, 10, 24, 12],
    freezeRows: 3,
    freezeColumns: 1,
    merges: ["A1:F1", "A2:F2"],
    validations: [
      {
        kind: "decimal",
        range: "B4:B8",
        min: 0,
        max: 100,
        prompt: { title: "得分（0～100，最多两位小数）——标题超过三十二个字符会被截断的", text: "评分标准：".repeat(80) },
        error: "请输入 0～100 之间的数。",
      },
      {
        kind: "list",
        range: "D4:D8 D10:D12",
        values: ["是", "否"],
        prompt: { title: "否决", text: "填“是”或“否”" },
        error: "只能填“是”或“否”。",
      },
    ],
    protect: true,
    print: { orientation: "landscape", fitToWidth: true, repeatRows: 3 },
    charts: KINDS.map((kind, i) => ({
      kind,
      title: `图表：${kind}`,
      table: "A3:C8",
      series:
        kind === "scatter"
          ? [
              { name: "得分", values: "B4:B8", categories: "C4:C8" },
              { name: "y = x", values: "C4:C8", categories: "C4:C8", line: true },
            ]
          : [{ name: "得分", values: "B4:B8", categories: "A4:A8" }],
      anchor: { from: `H${1 + i * 16}`, to: `O${14 + i * 16}` },
      ...(kind === "radar" ? { min: 0, max: 100 } : {}),
    })),
  };
}
