import { describe, expect, it } from "vitest";
import { mergeReportText } from "../../src/model/failure-messages.js";
import type { MergeLine, MergeLineParams } from "../../src/model/merge-report.js";

/** One example of every line's parameters: a new line does not compile until it has one. */
const EXAMPLES: { readonly [C in keyof MergeLineParams]: MergeLineParams[C] } = {
  MERGE_COPIED: { sheet: "评分A", cells: 12 },
  MERGE_CONFLICTS: { count: 2 },
  MERGE_CONFLICT: { sheet: "评分A", cell: "D5", branch: "ZB01", item: "1.2", target: "3", incoming: "2.5" },
  MERGE_BRANCHES_UNKNOWN: { sheet: "评分A", branches: ["ZB98", "ZB99"] },
  MERGE_ITEMS_UNKNOWN: { sheet: "评分A", items: ["X9"] },
  MERGE_SKIPPED: { count: 3 },
  MERGE_SKIP: { sheet: "评分A", cell: "C2", branch: "ZB01", reason: "date" },
  MERGE_MORE: { count: 5 },
  MERGE_NOTES_APPENDED: { sheet: "扣分说明", rows: 1 },
  MERGE_NOTES_NOT_CARRIED: { sheet: "扣分说明", rows: 2, titles: ["支部编码", "项目编号", "评分方", "说明"] },
};

const line = <C extends keyof MergeLineParams>(code: C, params: MergeLineParams[C] = EXAMPLES[code]) => {
  const lines = [{ code, params } as MergeLine];
  return { zh: mergeReportText(lines, "zh"), en: mergeReportText(lines, "en") };
};

// Every line of a rater merge's report in both languages, verbatim (the terminal prints the Chinese).
describe("merge report lines, per code and language", () => {
  it("MERGE_COPIED", () => {
    const { zh, en } = line("MERGE_COPIED");
    expect(zh).toMatchInlineSnapshot(`"“评分A”：导入 12 个单元格。"`);
    expect(en).toMatchInlineSnapshot(`""评分A": 12 cell(s) imported."`);
  });

  it("MERGE_CONFLICTS", () => {
    const { zh, en } = line("MERGE_CONFLICTS");
    expect(zh).toMatchInlineSnapshot(`"2 个单元格两边都已填写且不一致，未覆盖（保留目标工作簿的值），请核对："`);
    expect(en).toMatchInlineSnapshot(
      `"2 cell(s) are filled on both sides with different values and were not overwritten (the target's value is kept); please check:"`,
    );
  });

  it("MERGE_CONFLICT (an entry of the list above it, indented)", () => {
    const { zh, en } = line("MERGE_CONFLICT");
    expect(zh).toMatchInlineSnapshot(`"  评分A!D5  支部 ZB01，项目 1.2：目标为“3”，导入文件为“2.5”"`);
    expect(en).toMatchInlineSnapshot(`"  评分A!D5  branch ZB01, item 1.2: the target holds "3", the imported file "2.5""`);
  });

  it("MERGE_BRANCHES_UNKNOWN", () => {
    const { zh, en } = line("MERGE_BRANCHES_UNKNOWN");
    expect(zh).toMatchInlineSnapshot(`"导入文件中有 2 个支部编码在目标的“评分A”中没有对应行，未导入：ZB98、ZB99"`);
    expect(en).toMatchInlineSnapshot(
      `"2 branch code(s) of the imported file have no row in the target's "评分A" and were not imported: ZB98, ZB99"`,
    );
  });

  it("MERGE_ITEMS_UNKNOWN", () => {
    const { zh, en } = line("MERGE_ITEMS_UNKNOWN");
    expect(zh).toMatchInlineSnapshot(`"导入文件中有 1 个项目编号在目标的“评分A”中没有对应列，未导入：X9"`);
    expect(en).toMatchInlineSnapshot(
      `"1 item code(s) of the imported file have no column in the target's "评分A" and were not imported: X9"`,
    );
  });

  it("MERGE_SKIPPED", () => {
    const { zh, en } = line("MERGE_SKIPPED");
    expect(zh).toMatchInlineSnapshot(`"3 个已填写的单元格未导入："`);
    expect(en).toMatchInlineSnapshot(`"3 filled cell(s) were not imported:"`);
  });

  it("MERGE_SKIP, for each reason", () => {
    const skip = (reason: MergeLineParams["MERGE_SKIP"]["reason"]) => line("MERGE_SKIP", { ...EXAMPLES.MERGE_SKIP, reason });
    expect(skip("date").zh).toMatchInlineSnapshot(`"  导入文件 评分A!C2：单元格是日期格式，未导入。请改为数字后重新导入。"`);
    expect(skip("no-branch-code").zh).toMatchInlineSnapshot(`"  导入文件 评分A!C2：这一行没有支部编码，未导入。"`);
    expect(skip("branch-repeated").zh).toMatchInlineSnapshot(`"  导入文件 评分A!C2：支部编码“ZB01”重复出现，只导入第一行。"`);
    expect(skip("date").en).toMatchInlineSnapshot(
      `"  imported file 评分A!C2: the cell is formatted as a date, so it was not imported. Change it to a number and import again."`,
    );
    expect(skip("no-branch-code").en).toMatchInlineSnapshot(
      `"  imported file 评分A!C2: the row has no branch code, so it was not imported."`,
    );
    expect(skip("branch-repeated").en).toMatchInlineSnapshot(
      `"  imported file 评分A!C2: the branch code "ZB01" appears again; only its first row was imported."`,
    );
  });

  it("MERGE_MORE", () => {
    const { zh, en } = line("MERGE_MORE");
    expect(zh).toMatchInlineSnapshot(`"  ……另有 5 项"`);
    expect(en).toMatchInlineSnapshot(`"  … and 5 more"`);
  });

  it("MERGE_NOTES_APPENDED", () => {
    const { zh, en } = line("MERGE_NOTES_APPENDED");
    expect(zh).toMatchInlineSnapshot(`"“扣分说明”：追加 1 行（目标中已有的相同说明不重复追加）。"`);
    expect(en).toMatchInlineSnapshot(`""扣分说明": 1 row(s) appended (notes the target already holds are not repeated)."`);
  });

  it("MERGE_NOTES_NOT_CARRIED", () => {
    const { zh, en } = line("MERGE_NOTES_NOT_CARRIED");
    expect(zh).toMatchInlineSnapshot(
      `"导入文件的“扣分说明”有 2 行，但目标工作簿没有可用的“扣分说明”表（表头：支部编码、项目编号、评分方、说明），未导入。"`,
    );
    expect(en).toMatchInlineSnapshot(
      `""扣分说明" of the imported file has 2 row(s), but the target has no usable "扣分说明" sheet (header: 支部编码, 项目编号, 评分方, 说明); they were not imported."`,
    );
  });
});
