import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { cliBundle } from "../io/hostile/cli-measure.js";

/*
 * `scorecard score … --json - | head -c 100`: the reader closes the pipe after 100 bytes of a
 * JSON of megabytes. The CLI as shipped (bundled, in a child process) stops printing quietly
 * and still writes the workbook; it used to die of an unhandled EPIPE with a stack trace.
 */
describe("stdout closed by its reader", () => {
  it("ends the printing quietly and still writes the workbook", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-pipe-"));
    const input = join(dir, "考核.xlsx");
    const output = join(dir, "结果.xlsx");
    writeFileSync(input, createWorkbook(sampleQuarterSheets(sampleQuarter({ branches: 300 }))));
    const child = spawn(process.execPath, [await cliBundle(), "score", input, "-o", output, "--json", "-"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.stdout.once("data", () => child.stdout.destroy()); // as `head -c 100` does
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code, stderr).toBe(0); // as when the JSON is read to its end
    expect(existsSync(output)).toBe(true);
  }, 60_000);
});
