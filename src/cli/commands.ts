import { resolve } from "node:path";
import { XlsxWorkbook } from "../io/xlsx/xlsx-workbook.js";
import type { Result } from "../model/result.js";
import { runAssessment } from "../pipeline.js";
import { UsageError, type ParsedArgs } from "./args.js";
import { checkOutputFile, defaultOutputPath, readInput, writeOutput, type InputFile } from "./files.js";
import { overlongTexts } from "../report/excel-limits.js";
import { jsonChunks, prettyJsonChunks } from "./json-text.js";
import { shortenedWarning, summary, terminalText } from "./terminal.js";
import { zlibAsyncCompression } from "./zlib-compression.js";
import { nodeSha256 } from "./node-sha256.js";

/** Exit statuses (README): a user's problem is `fatal` (2); `defect` (70) is a bug in this program. */
export const EXIT = { ok: 0, errors: 1, fatal: 2, usage: 64, defect: 70 } as const;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly now: () => Date;
}

function inputPath(args: ParsedArgs): string {
  if (args.positional.length !== 1) throw new UsageError(`${args.command} 需要且只需要一个工作簿文件。`);
  return args.positional[0]!;
}

/** Where --json writes: not over an input, nor the workbook output. */
export async function checkJsonTarget(target: string | undefined, inputs: readonly InputFile[], workbookOutput?: string): Promise<void> {
  if (target === undefined || target === "-") return;
  if (workbookOutput !== undefined && resolve(target) === resolve(workbookOutput)) throw new UsageError("--json 和 -o 不能是同一个文件。");
  await checkOutputFile(target, inputs);
}

async function emitJson(result: Result, target: string | undefined, io: Io): Promise<void> {
  if (target === undefined) return;
  if (target === "-") prettyJsonChunks(result, io.stdout);
  else await writeOutput(target, jsonChunks(result));
}

/** scorecard score: results into a copy of the workbook; the input file is never written. */
export async function scoreCommand(args: ParsedArgs, io: Io): Promise<number> {
  const input = inputPath(args);
  const output = args.options.get("-o") ?? defaultOutputPath(input);
  const inputs: InputFile[] = [{ path: input, role: "input" }];
  await checkOutputFile(output, inputs);
  await checkJsonTarget(args.options.get("--json"), inputs, output);
  // The same path as the browser file mode: the workbook in memory, read, scored, written into.
  const workbook = new XlsxWorkbook(await readInput(input), { compression: zlibAsyncCompression });
  const out = await runAssessment(workbook, workbook, { now: io.now(), sha256: nodeSha256 });
  await emitJson(out.result, args.options.get("--json"), io);
  io.stderr(summary(out.result) + "\n");
  if (out.written) {
    await writeOutput(output, workbook.bytes());
    const shortened = shortenedWarning(overlongTexts(out.sheets));
    if (shortened !== null) io.stderr(shortened + "\n");
    io.stderr(`结果已写入：${terminalText(output)}\n`);
  }
  return out.result.status === "fatal" ? EXIT.fatal : EXIT.ok;
}

/** scorecard validate: the report only; exit 1 when there are errors. */
export async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const input = inputPath(args);
  await checkJsonTarget(args.options.get("--json"), [{ path: input, role: "input" }]);
  const out = await runAssessment(new XlsxWorkbook(await readInput(input), { compression: zlibAsyncCompression }), null, {
    now: io.now(),
    sha256: nodeSha256,
  });
  await emitJson(out.result, args.options.get("--json"), io);
  io.stderr(summary(out.result) + "\n");
  if (out.result.status === "fatal") return EXIT.fatal;
  return out.result.status === "provisional" ? EXIT.errors : EXIT.ok;
}
