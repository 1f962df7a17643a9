import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Builds addin/ the way `npm run build` does (webpack, production mode) into `outputPath`, with
 * extra `--env` flags (e.g. "e2e", "officeJs=cdn"). Needs only Node: no browser.
 */
export async function buildAddin(outputPath: string, env: readonly string[] = []): Promise<void> {
  const cli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const args = [cli, "--mode", "production", ...env.flatMap((e) => ["--env", e]), "--env", `outputPath=${outputPath}`];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`webpack build failed:\n${stdout ?? ""}\n${stderr ?? ""}`, { cause: e });
  }
}
