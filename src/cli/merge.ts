import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import { applyMerge } from "../merge/apply-merge.js";
import { XlsxReader } from "../io/xlsx/reader.js";
import { hasLeftovers, mergeReport } from "../merge/merge-report.js";
import { mergeReportText } from "../model/failure-messages.js";
import { MergeError, planRaterMerge, type MergePlan } from "../merge/plan-merge.js";
import { UserError } from "../model/failure.js";
import { GRID_SHEETS } from "../model/sheets.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { namedReader } from "./named-reader.js";
import { EXIT, type Io } from "./commands.js";
import { checkOutputFile, readInput, sameFile, writeOutput } from "./files.js";
import { MAX_CELL_TEXT } from "../report/excel-limits.js";
import { shortenedWarning, terminalData, terminalText } from "./terminal.js";
import { zlibAsyncCompression } from "./zlib-compression.js";

/**
 * scorecard merge <target.xlsx> <rater.xlsx> [--as 评分A|评分B|仲裁|自评] -o <out.xlsx>: the
 * rater's grid merged into a copy of the target by 支部编码 and item code, with the rater's
 * 扣分说明 rows the target lacks appended. Neither input is modified. Exit 0 when everything filled was merged (or already there); 1 when something was
 * left out (conflicts, unknown codes, skipped cells): the output is still written, so batch
 * scripts notice and people read the list; 2 when a file cannot be read or merged at all.
 */
export async function mergeCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length !== 2) throw new UsageError("merge 需要两个工作簿文件：目标工作簿和评分方交回的工作簿。");
  const [targetPath, sourcePath] = args.positional as [string, string];
  const output = args.options.get("-o");
  if (output === undefined) throw new UsageError("merge 需要用 -o <输出.xlsx> 指定合并结果的文件。");
  await checkOutputFile(output, [
    { path: targetPath, role: "target" },
    { path: sourcePath, role: "rater" },
  ]);
  if (await sameFile(targetPath, sourcePath)) throw new UserError("INPUTS_ARE_ONE_FILE", { target: targetPath, rater: sourcePath });
  const as = args.options.get("--as") ?? null;
  if (as !== null && !(GRID_SHEETS as readonly string[]).includes(as.trim())) {
    throw new UsageError(`--as 无效：“${as}”。请指定 ${GRID_SHEETS.join("、")} 之一。`);
  }

  const targetBytes = await readInput(targetPath);
  const sourceBytes = await readInput(sourcePath);
  let plan: MergePlan;
  try {
    plan = await planRaterMerge(
      namedReader(new XlsxReader(targetBytes), targetPath),
      namedReader(new XlsxReader(sourceBytes), sourcePath),
      as,
    );
  } catch (e) {
    // Which grid to take is the command line's business (--as): usage, with the grids named.
    if (e instanceof MergeError && (e.kind === "ambiguous" || e.kind === "invalid-as")) throw new UsageError(e.message);
    throw e;
  }
  const merged = new XlsxWorkbook(targetBytes, { compression: zlibAsyncCompression });
  await applyMerge(merged, plan);
  await writeOutput(output, merged.bytes());
  const long = [
    plan.edits.map((e) => ({ sheet: plan.sheet, ...e })),
    plan.notes?.edits.map((e) => ({ sheet: plan.notes!.sheet, ...e })) ?? [],
  ]
    .flat()
    .flatMap((e) =>
      typeof e.value === "string" && e.value.length > MAX_CELL_TEXT ? [{ sheet: e.sheet, cell: e.cell, length: e.value.length }] : [],
    );
  const shortened = shortenedWarning(long);
  io.stderr(
    `${mergeReportText(mergeReport(terminalData(plan)))}\n${shortened === null ? "" : shortened + "\n"}合并结果已写入：${terminalText(output)}\n`,
  );
  return hasLeftovers(plan) ? EXIT.errors : EXIT.ok;
}
