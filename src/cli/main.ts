import { WorkbookUnreadableError, WorkbookUnwritableError } from "../io/workbook.js";
import { parseArgs, UsageError, USAGE } from "./args.js";
import { EXIT, scoreCommand, validateCommand, type Io } from "./commands.js";
import { demoCommand } from "./demo.js";
import { mergeCommand } from "./merge.js";
import { templateCommand } from "./template.js";

const COMMANDS: Readonly<Record<string, (args: ReturnType<typeof parseArgs>, io: Io) => Promise<number>>> = {
  score: scoreCommand,
  validate: validateCommand,
  demo: demoCommand,
  template: templateCommand,
  merge: mergeCommand,
};

/** Runs the CLI; expected problems become messages and exit codes, anything else is a crash report. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
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
    // A file that turns out unreadable or cannot take the results when it is written: nothing was written.
    if (e instanceof WorkbookUnreadableError || e instanceof WorkbookUnwritableError) {
      io.stderr(`${e.reason}\n`);
      return EXIT.fatal;
    }
    io.stderr(`意外错误（程序缺陷，请把以下信息发给维护人员）：\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

/** The process entry point used by bin/scorecard.js. */
export async function runCli(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    now: () => new Date(),
  });
}
