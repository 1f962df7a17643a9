import { basename } from "node:path";
import { createWorkbook } from "../io/xlsx/writer.js";
import { XlsxReader } from "../io/xlsx/reader.js";
import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import { parsePeriodInput } from "../model/settings.js";
import { UserError } from "../model/failure.js";
import { localTimestamp } from "../model/timestamp.js";
import { newTemplate } from "../template/new-template.js";
import { applyRegeneration, planWorkbookRegeneration } from "../template/regenerate.js";
import { leftSomethingOut, regenerationReport } from "../template/regeneration-report.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { namedReader } from "./named-reader.js";
import { EXIT, type Io } from "./commands.js";
import { checkOutputFile, exists, readInput, writeOutput } from "./files.js";
import { overlongTexts } from "../report/excel-limits.js";
import { shortenedWarning, terminalData, terminalText } from "./terminal.js";
import { zlibAsyncCompression, zlibCompression } from "./zlib-compression.js";

/**
 * scorecard template [--branches <roster.xlsx|roster.csv> | --from <workbook.xlsx>] [--period 2026Q3] -o <file.xlsx>:
 * a new assessment workbook, or (--from) a copy of an assessment workbook with its grids
 * regenerated from its own 支部名册 and 评分细则, every typed score kept. An existing -o file is
 * never overwritten (it may be a filled-in workbook); a roster with problems writes nothing
 * (exit 2) and lists them.
 */
export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length > 0)
    throw new UsageError("template 不需要工作簿文件；用 -o <文件.xlsx> 指定要生成的模板，用 --from 指定要重新生成的工作簿。");
  const output = args.options.get("-o");
  if (output === undefined) throw new UsageError("template 需要用 -o <文件.xlsx> 指定要生成的模板文件。");
  if (!/\.xlsx$/i.test(output)) throw new UsageError(`模板文件名应以 .xlsx 结尾：${output}`);

  const parsedPeriod = parsePeriodInput(args.options.get("--period"));
  if ("error" in parsedPeriod) throw new UsageError(`--period ${parsedPeriod.error}`);
  const period = parsedPeriod.period;

  const branchesPath = args.options.get("--branches");
  const fromPath = args.options.get("--from");
  if (branchesPath !== undefined && fromPath !== undefined) {
    throw new UsageError(
      "--branches 和 --from 只能选一个：--branches 用名册生成空白模板，--from 按工作簿自己的支部名册重新生成评分表并保留已填的分数。",
    );
  }
  if (fromPath !== undefined) return regenerate(fromPath, output, period, io);

  await checkOutputFile(output, branchesPath === undefined ? [] : [{ path: branchesPath, role: "roster" }]);
  if (await exists(output)) throw new UserError("OUTPUT_EXISTS", { path: output });

  // A roster with problems is a UserError listing them (exit 2, nothing written).
  const made = await newTemplate(
    branchesPath === undefined
      ? { kind: "example" }
      : { kind: "file", fileName: basename(branchesPath), bytes: await readInput(branchesPath) },
    period,
    (b) => new XlsxReader(b),
  );
  await writeOutput(output, createWorkbook(made.sheets, { compression: zlibCompression }));
  const shortened = shortenedWarning(overlongTexts(made.sheets));

  const count = (t: string) => made.rules.items.filter((i) => i.type === t).length;
  const source = made.source;
  const file = terminalText(source?.file ?? "");
  const lines = [
    `已生成考核模板：${terminalText(output)}`,
    `  考核周期：${period ?? "未填写（请在“考核设置”中填写，或用 --period 指定）"}`,
    source
      ? `  支部名册：${made.branches} 个支部（取自 ${file}${source.sheet !== source.file ? ` 的“${terminalText(source.sheet)}”表` : ""}）`
      : "  支部名册：示例支部（请在“支部名册”中改成本单位的支部，再用 --from 重新生成评分表）",
    `  评分细则：${made.rulesCarried ? `沿用 ${file} 中的细则` : "默认细则"}（基础项 ${count("base")} 个、加分项 ${count("bonus")} 个、否决项 ${count("veto")} 个）`,
    ...(made.settingsCarried ? [`  考核设置：沿用 ${file} 中的设置（考核周期除外）`] : []),
  ];
  const examples = made.exampleCodes;
  if (examples.length > 0)
    lines.push(`注意：名册中仍有示例支部（${examples.map(terminalText).join("、")}），请确认是否已换成本单位的支部。`);
  if (shortened !== null) lines.push(shortened);
  io.stderr(lines.join("\n") + "\n");
  return EXIT.ok;
}

/**
 * --from: the workbook's grids regenerated from its own roster and rules into a copy (-o);
 * exit 1 when something typed could not be placed back (kept in 未能放回的评分, listed).
 */
async function regenerate(input: string, output: string, period: string | null, io: Io): Promise<number> {
  await checkOutputFile(output, [{ path: input, role: "input" }]);
  if (await exists(output)) throw new UserError("OUTPUT_EXISTS", { path: output });
  const workbook = new XlsxWorkbook(await readInput(input), { compression: zlibAsyncCompression });
  const plan = await planWorkbookRegeneration(namedReader(workbook, input), { period, time: localTimestamp(io.now()) });
  await applyRegeneration(workbook, plan);
  await writeOutput(output, workbook.bytes());
  io.stderr(`${regenerationReport(terminalData(plan.summary))}\n已写入：${terminalText(output)}（原文件未改动）\n`);
  return leftSomethingOut(plan.summary) ? EXIT.errors : EXIT.ok;
}
