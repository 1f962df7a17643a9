import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFile, NODE_FS, sameFile, writeOutput, type FileSystem } from "../../src/cli/files.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { UserError } from "../../src/model/failure.js";
import { runCli } from "../helpers/cli.js";

const tmp = () => mkdtempSync(join(tmpdir(), "scorecard-out-"));
const WORKBOOK = createWorkbook(sampleQuarterSheets(sampleQuarter({ branches: 6 })));

/** A folder with the sample workbook as 考核.xlsx; returns its path and the input's path. */
function withInput(): { dir: string; input: string } {
  const dir = tmp();
  const input = join(dir, "考核.xlsx");
  writeFileSync(input, WORKBOOK);
  return { dir, input };
}

const failureOf = async (p: Promise<unknown>): Promise<UserError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
};

describe("output paths: the input is never written", () => {
  it.each([
    ["a symbolic link to the input", (dir: string, input: string) => (symlinkSync(input, join(dir, "链接.xlsx")), join(dir, "链接.xlsx"))],
    ["a hard link to the input", (dir: string, input: string) => (linkSync(input, join(dir, "硬链接.xlsx")), join(dir, "硬链接.xlsx"))],
    ["the input through another path", (dir: string) => join(dir, ".", "子", "..", "考核.xlsx")],
  ])("score refuses -o that is %s (exit 2, a clear message, nothing written)", async (_what, outputOf) => {
    const { dir, input } = withInput();
    mkdirSync(join(dir, "子"));
    const output = outputOf(dir, input);
    const before = readdirSync(dir).sort();
    const r = await runCli(["score", input, "-o", output]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `输出文件 ${output} 就是考核工作簿 ${input}（同一个文件，可能经由链接或只是大小写不同）。本程序从不修改原文件：请用 -o 指定另一个文件名。\n`,
    );
    expect(readFileSync(input)).toEqual(Buffer.from(WORKBOOK));
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("refuses --json over the input, and --json equal to -o", async () => {
    const { dir, input } = withInput();
    const json = await runCli(["validate", input, "--json", input]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain("就是考核工作簿");
    expect(readFileSync(input)).toEqual(Buffer.from(WORKBOOK));
    const both = await runCli(["score", input, "-o", join(dir, "x.xlsx"), "--json", join(dir, "x.xlsx")]);
    expect(both.code).toBe(64);
    expect(both.stderr).toContain("--json 和 -o 不能是同一个文件");
  });

  it("refuses an output that is a folder, existing or named with a trailing separator", async () => {
    const { dir, input } = withInput();
    mkdirSync(join(dir, "结果"));
    const folder = await runCli(["score", input, "-o", join(dir, "结果")]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(
      `输出位置 ${join(dir, "结果")} 是一个文件夹。请在 -o 后写上文件名（以 .xlsx 结尾），例如 结果/评分结果.xlsx。\n`,
    );
    const slash = await runCli(["score", input, "-o", join(dir, "新文件夹") + "/"]);
    expect(slash.code).toBe(2);
    expect(slash.stderr).toContain("是一个文件夹");
    expect(existsSync(join(dir, "新文件夹"))).toBe(false);
  });

  it("merge refuses -o that is the target or the rater's file through a link, and one file given twice", async () => {
    const { dir, input } = withInput();
    const rater = join(dir, "A方.xlsx");
    writeFileSync(rater, WORKBOOK);
    linkSync(rater, join(dir, "A方-链接.xlsx"));
    const viaLink = await runCli(["merge", input, rater, "-o", join(dir, "A方-链接.xlsx")]);
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toContain(`就是评分方交回的工作簿 ${rater}`);
    symlinkSync(input, join(dir, "目标-链接.xlsx"));
    const twice = await runCli(["merge", input, join(dir, "目标-链接.xlsx"), "-o", join(dir, "out.xlsx")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("是同一个文件。请指定评分方交回的那一份工作簿。");
    expect(readFileSync(input)).toEqual(Buffer.from(WORKBOOK));
    expect(readFileSync(rater)).toEqual(Buffer.from(WORKBOOK));
  });

  it("template refuses -o that is the roster file; demo refuses -o that is a file", async () => {
    const dir = tmp();
    const roster = join(dir, "名册.csv");
    writeFileSync(roster, "支部编码,支部名称,支部类别\nZB1,一支部,生产类\n");
    symlinkSync(roster, join(dir, "名册.xlsx"));
    const t = await runCli(["template", "--branches", roster, "-o", join(dir, "名册.xlsx")]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("就是名册文件");
    expect(readFileSync(roster, "utf8")).toContain("ZB1");
    writeFileSync(join(dir, "demo.txt"), "x");
    const d = await runCli(["demo", "-o", join(dir, "demo.txt")]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("是一个文件，示例需要写入一个文件夹");
    expect(readFileSync(join(dir, "demo.txt"), "utf8")).toBe("x");
  });

  it("compares files, not names, where the file system folds letter case (Windows, macOS)", async () => {
    const dir = tmp();
    const real = join(dir, "kaohe.xlsx");
    writeFileSync(real, "x");
    // A file system that ignores case, as NTFS and APFS do by default.
    const folding: FileSystem = { ...NODE_FS, stat: (p, o) => NODE_FS.stat(p.toLowerCase() === real.toLowerCase() ? real : p, o) };
    expect(await sameFile(join(dir, "KAOHE.XLSX"), real, folding)).toBe(true);
    expect(await sameFile(join(dir, "KAOHE.XLSX"), real, NODE_FS)).toBe(false); // Linux: another file, which does not exist
    const e = await failureOf(checkOutputFile(join(dir, "KAOHE.XLSX"), [{ path: real, role: "input" }], folding));
    expect(e.code).toBe("OUTPUT_IS_INPUT");

    // No file numbers (some network and FAT volumes): resolved paths, compared as the platform compares names.
    const noIno: FileSystem = {
      ...folding,
      stat: async (p, o) => ({ ...(await folding.stat(p, o)), ino: 0n, isDirectory: () => false }),
      realpath: async (p) => p.replace(/kaohe/i, (m) => m),
    };
    expect(await sameFile(join(dir, "KAOHE.xlsx"), real, noIno, "win32")).toBe(true);
    expect(await sameFile(join(dir, "KAOHE.xlsx"), real, noIno, "linux")).toBe(false);
  });
});

describe("writing an output: whole or not at all", () => {
  it("writes through a temporary file beside the target and replaces an older output", async () => {
    const dir = tmp();
    const target = join(dir, "结果.xlsx");
    writeFileSync(target, "old");
    await writeOutput(target, "new");
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["结果.xlsx"]);
  });

  it.each([
    ["EBUSY", "OUTPUT_LOCKED"],
    ["EPERM", "OUTPUT_LOCKED"],
    ["EACCES", "OUTPUT_LOCKED"],
    ["ENOSPC", "OUTPUT_DISK_FULL"],
    ["EROFS", "OUTPUT_NOT_WRITTEN"],
  ])("turns %s on replacing the file (Windows: the file is open in Excel) into %s, leaving no temporary file", async (code, failure) => {
    const dir = tmp();
    const target = join(dir, "结果.xlsx");
    writeFileSync(target, "open in Excel");
    const locked: FileSystem = {
      ...NODE_FS,
      rename: async () => {
        throw Object.assign(new Error(`${code}: resource busy or locked, rename`), { code });
      },
    };
    const e = await failureOf(writeOutput(target, "new", locked));
    expect(e.code).toBe(failure);
    expect(readFileSync(target, "utf8")).toBe("open in Excel");
    expect(readdirSync(dir)).toEqual(["结果.xlsx"]);
  });

  it("says on the command line what failed and what to do (exit 2), never 意外错误", async () => {
    const { dir, input } = withInput();
    writeFileSync(join(dir, "文件"), "");
    const output = join(dir, "文件", "结果.xlsx"); // its folder would have to be where a file is
    const blocked = await runCli(["score", input, "-o", output]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(
      /\n无法写入 .*结果\.xlsx（路径中有一部分是文件而不是文件夹，E(EXIST|NOTDIR)）。请确认所在文件夹存在且可以写入，或用 -o 换一个位置后重试。\n$/,
    );
    expect(readdirSync(dir).sort()).toEqual(["文件", "考核.xlsx"]);
  });
});
