import { UserError, type FailureCode, type FailureParams } from "../model/failure.js";
import { issueMessage } from "../model/issues.js";
import { MESSAGES_ZH } from "../model/messages-zh.js";
import { failureLine, renderFailure } from "../model/failure-messages.js";
import { annualCommand } from "./annual.js";
import { parseArgs, UsageError, USAGE } from "./args.js";
import { EXIT, scoreCommand, validateCommand, type Io } from "./commands.js";
import { demoCommand } from "./demo.js";
import { mergeCommand } from "./merge.js";
import { templateCommand } from "./template.js";
import { terminalData, terminalOutput, terminalText } from "./terminal.js";

const COMMANDS: Readonly<Record<string, (args: ReturnType<typeof parseArgs>, io: Io) => Promise<number>>> = {
  score: scoreCommand,
  validate: validateCommand,
  demo: demoCommand,
  template: templateCommand,
  merge: mergeCommand,
  annual: annualCommand,
};

/**
 * Runs the CLI. A user's problem (UserError) is its message and what to do next, exit 2; a
 * usage error the usage text, exit 64; anything else is a defect: "意外错误" with the stack,
 * exit 70. Everything printed passes the terminal guard.
 */
export async function main(argv: readonly string[], outer: Io): Promise<number> {
  const io: Io = { stdout: (s) => outer.stdout(terminalOutput(s)), stderr: (s) => outer.stderr(terminalOutput(s)), now: outer.now };
  try {
    const args = parseArgs(argv);
    if (args.command === "help" || args.command === "--help" || args.command === "-h" || args.options.has("--help")) {
      io.stdout(USAGE + "\n");
      return EXIT.ok;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`不认识的命令：${args.command}`);
    return await command(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (e instanceof UserError) {
      io.stderr(userErrorText(e as UserError) + "\n");
      return EXIT.fatal;
    }
    io.stderr(`意外错误（程序缺陷，请把以下信息发给维护人员）：\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.defect;
  }
}

/**
 * Next steps the catalogue words for the task pane (whose messages never mention the command
 * line), as they are done in the terminal.
 */
const TERMINAL_NEXT: { readonly [C in FailureCode]?: (p: FailureParams[C]) => string } = {
  MERGE_AMBIGUOUS: (p) => `请用 --as 指定要导入的评分表（如 --as ${p.filled[0]?.sheet ?? "评分A"}）。`,
};

/** A UserError for the terminal: what and what next, then the problems it lists, user text escaped. */
export function userErrorText(e: UserError): string {
  const text = renderFailure(e.code, terminalData(e.params));
  const next = (TERMINAL_NEXT[e.code] as ((p: unknown) => string) | undefined)?.(terminalData(e.params));
  return [
    failureLine(next === undefined ? text : { ...text, next }),
    ...e.problems.map((p) => `  ${terminalText(issueMessage(p, MESSAGES_ZH))}`),
  ].join("\n");
}

/** The process entry point used by bin/scorecard.js. */
export async function runCli(): Promise<void> {
  // A reader that stops reading (`scorecard score … --json - | head`) closes the pipe: what is
  // left to print has nowhere to go, and the run goes on (the workbook is still written).
  // Without a listener the failed write was an unhandled error: a stack trace, no workbook.
  // Any other failure of stdout (a full disk it is redirected to) is said, and fails the run.
  const stdout: { closed: boolean; failure: string | null } = { closed: false, failure: null };
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (!stdout.closed && e.code !== "EPIPE") stdout.failure = e.code ?? e.message;
    stdout.closed = true;
  });
  const code = await main(process.argv.slice(2), {
    stdout: (s) => {
      if (!stdout.closed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    now: () => new Date(),
  });
  if (stdout.failure !== null) {
    process.stderr.write(
      terminalOutput(`无法写出到标准输出（${stdout.failure}）：请检查输出重定向到的文件或程序（磁盘空间、权限）后重试。\n`),
    );
  }
  process.exitCode = stdout.failure !== null && (code === EXIT.ok || code === EXIT.errors) ? EXIT.fatal : code;
}
