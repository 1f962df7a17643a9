import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { requireFullTestRun } from "./full-tests.js";

/** How long one soffice run may take (a cold start with a fresh profile is the slow part). */
const TIMEOUT_MS = 90_000;

const INSTALL_HINT =
  "LibreOffice (soffice) is not installed, and these tests need it as an independent reader of our .xlsx files: apt-get install -y libreoffice-calc";

/** The soffice executable on PATH; throws (so the test fails, never skips) when LibreOffice is missing. */
export function sofficePath(): string {
  requireFullTestRun("LibreOffice");
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  throw new Error(INSTALL_HINT);
}

/**
 * Converts files with LibreOffice (`soffice --headless --convert-to <format>`) in one run and
 * returns the output paths, in a fresh temporary directory. `format` is what --convert-to
 * takes: "pdf", "ods", "xlsx", or with a filter ("xlsx:Calc MS Excel 2007 XML"). Each run uses
 * its own profile, so parallel test files do not collide. Throws if soffice is missing, fails,
 * times out, or leaves an output missing or empty.
 */
export async function convertWith(format: string, file: string): Promise<string>;
export async function convertWith(format: string, files: readonly string[]): Promise<string[]>;
export async function convertWith(format: string, input: string | readonly string[]): Promise<string | string[]> {
  const files = typeof input === "string" ? [input] : input;
  const soffice = sofficePath();
  const extension = format.split(":")[0]!;
  const outputs = files.map((f) => `${basename(f, extname(f))}.${extension}`);
  if (new Set(outputs).size !== outputs.length)
    throw new Error(`convertWith: two inputs would give the same output name: ${outputs.join(", ")}`);

  const outDir = mkdtempSync(join(tmpdir(), "scorecard-lo-out-"));
  const profile = mkdtempSync(join(tmpdir(), "scorecard-lo-profile-"));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      ...files,
    ];
    const log = await new Promise<string>((resolve, reject) => {
      execFile(soffice, args, { timeout: TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `soffice --convert-to ${format} failed (${error.killed ? `timed out after ${TIMEOUT_MS / 1000} s` : error.message}):\n${stdout}${stderr}`,
            ),
          );
        else resolve(`${stdout}${stderr}`);
      });
    });
    const paths = outputs.map((name) => join(outDir, name));
    for (const path of paths) {
      if (!existsSync(path) || statSync(path).size === 0)
        throw new Error(`soffice --convert-to ${format} wrote no ${basename(path)}:\n${log}`);
    }
    return typeof input === "string" ? paths[0]! : paths;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
