import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { unreadable } from "../../src/io/workbook.js";
import { UserError, type FailureCode, type FailureParams } from "../../src/model/failure.js";
import { FAILURE_MESSAGES_EN } from "../../src/model/failure-messages-en.js";
import { FAILURE_MESSAGES_ZH } from "../../src/model/failure-messages-zh.js";
import { failureLine, renderFailure } from "../../src/model/failure-messages.js";
import { describeFailure } from "../../addin/taskpane/useTask.js";
import { COMMAND_LINE } from "../helpers/command-line.js";

/** One example of every code's parameters: a new code does not compile until it has one. */
const EXAMPLES: { readonly [C in FailureCode]: FailureParams[C] } = {
  FILE_NOT_FOUND: { path: "考核.xlsx" },
  FILE_IS_FOLDER: { path: "资料" },
  FILE_NOT_OPENED: { path: "考核.xlsx", reason: "EACCES" },
  OUTPUT_IS_INPUT: { output: "KAOHE.xlsx", input: "kaohe.xlsx", role: "input" },
  INPUTS_ARE_ONE_FILE: { target: "模板.xlsx", rater: "模板.xlsx" },
  OUTPUT_IS_FOLDER: { path: "结果" },
  OUTPUT_NOT_FOLDER: { path: "demo.xlsx" },
  OUTPUT_EXISTS: { path: "模板.xlsx" },
  OUTPUT_LOCKED: { path: "结果.xlsx" },
  OUTPUT_DISK_FULL: { path: "结果.xlsx" },
  OUTPUT_NOT_WRITTEN: { path: "结果.xlsx", reason: "EROFS" },
  WORKBOOK_UNREADABLE: { reason: { code: "FILE_EMPTY", params: {} }, file: "考核.xlsx" },
  WORKBOOK_STRICT: {},
  OUTPUT_SHEET_NOT_WORKSHEET: { sheet: "统计图表" },
  OUTPUT_LOG_FULL: { sheet: "运行记录" },
  SHEET_NOT_FOUND: { sheet: "评分A" },
  SHEET_NOT_WORKSHEET: { sheet: "评分A" },
  SHEET_PROTECTED: { sheet: "评分A" },
  INPUT_SHEET_EXISTS: { sheet: "评分A" },
  TEMPLATE_SHEETS_EXIST: { sheets: ["评分A", "评分B"] },
  PERIOD_INVALID: { value: "2026Q5" },
  EXCEL_NOT_READY: {},
  EXCEL_CELL_EDITING: {},
  EXCEL_ACCESS_DENIED: {},
  NO_WORKBOOK_OPEN: {},
  FILE_NOT_XLSX: { name: "名册.csv" },
  RATER_FILE_NOT_CHOSEN: {},
  ROSTER_FILE_NOT_CHOSEN: {},
  MERGE_GRID_UNKNOWN: { as: "评分C", grids: ["评分A", "评分B", "仲裁", "自评"] },
  MERGE_NOTHING_FILLED: { grids: ["评分A", "评分B", "仲裁", "自评"] },
  MERGE_AMBIGUOUS: {
    filled: [
      { sheet: "评分A", cells: 3 },
      { sheet: "自评", cells: 1 },
    ],
  },
  MERGE_SHEET_MISSING: { sheet: "仲裁", in: "target" },
  MERGE_HEADER_MISSING: { sheet: "评分A", in: "rater" },
  ROSTER_NOT_FOUND: { file: "名册.xlsx", required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位", "党员人数"] },
  ROSTER_NOT_A_ROSTER: { file: "名册.csv", required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位", "党员人数"] },
  ROSTER_ENCODING: { file: "名册.csv" },
  ROSTER_PROBLEMS: { file: "名册.csv", count: 2 },
  ROSTER_RULES_PROBLEMS: { file: "上季度.xlsx", count: 1 },
  ROSTER_FILE_TYPE: { name: "名册.docx" },
  OWN_ROSTER_MISSING: { sheet: false, required: ["支部编码", "支部名称", "支部类别"], optional: ["所属单位", "党员人数"] },
  OWN_SHEET_PROBLEMS: { sheet: "支部名册", count: 2 },
  OWN_SHEET_HEADER_MISSING: { sheet: "评分A", titles: ["支部编码", "支部名称"] },
};
const CODES = Object.keys(EXAMPLES) as FailureCode[];
const example = <C extends FailureCode>(code: C) => new UserError(code, EXAMPLES[code]);

describe("user errors: a code, typed parameters, a message per language from the catalogue", () => {
  it("has a Chinese and an English message for every code, each saying what happened and what to do next", () => {
    expect(Object.keys(FAILURE_MESSAGES_ZH).sort()).toEqual([...CODES].sort());
    expect(Object.keys(FAILURE_MESSAGES_EN).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      const zh = renderFailure(code, EXAMPLES[code], "zh");
      const en = renderFailure(code, EXAMPLES[code], "en");
      expect(zh.what, code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.next, code).toMatch(/^[^。]*[\u4e00-\u9fff].*[。：]$/u);
      expect(en.what, code).not.toMatch(/[。]$/);
      expect(en.next, code).toMatch(/[.:]$/);
    }
  });

  it("keeps the Chinese text as Error.message, and the code and parameters as data", () => {
    const e = new UserError("OUTPUT_LOCKED", { path: "D:\\考核\\结果.xlsx" });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe("OUTPUT_LOCKED");
    expect(e.params).toEqual({ path: "D:\\考核\\结果.xlsx" });
    expect(e.message).toBe(
      "无法写入 D:\\考核\\结果.xlsx：文件正被其他程序打开，或没有写入权限。请关闭正在使用它的程序（如 Excel、WPS），或用 -o 换一个文件名或位置后重试。",
    );
    expect(failureLine(renderFailure(e.code, e.params, "en"), "en")).toBe(
      "Cannot write D:\\考核\\结果.xlsx: another program has it open, or it may not be written. Close the program using it (Excel, WPS…) or give another name or folder with -o, and try again.",
    );
  });

  it("renders a sample of the catalogue as written", () => {
    const lines = (["WORKBOOK_UNREADABLE", "OUTPUT_IS_INPUT", "MERGE_AMBIGUOUS", "PERIOD_INVALID"] as const).map((c) => example(c).message);
    expect(lines).toEqual([
      "无法读取“考核.xlsx”：文件为空（0 字节），不是 Excel 工作簿。请用 Excel 打开并另存为“Excel 工作簿 (*.xlsx)”（不加密码）后重试。",
      "输出文件 KAOHE.xlsx 就是考核工作簿 kaohe.xlsx（同一个文件，可能经由链接或只是大小写不同）。本程序从不修改原文件：请用 -o 指定另一个文件名。",
      "导入的文件中有多张评分表填写了分数（评分A 3 格，自评 1 格），无法判断要导入哪一张。请在“作为”中选择要导入的评分表（如 评分A）后再导入。",
      "考核周期无效：“2026Q5”。请填写如 2026Q3、2026-Q3 或 2026年第三季度 的季度（1～4 季度）。",
    ]);
  });

  it("makes an unreadable workbook a user error that can name its file", () => {
    const e = unreadable("FILE_EMPTY", {});
    expect(e).toBeInstanceOf(UserError);
    expect(e.code).toBe("WORKBOOK_UNREADABLE");
    expect(e.reason).toEqual({ code: "FILE_EMPTY", params: {} });
    expect(e.of({ role: "rater" }).message).toMatch(/^无法读取评分方交回的工作簿：文件为空（0 字节），不是 Excel 工作簿。请用 Excel/);
    expect(e.of({ file: "a.xlsx" }).params).toEqual({ reason: e.reason, file: "a.xlsx" });
  });

  it("tells the task pane a user's problem from a defect", () => {
    const problem = describeFailure(new UserError("NO_WORKBOOK_OPEN", {}));
    expect(problem).toMatchObject({ unexpected: false, message: "还没有打开考核工作簿。请先打开要处理的考核工作簿（.xlsx）。" });
    expect(problem.problem?.code).toBe("NO_WORKBOOK_OPEN");
    // Any other error, however worded, is a defect: the pane says 意外错误.
    expect(describeFailure(new Error("工作表受保护"))).toEqual({ message: "工作表受保护", unexpected: true });
    expect(describeFailure(new TypeError("x is undefined")).unexpected).toBe(true);
    expect(describeFailure("string")).toEqual({ message: "string", unexpected: true });
  });
});

const root = fileURLToPath(new URL("../../", import.meta.url));
function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? (f === "testing" ? [] : sources(p)) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe("messages the task pane can show", () => {
  it("never mention the command line: only failures raised by the CLI alone may", () => {
    const raisedBy = (code: string) =>
      [...sources("src"), ...sources("addin")].filter(
        (f) => !/failure/.test(f) && readFileSync(join(root, f), "utf8").includes(`"${code}"`),
      );
    const cliOnly = CODES.filter((c) => {
      const files = raisedBy(c);
      return files.length > 0 && files.every((f) => f.startsWith(join("src", "cli")));
    });
    // The terminal's own failures (paths, -o); a new one shows here.
    expect(cliOnly.sort()).toEqual(
      [
        "FILE_IS_FOLDER",
        "FILE_NOT_FOUND",
        "FILE_NOT_OPENED",
        "INPUTS_ARE_ONE_FILE",
        "OUTPUT_DISK_FULL",
        "OUTPUT_EXISTS",
        "OUTPUT_IS_FOLDER",
        "OUTPUT_IS_INPUT",
        "OUTPUT_LOCKED",
        "OUTPUT_NOT_FOLDER",
        "OUTPUT_NOT_WRITTEN",
      ].sort(),
    );
    const found: string[] = [];
    for (const code of CODES.filter((c) => !cliOnly.includes(c))) {
      for (const language of ["zh", "en"] as const) {
        const line = failureLine(renderFailure(code, EXAMPLES[code] as never, language), language);
        if (COMMAND_LINE.test(line)) found.push(`${code} (${language}): ${line}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe("expected failures are UserErrors", () => {
  it("throws no plain Error (or Error subclass other than UserError) with a Chinese message in src/ or addin/", () => {
    const found: string[] = [];
    for (const file of [...sources("src"), ...sources("addin")]) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/throw new (\w*Error)\(([^;]*)/g)) {
        if (m[1] === "UserError" || m[1] === "UsageError" || m[1] === "WorkbookUnreadableError") continue;
        if (/[\u4e00-\u9fff]/.test(m[2]!)) found.push(`${relative(root, join(root, file))}: ${m[0].slice(0, 80)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
