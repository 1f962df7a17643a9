/**
 * Assessment workbooks for tests that need a real .xlsx input, built by the project's own
 * writers (`createWorkbook`, the demo's sample quarter): tests never read the shared contract
 * folder beside the checkout, so they pass on a fresh clone. The shared example workbooks are checked by CI's check-examples.
 */
import { sampleQuarter, sampleQuarterSheets, type SampleOptions } from "../../src/demo/sample-quarter.js";
import { createWorkbook } from "../../src/io/xlsx/writer.js";
import { defaultRules } from "../../src/model/default-rules.js";
import { inputSheets, type RosterEntry } from "../../src/template/input-sheets.js";

/** The sample quarter as a fresh .xlsx, as the demo writes it. Same options → same bytes. */
export function sampleWorkbook(options: SampleOptions = {}): Uint8Array {
  return createWorkbook(sampleQuarterSheets(sampleQuarter(options)));
}

/**
 * The demo's sample quarter cut to 16 branches: small disagreements, arbitrated disputes and
 * one still pending (so the result is 暂定, with a DISPUTE_PENDING error), a veto, bonus over
 * the cap, 自评 and 扣分说明. Row 4 of 评分A is ZB001 with numbers in C4:E4.
 */
export function provisionalWorkbook(): Uint8Array {
  return sampleWorkbook({ branches: PROVISIONAL_BRANCHES });
}
export const PROVISIONAL_BRANCHES = 16;

/** Six production branches both raters scored alike (one agreed deduction, explained): 正式, no error. */
export function finalWorkbook(): Uint8Array {
  const rules = defaultRules();
  const branches: RosterEntry[] = Array.from({ length: 6 }, (_, i) => ({
    code: `ZB00${i + 1}`,
    name: `第${"一二三四五六"[i]}党支部`,
    category: "生产类",
    unit: "炼钢厂",
  }));
  const score = (b: { code: string }, it: { type: string; code: string; max: number }) =>
    it.type === "veto" ? "否" : it.type === "bonus" ? 0 : it.max / 100 - (b.code === "ZB002" && it.code === "1.1" ? 1 : 0);
  return createWorkbook(
    inputSheets({
      settings: { period: "2026Q3" },
      rules,
      branches,
      a: score,
      b: score,
      notes: [
        { branch: "ZB002", item: "1.1", rater: "A", note: "第一议题学习记录缺两次，扣1分" },
        { branch: "ZB002", item: "1.1", rater: "B", note: "第一议题学习记录不全，扣1分" },
      ],
    }),
  );
}
