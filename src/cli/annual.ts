import { basename, dirname, join } from "node:path";
import { runAnnual } from "../annual-pipeline.js";
import type { AnnualResult } from "../model/annual-result.js";
import { UserError } from "../model/failure.js";
import { overlongTexts } from "../report/excel-limits.js";
import { SEVERITY_ZH, STATUS_ZH } from "../report/labels.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { checkJsonTarget, EXIT, type Io } from "./commands.js";
import { jsonChunks, prettyJsonChunks } from "./json-text.js";
import { checkOutputFile, exists, readInput, writeOutput, type InputFile } from "./files.js";
import { shortenedWarning, terminalText } from "./terminal.js";
import { annualOptions, readWorkbook } from "./node-platform.js";

/**
 * scorecard annual <季度工作簿.xlsx>… [-o <out.xlsx>] [--json <result.json|->]: the year's grade
 * from its quarterly workbooks, each assessed as `scorecard score` would, into a new workbook
 * (default `<年份>年度定级.xlsx` beside the latest quarter's file). Inputs are never written and
 * no existing file is ever overwritten. Exit 0 with results (final or provisional), 2 fatal.
 */
export async function annualCommand(args: ParsedArgs, io: Io): Promise<number> {
  const paths = args.positional;
  if (paths.length === 0) throw new UsageError("annual 需要本年度各季度的考核工作簿（.xlsx），可一次给出一至四个。");
  const inputs: InputFile[] = paths.map((path) => ({ path, role: "input" }));
  const explicit = args.options.get("-o");
  if (explicit !== undefined) {
    await checkOutputFile(explicit, inputs);
    // The annual workbook is always a new file: an earlier year's grade is never replaced.
    if (await exists(explicit)) throw new UserError("OUTPUT_EXISTS", { path: explicit });
  }
  await checkJsonTarget(args.options.get("--json"), inputs, explicit);
  const files = [];
  for (const path of paths) files.push({ path, file: basename(path), reader: readWorkbook(await readInput(path)) });
  const out = await runAnnual(files, annualOptions(io.now()));
  const { result } = out;

  const json = args.options.get("--json");
  if (json !== undefined) {
    if (json === "-") prettyJsonChunks(result, io.stdout);
    else await writeOutput(json, jsonChunks(result));
  }
  io.stderr(annualSummary(result) + "\n");
  if (out.workbook !== null && out.fileName !== null && out.latest !== null) {
    const output = explicit ?? (await freePath(join(dirname(files[out.latest]!.path), out.fileName)));
    await writeOutput(output, out.workbook);
    const shortened = shortenedWarning(overlongTexts(out.sheets));
    if (shortened !== null) io.stderr(shortened + "\n");
    io.stderr(`年度定级已写入：${terminalText(output)}\n`);
  } else {
    io.stderr("没有生成年度定级工作簿：请先改正上面的致命问题。\n");
  }
  return result.status === "fatal" ? EXIT.fatal : EXIT.ok;
}

/** The path itself when free, else `名称-2.xlsx`, `名称-3.xlsx` …: a default output never overwrites. */
async function freePath(path: string): Promise<string> {
  if (!(await exists(path))) return path;
  const stem = path.replace(/\.xlsx$/i, "");
  for (let k = 2; ; k++) {
    const candidate = `${stem}-${k}.xlsx`;
    if (!(await exists(candidate))) return candidate;
  }
}

/** Each workbook's quarterly status, then the year's status and its issues, for stderr. */
export function annualSummary(r: AnnualResult, limit = 20): string {
  const lines = r.inputs.map(
    (w) =>
      `  ${w.period ?? "（考核周期无效）"}  ${w.file}：${STATUS_ZH[w.status]}，${w.branches} 个支部（致命 ${w.fatal}、错误 ${w.errors}、警告 ${w.warnings}）` +
      (w.usable ? "" : "，未纳入"),
  );
  const count = (s: string) => r.issues.filter((i) => i.severity === s).length;
  const head =
    r.status === "fatal"
      ? `无法进行年度定级：发现 ${count("fatal")} 个致命问题。`
      : `${r.year}年度定级：${r.branches.length} 个支部，结果${STATUS_ZH[r.status]}（错误 ${count("error")} 项，警告 ${count("warning")} 项）。`;
  const order = { fatal: 0, error: 1, warning: 2 } as const;
  const shown = [...r.issues].sort((a, b) => order[a.severity] - order[b.severity]).slice(0, limit);
  const issues = shown.map(
    (i) => `  [${SEVERITY_ZH[i.severity]}] ${i.code}${i.period ? ` ${i.period}` : ""}${i.file ? ` ${i.file}` : ""}  ${i.message}`,
  );
  const more = r.issues.length > limit ? [`  ……另有 ${r.issues.length - limit} 项，见“年度校验报告”或 --json 输出。`] : [];
  return ["季度工作簿：", ...lines, head, ...issues, ...more].join("\n");
}
