import type { Result } from "../../src/model/result.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { rankingTable, summary, terminalOutput, terminalText } from "../../src/cli/terminal.js";
import { sampleQuarter, sampleQuarterSheets } from "../../src/demo/sample-quarter.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { runCli } from "../helpers/cli.js";

/** A name that would retitle the terminal window, ring the bell, clear the screen and reverse the text after it. */
const HOSTILE = "\u001b]0;pwned\u0007一支部\u001b[2J\u202e\u009b31m\r\n末尾";
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("user text on the terminal", () => {
  it("shows control characters, escape sequences and bidi overrides escaped", () => {
    expect(terminalText(HOSTILE)).toBe("\\x1B]0;pwned\\x07一支部\\x1B[2J\\u202E\\x9B31m\\r\\n末尾");
    expect(terminalText("普通的名字 No.1")).toBe("普通的名字 No.1");
    expect(terminalText("\ud800x")).toBe("\\uD800x");
    expect(terminalText("😀")).toBe("😀");
    // The last guard keeps our own layout (line breaks, tabs) and escapes the rest JSON-compatibly.
    expect(terminalOutput("a\n\tb\u001b[2Jc\u202e")).toBe("a\n\tb\\u001B[2Jc\\u202E");
  });

  it("escapes names in the ranking table and issue messages in the summary", () => {
    const q = sampleQuarter({ branches: 3 });
    const hostile = { ...q, branches: q.branches.map((b, i) => (i === 0 ? { ...b, name: HOSTILE } : b)) };
    return (async () => {
      const { runAssessment } = await import("../../src/pipeline.js");
      const { XlsxReader } = await import("../../src/io/xlsx/reader.js");
      const { result } = await runAssessment(new XlsxReader(createWorkbook(sampleQuarterSheets(hostile))), null, {
        now: new Date(2026, 9, 1),
      });
      const table = rankingTable(result);
      expect(table).not.toMatch(RAW);
      expect(table).toContain("\\x1B]0;pwned\\x07一支部");
      const withIssue = {
        ...result,
        issues: [
          {
            severity: "error" as const,
            code: "BRANCH_NAME_MISMATCH" as const,
            sheet: "评分A",
            cell: "B3",
            message: `支部名称“${HOSTILE}”不一致`,
          },
        ],
      };
      expect(summary(withIssue)).not.toMatch(RAW);
    })();
  });

  it("never prints raw control characters from workbook or path text, and keeps --json - exact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-term-"));
    const q = sampleQuarter({ branches: 4 });
    const hostile = { ...q, branches: q.branches.map((b, i) => (i === 0 ? { ...b, name: HOSTILE } : b)) };
    const input = join(dir, "in.xlsx");
    writeFileSync(input, createWorkbook(sampleQuarterSheets(hostile)));
    const output = join(dir, "out\u001b[31m.xlsx");
    const r = await runCli(["score", input, "-o", output, "--json", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain("结果已写入：" + join(dir, "out\\x1B[31m.xlsx"));
    expect((JSON.parse(r.stdout) as Result).branches.map((b: { name: string }) => b.name)).toContain(HOSTILE);

    const missing = await runCli(["score", join(dir, "\u001b]0;x\u0007.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `找不到文件：${join(dir, "\\x1B]0;x\\x07.xlsx")}。请检查文件名和所在文件夹（可以把文件拖进命令行窗口得到完整路径）。\n`,
    );
  });
});

describe("exit codes", () => {
  it("gives a defect 意外错误 with the stack and exit 70; a user's problem its message and exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-exit-"));
    const input = join(dir, "in.xlsx");
    writeFileSync(input, createWorkbook(sampleQuarterSheets(sampleQuarter({ branches: 2 }))));
    let stderr = "";
    const code = await main(["validate", input], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      now: () => {
        throw new TypeError("clock is undefined");
      },
    });
    expect(code).toBe(70);
    expect(stderr).toMatch(/^意外错误（程序缺陷，请把以下信息发给维护人员）：\nTypeError: clock is undefined\n\s+at /);

    const user = await runCli(["score", dir]);
    expect(user.code).toBe(2);
    expect(user.stderr).toBe(`这是一个文件夹，不是工作簿文件：${dir}。请指定文件夹中的 .xlsx 文件。\n`);
  });
});
