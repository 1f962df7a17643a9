import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import { applyMerge } from "../merge/apply-merge.js";
import { XlsxReader } from "../io/xlsx/reader.js";
import { WorkbookUnreadableError, type WorkbookReader } from "../io/workbook.js";
import { hasLeftovers, mergeReport } from "../merge/merge-report.js";
import { MergeError, planRaterMerge, type MergePlan } from "../merge/plan-merge.js";
import { GRID_SHEETS } from "../model/sheets.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { EXIT, type Io } from "./commands.js";
import { readInput, samePath, writeOutput } from "./files.js";

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
  if (samePath(output, targetPath)) throw new UsageError("输出文件不能与目标工作簿相同：合并从不修改原工作簿。");
  if (samePath(output, sourcePath)) throw new UsageError("输出文件不能与评分方的工作簿相同。");
  if (samePath(targetPath, sourcePath)) throw new UsageError("目标工作簿和评分方的工作簿是同一个文件。");
  const as = args.options.get("--as") ?? null;
  if (as !== null && !(GRID_SHEETS as readonly string[]).includes(as.trim())) {
    throw new UsageError(`--as 无效：“${as}”。请指定 ${GRID_SHEETS.join("、")} 之一。`);
  }

  const targetBytes = await readInput(targetPath);
  const sourceBytes = await readInput(sourcePath);
  let plan: MergePlan;
  try {
    plan = await planRaterMerge(xlsxReader(targetBytes, targetPath), xlsxReader(sourceBytes, sourcePath), as);
  } catch (e) {
    if (e instanceof MergeError) {
      if (e.kind === "ambiguous" || e.kind === "invalid-as") throw new UsageError(e.message);
      io.stderr(`无法合并：${e.message}\n`);
      return EXIT.fatal;
    }
    if (e instanceof WorkbookUnreadableError) {
      io.stderr(`无法读取 ${e.reason}\n`);
      return EXIT.fatal;
    }
    throw e;
  }
  const merged = new XlsxWorkbook(targetBytes);
  await applyMerge(merged, plan);
  await writeOutput(output, merged.bytes());
  io.stderr(`${mergeReport(plan)}\n合并结果已写入：${output}\n`);
  return hasLeftovers(plan) ? EXIT.errors : EXIT.ok;
}

/** An .xlsx reader whose unreadable-file error names the file. */
function xlsxReader(bytes: Uint8Array, path: string): WorkbookReader {
  const reader = new XlsxReader(bytes);
  return {
    read: async (wanted) => {
      try {
        return await reader.read(wanted);
      } catch (e) {
        if (e instanceof WorkbookUnreadableError) throw new WorkbookUnreadableError(`${path}：${e.reason}`);
        throw e;
      }
    },
  };
}
