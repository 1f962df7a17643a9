import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STRINGS } from "../../addin/taskpane/strings.js";
import { instructionsSheet } from "../../src/template/instructions.js";
import { templateSheets } from "../../src/template/template-workbook.js";
import { COMMAND_LINE } from "../helpers/command-line.js";
import { BRANCHES } from "../template/fill-template.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
/** A source file's text without its comments (what it says to people, not to programmers). */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
const offending = (texts: readonly string[]) => texts.filter((t) => COMMAND_LINE.test(t));

describe("nothing people see in the task pane or a template sends them to the command line", () => {
  it("the pane's strings, in both languages", () => {
    expect(offending([...Object.values(STRINGS.zh), ...Object.values(STRINGS.en)])).toEqual([]);
  });

  it("a new or regenerated template: 填报说明, the example roster's notice, settings, input messages", () => {
    const texts = [
      ...templateSheets({ period: null }),
      ...templateSheets({ branches: BRANCHES, period: "2026Q3" }),
      instructionsSheet({ period: null, exampleRoster: true }),
      instructionsSheet({ period: "2026Q3", exampleRoster: false }),
    ].flatMap((sheet) => JSON.stringify(sheet).split(/","|":"/));
    expect(texts.some((t) => t.includes("新建考核模板"))).toBe(true);
    expect(offending(texts)).toEqual([]);
  });

  it("the help page and the issue messages", () => {
    const help = read("addin/help.html")
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, "")
      .replace(/<[^>]+>/g, "\n")
      .split("\n");
    expect(offending(help)).toEqual([]);
    for (const file of ["src/model/messages-zh.ts", "src/model/messages-en.ts"]) {
      expect(offending(withoutComments(read(file)).split("\n")), file).toEqual([]);
    }
  });
});
