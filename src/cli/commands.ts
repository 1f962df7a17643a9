import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import type { Result } from "../model/result.js";
import { runAssessment } from "../pipeline.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { defaultOutputPath, readInput, samePath, writeOutput } from "./files.js";
import { summary } from "./terminal.js";

export const EXIT = { ok: 0, errors: 1, fatal: 2, usage: 64 } as const;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly now: () => Date;
}

function inputPath(args: ParsedArgs): string {
  if (args.positional.length !== 1) throw new UsageError(`${args.command} 需要且只需要一个工作簿文件。`);
  return args.positional[0]!;
}

async function emitJson(result: Result, target: string | undefined, io: Io): Promise<void> {
  if (target === undefined) return;
  const json = JSON.stringify(result, null, 2) + "\n";
  if (target === "-") io.stdout(json);
  else await writeOutput(target, json);
}


/** scorecard score: results into a copy of the workbook; the input file is never written. */
export async function scoreCommand(args: ParsedArgs, io: Io): Promise<number> {
  const input = inputPath(args);
  const output = args.options.get("-o") ?? defaultOutputPath(input);
  if (samePath(input, output)) throw new UsageError("输出文件不能与输入文件相同：评分从不修改原工作簿。");
  // The same path as the browser file mode: the workbook in memory, read, scored, written into.
  const workbook = new XlsxWorkbook(await readInput(input));
  const out = await runAssessment(workbook, workbook, { now: io.now() });
  await emitJson(out.result, args.options.get("--json"), io);
  io.stderr(summary(out.result) + "\n");
  if (out.written) {
    await writeOutput(output, workbook.bytes());
    io.stderr(`结果已写入：${output}\n`);
  }
  return out.result.status === "fatal" ? EXIT.fatal : EXIT.ok;
}

/** scorecard validate: the report only; exit 1 when there are errors. */
export async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const out = await runAssessment(new XlsxWorkbook(await readInput(inputPath(args))), null, { now: io.now() });
  await emitJson(out.result, args.options.get("--json"), io);
  io.stderr(summary(out.result) + "\n");
  if (out.result.status === "fatal") return EXIT.fatal;
  return out.result.status === "provisional" ? EXIT.errors : EXIT.ok;
}
