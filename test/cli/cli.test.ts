import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Result } from "../../src/model/result.js";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { finalWorkbook, provisionalWorkbook } from "../helpers/sample-workbooks.js";

const tmp = () => mkdtempSync(join(tmpdir(), "scorecard-cli-"));
const inputs = tmp();
/** A built input workbook on disk: `final` has no error, `provisional` a pending dispute (an error). */
function example(kind: "final" | "provisional"): string {
  const path = join(inputs, `${kind}.xlsx`);
  if (!existsSync(path)) writeFileSync(path, kind === "final" ? finalWorkbook() : provisionalWorkbook());
  return path;
}

describe("scorecard command line", () => {
  it("prints usage and exits 64 for an unknown command or option", async () => {
    const a = await runCli(["frobnicate"]);
    expect(a.code).toBe(64);
    expect(a.stderr).toContain("不认识的命令：frobnicate");
    expect(a.stderr).toContain("用法");
    const b = await runCli(["score", example("final"), "--bogus"]);
    expect(b.code).toBe(64);
    expect(b.stderr).toContain("不认识的选项：--bogus");
    expect((await runCli([])).code).toBe(64);
    expect((await runCli(["score"])).code).toBe(64);
  });

  it("exits 2 with a Chinese message and the next step when the input file does not exist", async () => {
    const r = await runCli(["score", "/nonexistent/考核.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("找不到文件：/nonexistent/考核.xlsx。请检查文件名和所在文件夹（可以把文件拖进命令行窗口得到完整路径）。\n");
  });

  it("refuses to write the output over the input", async () => {
    const dir = tmp();
    const input = join(dir, "in.xlsx");
    writeFileSync(input, readFileSync(example("final")));
    const r = await runCli(["score", input, "-o", input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`输出文件 ${input} 就是考核工作簿 ${input}`);
  });

  it.each([
    ["an empty file", new Uint8Array()],
    ["random bytes", new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256))],
    [
      "an encrypted workbook (OLE container)",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),
    ],
    ["a text file named .xlsx", new TextEncoder().encode("支部编码,支部名称\nZB001,一支部\n")],
  ])("gives a fatal WORKBOOK_UNREADABLE result and exit 2 for %s, never a stack trace", async (_what, bytes) => {
    const dir = tmp();
    const input = join(dir, "bad.xlsx");
    writeFileSync(input, bytes);
    const r = await runCli(["score", input, "--json", "-"]);
    expect(r.code).toBe(2);
    const result = JSON.parse(r.stdout) as Result;
    expect(result.status).toBe("fatal");
    expect(result.branches).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: "fatal", code: "WORKBOOK_UNREADABLE", sheet: null, cell: null });
    expect(result.issues[0]!.message).toMatch(/无法读取/);
    expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(existsSync(join(dir, "bad-评分结果.xlsx"))).toBe(false);
  });

  it("validate exits 1 when there are errors and 0 when clean, writing no workbook", async () => {
    const dir = tmp();
    const bad = await runCli(["validate", example("provisional"), "--json", join(dir, "r.json")]);
    expect(bad.code).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as Result).status).toBe("provisional");
    expect(bad.stderr).toContain("结果暂定");
    const clean = await runCli(["validate", example("final")]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toContain("结果正式");
  });

  it("score writes the copy next to the input by default and the JSON to stdout with --json -", async () => {
    const dir = tmp();
    const input = join(dir, "季度考核.xlsx");
    writeFileSync(input, readFileSync(example("provisional")));
    const original = readFileSync(input);
    const r = await runCli(["score", input, "--json", "-"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Result).status).toBe("provisional");
    expect(existsSync(join(dir, "季度考核-评分结果.xlsx"))).toBe(true);
    expect(readFileSync(input).equals(original)).toBe(true);
  });
});
