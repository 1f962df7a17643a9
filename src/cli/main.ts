import { UserError } from "../model/failure.js";
import { issueMessage } from "../model/issues.js";
import { MESSAGES_ZH } from "../model/messages-zh.js";
import { failureLine, renderFailure } from "../model/failure-messages.js";
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

/** A UserError for the terminal: what and what next, then the problems it lists, user text escaped. */
export function userErrorText(e: UserError): string {
  return [
    failureLine(renderFailure(e.code, terminalData(e.params))),
    ...e.problems.map((p) => `  ${terminalText(issueMessage(p, MESSAGES_ZH))}`),
  ].join("\n");
}

/** The process entry point used by bin/scorecard.js. */
export async function runCli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    now: () => new Date(),
  });
}
