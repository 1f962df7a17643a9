import { basename, extname } from "node:path";
import { createWorkbook } from "../io/xlsx/writer.js";
import { XlsxReader } from "../io/xlsx/reader.js";
import { WorkbookUnreadableError } from "../io/workbook.js";
import type { Rules } from "../model/rules.js";
import { parsePeriodInput } from "../model/settings.js";
import { defaultRules } from "../model/default-rules.js";
import { UserError } from "../model/failure.js";
import { rosterFromCsv, rosterFromWorkbook, type WorkbookSource } from "../template/roster-source.js";
import { EXAMPLE_BRANCHES, templateSheets } from "../template/template-workbook.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { EXIT, type Io } from "./commands.js";
import { checkOutputFile, exists, readInput, writeOutput } from "./files.js";
import { overlongTexts } from "../report/excel-limits.js";
import { shortenedWarning, terminalText } from "./terminal.js";

/**
 * scorecard template [--branches <roster.xlsx|roster.csv>] [--period 2026Q3] -o <file.xlsx>:
 * a new assessment workbook. An existing -o file is never overwritten (it may be a filled-in
 * workbook); a roster with problems writes nothing (exit 2) and lists them.
 */
export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positional.length > 0) throw new UsageError("template 不需要工作簿文件；用 -o <文件.xlsx> 指定要生成的模板。");
  const output = args.options.get("-o");
  if (output === undefined) throw new UsageError("template 需要用 -o <文件.xlsx> 指定要生成的模板文件。");
  if (!/\.xlsx$/i.test(output)) throw new UsageError(`模板文件名应以 .xlsx 结尾：${output}`);

  const parsedPeriod = parsePeriodInput(args.options.get("--period"));
  if ("error" in parsedPeriod) throw new UsageError(`--period ${parsedPeriod.error}`);
  const period = parsedPeriod.period;

  const branchesPath = args.options.get("--branches");
  await checkOutputFile(output, branchesPath === undefined ? [] : [{ path: branchesPath, role: "roster" }]);
  if (await exists(output)) throw new UserError("OUTPUT_EXISTS", { path: output });

  // A roster with problems is a UserError listing them (exit 2, nothing written).
  const source: (Partial<WorkbookSource> & Pick<WorkbookSource, "branches" | "sheet">) | null =
    branchesPath === undefined ? null : await readRosterFile(branchesPath);

  const rules: Rules = source?.rules ?? defaultRules();
  const sheets = templateSheets({ rules, branches: source?.branches ?? null, period, settings: source?.settings ?? {} });
  await writeOutput(output, createWorkbook(sheets));
  const shortened = shortenedWarning(overlongTexts(sheets));

  const count = (t: string) => rules.items.filter((i) => i.type === t).length;
  const file = terminalText(basename(branchesPath ?? ""));
  const lines = [
    `已生成考核模板：${terminalText(output)}`,
    `  考核周期：${period ?? "未填写（请在“考核设置”中填写，或用 --period 指定）"}`,
    source
      ? `  支部名册：${source.branches.length} 个支部（取自 ${file}${source.sheet !== basename(branchesPath!) ? ` 的“${terminalText(source.sheet)}”表` : ""}）`
      : "  支部名册：示例支部（请替换为本单位的支部，再用 --branches 重新生成）",
    `  评分细则：${source?.rules ? `沿用 ${file} 中的细则` : "默认细则"}（基础项 ${count("base")} 个、加分项 ${count("bonus")} 个、否决项 ${count("veto")} 个）`,
    ...(source?.settings ? [`  考核设置：沿用 ${file} 中的设置（考核周期除外）`] : []),
  ];
  const examples = (source?.branches ?? []).filter((b) => EXAMPLE_BRANCHES.some((e) => e.code === b.code));
  if (examples.length > 0)
    lines.push(`注意：名册中仍有示例支部（${examples.map((b) => terminalText(b.code)).join("、")}），请确认是否已换成本单位的支部。`);
  if (shortened !== null) lines.push(shortened);
  io.stderr(lines.join("\n") + "\n");
  return EXIT.ok;
}

/** .xlsx by content (a zip), .csv/.txt by name; anything else is a usage error with what to do. */
async function readRosterFile(path: string): Promise<Partial<WorkbookSource> & Pick<WorkbookSource, "branches" | "sheet">> {
  const bytes = await readInput(path);
  const label = basename(path);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return await rosterFromWorkbook(new XlsxReader(bytes), label);
    } catch (e) {
      if (e instanceof WorkbookUnreadableError) throw e.of({ file: path, role: "roster" });
      throw e;
    }
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return rosterFromCsv(bytes, label);
  throw new UsageError(`--branches 只接受 .xlsx 或 .csv 文件：${path}。旧版 .xls 请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”。`);
}
