import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ResultSchema } from "../../src/model/result.js";
import { runCli } from "../helpers/cli.js";
import { compareResults } from "./compare-result.js";

const examplesDir = fileURLToPath(new URL("../../../shared/examples", import.meta.url));

describe("shared example workbooks through the CLI (result-json.md contract)", () => {
  it("finds the shared examples beside the project", () => {
    expect(existsSync(examplesDir), `${examplesDir} is missing: the contract cannot be checked`).toBe(true);
  });
  const examples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => f.endsWith(".xlsx")) : [];

  it.each(examples)("%s matches its expected JSON", async (file) => {
    const input = join(examplesDir, file);
    const dir = mkdtempSync(join(tmpdir(), "scorecard-contract-"));
    const before = statSync(input).mtimeMs;
    const run = await runCli(["score", input, "-o", join(dir, "out.xlsx"), "--json", join(dir, "result.json")]);
    const actual = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    const expected = JSON.parse(readFileSync(input.replace(/\.xlsx$/, ".expected.json"), "utf8"));

    expect(ResultSchema.safeParse(actual).success).toBe(true);
    expect(compareResults(expected, actual)).toEqual([]);
    expect(run.code).toBe(expected.status === "fatal" ? 2 : 0);
    expect(statSync(input).mtimeMs).toBe(before);
    if (expected.status !== "fatal") expect(existsSync(join(dir, "out.xlsx"))).toBe(true);
  });
});
