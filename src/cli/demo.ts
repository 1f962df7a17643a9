import { join } from "node:path";
import { createWorkbook } from "../io/xlsx/writer.js";
import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import { CATEGORIES } from "../model/categories.js";
import type { Result } from "../model/result.js";
import { runAssessment } from "../pipeline.js";
import { SEVERITY_ZH, STATUS_ZH } from "../report/labels.js";
import { sampleQuarter, sampleQuarterSheets } from "../demo/sample-quarter.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { EXIT, type Io } from "./commands.js";
import { checkOutputFolder, readInput, writeOutput } from "./files.js";
import { rankingTable, terminalText } from "./terminal.js";

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

  await writeOutput(paths.input, createWorkbook(sampleQuarterSheets(quarter)));
  const workbook = new XlsxWorkbook(await readInput(paths.input));
  const { result, written } = await runAssessment(workbook, workbook, { now: io.now() });
  if (written) await writeOutput(paths.output, workbook.bytes());
  await writeOutput(paths.json, JSON.stringify(result, null, 2) + "\n");

  const shown = (p: string) => terminalText(p);
  io.stdout(
    `${demoReport(result)}\n\n已生成：\n  示例工作簿（已填好的评分表）  ${shown(paths.input)}\n  评分结果（含结果表）          ${shown(paths.output)}\n  JSON 结果                     ${shown(paths.json)}\n`,
  );
  return result.status === "fatal" ? EXIT.fatal : EXIT.ok;
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
