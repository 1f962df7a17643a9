import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output and a fixed clock. */
export async function runCli(argv: readonly string[], now = new Date("2026-10-08T09:30:00")): Promise<CliRun> {
  let stdout = "",
    stderr = "";
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), now: () => now });
  return { code, stdout, stderr };
}
