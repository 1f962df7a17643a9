import { join } from "node:path";
import { CATEGORIES } from "../model/categories.js";
import type { Result } from "../model/result.js";
import { runAssessment } from "../pipeline.js";
import { SEVERITY_ZH, STATUS_ZH } from "../report/labels.js";
import { sampleQuarter, sampleQuarterSheets } from "../demo/sample-quarter.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { EXIT, type Io } from "./commands.js";
import { checkOutputFolder, readInput, writeOutput } from "./files.js";
import { rankingTable, table, terminalText } from "./terminal.js";
import { runAnnual } from "../annual-pipeline.js";
import type { AnnualResult } from "../model/annual-result.js";
import { sampleYear, type SampleYear } from "../demo/sample-year.js";
import { fullStars, percentText, shortStars } from "../report/annual/common.js";
import { adjustmentText, starChangeText } from "../report/annual/ranking-sheet.js";
import { annualOptions, assessOptions, newWorkbook, openWorkbook, readWorkbook } from "./node-platform.js";

/** The three files the demo writes into its directory. */
export function demoPaths(dir: string, period: string): { input: string; output: string; json: string } {
  const base = `示例考核-${period}`;
  return { input: join(dir, `${base}.xlsx`), output: join(dir, `${base}-评分结果.xlsx`), json: join(dir, `${base}-结果.json`) };
}

/**
 * scorecard demo [-o <dir>]: writes the sample quarter's filled-in workbook, scores it exactly as
 * `scorecard score` does (read the file, runAssessment into a copy in memory, save it), writes the
 * JSON result, and prints the ranking with a short summary.
 */
export async function demoCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length > 0) throw new UsageError("demo 不需要工作簿文件；用 -o <目录> 指定输出目录（默认 demo/）。");
  const dir = args.options.get("-o") ?? "demo";
  await checkOutputFolder(dir);
  const quarter = sampleQuarter();
  const paths = demoPaths(dir, quarter.settings.period ?? "示例");

  await writeOutput(paths.input, newWorkbook(sampleQuarterSheets(quarter)));
  const workbook = openWorkbook(await readInput(paths.input));
  const { result, written } = await runAssessment(workbook, workbook, assessOptions(io.now()));
  if (written) await writeOutput(paths.output, workbook.bytes());
  await writeOutput(paths.json, JSON.stringify(result, null, 2) + "\n");

  const shown = (p: string) => terminalText(p);
  io.stdout(
    `${demoReport(result)}\n\n已生成：\n  示例工作簿（已填好的评分表）  ${shown(paths.input)}\n  评分结果（含结果表）          ${shown(paths.output)}\n  JSON 结果                     ${shown(paths.json)}\n`,
  );
  const year = await demoYear(dir, io);
  return result.status === "fatal" || year.status === "fatal" ? EXIT.fatal : EXIT.ok;
}

/**
 * The sample year: four quarterly workbooks written into `<dir>/示例年度-2026/`, graded exactly
 * as `scorecard annual` does (each file read back and assessed), the annual workbook and JSON
 * written beside them, and the annual ranking printed.
 */
async function demoYear(dir: string, io: Io): Promise<AnnualResult> {
  const sample = sampleYear();
  const folder = join(dir, `示例年度-${sample.year}`);
  const files = [];
  for (const q of sample.quarters) {
    const path = join(folder, q.file);
    await writeOutput(path, newWorkbook(q.sheets));
    files.push({ file: q.file, reader: readWorkbook(await readInput(path)) });
  }
  const out = await runAnnual(files, annualOptions(io.now()));
  const workbook = join(folder, out.fileName ?? `${sample.year}年度定级.xlsx`);
  const json = join(folder, `${sample.year}年度定级-结果.json`);
  if (out.workbook !== null) await writeOutput(workbook, out.workbook);
  await writeOutput(json, JSON.stringify(out.result, null, 2) + "\n");
  io.stdout(
    `\n${annualDemoReport(out.result, sample.highlights)}\n\n已生成：\n` +
      `  示例年度的四个季度工作簿      ${terminalText(folder)}\n  年度定级（新工作簿）          ${terminalText(workbook)}\n  JSON 结果                     ${terminalText(json)}\n`,
  );
  return out.result;
}

/** The annual ranking and what the year's rules did, in Chinese. */
export function annualDemoReport(r: AnnualResult, highlights: SampleYear["highlights"]): string {
  if (r.status === "fatal") return "示例年度无法定级：" + r.issues.map((i) => i.message).join("；");
  const s = r.settings!;
  const rows = r.branches.map((b) => [
    String(b.rank),
    b.code,
    b.name,
    b.category ?? "—",
    b.score.toFixed(2),
    shortStars(b.scoreStars) ?? "",
    shortStars(b.previousStars) ?? "",
    fullStars(b.stars),
    starChangeText(b.starChange) ?? "",
    adjustmentText(b),
  ]);
  const count = (n: number) => r.branches.filter((b) => b.stars === n).length;
  const joined = r.branches.find((b) => b.code === highlights.joined.branch);
  return [
    `示例年度 ${r.year}：${r.quarters.length} 个季度、${r.branches.length} 个支部，结果${STATUS_ZH[r.status]}`,
    "",
    table(["排名", "编码", "支部名称", "类别", "年度得分", "计分星级", "上年星级", "年度星级", "变化", "说明"], rows, new Set([0, 4])),
    "",
    `年度星级：五星 ${count(5)} 个（比例上限 ${s.fiveStarCap === null ? "不限" : percentText(s.fiveStarCap)}），四星 ${count(4)} 个（比例上限 ${s.fourStarCap === null ? "不限" : percentText(s.fourStarCap)}），逐级晋升：${s.stepwise ? "是" : "否"}`,
    `年中新设：${joined ? `${joined.code} ${joined.name}（${highlights.joined.period} 起，年度得分按 ${joined.quarters.filter((q) => q !== null).length} 个季度计算）` : "无"}`,
    `否决：${highlights.vetoed.branch}（${highlights.vetoed.period}），年度星级不超过否决星级上限并排在末位`,
  ].join("\n");
}

/** The ranking table and a short summary of the run, in Chinese. */
export function demoReport(result: Result): string {
  const s = result.summary;
  if (result.status === "fatal") return `示例工作簿无法评分：${s.fatal} 个致命问题。`;
  const perCategory = CATEGORIES.map((c) => `${c} ${result.branches.filter((b) => b.category === c).length}`).join("、");
  const count = (status: string) => result.items.filter((i) => i.status === status).length;
  const stars = [5, 4, 3, 2, 1, 0]
    .map((n) => [n, result.branches.filter((b) => b.stars === n).length] as const)
    .filter(([, k]) => k > 0)
    .map(([n, k]) => `${n === 0 ? "无星" : `${"一二三四五"[n - 1]}星`} ${k} 个`)
    .join("，");
  const vetoed = result.branches.filter((b) => b.vetoed).map((b) => terminalText(`${b.code} ${b.name}（${b.vetoItems.join("、")}）`));
  const errors = result.issues.filter((i) => i.severity === "error");
  const lines = [
    `示例考核 ${result.period ?? ""}：${s.branches} 个支部（${perCategory}）`,
    "",
    rankingTable(result),
    "",
    `结果：${STATUS_ZH[result.status]}（错误 ${s.errors} 项，警告 ${s.warnings} 项）`,
    `双评：一致 ${count("一致")} 项，已仲裁 ${count("已仲裁")} 项，超差待仲裁 ${count("超差待仲裁")} 项，不适用 ${count("不适用")} 项` +
      (result.agreement?.rate == null ? "" : `；一致率 ${(result.agreement.rate * 100).toFixed(2)}%`),
    `星级：${stars}`,
    `否决：${vetoed.length === 0 ? "无" : vetoed.join("；")}${vetoed.length > 0 && result.settings?.vetoLast ? "，排在末位" : ""}`,
  ];
  if (result.status === "provisional") {
    lines.push("", "【暂定】以下问题改正后重新评分即为正式结果：");
    for (const i of errors.slice(0, 5)) lines.push(`  [${SEVERITY_ZH[i.severity]}] ${i.code} ${terminalText(i.message)}`);
    if (errors.length > 5) lines.push(`  ……另有 ${errors.length - 5} 项错误，见“校验报告”。`);
  }
  if (s.warnings > 0) lines.push(`提示：${s.warnings} 项警告（如缺少扣分说明）见结果工作簿的“校验报告”。`);
  return lines.join("\n");
}
